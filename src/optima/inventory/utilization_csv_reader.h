// UtilizationCsvReader: utilization samples as plain CSV, one sample per line:
//   resource_id,timestamp,metric,value[,statistic]
// (the demo estate's utilization/samples.csv). Columns are found by header name in any order;
// `statistic` is optional ("average" when absent). Consecutive lines of one resource form its
// series, so a file grouped by resource streams with one resource in memory; lines of a resource
// that reappears later become extra parts the store merges. Plain or gzip files.
//
// Errors name file, line and column: "samples.csv: line 12, column value: expected a number,
// found 'n/a'".
#pragma once

#include <memory>

#include "optima/inventory/inventory_reader.h"

namespace optima::inventory {

std::unique_ptr<InventoryReader> make_utilization_csv_reader();

}  // namespace optima::inventory
