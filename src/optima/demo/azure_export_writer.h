// AzureExportWriter: one billing month of Azure Cost Management "cost details" exports for
// both agreements of the estate, each as an actual-cost and an amortized-cost file:
//
//   billing/azure/ea/northwind-ea-actual/<yyyymmdd-yyyymmdd>/northwind-ea-actual_<guid>.csv
//   billing/azure/ea/northwind-ea-amortized/...     (Enterprise Agreement, PascalCase headers,
//                                                    schema 2024-08-01, UTF-8 BOM)
//   billing/azure/mca/northwind-mca-actual/...      (Microsoft Customer Agreement, camelCase
//   billing/azure/mca/northwind-mca-amortized/...    headers, schema 2023-12-01-preview)
//
// The folder's end date is the month's last day (inclusive, as Azure names it). Dates are
// MM/DD/YYYY; Tags are JSON pairs without the outer braces. The actual file carries commitment
// purchases and refunds and shows covered usage at cost 0; the amortized file drops the
// purchases, prices covered usage at its amortized share and adds UnusedReservation /
// UnusedSavingsPlan rows. Not thread-safe; one writer per month.
#pragma once

#include <array>
#include <filesystem>
#include <memory>
#include <string>

#include "optima/demo/billing_writer.h"
#include "optima/demo/csv_row.h"
#include "optima/demo/estate.h"
#include "optima/demo/output_file.h"

namespace optima::demo {

class AzureExportWriter : public BillingWriter {
 public:
  AzureExportWriter(const Estate& estate, std::filesystem::path root, uint32_t period);
  ~AzureExportWriter() override;

  core::Status consume(const Charge& charge) override;
  core::Status finish() override;

  // Export names (they contain "actual" / "amortized").
  static std::string export_name(AzureAgreement agreement, bool amortized);

 private:
  struct Output {
    std::unique_ptr<OutputFile> file;
    std::filesystem::path relative;
    uint64_t rows = 0;
  };
  core::Status write(AzureAgreement agreement, bool amortized);
  core::Status open(AzureAgreement agreement, bool amortized);
  void fill_usage(const Charge& ch, bool amortized);
  void fill_commitment_row(const Charge& ch);
  void fill_common(const Charge& ch);
  static size_t slot(AzureAgreement agreement, bool amortized);

  const Estate& estate_;
  std::filesystem::path root_;
  uint32_t period_;
  CsvRow row_;
  std::array<Output, 4> outputs_;
  std::string buffer_;
};

}  // namespace optima::demo
