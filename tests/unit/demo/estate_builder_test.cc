#include "optima/demo/estate_builder.h"

#include <gtest/gtest.h>

#include <set>

namespace optima::demo {
namespace {

EstateOptions options(uint64_t rows, int months = 13) {
  EstateOptions o;
  o.seed = 42;
  o.end = core::make_timestamp({2025, 7, 1});
  o.months = months;
  o.rows = rows;
  return o;
}

TEST(EstateBuilderTest, BuildsAboutFortyAccountsAcrossTheThreeClouds) {
  auto e = build_estate(options(200000));
  ASSERT_TRUE(e.is_ok()) << e.status().to_string();
  std::map<Cloud, int> accounts;
  for (const Account& a : e->accounts) ++accounts[a.cloud];
  EXPECT_EQ(accounts[Cloud::kAws], 16);
  EXPECT_EQ(accounts[Cloud::kAzure], 12);
  EXPECT_EQ(accounts[Cloud::kGcp], 12);
  EXPECT_EQ(accounts[Cloud::kOci], 2);
  EXPECT_EQ(e->periods.size(), 13U);
  EXPECT_EQ(e->start, core::make_timestamp({2024, 6, 1}));
  EXPECT_EQ(e->periods.back().end, core::make_timestamp({2025, 7, 1}));
}

TEST(EstateBuilderTest, ResourceIdsAreUnique) {
  auto e = build_estate(options(300000));
  ASSERT_TRUE(e.is_ok());
  std::set<std::string> ids;
  for (const Resource& r : e->resources) {
    EXPECT_TRUE(ids.insert(r.id).second) << "duplicate " << r.id;
  }
}

TEST(EstateBuilderTest, RejectsRowsBelowTheSmallestEstate) {
  auto e = build_estate(options(1000));
  ASSERT_FALSE(e.is_ok());
  EXPECT_EQ(e.status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(e.status().message().find("ask for at least"), std::string::npos) << e.status().message();
}

TEST(EstateBuilderTest, RejectsTooFewMonths) {
  auto e = build_estate(options(200000, 1));
  ASSERT_FALSE(e.is_ok());
  EXPECT_EQ(e.status().code(), core::StatusCode::kInvalidArgument);
}

TEST(EstateBuilderTest, FleetGrowsWithTheRequestedRows) {
  auto small = build_estate(options(250000));
  auto large = build_estate(options(600000));
  ASSERT_TRUE(small.is_ok() && large.is_ok());
  EXPECT_LT(small->resources.size(), large->resources.size());
  for (const Cloud c : {Cloud::kAws, Cloud::kAzure, Cloud::kGcp}) {
    EXPECT_LT(small->fleet_count[static_cast<size_t>(c)], large->fleet_count[static_cast<size_t>(c)]);
  }
  double rows = 0.0;
  for (const Cloud c : {Cloud::kAws, Cloud::kAzure, Cloud::kGcp, Cloud::kOci}) {
    rows += estimate_cloud_rows(*large, c, RowFormat::kNative);
  }
  EXPECT_NEAR(rows, 600000.0, 600000.0 * 0.02);
}

TEST(EstateBuilderTest, ChoosesHourlyRowsWhenTheBudgetAllows) {
  auto daily = build_estate(options(200000, 3));
  auto hourly = build_estate(options(2000000, 3));
  ASSERT_TRUE(daily.is_ok() && hourly.is_ok()) << hourly.status().to_string();
  EXPECT_EQ(daily->granularity, Granularity::kDaily);
  EXPECT_EQ(hourly->granularity, Granularity::kHourly);
}

TEST(EstateBuilderTest, PlantsAnomaliesWithKnownCauseAndSize) {
  auto e = build_estate(options(200000));
  ASSERT_TRUE(e.is_ok());
  ASSERT_GE(e->anomalies.size(), 4U);
  std::set<AnomalyKind> kinds;
  for (const Anomaly& a : e->anomalies) {
    kinds.insert(a.kind);
    EXPECT_GT(a.expected_daily_delta, 0) << a.cause;
    EXPECT_GT(a.start, e->start);
    EXPECT_LT(a.start, e->end);
    EXPECT_FALSE(a.cause.empty());
    EXPECT_FALSE(a.service_name.empty());
    EXPECT_TRUE(!a.resources.empty() || !a.meters.empty());
  }
  EXPECT_EQ(kinds.size(), 3U);  // spike, level shift, drift
}

TEST(EstateBuilderTest, BuysEveryKindOfCommitment) {
  auto e = build_estate(options(200000));
  ASSERT_TRUE(e.is_ok());
  std::set<CommitmentKind> kinds;
  for (const Commitment& c : e->commitments) {
    kinds.insert(c.kind);
    EXPECT_LT(c.start, c.end);
    EXPECT_GT(c.effective_hourly(), 0);
  }
  EXPECT_EQ(kinds.size(), 5U);
}

}  // namespace
}  // namespace optima::demo
