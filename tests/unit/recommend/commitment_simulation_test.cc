#include "optima/recommend/commitments/commitment_simulation.h"

#include <gtest/gtest.h>

namespace optima::recommend {
namespace {

using core::Decimal;

Decimal dec(const char* text) {
  return Decimal::from_string(text).value();
}

// 100 hours at $10 and 100 hours at $2 of on-demand usage.
std::vector<Decimal> two_levels() {
  std::vector<Decimal> u(100, dec("10"));
  u.insert(u.end(), 100, dec("2"));
  return u;
}

TEST(CommitmentSimulationTest, SmallDiscountCoversOnlyTheBaseLoad) {
  // With d = 0.4 covering above $2 pays off only if more than 60% of hours exceed it; 50% do,
  // so the optimum covers the $2 floor: c = 2 × 0.6 = 1.2 $/h.
  const SimulationResult r = simulate_commitment(two_levels(), dec("0.4"));
  EXPECT_EQ(r.on_demand_cost, dec("1200"));
  EXPECT_EQ(r.best.hourly_commitment, dec("1.2"));
  // cost = 1.2 × 200 + 100 × 8 = 1040; savings 160.
  EXPECT_EQ(r.best.cost, dec("1040"));
  EXPECT_EQ(r.best.savings, dec("160"));
  EXPECT_EQ(r.best.utilization, dec("1"));
  EXPECT_EQ(r.best.coverage, Decimal::divide(dec("400"), dec("1200")));
}

TEST(CommitmentSimulationTest, LargeDiscountCoversThePeakAndAcceptsIdleHours) {
  // d = 0.6: 50% of hours above $2 exceeds 1 − d = 40%, so cover the $10 peak: c = 4 $/h.
  const SimulationResult r = simulate_commitment(two_levels(), dec("0.6"));
  EXPECT_EQ(r.best.hourly_commitment, dec("4"));
  EXPECT_EQ(r.best.cost, dec("800"));
  EXPECT_EQ(r.best.savings, dec("400"));
  // Used: 100 × 4 + 100 × 2 × 0.4 = 480 of 800 committed.
  EXPECT_EQ(r.best.utilization, dec("0.6"));
  EXPECT_EQ(r.best.coverage, dec("1"));
}

TEST(CommitmentSimulationTest, OptimumIsTheDiscountQuantileOfHourlyUsage) {
  // Usage 1..100 $/h; with d = 0.25 the optimum covers the 25th percentile, u = 25 or 26
  // (savings are flat between them): c = 0.75 × 25 = 18.75 or 19.5.
  std::vector<Decimal> u;
  for (int i = 1; i <= 100; ++i)
    u.push_back(Decimal::from_int(i));
  const SimulationResult r = simulate_commitment(u, dec("0.25"));
  EXPECT_TRUE(r.best.hourly_commitment == dec("18.75") || r.best.hourly_commitment == dec("19.5"))
      << r.best.hourly_commitment.to_string();
  // No other level does better.
  for (const CommitmentLevel& l : r.steps)
    EXPECT_LE(l.savings, r.best.savings);
  EXPECT_EQ(r.steps.size(), 21u);
  EXPECT_EQ(r.steps.front().hourly_commitment, Decimal());
  EXPECT_EQ(r.steps.back().hourly_commitment, dec("75"));
}

TEST(CommitmentSimulationTest, NoUsageOrNoDiscountRecommendsNothing) {
  EXPECT_TRUE(simulate_commitment({}, dec("0.3")).best.hourly_commitment.is_zero());
  const SimulationResult r = simulate_commitment(two_levels(), Decimal());
  EXPECT_TRUE(r.best.savings.is_zero());
  EXPECT_TRUE(r.best.hourly_commitment.is_zero());
}

TEST(CommitmentSimulationTest, EvaluatesAGivenLevel) {
  const CommitmentLevel l = evaluate_commitment(two_levels(), dec("0.5"), dec("3"));
  // Reach 6 $/h: covers 6 of the 10-hours and all of the 2-hours.
  EXPECT_EQ(l.covered_on_demand, dec("800"));
  EXPECT_EQ(l.cost, dec("1000"));
  EXPECT_EQ(l.savings, dec("200"));
}

TEST(CommitmentSimulationTest, InstanceCountIsTheDiscountQuantileOfRunningInstances) {
  // 0..9 instances, 10 hours each; on demand $1, reserved $0.7 (d = 0.3): the n-th instance pays
  // off while at least 70% of hours run n or more. 80% run ≥ 2, 70% run ≥ 3 (the third is
  // break-even, so the smaller count wins): n = 2.
  std::vector<Decimal> q;
  for (int n = 0; n < 10; ++n)
    q.insert(q.end(), 10, Decimal::from_int(n));
  const InstanceLevel best = best_instance_count(q, dec("1"), dec("0.7"));
  EXPECT_EQ(best.instances, 2);
  // 100 hours: cost 2 × 0.7 × 100 + Σ max(0, q − 2) = 140 + 280 = 420; on demand 450.
  EXPECT_EQ(best.cost, dec("420"));
  EXPECT_EQ(best.savings, dec("30"));
  // Used 10 × 1 + 80 × 2 = 170 of 200 instance-hours.
  EXPECT_EQ(best.utilization, dec("0.85"));
  EXPECT_EQ(best_instance_count({}, dec("1"), dec("0.7")).instances, 0);
}

}  // namespace
}  // namespace optima::recommend
