// The ground truth of what the generator planted, for the analysis features to be scored on:
//
//   truth/anomalies.json   each injected anomaly: kind, start, end, expected extra cost per
//                          day (exact decimal, BilledCost), root-cause dimensions, resources
//   truth/resources.json   machines with their planted utilization profile and the expected
//                          rightsizing finding, waste (unattached disks, idle addresses, stopped
//                          machines), commitments, and the billing id <-> inventory id mapping
#pragma once

#include <filesystem>
#include <vector>

#include "optima/core/status.h"
#include "optima/demo/estate.h"
#include "optima/demo/file_info.h"

namespace optima::demo {

// Writes both files under root/truth. Errors: IoError.
core::Status write_truth(const Estate& estate, const std::filesystem::path& root,
                         std::vector<FileInfo>* files);

// The instant inventory and utilization describe: one hour before the data end.
Timestamp inventory_time(const Estate& estate);
// True when the resource exists at inventory_time().
bool in_inventory(const Estate& estate, const Resource& resource);

}  // namespace optima::demo
