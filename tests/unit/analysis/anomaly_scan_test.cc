// scan_anomalies and explain_change on small synthetic tables: detection per dimension value,
// one report per event, the root-cause drill-down and its sentence.
#include "optima/analysis/anomaly/anomaly_scan.h"

#include <gtest/gtest.h>

#include "unit/analysis/anomaly_scan_test_support.h"

namespace optima::analysis {
namespace {

TEST(AnomalyScanTest, QuietEstateHasNoAnomalies) {
  auto source = testing::synthetic_estate(nullptr);
  auto found = scan_anomalies(*source);
  ASSERT_TRUE(found.is_ok()) << found.status().to_string();
  for (const Anomaly& a : *found) ADD_FAILURE() << a.summary;
}

TEST(AnomalyScanTest, SpikeOfNewInstancesIsReportedOnceWithItsRootCause) {
  testing::InjectedSpike spike;
  auto source = testing::synthetic_estate(&spike);
  auto found = scan_anomalies(*source);
  ASSERT_TRUE(found.is_ok()) << found.status().to_string();
  ASSERT_EQ(found->size(), 1u);
  const Anomaly& a = found->front();
  EXPECT_EQ(a.start, core::make_timestamp({2025, 3, 12}));
  EXPECT_EQ(a.periods, 3);
  EXPECT_EQ(a.kind, AnomalyKind::kSpike);
  EXPECT_EQ(a.direction, AnomalyDirection::kIncrease);
  EXPECT_EQ(a.currency, "USD");
  // 14 resources × $90 = $1,260 a day, exactly (the wobble of the others is not in the delta).
  EXPECT_NEAR(a.delta_per_period.to_double(), 1260.0, 15.0);
  EXPECT_EQ(a.severity, Severity::kCritical);
  EXPECT_FALSE(a.also_seen_in.empty());
  std::vector<std::string> path;
  for (const Attribution& at : a.root_cause.path) path.push_back(at.dimension + "=" + at.value);
  EXPECT_NE(std::find(path.begin(), path.end(), "SubAccountName=prod-3"), path.end());
  EXPECT_NE(std::find(path.begin(), path.end(), "RegionId=us-east-1"), path.end());
  EXPECT_NE(std::find(path.begin(), path.end(), "ServiceName=Amazon EC2"), path.end());
  EXPECT_EQ(a.root_cause.new_resources, 14u);
  EXPECT_EQ(a.root_cause.resource_kind, "BoxUsage:m6i.4xlarge");
  EXPECT_GE(a.root_cause.explained, 0.95);
  EXPECT_NE(a.summary.find("Amazon EC2"), std::string::npos) << a.summary;
  EXPECT_NE(a.summary.find("account prod-3"), std::string::npos) << a.summary;
  EXPECT_NE(a.summary.find("us-east-1"), std::string::npos) << a.summary;
  EXPECT_NE(a.summary.find("since 12 Mar 2025"), std::string::npos) << a.summary;
  EXPECT_NE(a.summary.find("from 14 new resources (BoxUsage:m6i.4xlarge)"), std::string::npos) << a.summary;
  EXPECT_EQ(a.id, anomaly_id(a));
}

TEST(AnomalyScanTest, RejectsWeeklyGranularity) {
  auto source = testing::synthetic_estate(nullptr);
  ScanOptions o;
  o.granularity = query::Granularity::kWeek;
  EXPECT_EQ(scan_anomalies(*source, o).status().code(), core::StatusCode::kInvalidArgument);
}

TEST(RootCauseTest, DrillsDownWhileEightyPercentIsExplained) {
  ContributionTable t;
  t.dimensions = {"SubAccountName", "RegionId", "x_UsageType", "ResourceId"};
  t.rows = {{{"a", "us", "Box:m5", "r1"}, 100, 100},  {{"a", "eu", "Box:m5", "r2"}, 100, 100},
            {{"b", "us", "Box:m5", "r3"}, 100, 105},  {{"b", "eu", "Box:m5", "r4"}, 100, 100},
            {{"b", "us", "Box:c5", "r5"}, 0, 400},    {{"b", "us", "Box:c5", "r6"}, 0, 400},
            {{"a", "us", "Box:c5", "r7"}, 0, 100}};
  const RootCause rc = explain_change(t);
  ASSERT_EQ(rc.path.size(), 3u);
  // x_UsageType=Box:c5 carries 900 of 905; within it region us all 900, then account b 800.
  EXPECT_EQ(rc.path[0].dimension, "x_UsageType");
  EXPECT_EQ(rc.path[0].value, "Box:c5");
  EXPECT_EQ(rc.path[1].value, "us");
  EXPECT_EQ(rc.path[2].value, "b");
  EXPECT_NEAR(rc.explained, 800.0 / 905.0, 1e-9);
  EXPECT_EQ(rc.new_resources, 2u);
  EXPECT_EQ(rc.resource_kind, "Box:c5");
}

TEST(RootCauseTest, SpreadChangeKeepsOnlyTheBestValue) {
  ContributionTable t;
  t.dimensions = {"RegionId"};
  t.rows = {{{"us"}, 100, 150}, {{"eu"}, 100, 140}, {{"ap"}, 100, 110}};
  const RootCause rc = explain_change(t);
  ASSERT_EQ(rc.path.size(), 1u);
  EXPECT_EQ(rc.path[0].value, "us");
  EXPECT_NEAR(rc.explained, 0.5, 1e-9);
  EXPECT_TRUE(explain_change(ContributionTable{{"RegionId"}, {{{"us"}, 5, 5}}}).path.empty());
}

TEST(RootCauseTest, MoneyIsFormattedWithThousands) {
  EXPECT_EQ(format_money(core::Decimal::from_int(1240), "USD"), "$1,240.00");
  EXPECT_EQ(format_money(-core::Decimal::from_int(1234567), "USD"), "-$1,234,567.00");
  EXPECT_EQ(format_money(core::Decimal::from_int(12), "EUR"), "12.00 EUR");
}

}  // namespace
}  // namespace optima::analysis
