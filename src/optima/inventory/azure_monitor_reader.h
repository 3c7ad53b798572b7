// AzureMonitorReader: Azure Monitor metrics REST responses (GET {resourceId}/providers/
// Microsoft.Insights/metrics): {timespan, interval, value: [{id, name: {value}, unit,
// timeseries: [{data: [{timeStamp, average, maximum, minimum, total, count}]}]}]}. The resource
// id is the metric id up to "/providers/Microsoft.Insights/metrics/"; Azure metric names map to
// ours ("Percentage CPU" -> cpu_percent); each aggregation present becomes its own series
// ("total" -> statistic "sum").
#pragma once

#include <memory>

#include "optima/inventory/inventory_reader.h"

namespace optima::inventory {

std::unique_ptr<InventoryReader> make_azure_monitor_reader();

// Seconds in an ISO-8601 duration of days, hours, minutes and seconds ("PT5M" -> 300,
// "P1D" -> 86400), or nullopt.
std::optional<int64_t> parse_iso8601_duration(std::string_view text);

}  // namespace optima::inventory
