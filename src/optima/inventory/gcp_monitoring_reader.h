// GcpMonitoringReader: Cloud Monitoring timeSeries.list responses ({timeSeries: [{metric: {type,
// labels}, resource: {type, labels}, metricKind, valueType, points: [{interval: {startTime,
// endTime}, value: {doubleValue | int64Value}}]}], nextPageToken}). Sample time is the point's
// interval endTime. gce_instance series get the billing global name
// //compute.googleapis.com/projects/<project_id>/zones/<zone>/instances/<instance_id>;
// cloudsql_database //cloudsql.googleapis.com/projects/<project>/instances/<name>. CPU
// utilization (a 0..1 fraction) becomes cpu_percent (× 100).
#pragma once

#include <memory>

#include "optima/inventory/inventory_reader.h"

namespace optima::inventory {

std::unique_ptr<InventoryReader> make_gcp_monitoring_reader();

}  // namespace optima::inventory
