#include <gtest/gtest.h>

#include <set>

#include "optima/recommend/engine.h"
#include "optima/recommend/registry.h"
#include "recommend_test_support.h"

namespace optima::recommend {
namespace {

using namespace testing;  // NOLINT

struct Estate {
  std::vector<inventory::Resource> resources;
  InMemoryMetrics metrics;
  TableRateBook rates = rec_rate_book();
  BillingFacts billing;
};

RunResult run_estate(const Estate& e, const char* profile, std::vector<std::string> only = {}) {
  RunOptions o;
  o.as_of = rec_as_of();
  o.recommenders = std::move(only);
  auto r = run(e.resources, e.metrics, e.rates, e.billing, rec_profile(profile), o);
  EXPECT_TRUE(r.is_ok()) << r.status().to_string();
  return std::move(r).value();
}

TEST(ComputeRecommendersTest, IdleVmUnderAwsLikeProfileWithFormula) {
  Estate e;
  e.resources.push_back(rec_vm("i-idle", "m5.xlarge"));
  e.metrics.add(rec_series("i-idle", "cpu_percent", 14, 300, [](core::Timestamp t) {
    return 1.0 + static_cast<double>(t.unix_seconds % 7) * 0.2;  // 1.0 … 2.2
  }));
  const RunResult r = run_estate(e, "aws-like", {"idle_vm"});
  ASSERT_EQ(r.recommendations.size(), 1u);
  const Recommendation& rec = r.recommendations[0];
  EXPECT_EQ(rec.action, "stop_or_terminate");
  EXPECT_EQ(rec.savings.monthly, rec_dec("140.16"));  // 0.192 × 730
  EXPECT_EQ(rec.savings.formula.rfind("0.192 $/h × 730 h = $140.16/month; rates: current m5.xlarge: "
                                     "catalog: test table 0.192",
                                     0),
            0u)
      << rec.savings.formula;
  ASSERT_EQ(rec.evidence.metrics.size(), 1u);
  EXPECT_EQ(rec.evidence.metrics[0].samples, 14 * 288);
  EXPECT_DOUBLE_EQ(rec.evidence.metrics[0].max, 2.2);
  EXPECT_NE(rec.evidence.rule.find("max cpu_percent 2.20 < 5.00"), std::string::npos)
      << rec.evidence.rule;
  EXPECT_EQ(rec.confidence_level, Level::kHigh);
}

TEST(ComputeRecommendersTest, BusyVmIsNotIdleAndShortSeriesIsSkipped) {
  Estate e;
  e.resources.push_back(rec_vm("i-busy", "m5.xlarge"));
  e.resources.push_back(rec_vm("i-new", "m5.xlarge"));
  e.metrics.add(rec_series("i-busy", "cpu_percent", 14, 300, [](core::Timestamp) { return 60.0; }));
  // One day of data: below AWS's 30 hours.
  e.metrics.add(rec_series("i-new", "cpu_percent", 1, 300, [](core::Timestamp) { return 0.5; }));
  EXPECT_TRUE(run_estate(e, "aws-like", {"idle_vm"}).recommendations.empty());
}

TEST(ComputeRecommendersTest, GcpLikeIdleUsesVcpuThreshold) {
  Estate e;
  // m5.xlarge has 4 vCPU: 0.03 vCPU = 0.75%.
  e.resources.push_back(rec_vm("i-low", "m5.xlarge"));
  e.metrics.add(rec_series("i-low", "cpu_percent", 14, 300, [](core::Timestamp) { return 0.5; }));
  e.resources.push_back(rec_vm("i-one", "m5.xlarge"));
  e.metrics.add(rec_series("i-one", "cpu_percent", 14, 300, [](core::Timestamp) { return 1.0; }));
  const RunResult r = run_estate(e, "gcp-like", {"idle_vm"});
  ASSERT_EQ(r.recommendations.size(), 1u);
  EXPECT_EQ(r.recommendations[0].resource_id, "i-low");
  EXPECT_DOUBLE_EQ(r.recommendations[0].evidence.metrics[0].idle_threshold, 0.75);
}

TEST(ComputeRecommendersTest, RightsizesWithHeadroomAndOffersArmAlternative) {
  Estate e;
  e.resources.push_back(rec_vm("i-big", "m5.xlarge"));
  // Max 30% of 4 vCPU = 1.2 vCPU; at ≤ 80% that needs 2 vCPU.
  e.metrics.add(rec_series("i-big", "cpu_percent", 14, 300, [](core::Timestamp t) {
    return t.unix_seconds % 3600 == 0 ? 30.0 : 10.0;
  }));
  e.metrics.add(rec_series("i-big", "memory_percent", 14, 300, [](core::Timestamp) { return 20.0; }));
  const RunResult r = run_estate(e, "aws-like", {"vm_rightsizing"});
  ASSERT_EQ(r.recommendations.size(), 1u);
  const Recommendation& best = r.recommendations[0];
  // ARM m6g.large (0.077) beats m5.large (0.096).
  EXPECT_EQ(best.action, "resize:m6g.large");
  EXPECT_EQ(best.savings.monthly, rec_dec("83.95"));  // (0.192 − 0.077) × 730
  ASSERT_EQ(best.alternatives.size(), 1u);
  EXPECT_EQ(best.alternatives[0].action, "resize:m5.large");
  EXPECT_EQ(best.alternatives[0].savings.monthly, rec_dec("70.08"));
  EXPECT_NE(best.evidence.rule.find("max cpu_percent 30.00 on 4 vCPU → 60.00 projected on 2 vCPU"),
            std::string::npos)
      << best.evidence.rule;
}

TEST(ComputeRecommendersTest, MemoryPressureBlocksTheResize) {
  Estate e;
  e.resources.push_back(rec_vm("i-mem", "m5.xlarge"));
  e.metrics.add(rec_series("i-mem", "cpu_percent", 14, 300, [](core::Timestamp) { return 10.0; }));
  // 70% of 16 GiB = 11.2 GiB; at ≤ 80% that needs 14 GiB > 8 GiB of the smaller types.
  e.metrics.add(rec_series("i-mem", "memory_percent", 14, 300, [](core::Timestamp) { return 70.0; }));
  EXPECT_TRUE(run_estate(e, "aws-like", {"vm_rightsizing"}).recommendations.empty());
}

TEST(ComputeRecommendersTest, IdleAndOversizedVmCountsOnce) {
  Estate e;
  e.resources.push_back(rec_vm("i-both", "m5.xlarge"));
  e.metrics.add(rec_series("i-both", "cpu_percent", 14, 300, [](core::Timestamp) { return 1.0; }));
  const RunResult r = run_estate(e, "aws-like");
  ASSERT_EQ(r.recommendations.size(), 1u);
  const Recommendation& best = r.recommendations[0];
  EXPECT_EQ(best.recommender, "idle_vm");
  EXPECT_FALSE(best.alternatives.empty());
  EXPECT_EQ(r.total_monthly_savings, best.savings.monthly);
  EXPECT_GT(r.raw_recommendations, 1u);
}

TEST(ComputeRecommendersTest, PreviousGenerationMovesToNewerType) {
  Estate e;
  e.resources.push_back(rec_vm("i-old", "m4.xlarge"));
  e.metrics.add(rec_series("i-old", "cpu_percent", 14, 300, [](core::Timestamp) { return 50.0; }));
  const RunResult r = run_estate(e, "aws-like", {"previous_generation"});
  ASSERT_EQ(r.recommendations.size(), 1u);
  EXPECT_EQ(r.recommendations[0].action, "migrate:m5.xlarge");
  EXPECT_EQ(r.recommendations[0].savings.monthly, rec_dec("5.84"));  // (0.2 − 0.192) × 730
}

TEST(ComputeRecommendersTest, UnknownRecommenderIsAnError) {
  Estate e;
  RunOptions o;
  o.recommenders = {"nope"};
  auto r = run(e.resources, e.metrics, e.rates, e.billing, rec_profile("aws-like"), o);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kInvalidArgument);
}

TEST(ComputeRecommendersTest, RegistryIdsAreUniqueAndDescribed) {
  std::set<std::string_view> ids;
  for (const auto& r : recommender_registry()) {
    EXPECT_TRUE(ids.insert(r.id).second) << r.id;
    EXPECT_FALSE(r.summary.empty());
    EXPECT_EQ(find_recommender(r.id), &r);
  }
  EXPECT_GE(ids.size(), 15u);
}

}  // namespace
}  // namespace optima::recommend
