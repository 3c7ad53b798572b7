// Inventory of the estate at the end of the window, in the shapes the clouds' APIs return:
//
//   inventory/aws/<account>/<region>/ec2.DescribeInstances_<n>.json   recorded boto3 responses
//   inventory/aws/<account>/<region>/ec2.DescribeVolumes_<n>.json     in Cloud Custodian's
//   inventory/aws/<account>/<region>/ec2.DescribeAddresses_<n>.json   "placebo" layout:
//   inventory/aws/<account>/<region>/rds.DescribeDBInstances_<n>.json {"status_code":200,"data":…}
//   inventory/azure/resource-graph-<n>.json   Azure Resource Graph query results (REST shape,
//                                             1000 rows per page, $skipToken between pages)
//   inventory/gcp/cloud-asset-inventory.jsonl Cloud Asset Inventory export (content type
//                                             RESOURCE), one asset per line
//
// Ids match the billing rows: EC2 instance/volume ids and RDS ARNs' names, Azure ARM ids
// (identical to the cost exports' ResourceId), and for Google the numeric resource.data.id that
// ends the billing resource.global_name.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "optima/core/status.h"
#include "optima/demo/estate.h"
#include "optima/demo/file_info.h"

namespace optima::demo {

// Errors: IoError.
core::Status write_inventory(const Estate& estate, const std::filesystem::path& root,
                             std::vector<FileInfo>* files);

// The private IPv4 address an AWS instance reports (its Kubernetes node name derives from it).
std::string aws_private_ip(const Estate& estate, const Resource& resource);
// "ip-10-1-2-3.ec2.internal": the instance's PrivateDnsName.
std::string aws_private_dns(const Estate& estate, const Resource& resource);

}  // namespace optima::demo
