#include "optima/recommend/profile.h"

#include <gtest/gtest.h>

#include "optima/core/file_io.h"
#include "optima/core/paths.h"
#include "support/shared_data.h"

namespace optima::recommend {
namespace {

TEST(ProfileTest, LoadsEveryBundledProfileWithCitedSources) {
  for (const auto& name : bundled_profile_names()) {
    auto p = load_profile(name);
    ASSERT_TRUE(p.is_ok()) << p.status().to_string();
    EXPECT_EQ(p->name, name);
    EXPECT_FALSE(p->idle.conditions.empty());
    EXPECT_NE(p->idle.source.find("METHODS.md"), std::string::npos) << name;
    for (const auto& c : p->idle.conditions) EXPECT_NE(c.source.find("METHODS.md"), std::string::npos);
  }
}

TEST(ProfileTest, BundledProfilesCarryThePublishedThresholds) {
  const Profile aws = load_profile("aws-like").value();
  EXPECT_EQ(aws.idle.lookback_days, 14);
  EXPECT_EQ(aws.idle.conditions[0].statistic, Statistic::kMax);
  EXPECT_DOUBLE_EQ(aws.idle.conditions[0].value, 5);
  const Profile azure = load_profile("azure-like").value();
  EXPECT_EQ(azure.idle.lookback_days, 7);
  EXPECT_EQ(azure.idle.conditions[0].statistic, Statistic::kP95);
  EXPECT_DOUBLE_EQ(azure.idle.conditions[0].value, 3);
  EXPECT_EQ(azure.idle.conditions[1].last_days, 3);
  const Profile gcp = load_profile("gcp-like").value();
  EXPECT_EQ(gcp.idle.conditions[0].statistic, Statistic::kIdleFraction);
  EXPECT_DOUBLE_EQ(gcp.idle.conditions[0].value, 0.97);
  ASSERT_TRUE(gcp.idle.cpu_threshold_vcpu.has_value());
  EXPECT_DOUBLE_EQ(*gcp.idle.cpu_threshold_vcpu, 0.03);
  EXPECT_EQ(gcp.rightsizing.lookback_days, 8);
}

TEST(ProfileTest, RejectsUnknownProfileName) {
  auto p = load_profile("oracle-like");
  ASSERT_FALSE(p.is_ok());
  EXPECT_EQ(p.status().code(), core::StatusCode::kNotFound);
  EXPECT_NE(p.status().message().find("aws-like"), std::string::npos);
}

TEST(ProfileTest, CustomProfileFromFileAndErrorsNameTheField) {
  optima::testing::TempDir dir;
  std::string text = core::read_file(core::find_data_file("recommend/profiles/aws-like.json").value()).value();
  const auto file = dir.path() / "strict.json";
  std::string strict = text;
  strict.replace(strict.find("\"aws-like\""), 10, "\"strict\"");
  ASSERT_TRUE(core::write_file_atomic(file, strict).is_ok());
  auto p = load_profile(file.string());
  ASSERT_TRUE(p.is_ok()) << p.status().to_string();
  EXPECT_EQ(p->name, "strict");

  std::string broken = text;
  broken.replace(broken.find("\"cpu_target_percent\": 80"), 24, "\"cpu_target_percent\": \"x\"");
  auto bad = parse_profile(broken, "broken.json");
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("broken.json: $.rightsizing.cpu_target_percent: expected a number"),
            std::string::npos)
      << bad.status().message();
  EXPECT_FALSE(parse_profile("{", "x.json").is_ok());
}

}  // namespace
}  // namespace optima::recommend
