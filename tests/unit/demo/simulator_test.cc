#include "optima/demo/simulator.h"

#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "optima/demo/estate_builder.h"

namespace optima::demo {
namespace {

class CaptureSink : public ChargeSink {
 public:
  core::Status consume(const Charge& charge) override {
    charges.push_back(charge);
    return core::Status::ok();
  }
  std::vector<Charge> charges;
};

const Estate& small_estate() {
  static const Estate estate = [] {
    EstateOptions o;
    o.seed = 7;
    o.end = core::make_timestamp({2025, 3, 1});
    o.months = 3;
    o.rows = 60000;
    auto built = build_estate(o);
    EXPECT_TRUE(built.is_ok()) << built.status().to_string();
    return std::move(built).value();
  }();
  return estate;
}

std::vector<Charge> simulate_all(const Estate& e, Cloud cloud) {
  CaptureSink sink;
  for (uint32_t p = 0; p < e.periods.size(); ++p) {
    PeriodRun run;
    run.period = p;
    run.data_end = e.end;
    EXPECT_TRUE(simulate_period(e, cloud, run, sink).is_ok());
  }
  return std::move(sink.charges);
}

TEST(SimulatorTest, PacificMidnightFollowsDaylightSavingTime) {
  // 2024: DST from Sunday March 10 to Sunday November 3, switching at 02:00 local.
  EXPECT_EQ(pacific_midnight({2024, 3, 10}), core::make_timestamp({2024, 3, 10}, 8));
  EXPECT_EQ(pacific_midnight({2024, 3, 11}), core::make_timestamp({2024, 3, 11}, 7));
  EXPECT_EQ(pacific_midnight({2024, 11, 3}), core::make_timestamp({2024, 11, 3}, 7));
  EXPECT_EQ(pacific_midnight({2024, 11, 4}), core::make_timestamp({2024, 11, 4}, 8));
  for (int month = 1; month <= 12; ++month) {
    EXPECT_EQ(pacific_midnight({2025, month, 1}), core::pacific_month_start(2025, month)) << month;
  }
}

TEST(SimulatorTest, GoogleBillingPeriodsAreUsPacificInvoiceMonths) {
  const Estate& e = small_estate();
  for (uint32_t p = 0; p < e.periods.size(); ++p) {
    const core::CivilDate d = core::date_of(e.periods[p].start);
    const core::Period gcp = billing_period(e, Cloud::kGcp, p);
    EXPECT_EQ(gcp.start, core::pacific_month_start(d.year, d.month));
    EXPECT_EQ(billing_period(e, Cloud::kAws, p), e.periods[p]);
  }
  EXPECT_EQ(billing_period(e, Cloud::kGcp, static_cast<uint32_t>(e.periods.size()) - 1).end, e.end);
}

TEST(SimulatorTest, EveryCommittedUnitIsEitherUsedOrUnused) {
  const Estate& e = small_estate();
  size_t checked = 0;
  for (const Cloud cloud : {Cloud::kAws, Cloud::kAzure, Cloud::kGcp}) {
    // Per commitment and charge period: used + unused = what was committed.
    std::map<std::pair<uint32_t, int64_t>, Int128> covered;
    std::map<std::pair<uint32_t, int64_t>, const Charge*> unused;
    const std::vector<Charge> charges = simulate_all(e, cloud);
    for (const Charge& ch : charges) {
      if (ch.kind == ChargeKind::kCommitted) {
        const bool spend = ch.commitment->hourly_commitment > 0;
        covered[{ch.commitment->index, ch.start.unix_seconds}] += spend ? ch.effective_cost : ch.quantity;
      }
      if (ch.kind == ChargeKind::kUnused) unused[{ch.commitment->index, ch.start.unix_seconds}] = &ch;
    }
    ASSERT_FALSE(covered.empty()) << provider_name(cloud);
    // Google CUD fees state the period's commitment and use.
    for (const Charge& ch : charges) {
      if (ch.kind != ChargeKind::kCommitmentFee || ch.commitment->kind != CommitmentKind::kGcpCud) continue;
      const std::pair<uint32_t, int64_t> key{ch.commitment->index, ch.start.unix_seconds};
      EXPECT_EQ(covered.contains(key) ? covered[key] : 0, ch.used_units);
      EXPECT_LE(ch.used_units, ch.committed_units);
      EXPECT_EQ(ch.billed_cost, cost_of(ch.commitment->recurring_hourly, ch.committed_units));
      ++checked;
    }
    for (const auto& [key, ch] : unused) {
      const Commitment& c = e.commitments[key.first];
      const Int128 used = covered.contains(key) ? covered[key] : 0;
      if (c.hourly_commitment > 0) {
        EXPECT_EQ(used, ch->used_commitment);
        EXPECT_EQ(used + ch->effective_cost, ch->total_commitment);
      } else {
        EXPECT_EQ(used, ch->used_units);
        EXPECT_EQ(used + ch->quantity, ch->committed_units);
        EXPECT_EQ(ch->effective_cost, cost_of(c.effective_hourly(), ch->quantity));
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 100U);
}

TEST(SimulatorTest, UsageIsPricedAtTheMeterRate) {
  const Estate& e = small_estate();
  for (const Cloud cloud : {Cloud::kAws, Cloud::kAzure, Cloud::kGcp, Cloud::kOci}) {
    for (const Charge& ch : simulate_all(e, cloud)) {
      if (ch.kind != ChargeKind::kOnDemand && ch.kind != ChargeKind::kCommitted) continue;
      ASSERT_GT(ch.quantity, 0);
      EXPECT_EQ(ch.contracted_cost, cost_of(ch.sku->rate, ch.quantity));
      EXPECT_EQ(ch.list_cost, cost_of(ch.sku->list_rate, ch.quantity));
      Int128 credits = 0;
      for (uint8_t i = 0; i < ch.credit_count; ++i) {
        EXPECT_LT(ch.credits[i].amount, 0);
        credits += ch.credits[i].amount;
      }
      if (ch.kind == ChargeKind::kOnDemand) {
        EXPECT_EQ(ch.billed_cost, ch.contracted_cost + credits);
        EXPECT_EQ(ch.effective_cost, ch.billed_cost);
      } else {
        EXPECT_EQ(ch.billed_cost, 0);
        EXPECT_EQ(ch.effective_cost, cost_of(ch.commitment_rate, ch.quantity));
      }
    }
  }
}

TEST(SimulatorTest, ChargesStayInsideTheirBillingPeriod) {
  const Estate& e = small_estate();
  for (const Cloud cloud : {Cloud::kAws, Cloud::kAzure, Cloud::kGcp, Cloud::kOci}) {
    for (const Charge& ch : simulate_all(e, cloud)) {
      const core::Period p = billing_period(e, cloud, ch.period);
      ASSERT_GE(ch.start, p.start) << provider_name(cloud);
      ASSERT_LE(ch.end, core::add_months(e.periods[ch.period].start, 1) < p.end ? p.end : core::add_months(e.periods[ch.period].start, 1));
      if (ch.kind == ChargeKind::kCorrection) {
        EXPECT_LT(ch.billed_cost, 0);
        EXPECT_LT(ch.corrected_start, p.start);
      }
    }
  }
}

TEST(SimulatorTest, SimulatingTwiceGivesTheSameCharges) {
  const Estate& e = small_estate();
  const std::vector<Charge> a = simulate_all(e, Cloud::kAws);
  const std::vector<Charge> b = simulate_all(e, Cloud::kAws);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].kind, b[i].kind);
    ASSERT_EQ(a[i].start, b[i].start);
    ASSERT_EQ(a[i].quantity, b[i].quantity);
    ASSERT_EQ(a[i].billed_cost, b[i].billed_cost);
    ASSERT_EQ(a[i].effective_cost, b[i].effective_cost);
  }
}

TEST(SimulatorTest, AnEarlierDataEndLeavesOutLaterUsageAndLateAdjustments) {
  const Estate& e = small_estate();
  CaptureSink full;
  CaptureSink early;
  PeriodRun run;
  run.period = 1;
  run.data_end = e.end;
  ASSERT_TRUE(simulate_period(e, Cloud::kAws, run, full).is_ok());
  run.data_end = Timestamp{e.periods[1].end.unix_seconds - 3 * core::kSecondsPerDay};
  run.late_adjustments = false;
  ASSERT_TRUE(simulate_period(e, Cloud::kAws, run, early).is_ok());
  EXPECT_LT(early.charges.size(), full.charges.size());
  for (const Charge& ch : early.charges) {
    if (ch.kind == ChargeKind::kOnDemand || ch.kind == ChargeKind::kCommitted) {
      EXPECT_LE(ch.end, run.data_end);
    }
    EXPECT_NE(ch.kind, ChargeKind::kCorrection);
  }
}

}  // namespace
}  // namespace optima::demo

namespace optima::demo {
namespace {

TEST(SimulatorHourlyTest, HourlyEstatesChargeHourByHourAndGoogleUsesPacificMonths) {
  EstateOptions o;
  o.seed = 3;
  o.end = core::make_timestamp({2025, 3, 1});
  o.months = 2;
  o.rows = 1500000;
  o.granularity = Granularity::kHourly;
  auto built = build_estate(o);
  ASSERT_TRUE(built.is_ok()) << built.status().to_string();
  const Estate& e = *built;
  ASSERT_EQ(e.granularity, Granularity::kHourly);
  CaptureSink aws;
  PeriodRun run;
  run.period = 1;
  run.data_end = e.end;
  ASSERT_TRUE(simulate_period(e, Cloud::kAws, run, aws).is_ok());
  size_t sp_fees = 0;
  for (const Charge& ch : aws.charges) {
    if (ch.kind == ChargeKind::kOnDemand || ch.kind == ChargeKind::kCommitted) {
      ASSERT_EQ(ch.end.unix_seconds - ch.start.unix_seconds, 3600);
    }
    if (ch.kind == ChargeKind::kCommitmentFee && ch.commitment->kind == CommitmentKind::kAwsSavingsPlan) {
      EXPECT_EQ(ch.quantity, kQuantityOne);  // one hour per fee line
      ++sp_fees;
    }
  }
  EXPECT_GE(sp_fees, 28U * 24U);
  // Google: the first hours of a UTC month still belong to the previous invoice month.
  CaptureSink gcp;
  run.period = 0;
  ASSERT_TRUE(simulate_period(e, Cloud::kGcp, run, gcp).is_ok());
  size_t next_month_hours = 0;
  for (const Charge& ch : gcp.charges) {
    if (ch.kind != ChargeKind::kOnDemand) continue;
    if (ch.start >= e.periods[1].start) ++next_month_hours;
    EXPECT_LT(ch.start, core::pacific_month_start(2025, 2));
  }
  EXPECT_GT(next_month_hours, 0U);
}

}  // namespace
}  // namespace optima::demo
