#include "optima/ingest/gcp_focus_mapper.h"

#include <gtest/gtest.h>

namespace optima::ingest {
namespace {

TEST(GcpFocusMapperTest, ResourceTypeIsServiceHostAndCollection) {
  EXPECT_EQ(
      gcp_resource_type("//compute.googleapis.com/projects/p/zones/us-central1-a/instances/123"),
      "compute.googleapis.com/instances");
  EXPECT_EQ(gcp_resource_type("//compute.googleapis.com/projects/p/global/images/debian"),
            "compute.googleapis.com/images");
  EXPECT_EQ(gcp_resource_type("//storage.googleapis.com/projects/_/buckets/logs"),
            "storage.googleapis.com/buckets");
  EXPECT_EQ(gcp_resource_type("//example"), "");
  EXPECT_EQ(gcp_resource_type("//compute.googleapis.com/instances"), "");
  EXPECT_EQ(gcp_resource_type("instance-1"), "");
  EXPECT_EQ(gcp_resource_type(""), "");
}

TEST(GcpFocusMapperTest, LoadsBundledCategoriesIncludingAdditions) {
  auto mapper = GcpFocusMapper::load();
  ASSERT_TRUE(mapper.is_ok()) << mapper.status().to_string();
  EXPECT_TRUE(mapper->knows_service("Compute Engine"));
  EXPECT_TRUE(mapper->knows_service("compute engine"));
  EXPECT_TRUE(mapper->knows_service("Stackdriver Logging"));
  EXPECT_FALSE(mapper->knows_service("Invoice"));
}

}  // namespace
}  // namespace optima::ingest
