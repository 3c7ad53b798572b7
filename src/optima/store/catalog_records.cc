#include "optima/store/catalog_records.h"

namespace optima::store {

std::string_view job_status_name(JobStatus status) {
  switch (status) {
    case JobStatus::kSucceeded: return "succeeded";
    case JobStatus::kFailed: return "failed";
  }
  return "failed";
}

std::string_view partition_change_name(PartitionChange change) {
  switch (change) {
    case PartitionChange::kNew: return "new";
    case PartitionChange::kReplaced: return "replaced";
    case PartitionChange::kUnchanged: return "unchanged";
  }
  return "unchanged";
}

nlohmann::json partition_json(const PartitionInfo& p) {
  auto time_text = [](int64_t seconds) { return core::format_iso8601({seconds}); };
  nlohmann::json j = {{"id", p.id},
                      {"source", p.source},
                      {"billing_period_start", core::format_iso8601(p.period.start)},
                      {"billing_period_end", core::format_iso8601(p.period.end)},
                      {"version", p.version},
                      {"rows", p.rows},
                      {"bytes", p.bytes},
                      {"content_hash", p.content_hash},
                      {"job_id", p.job_id},
                      {"created_at", time_text(p.created_at)}};
  j["superseded_at"] = p.superseded_at ? nlohmann::json(time_text(*p.superseded_at)) : nullptr;
  return j;
}

}  // namespace optima::store
