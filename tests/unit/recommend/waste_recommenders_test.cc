#include <gtest/gtest.h>

#include <set>

#include "optima/recommend/engine.h"
#include "recommend_test_support.h"

namespace optima::recommend {
namespace {

using namespace testing;  // NOLINT

inventory::Resource resource(std::string id, inventory::ResourceKind kind, std::string type = "") {
  inventory::Resource r = rec_vm(std::move(id), std::move(type));
  r.kind = kind;
  r.state.clear();
  return r;
}

struct Estate {
  std::vector<inventory::Resource> resources;
  InMemoryMetrics metrics;
  TableRateBook rates = rec_rate_book();
  BillingFacts billing{core::Period{core::make_timestamp({2025, 5, 31}), rec_as_of()}};

  RunResult run_all(const char* profile = "aws-like") {
    RunOptions o;
    o.as_of = rec_as_of();
    auto r = run(resources, metrics, rates, billing, rec_profile(profile), o);
    EXPECT_TRUE(r.is_ok()) << r.status().to_string();
    return std::move(r).value();
  }
};

TEST(WasteRecommendersTest, StoppedVmCountsItsDisksAndAddressOnceWithTheirOwnFindings) {
  Estate e;
  e.resources.push_back(rec_vm("i-stopped", "m5.xlarge", "stopped"));
  auto disk = resource("vol-1", inventory::ResourceKind::kDisk, "gp2");
  disk.attributes = {{"size_gb", "500"}, {"attached_to", "i-stopped"}};
  disk.state = "in-use";
  e.resources.push_back(disk);
  auto ip = resource("eipalloc-1", inventory::ResourceKind::kPublicIp);
  ip.attributes = {{"attached_to", "i-stopped"}, {"association_id", "eipassoc-1"}};
  e.resources.push_back(ip);
  // Last CPU sample 20 days before as_of.
  auto series = rec_series("i-stopped", "cpu_percent", 30, 3600, [](core::Timestamp) { return 5.0; });
  series.samples.resize(series.samples.size() - 20 * 24);
  e.metrics.add(series);
  const RunResult r = e.run_all();
  // stopped_vm (0.10 × 500 + 0.005 × 730 = 53.65) and gp2_to_gp3 on its disk (10.00) conflict.
  ASSERT_EQ(r.recommendations.size(), 1u);
  const Recommendation& best = r.recommendations[0];
  EXPECT_EQ(best.recommender, "stopped_vm");
  EXPECT_EQ(best.savings.monthly, rec_dec("53.65"));
  ASSERT_EQ(best.alternatives.size(), 1u);
  EXPECT_EQ(best.alternatives[0].recommender, "gp2_to_gp3");
  EXPECT_EQ(best.alternatives[0].savings.monthly, rec_dec("10"));
  EXPECT_EQ(r.total_monthly_savings, rec_dec("53.65"));
}

TEST(WasteRecommendersTest, UnattachedDiskOldEnoughAndUnusedAddress) {
  Estate e;
  auto old_disk = resource("vol-old", inventory::ResourceKind::kDisk, "gp3");
  old_disk.state = "available";
  old_disk.attributes = {{"size_gb", "100"}};
  old_disk.created_at = core::make_timestamp({2025, 1, 1});
  auto new_disk = old_disk;
  new_disk.resource_id = "vol-new";
  new_disk.created_at = core::make_timestamp({2025, 6, 20});  // 10 days < 32
  auto ip = resource("eipalloc-free", inventory::ResourceKind::kPublicIp);
  e.resources = {old_disk, new_disk, ip};
  const RunResult r = e.run_all();
  ASSERT_EQ(r.recommendations.size(), 2u);
  EXPECT_EQ(r.recommendations[0].resource_id, "vol-old");
  EXPECT_EQ(r.recommendations[0].savings.monthly, rec_dec("8"));
  EXPECT_EQ(r.recommendations[1].recommender, "unused_ip");
  EXPECT_EQ(r.recommendations[1].savings.monthly, rec_dec("3.65"));
}

TEST(WasteRecommendersTest, OrphanedAndOldSnapshots) {
  Estate e;
  auto live = resource("vol-live", inventory::ResourceKind::kDisk, "gp3");
  live.attributes = {{"size_gb", "10"}, {"attached_to", "i-x"}};
  auto orphan = resource("snap-orphan", inventory::ResourceKind::kSnapshot);
  orphan.attributes = {{"size_gb", "40"}, {"volume_id", "vol-gone"}};
  orphan.created_at = core::make_timestamp({2025, 6, 1});
  auto kept = resource("snap-kept", inventory::ResourceKind::kSnapshot);
  kept.attributes = {{"size_gb", "40"}, {"volume_id", "vol-live"}};
  kept.created_at = core::make_timestamp({2025, 6, 1});
  auto ancient = kept;
  ancient.resource_id = "snap-ancient";
  ancient.created_at = core::make_timestamp({2024, 1, 1});
  e.resources = {live, orphan, kept, ancient};
  const RunResult r = e.run_all();
  std::set<std::string> flagged;
  for (const auto& rec : r.recommendations) flagged.insert(rec.resource_id);
  EXPECT_EQ(flagged, (std::set<std::string>{"snap-orphan", "snap-ancient"}));
  for (const auto& rec : r.recommendations) EXPECT_EQ(rec.savings.monthly, rec_dec("2"));  // 0.05 × 40
}

TEST(WasteRecommendersTest, IdleLoadBalancerWithoutTargetsAndIdleNat) {
  Estate e;
  auto lb = resource("arn:lb/empty", inventory::ResourceKind::kLoadBalancer);
  lb.attributes = {{"target_count", "0"}};
  auto busy_lb = resource("arn:lb/busy", inventory::ResourceKind::kLoadBalancer);
  busy_lb.attributes = {{"target_count", "3"}};
  e.metrics.add(rec_series("arn:lb/busy", "requests", 32, 3600, [](core::Timestamp) { return 50.0; }));
  auto nat = resource("nat-1", inventory::ResourceKind::kNatGateway);
  e.metrics.add(rec_series("nat-1", "processed_bytes", 32, 3600, [](core::Timestamp) { return 0.0; }));
  e.resources = {lb, busy_lb, nat};
  const RunResult r = e.run_all();
  ASSERT_EQ(r.recommendations.size(), 2u);
  EXPECT_EQ(r.recommendations[0].recommender, "idle_nat_gateway");
  EXPECT_EQ(r.recommendations[0].savings.monthly, rec_dec("32.85"));  // 0.045 × 730
  EXPECT_EQ(r.recommendations[1].recommender, "idle_load_balancer");
  EXPECT_EQ(r.recommendations[1].savings.monthly, rec_dec("16.425"));
}

TEST(WasteRecommendersTest, OffHoursScheduleForDevFromTheHeatmap) {
  Estate e;
  auto vm = rec_vm("i-dev", "m5.large");
  vm.tags = {{"env", "dev"}};
  auto prod = vm;
  prod.resource_id = "i-prod";
  prod.tags = {{"env", "prod"}};
  e.resources = {vm, prod};
  // Busy weekdays 09–18 UTC, idle otherwise: 168 − 5 × 9 = 123 off hours.
  auto office = [](core::Timestamp t) {
    const int cell = hour_of_week(t);
    return cell / 24 < 5 && cell % 24 >= 9 && cell % 24 < 18 ? 40.0 : 1.0;
  };
  e.metrics.add(rec_series("i-dev", "cpu_percent", 14, 3600, office));
  e.metrics.add(rec_series("i-prod", "cpu_percent", 14, 3600, office));
  RunOptions o;
  o.as_of = rec_as_of();
  o.recommenders = {"off_hours_schedule"};
  auto r = run(e.resources, e.metrics, e.rates, e.billing, rec_profile("aws-like"), o);
  ASSERT_TRUE(r.is_ok());
  ASSERT_EQ(r->recommendations.size(), 1u);
  const Recommendation& rec = r->recommendations[0];
  EXPECT_EQ(rec.resource_id, "i-dev");
  // 0.096 × (123 × 730 / 168) = 51.3085714…
  const core::Decimal hours = core::Decimal::divide(core::Decimal::from_int(123 * 730),
                                                    core::Decimal::from_int(168));
  EXPECT_EQ(rec.savings.monthly, core::Decimal::multiply(rec_dec("0.096"), hours));
  EXPECT_NE(rec.detail.find("Mon 00-09,18-24"), std::string::npos) << rec.detail;
  EXPECT_NE(rec.detail.find("Sat 00-24"), std::string::npos) << rec.detail;
}

TEST(WasteRecommendersTest, SpotCandidateStatesTheInterruptionTradeOff) {
  Estate e;
  auto vm = rec_vm("i-asg", "m5.large");
  vm.tags = {{"aws:autoscaling:groupName", "web-asg"}};
  auto spot = vm;
  spot.resource_id = "i-already-spot";
  spot.attributes = {{"lifecycle", "spot"}};
  e.resources = {vm, spot};
  RunOptions o;
  o.recommenders = {"spot_candidate"};
  auto r = run(e.resources, e.metrics, e.rates, e.billing, rec_profile("aws-like"), o);
  ASSERT_TRUE(r.is_ok());
  ASSERT_EQ(r->recommendations.size(), 1u);
  const Recommendation& rec = r->recommendations[0];
  EXPECT_EQ(rec.resource_id, "i-asg");
  EXPECT_EQ(rec.savings.monthly, rec_dec("42.048"));  // (0.096 − 0.0384) × 730
  EXPECT_NE(rec.detail.find("interruption"), std::string::npos);
  EXPECT_EQ(rec.risk, Level::kHigh);
}

TEST(WasteRecommendersTest, LicenceChargesInTheBillSuggestHybridBenefit) {
  Estate e;
  auto vm = rec_vm("/subscriptions/s/vm/win", "Standard_D4s_v5");
  vm.provider = "Microsoft";
  e.resources = {vm};
  // 30 days = 720 h; 144 of licence = 0.2 $/h.
  e.billing.add("/subscriptions/s/vm/win", rec_dec("400"), rec_dec("144"),
                "Virtual Machines D4s v5 Windows");
  RunOptions o;
  o.recommenders = {"license_benefit"};
  auto r = run(e.resources, e.metrics, e.rates, e.billing, rec_profile("azure-like"), o);
  ASSERT_TRUE(r.is_ok());
  ASSERT_EQ(r->recommendations.size(), 1u);
  EXPECT_EQ(r->recommendations[0].action, "apply_hybrid_benefit");
  EXPECT_EQ(r->recommendations[0].savings.monthly, rec_dec("146"));  // 0.2 × 730
  EXPECT_NE(r->recommendations[0].savings.formula.find("bill: licence EffectiveCost 144"),
            std::string::npos);
}

TEST(WasteRecommendersTest, IdleDatabaseNeedsNoConnections) {
  Estate e;
  auto db = resource("arn:rds:db-1", inventory::ResourceKind::kDatabase, "m5.large");
  db.state = "available";
  auto used = db;
  used.resource_id = "arn:rds:db-2";
  e.resources = {db, used};
  for (const char* id : {"arn:rds:db-1", "arn:rds:db-2"}) {
    e.metrics.add(rec_series(id, "cpu_percent", 14, 3600, [](core::Timestamp) { return 1.0; }));
  }
  e.metrics.add(rec_series("arn:rds:db-1", "connections", 14, 3600, [](core::Timestamp) { return 0.0; }));
  e.metrics.add(rec_series("arn:rds:db-2", "connections", 14, 3600, [](core::Timestamp) { return 4.0; }));
  RunOptions o;
  o.as_of = rec_as_of();
  o.recommenders = {"idle_database"};
  auto r = run(e.resources, e.metrics, e.rates, e.billing, rec_profile("aws-like"), o);
  ASSERT_TRUE(r.is_ok());
  ASSERT_EQ(r->recommendations.size(), 1u);
  EXPECT_EQ(r->recommendations[0].resource_id, "arn:rds:db-1");
}

}  // namespace
}  // namespace optima::recommend
