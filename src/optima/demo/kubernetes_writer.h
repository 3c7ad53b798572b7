// The shared Kubernetes cluster (EKS "platform-prod" in the shared-k8s account) in a simple
// JSON + CSV form:
//
//   kubernetes/<cluster>/cluster.json  {"cluster":{…}, "nodes":[…], "namespaces":[…],
//                                       "workloads":[…]} — nodes carry their EC2 instance id
//                                       (the billing ResourceId) and capacity/allocatable;
//                                       workloads carry replicas, per-container requests and
//                                       limits, and their pods' node placement
//   kubernetes/<cluster>/usage.csv     timestamp,namespace,pod,container,cpu_cores,memory_bytes
//                                       hourly over the last 30 days
//   truth/kubernetes.json              each workload's planted usage profile and the expected
//                                       finding (over-requested, hot, idle, right-sized)
//
// Quantities use Kubernetes notation in cluster.json ("500m", "2Gi"); usage.csv uses cores and
// bytes.
#pragma once

#include <filesystem>
#include <vector>

#include "optima/core/status.h"
#include "optima/demo/estate.h"
#include "optima/demo/file_info.h"

namespace optima::demo {

// Errors: IoError.
core::Status write_kubernetes(const Estate& estate, const std::filesystem::path& root,
                              std::vector<FileInfo>* files);

}  // namespace optima::demo
