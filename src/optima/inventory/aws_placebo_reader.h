// AwsPlaceboReader: boto3 responses recorded in Cloud Custodian's placebo layout (see
// placebo_file.h). Reads EC2 DescribeInstances/Volumes/Snapshots/Addresses/NatGateways,
// elasticloadbalancing DescribeLoadBalancers (classic and v2) with DescribeTargetGroups +
// DescribeTargetHealth and DescribeInstanceHealth, RDS DescribeDBInstances, S3 ListBuckets and
// CloudWatch GetMetricStatistics / GetMetricData. Other operations are skipped and listed.
//
// CloudWatch responses do not name their resource. Custodian-style recordings call CloudWatch
// once per resource in the order the resources were described, so call n of a folder is
// attributed to resource n among the folder's resources of the kinds the metric applies to
// (cycling when there are more calls than resources); a GetMetricData label that names a
// resource id wins. Calls with no candidate resource are skipped and listed.
#pragma once

#include <memory>

#include "optima/inventory/inventory_reader.h"

namespace optima::inventory {

std::unique_ptr<InventoryReader> make_aws_placebo_reader();

}  // namespace optima::inventory
