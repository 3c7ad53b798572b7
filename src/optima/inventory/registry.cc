#include "optima/inventory/registry.h"

#include "optima/inventory/aws_placebo_reader.h"
#include "optima/inventory/azure_monitor_reader.h"
#include "optima/inventory/azure_resource_graph_reader.h"
#include "optima/inventory/gcp_asset_reader.h"
#include "optima/inventory/gcp_monitoring_reader.h"
#include "optima/inventory/utilization_csv_reader.h"

namespace optima::inventory {
namespace {

using ReaderFactory = std::unique_ptr<InventoryReader> (*)();

// Detection order: readers that recognise a file by its name pattern first.
constexpr ReaderFactory kReaderFactories[] = {
    &make_aws_placebo_reader,
    &make_azure_resource_graph_reader,
    &make_gcp_asset_reader,
    &make_azure_monitor_reader,
    &make_gcp_monitoring_reader,
    &make_utilization_csv_reader,
};

}  // namespace

const std::vector<std::unique_ptr<InventoryReader>>& all_inventory_readers() {
  static const std::vector<std::unique_ptr<InventoryReader>> readers = [] {
    std::vector<std::unique_ptr<InventoryReader>> out;
    for (ReaderFactory factory : kReaderFactories) out.push_back(factory());
    return out;
  }();
  return readers;
}

const InventoryReader* find_inventory_reader(std::string_view name) {
  for (const auto& reader : all_inventory_readers()) {
    if (reader->name() == name) return reader.get();
  }
  return nullptr;
}

}  // namespace optima::inventory
