// GcpBillingCsvReader ("gcp-billing-csv"): koku's flattened CSV of Google Cloud's billing
// export (dotted column names, Python-repr credits and labels; see gcp_csv_row_source.h),
// converted to FOCUS 1.2 exactly as the JSON lines reader converts the nested export.
// Thread-safe (stateless).
#pragma once

#include <memory>

#include "optima/ingest/reader.h"

namespace optima::ingest {

class GcpBillingCsvReader : public Reader {
 public:
  std::string_view name() const override { return "gcp-billing-csv"; }
  std::string_view description() const override {
    return "Google Cloud billing export flattened to CSV with dotted column names (koku)";
  }
  // True when the header has every GcpCsvRowSource::kRequiredColumns.
  bool detect(const DetectInput& input) const override;
  // One unit holding every file, as for the JSON lines reader.
  std::vector<InputUnit> plan(const std::vector<std::filesystem::path>& files,
                              std::vector<std::string>* notes) const override;
  core::Status read(const InputUnit& unit, const ReadOptions& options, TableSink& sink,
                    ReadReport* report) const override;
};

// For the registry.
std::unique_ptr<Reader> make_gcp_billing_csv_reader();

}  // namespace optima::ingest
