// FocusCsvWriter: charges as FOCUS 1.2 CSV — the 57 FOCUS columns in specification order, one
// file per provider and billing month:
//
//   billing/focus/<provider>/focus-1.2-<YYYYMM>.csv
//
// Used for the Oracle Cloud part of the native estate (OCI publishes FOCUS reports) and, in
// `--formats focus` mode, for every provider (benchmark data). Nulls are empty cells; Tags and
// SkuPriceDetails are JSON objects in one cell. Commitments follow the FOCUS amortization
// rules: purchases have EffectiveCost 0, covered usage BilledCost 0, unused commitment is a
// Usage row with CommitmentDiscountStatus "Unused".
//
// FocusText holds the per-resource and per-SKU cell text the writers share; build it once and
// share it read-only across threads. FocusCsvWriter is not thread-safe; one per file.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "optima/demo/billing_writer.h"
#include "optima/demo/estate.h"
#include "optima/demo/output_file.h"

namespace optima::demo {

struct FocusText {
  std::vector<std::string> tags;           // per resource: CSV cell holding the Tags JSON
  std::vector<std::string> price_details;  // per SKU: CSV cell holding SkuPriceDetails
  static std::shared_ptr<const FocusText> build(const Estate& estate);
};

class FocusCsvWriter : public BillingWriter {
 public:
  FocusCsvWriter(const Estate& estate, std::shared_ptr<const FocusText> text,
                 std::filesystem::path root, Cloud cloud, uint32_t period);
  ~FocusCsvWriter() override;

  core::Status consume(const Charge& charge) override;
  core::Status finish() override;

  // billing/focus/<provider>/focus-1.2-<YYYYMM>.csv, relative to the output directory.
  static std::filesystem::path relative_path(const Estate& estate, Cloud cloud, uint32_t period);

 private:
  core::Status open();
  void append_time(Timestamp t);

  const Estate& estate_;
  std::shared_ptr<const FocusText> text_;
  std::filesystem::path root_;
  Cloud cloud_;
  uint32_t period_;
  std::unique_ptr<OutputFile> file_;
  std::string buffer_;
  std::string billing_period_;  // "start,end" cells, constant for the file
  std::string invoice_id_;
  // Cache of the last formatted timestamp (rows of one period share it).
  Timestamp cached_time_{-1};
  std::string cached_text_;
};

}  // namespace optima::demo
