#include <gtest/gtest.h>

#include "optima/inventory/resource.h"

namespace optima::inventory {
namespace {

TEST(ResourceTest, KindNamesRoundTrip) {
  for (ResourceKind kind : {ResourceKind::kVirtualMachine, ResourceKind::kScaleSet, ResourceKind::kDisk,
                            ResourceKind::kSnapshot, ResourceKind::kPublicIp, ResourceKind::kLoadBalancer,
                            ResourceKind::kNatGateway, ResourceKind::kDatabase, ResourceKind::kObjectBucket,
                            ResourceKind::kKubernetesNode, ResourceKind::kOther}) {
    const auto parsed = parse_resource_kind(resource_kind_name(kind));
    ASSERT_TRUE(parsed.has_value()) << resource_kind_name(kind);
    EXPECT_EQ(*parsed, kind);
  }
  EXPECT_EQ(resource_kind_name(ResourceKind::kVirtualMachine), "virtual_machine");
  EXPECT_FALSE(parse_resource_kind("vm").has_value());
}

}  // namespace
}  // namespace optima::inventory
