// AzureResourceGraphReader: Azure Resource Graph query results as the REST API returns them
// ({totalRecords, count, data, facets, resultTruncated, $skipToken}); `data` is an array of row
// objects, or the older table form {columns: [{name, type}], rows: [[...]]}. Each row with `id`
// and `type` becomes a Resource; its `id` (the ARM id, case preserved) is the billing ResourceId.
// Pages (resource-graph-<n>.json) are read in name order.
#pragma once

#include <memory>

#include "optima/inventory/inventory_reader.h"

namespace optima::inventory {

std::unique_ptr<InventoryReader> make_azure_resource_graph_reader();

}  // namespace optima::inventory
