#include "optima/inventory/aws_resource_mapper.h"

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/inventory/placebo_file.h"

namespace optima::inventory {
namespace {

// Copies member `key` (any scalar) into attributes[name] when present.
core::Status copy_attribute(const JsonView& object, std::string_view key, const std::string& name,
                            Resource* r) {
  OPTIMA_ASSIGN_OR_RETURN(std::string value, object.text_or_empty(key));
  if (!value.empty()) r->attributes[name] = std::move(value);
  return core::Status::ok();
}

core::Status read_created(const JsonView& object, std::string_view key, Resource* r) {
  // Some recordings scrub datetimes to {}: unknown, like an absent field.
  if (std::optional<JsonView> when = object.find(key); when && !(when->is_object() && when->size() == 0)) {
    OPTIMA_ASSIGN_OR_RETURN(core::Timestamp t, placebo_datetime(*when));
    r->created_at = t;
  }
  return core::Status::ok();
}

Resource base(std::string_view file, ResourceKind kind) {
  Resource r;
  r.provider = "AWS";
  r.kind = kind;
  r.source_file = std::string(file);
  return r;
}

// Iterates the array member `key` of `data` (required), calling fn(element).
template <typename Fn>
core::Status for_each_element(const JsonView& data, std::string_view key, Fn fn) {
  OPTIMA_ASSIGN_OR_RETURN(JsonView array, data.at(key));
  OPTIMA_RETURN_IF_ERROR(array.expect_array());
  for (size_t i = 0; i < array.size(); ++i) {
    JsonView element = array.element(i);
    OPTIMA_RETURN_IF_ERROR(element.expect_object());
    OPTIMA_RETURN_IF_ERROR(fn(element));
  }
  return core::Status::ok();
}

core::Status map_instance(const JsonView& item, const std::string& owner, std::vector<Resource>* out) {
  Resource r = base(item.file(), ResourceKind::kVirtualMachine);
  OPTIMA_ASSIGN_OR_RETURN(r.resource_id, item.string_at("InstanceId"));
  OPTIMA_ASSIGN_OR_RETURN(r.type, item.string_at("InstanceType"));
  OPTIMA_ASSIGN_OR_RETURN(JsonView state, item.at("State"));
  OPTIMA_ASSIGN_OR_RETURN(std::string state_name, state.string_at("Name"));
  r.state = core::to_lower_ascii(state_name);
  r.account_id = owner;
  OPTIMA_RETURN_IF_ERROR(read_created(item, "LaunchTime", &r));
  if (std::optional<JsonView> placement = item.find("Placement")) {
    OPTIMA_ASSIGN_OR_RETURN(r.zone, placement->string_or_empty("AvailabilityZone"));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(*placement, "Tenancy", "tenancy", &r));
  }
  r.region = region_of_zone(r.zone);
  OPTIMA_RETURN_IF_ERROR(read_aws_tags(item, "Tags", &r.tags));
  if (auto name = r.tags.find("Name"); name != r.tags.end()) r.name = name->second;
  // boto3 omits Platform for Linux; PlatformDetails ("Linux/UNIX") is newer and not always present.
  OPTIMA_ASSIGN_OR_RETURN(std::string platform, item.string_or_empty("Platform"));
  r.attributes["platform"] = platform.empty() ? "linux" : core::to_lower_ascii(platform);
  OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "PlatformDetails", "platform_details", &r));
  OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "Architecture", "architecture", &r));
  OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "PublicIpAddress", "public_ip", &r));
  OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "PrivateDnsName", "private_dns_name", &r));
  OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "ImageId", "image_id", &r));
  OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "InstanceLifecycle", "lifecycle", &r));
  OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "EbsOptimized", "ebs_optimized", &r));
  if (std::optional<JsonView> cpu = item.find("CpuOptions")) {
    OPTIMA_RETURN_IF_ERROR(copy_attribute(*cpu, "CoreCount", "cpu_cores", &r));
  }
  OPTIMA_ASSIGN_OR_RETURN(std::optional<JsonView> mappings, item.optional_array("BlockDeviceMappings"));
  if (mappings) {
    std::vector<std::string> volumes;
    for (size_t i = 0; i < mappings->size(); ++i) {
      JsonView mapping = mappings->element(i);
      OPTIMA_RETURN_IF_ERROR(mapping.expect_object());
      if (std::optional<JsonView> ebs = mapping.find("Ebs")) {
        OPTIMA_ASSIGN_OR_RETURN(std::string volume, ebs->string_at("VolumeId"));
        volumes.push_back(std::move(volume));
      }
    }
    if (!volumes.empty()) r.attributes["volume_ids"] = core::join(volumes, ",");
  }
  out->push_back(std::move(r));
  return core::Status::ok();
}

}  // namespace

std::string region_of_zone(const std::string& zone) {
  if (zone.empty()) return zone;
  const char last = zone.back();
  return (last >= 'a' && last <= 'z') ? zone.substr(0, zone.size() - 1) : zone;
}

core::Status read_aws_tags(const JsonView& object, std::string_view key,
                           std::map<std::string, std::string>* tags) {
  OPTIMA_ASSIGN_OR_RETURN(std::optional<JsonView> list, object.optional_array(key));
  if (!list) return core::Status::ok();
  for (size_t i = 0; i < list->size(); ++i) {
    JsonView tag = list->element(i);
    OPTIMA_ASSIGN_OR_RETURN(std::string k, tag.string_at("Key"));
    OPTIMA_ASSIGN_OR_RETURN(std::string v, tag.string_or_empty("Value"));
    (*tags)[std::move(k)] = std::move(v);
  }
  return core::Status::ok();
}

core::Status map_ec2_instances(const JsonView& data, std::vector<Resource>* out) {
  return for_each_element(data, "Reservations", [&](const JsonView& reservation) -> core::Status {
    OPTIMA_ASSIGN_OR_RETURN(std::string owner, reservation.string_or_empty("OwnerId"));
    return for_each_element(reservation, "Instances", [&](const JsonView& item) {
      return map_instance(item, owner, out);
    });
  });
}

core::Status map_ec2_volumes(const JsonView& data, std::vector<Resource>* out) {
  return for_each_element(data, "Volumes", [&](const JsonView& item) -> core::Status {
    Resource r = base(item.file(), ResourceKind::kDisk);
    OPTIMA_ASSIGN_OR_RETURN(r.resource_id, item.string_at("VolumeId"));
    OPTIMA_ASSIGN_OR_RETURN(r.type, item.string_or_empty("VolumeType"));
    OPTIMA_ASSIGN_OR_RETURN(r.state, item.string_or_empty("State"));
    OPTIMA_ASSIGN_OR_RETURN(r.zone, item.string_or_empty("AvailabilityZone"));
    r.region = region_of_zone(r.zone);
    OPTIMA_RETURN_IF_ERROR(read_created(item, "CreateTime", &r));
    OPTIMA_RETURN_IF_ERROR(read_aws_tags(item, "Tags", &r.tags));
    if (auto name = r.tags.find("Name"); name != r.tags.end()) r.name = name->second;
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "Size", "size_gb", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "Iops", "iops", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "Throughput", "throughput_mbps", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "Encrypted", "encrypted", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "SnapshotId", "snapshot_id", &r));
    OPTIMA_ASSIGN_OR_RETURN(std::optional<JsonView> attachments, item.optional_array("Attachments"));
    if (attachments && attachments->size() > 0) {
      JsonView first = attachments->element(0);
      OPTIMA_RETURN_IF_ERROR(copy_attribute(first, "InstanceId", "attached_to", &r));
      OPTIMA_RETURN_IF_ERROR(copy_attribute(first, "Device", "device", &r));
    }
    out->push_back(std::move(r));
    return core::Status::ok();
  });
}

core::Status map_ec2_snapshots(const JsonView& data, std::vector<Resource>* out) {
  return for_each_element(data, "Snapshots", [&](const JsonView& item) -> core::Status {
    Resource r = base(item.file(), ResourceKind::kSnapshot);
    OPTIMA_ASSIGN_OR_RETURN(r.resource_id, item.string_at("SnapshotId"));
    OPTIMA_ASSIGN_OR_RETURN(r.state, item.string_or_empty("State"));
    OPTIMA_ASSIGN_OR_RETURN(r.account_id, item.text_or_empty("OwnerId"));
    OPTIMA_RETURN_IF_ERROR(read_created(item, "StartTime", &r));
    OPTIMA_RETURN_IF_ERROR(read_aws_tags(item, "Tags", &r.tags));
    if (auto name = r.tags.find("Name"); name != r.tags.end()) r.name = name->second;
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "VolumeId", "volume_id", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "VolumeSize", "size_gb", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "StorageTier", "storage_tier", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "Encrypted", "encrypted", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "Description", "description", &r));
    out->push_back(std::move(r));
    return core::Status::ok();
  });
}

core::Status map_ec2_addresses(const JsonView& data, std::vector<Resource>* out) {
  return for_each_element(data, "Addresses", [&](const JsonView& item) -> core::Status {
    Resource r = base(item.file(), ResourceKind::kPublicIp);
    OPTIMA_ASSIGN_OR_RETURN(std::string public_ip, item.string_at("PublicIp"));
    OPTIMA_ASSIGN_OR_RETURN(std::string allocation, item.string_or_empty("AllocationId"));
    // EC2-Classic addresses have no allocation id; their public IP is the id.
    r.resource_id = allocation.empty() ? public_ip : allocation;
    r.native_id = public_ip;
    r.attributes["public_ip"] = public_ip;
    OPTIMA_RETURN_IF_ERROR(read_aws_tags(item, "Tags", &r.tags));
    if (auto name = r.tags.find("Name"); name != r.tags.end()) r.name = name->second;
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "AssociationId", "association_id", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "InstanceId", "attached_to", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "NetworkInterfaceId", "network_interface_id", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "Domain", "domain", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "NetworkBorderGroup", "network_border_group", &r));
    r.region = r.attributes.count("network_border_group") ? r.attributes["network_border_group"] : "";
    r.state = r.attributes.count("association_id") || r.attributes.count("attached_to") ? "associated"
                                                                                        : "unassociated";
    out->push_back(std::move(r));
    return core::Status::ok();
  });
}

core::Status map_ec2_nat_gateways(const JsonView& data, std::vector<Resource>* out) {
  return for_each_element(data, "NatGateways", [&](const JsonView& item) -> core::Status {
    Resource r = base(item.file(), ResourceKind::kNatGateway);
    OPTIMA_ASSIGN_OR_RETURN(r.resource_id, item.string_at("NatGatewayId"));
    OPTIMA_ASSIGN_OR_RETURN(r.state, item.string_or_empty("State"));
    OPTIMA_RETURN_IF_ERROR(read_created(item, "CreateTime", &r));
    OPTIMA_RETURN_IF_ERROR(read_aws_tags(item, "Tags", &r.tags));
    if (auto name = r.tags.find("Name"); name != r.tags.end()) r.name = name->second;
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "VpcId", "vpc_id", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "SubnetId", "subnet_id", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "ConnectivityType", "connectivity_type", &r));
    out->push_back(std::move(r));
    return core::Status::ok();
  });
}

core::Status map_load_balancers(const JsonView& data, std::vector<Resource>* out) {
  if (data.find("LoadBalancerDescriptions")) {
    return for_each_element(data, "LoadBalancerDescriptions", [&](const JsonView& item) -> core::Status {
      Resource r = base(item.file(), ResourceKind::kLoadBalancer);
      OPTIMA_ASSIGN_OR_RETURN(r.resource_id, item.string_at("LoadBalancerName"));
      r.name = r.resource_id;
      r.type = "classic";
      r.state = "active";
      OPTIMA_RETURN_IF_ERROR(read_created(item, "CreatedTime", &r));
      OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "Scheme", "scheme", &r));
      OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "DNSName", "dns_name", &r));
      OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "VPCId", "vpc_id", &r));
      OPTIMA_ASSIGN_OR_RETURN(std::optional<JsonView> zones, item.optional_array("AvailabilityZones"));
      if (zones && zones->size() > 0) {
        OPTIMA_ASSIGN_OR_RETURN(std::string zone, zones->element(0).string());
        r.region = region_of_zone(zone);
      }
      OPTIMA_ASSIGN_OR_RETURN(std::optional<JsonView> instances, item.optional_array("Instances"));
      std::vector<std::string> ids;
      if (instances) {
        for (size_t i = 0; i < instances->size(); ++i) {
          OPTIMA_ASSIGN_OR_RETURN(std::string id, instances->element(i).string_at("InstanceId"));
          ids.push_back(std::move(id));
        }
      }
      r.attributes["target_count"] = std::to_string(ids.size());
      if (!ids.empty()) r.attributes["targets"] = core::join(ids, ",");
      out->push_back(std::move(r));
      return core::Status::ok();
    });
  }
  return for_each_element(data, "LoadBalancers", [&](const JsonView& item) -> core::Status {
    Resource r = base(item.file(), ResourceKind::kLoadBalancer);
    OPTIMA_ASSIGN_OR_RETURN(r.resource_id, item.string_at("LoadBalancerArn"));
    OPTIMA_ASSIGN_OR_RETURN(r.name, item.string_or_empty("LoadBalancerName"));
    r.native_id = r.name;
    OPTIMA_ASSIGN_OR_RETURN(r.type, item.string_or_empty("Type"));
    if (std::optional<JsonView> state = item.find("State")) {
      OPTIMA_ASSIGN_OR_RETURN(r.state, state->string_or_empty("Code"));
    }
    // arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/…
    const std::vector<std::string_view> arn = core::split(r.resource_id, ':');
    if (arn.size() >= 6) {
      r.region = std::string(arn[3]);
      r.account_id = std::string(arn[4]);
    }
    OPTIMA_RETURN_IF_ERROR(read_created(item, "CreatedTime", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "Scheme", "scheme", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "DNSName", "dns_name", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "VpcId", "vpc_id", &r));
    out->push_back(std::move(r));
    return core::Status::ok();
  });
}

core::Status map_rds_instances(const JsonView& data, std::vector<Resource>* out) {
  return for_each_element(data, "DBInstances", [&](const JsonView& item) -> core::Status {
    Resource r = base(item.file(), ResourceKind::kDatabase);
    OPTIMA_ASSIGN_OR_RETURN(r.native_id, item.string_at("DBInstanceIdentifier"));
    OPTIMA_ASSIGN_OR_RETURN(std::string arn, item.string_or_empty("DBInstanceArn"));
    r.resource_id = arn.empty() ? r.native_id : arn;
    r.name = r.native_id;
    OPTIMA_ASSIGN_OR_RETURN(r.type, item.string_or_empty("DBInstanceClass"));
    OPTIMA_ASSIGN_OR_RETURN(std::string status, item.string_or_empty("DBInstanceStatus"));
    r.state = core::to_lower_ascii(status);
    OPTIMA_ASSIGN_OR_RETURN(r.zone, item.string_or_empty("AvailabilityZone"));
    r.region = region_of_zone(r.zone);
    const std::vector<std::string_view> parts = core::split(arn, ':');
    if (parts.size() >= 6) {
      r.region = std::string(parts[3]);
      r.account_id = std::string(parts[4]);
    }
    OPTIMA_RETURN_IF_ERROR(read_created(item, "InstanceCreateTime", &r));
    OPTIMA_RETURN_IF_ERROR(read_aws_tags(item, "TagList", &r.tags));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "Engine", "engine", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "EngineVersion", "engine_version", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "MultiAZ", "multi_az", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "AllocatedStorage", "size_gb", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "StorageType", "storage_type", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "Iops", "iops", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "LicenseModel", "license", &r));
    OPTIMA_RETURN_IF_ERROR(copy_attribute(item, "ReadReplicaSourceDBInstanceIdentifier",
                                          "replica_source", &r));
    out->push_back(std::move(r));
    return core::Status::ok();
  });
}

core::Status map_s3_buckets(const JsonView& data, std::vector<Resource>* out) {
  std::string owner;
  if (std::optional<JsonView> owner_view = data.find("Owner")) {
    OPTIMA_ASSIGN_OR_RETURN(owner, owner_view->string_or_empty("ID"));
  }
  return for_each_element(data, "Buckets", [&](const JsonView& item) -> core::Status {
    Resource r = base(item.file(), ResourceKind::kObjectBucket);
    OPTIMA_ASSIGN_OR_RETURN(r.resource_id, item.string_at("Name"));
    r.name = r.resource_id;
    r.state = "available";
    OPTIMA_ASSIGN_OR_RETURN(r.region, item.string_or_empty("BucketRegion"));
    OPTIMA_RETURN_IF_ERROR(read_created(item, "CreationDate", &r));
    if (!owner.empty()) r.attributes["owner_id"] = owner;
    out->push_back(std::move(r));
    return core::Status::ok();
  });
}

}  // namespace optima::inventory
