#include "optima/ingest/gcp_billing_csv_reader.h"

#include <algorithm>

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/ingest/gcp_csv_row_source.h"
#include "optima/ingest/gcp_export_ingest.h"

namespace optima::ingest {

bool GcpBillingCsvReader::detect(const DetectInput& input) const {
  for (std::string_view required : GcpCsvRowSource::kRequiredColumns) {
    const bool present =
        std::any_of(input.header.begin(), input.header.end(),
                    [&](const std::string& name) { return core::trim(name) == required; });
    if (!present) return false;
  }
  return true;
}

std::vector<InputUnit> GcpBillingCsvReader::plan(const std::vector<std::filesystem::path>& files,
                                                 std::vector<std::string>* /*notes*/) const {
  if (files.empty()) return {};
  std::vector<std::filesystem::path> sorted = files;
  std::sort(sorted.begin(), sorted.end());
  std::string label = fmt::format("Google Cloud billing export ({} koku CSV file{})", sorted.size(),
                                  sorted.size() == 1 ? "" : "s");
  return {InputUnit{std::string(name()), std::move(sorted), std::move(label)}};
}

core::Status GcpBillingCsvReader::read(const InputUnit& unit, const ReadOptions& options,
                                       TableSink& sink, ReadReport* report) const {
  auto open = [&options](const std::filesystem::path& path) {
    return GcpCsvRowSource::open(path, options.null_literals);
  };
  return ingest_gcp_export(unit.files, open, options, sink, report);
}

std::unique_ptr<Reader> make_gcp_billing_csv_reader() {
  return std::make_unique<GcpBillingCsvReader>();
}

}  // namespace optima::ingest
