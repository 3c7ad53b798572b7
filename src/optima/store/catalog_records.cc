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

}  // namespace optima::store
