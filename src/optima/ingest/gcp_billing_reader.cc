#include "optima/ingest/gcp_billing_reader.h"

#include <algorithm>

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/ingest/gcp_export_ingest.h"
#include "optima/ingest/gcp_json_row_source.h"

namespace optima::ingest {

bool GcpBillingReader::detect(const DetectInput& input) const {
  std::string_view head = core::strip_utf8_bom(input.head);
  const size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || head[start] != '{') return false;
  head = head.substr(start);
  head = head.substr(0, head.find('\n'));
  if (head.find("\"billing_account_id\"") == std::string_view::npos) return false;
  for (std::string_view field : {"\"cost\"", "\"sku\"", "\"usage_start_time\"", "\"invoice\"",
                                 "\"service\"", "\"export_time\""}) {
    if (head.find(field) != std::string_view::npos) return true;
  }
  return false;
}

std::vector<InputUnit> GcpBillingReader::plan(const std::vector<std::filesystem::path>& files,
                                              std::vector<std::string>* /*notes*/) const {
  if (files.empty()) return {};
  std::vector<std::filesystem::path> sorted = files;
  std::sort(sorted.begin(), sorted.end());
  std::string label = fmt::format("Google Cloud billing export ({} JSON lines file{})",
                                  sorted.size(), sorted.size() == 1 ? "" : "s");
  return {InputUnit{std::string(name()), std::move(sorted), std::move(label)}};
}

core::Status GcpBillingReader::read(const InputUnit& unit, const ReadOptions& options,
                                    TableSink& sink, ReadReport* report) const {
  return ingest_gcp_export(unit.files, &GcpJsonRowSource::open, options, sink, report);
}

std::unique_ptr<Reader> make_gcp_billing_reader() {
  return std::make_unique<GcpBillingReader>();
}

}  // namespace optima::ingest
