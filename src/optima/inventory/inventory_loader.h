// load_inventory: reads files and folders of inventory and utilization into a sink. Each folder's
// files are grouped by the registered reader that detects them and read as one recording; files
// no reader recognises are skipped and listed. Folders are walked recursively, in name order.
#pragma once

#include <filesystem>
#include <vector>

#include "optima/core/status.h"
#include "optima/inventory/inventory_sink.h"

namespace optima::inventory {

// Errors: a path that does not exist (NotFound), unreadable files, any reader's error (the first
// one, naming file and JSON path or CSV line), or paths that hold nothing any reader recognises
// (InvalidArgument). The sink may have received part of the input when an error is returned.
core::Status load_inventory(const std::vector<std::filesystem::path>& paths, InventorySink* sink);

}  // namespace optima::inventory
