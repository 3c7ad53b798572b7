// The inventory reader registry: every inventory and utilization reader, listed explicitly in
// registry.cc (no self-registration). Detection tries them in order; the table also drives
// --help. Thread-safe: readers are immutable.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "optima/inventory/inventory_reader.h"

namespace optima::inventory {

const std::vector<std::unique_ptr<InventoryReader>>& all_inventory_readers();
const InventoryReader* find_inventory_reader(std::string_view name);

}  // namespace optima::inventory
