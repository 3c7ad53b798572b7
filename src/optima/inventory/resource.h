// The inventory model: what a cloud resource is, as every inventory reader produces it and every
// recommender consumes it. Provider-neutral; the raw response a resource came from is kept as
// attributes so evidence can quote it.
//
// `resource_id` is the key that joins a resource to its billing rows: it equals FOCUS ResourceId
// as our readers write it (AWS: instance/volume/allocation id or ARN as in lineItem/ResourceId;
// Azure: the full ARM id, case preserved; Google: the billing global name). Readers that only see
// a different id (GCP asset name, Prometheus instance label) record it in `native_id` and set
// resource_id when the mapping is known.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "optima/core/time.h"

namespace optima::inventory {

enum class ResourceKind {
  kVirtualMachine,  // EC2 instance, Azure VM, GCE instance, a Prometheus-scraped node
  kScaleSet,        // Azure VM scale set, GCE managed instance group
  kDisk,            // EBS volume, managed disk, persistent disk
  kSnapshot,        // EBS / disk snapshot
  kPublicIp,        // Elastic IP, public IP address, static external address
  kLoadBalancer,    // ELB/ALB/NLB, Azure LB / App Gateway, GCP forwarding rule
  kNatGateway,
  kDatabase,        // RDS instance, Azure SQL database, Cloud SQL instance
  kObjectBucket,    // S3 bucket, storage account / container, GCS bucket
  kKubernetesNode,
  kOther,
};

// "virtual_machine", "disk", … (the JSON and CLI spelling); parse accepts the same.
std::string_view resource_kind_name(ResourceKind kind);
std::optional<ResourceKind> parse_resource_kind(std::string_view name);

// One resource at snapshot time. Strings are empty when unknown.
struct Resource {
  std::string provider;     // FOCUS ProviderName: "AWS", "Microsoft", "Google", or a source name
  std::string resource_id;  // billing join key (see file comment)
  std::string native_id;    // the id the provider's inventory API uses, when different
  std::string name;
  ResourceKind kind = ResourceKind::kOther;
  std::string account_id;   // AWS account, Azure subscription, GCP project
  std::string region;       // provider region id ("us-east-1", "westeurope", "europe-west1")
  std::string zone;
  std::string type;         // instance type / VM size / machine type / disk type / DB class
  std::string state;        // provider state, lower case: "running", "stopped", "available", …
  std::optional<core::Timestamp> created_at;
  std::map<std::string, std::string> tags;
  // Kind-specific facts, named in snake_case, values as text: size_gb, iops, throughput_mbps,
  // attached_to, platform, architecture, engine, multi_az, storage_class, volume_id,
  // association_id, target_count, healthy_targets, license, vcpus, memory_gib, …
  std::map<std::string, std::string> attributes;
  std::string source_file;  // where it was read, for evidence ("…/ec2.DescribeInstances_1.json")
  friend bool operator==(const Resource&, const Resource&) = default;
};

}  // namespace optima::inventory
