// Utilization samples for the estate's machines (VMs, scale sets, managed databases) over the
// last 30 days, hourly, as one plain CSV:
//
//   utilization/samples.csv   resource_id,timestamp,metric,value
//
// resource_id is the billing ResourceId; metrics are cpu_percent, memory_percent (0-100, two
// decimals) and network_out_bytes (per hour). Samples exist only for hours the machine ran.
// Values follow the planted profile in truth/resources.json (idle, oversized, right-sized,
// busy), with a daily rhythm and seeded noise; integer arithmetic keeps them reproducible.
#pragma once

#include <filesystem>
#include <vector>

#include "optima/core/status.h"
#include "optima/demo/estate.h"
#include "optima/demo/file_info.h"

namespace optima::demo {

inline constexpr int kUtilizationDays = 30;

// Errors: IoError.
core::Status write_utilization(const Estate& estate, const std::filesystem::path& root,
                               std::vector<FileInfo>* files);

}  // namespace optima::demo
