// Names of resource kinds as JSON and the CLI spell them.
#include "optima/inventory/resource.h"

#include <array>
#include <utility>

namespace optima::inventory {
namespace {

constexpr std::array<std::pair<ResourceKind, std::string_view>, 11> kKindNames = {{
    {ResourceKind::kVirtualMachine, "virtual_machine"},
    {ResourceKind::kScaleSet, "scale_set"},
    {ResourceKind::kDisk, "disk"},
    {ResourceKind::kSnapshot, "snapshot"},
    {ResourceKind::kPublicIp, "public_ip"},
    {ResourceKind::kLoadBalancer, "load_balancer"},
    {ResourceKind::kNatGateway, "nat_gateway"},
    {ResourceKind::kDatabase, "database"},
    {ResourceKind::kObjectBucket, "object_bucket"},
    {ResourceKind::kKubernetesNode, "kubernetes_node"},
    {ResourceKind::kOther, "other"},
}};

}  // namespace

std::string_view resource_kind_name(ResourceKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "other";
}

std::optional<ResourceKind> parse_resource_kind(std::string_view name) {
  for (const auto& [k, kind_name] : kKindNames) {
    if (kind_name == name) return k;
  }
  return std::nullopt;
}

}  // namespace optima::inventory
