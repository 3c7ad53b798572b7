// Maps boto3 responses of the AWS describe/list operations to inventory Resources. Each function
// reads the response's `data` object and appends the resources it describes; a missing required
// field or a wrong type is an InvalidArgument naming the file and JSON path.
//
// Resource ids follow the CUR lineItem/ResourceId: instance, volume, snapshot and allocation ids,
// the RDS DBInstanceArn, the ALB/NLB LoadBalancerArn, the bucket name, the NAT gateway id; a
// classic ELB has no ARN in its response, so its id is its name.
#pragma once

#include <vector>

#include "optima/core/status.h"
#include "optima/inventory/json_view.h"
#include "optima/inventory/resource.h"

namespace optima::inventory {

core::Status map_ec2_instances(const JsonView& data, std::vector<Resource>* out);
core::Status map_ec2_volumes(const JsonView& data, std::vector<Resource>* out);
core::Status map_ec2_snapshots(const JsonView& data, std::vector<Resource>* out);
core::Status map_ec2_addresses(const JsonView& data, std::vector<Resource>* out);
core::Status map_ec2_nat_gateways(const JsonView& data, std::vector<Resource>* out);
// Classic (LoadBalancerDescriptions) and v2 (LoadBalancers) responses.
core::Status map_load_balancers(const JsonView& data, std::vector<Resource>* out);
core::Status map_rds_instances(const JsonView& data, std::vector<Resource>* out);
core::Status map_s3_buckets(const JsonView& data, std::vector<Resource>* out);

// "us-east-1" for the availability zone "us-east-1a" (local zones keep their name minus the
// last letter too); "" for "".
std::string region_of_zone(const std::string& zone);

// boto3 tag lists [{"Key": k, "Value": v}] (member `key` of `object`, absent = no tags).
core::Status read_aws_tags(const JsonView& object, std::string_view key,
                           std::map<std::string, std::string>* tags);

}  // namespace optima::inventory
