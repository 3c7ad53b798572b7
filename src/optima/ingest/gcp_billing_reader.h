// GcpBillingReader ("gcp-billing"): Google Cloud's billing export to BigQuery — the standard or
// the detailed (resource-level) usage cost table — extracted as JSON lines (.jsonl/.json,
// optionally .gz), converted to FOCUS 1.2 (mapping: gcp_focus_mapper.h; every row is kept,
// re-exported ones included: gcp_export_ingest.h). Thread-safe (stateless).
#pragma once

#include <memory>

#include "optima/ingest/reader.h"

namespace optima::ingest {

class GcpBillingReader : public Reader {
 public:
  std::string_view name() const override { return "gcp-billing"; }
  std::string_view description() const override {
    return "Google Cloud billing export (BigQuery standard or detailed usage cost) as JSON lines";
  }
  // True when the first line is a JSON object with billing_account_id and another export field.
  bool detect(const DetectInput& input) const override;
  // One unit holding every file: they are parts of one export table (BigQuery shards large
  // extracts; later extracts add late rows), read and reported together. Every row of every file
  // is kept, so the grouping changes no totals.
  std::vector<InputUnit> plan(const std::vector<std::filesystem::path>& files,
                              std::vector<std::string>* notes) const override;
  core::Status read(const InputUnit& unit, const ReadOptions& options, TableSink& sink,
                    ReadReport* report) const override;
};

// For the registry.
std::unique_ptr<Reader> make_gcp_billing_reader();

}  // namespace optima::ingest
