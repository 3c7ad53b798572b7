// Commitment purchase recommendations (savings plans / spend-based commitments) per provider:
// the hourly on-demand cost of eligible usage over a lookback window, a discount rate from the
// price book, the simulation of commitment levels, and the money a user decides on — hourly
// commitment, expected utilization, coverage after, break-even month, monthly / 1-year / term
// savings. Method: AWS Savings Plans and Azure savings plan recommendations (METHODS.md §2.9,
// §2.10): lookback 7/30/60 days, usage already covered by commitments excluded.
#pragma once

#include <string>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/status.h"
#include "optima/core/time.h"
#include "optima/pricing/price_book.h"
#include "optima/pricing/rate.h"
#include "optima/recommend/commitments/commitment_simulation.h"
#include "optima/store/table_source.h"

namespace optima::recommend {

// The uncovered on-demand usage a new commitment could cover, for one provider and currency.
struct EligibleUsage {
  std::string provider;
  std::string currency;
  core::Period window;
  std::vector<core::Decimal> hourly;  // one value per hour of `window`
  // True when the bill is daily: each day's cost was spread evenly over its 24 hours.
  bool spread_from_daily = false;
  struct ByType {
    std::string region;
    std::string instance_type;
    core::Decimal cost;
  };
  std::vector<ByType> by_type;  // the same cost by region and instance type (when named)
};

// Usage rows in `window` priced Standard, not covered by a commitment, ServiceCategory Compute,
// metered in hours; per provider and currency. Errors: the query's.
core::Result<std::vector<EligibleUsage>> eligible_on_demand_usage(const store::TableSource& source,
                                                                  core::Period window);

struct DiscountEstimate {
  core::Decimal rate;  // 1 − committed rate / on-demand rate
  pricing::RateSource source = pricing::RateSource::kCatalog;
  std::string description;
};

struct PurchaseOptions {
  int lookback_days = 30;  // 7, 30 or 60 as the providers offer; any positive value works
  pricing::Term term = pricing::Term::k1Year;
  pricing::Payment payment = pricing::Payment::kNoUpfront;
  int steps = 20;  // levels shown between 0 and the maximum
};

struct PurchaseRecommendation {
  std::string provider;
  std::string currency;
  std::string
      commitment;  // what to buy: "Compute Savings Plan", "Azure savings plan for compute", …
  pricing::Term term = pricing::Term::k1Year;
  pricing::Payment payment = pricing::Payment::kNoUpfront;
  core::Period lookback;
  bool spread_from_daily = false;
  DiscountEstimate discount;
  core::Decimal hourly_commitment;
  core::Decimal expected_utilization;
  core::Decimal coverage_before;  // of all eligible usage (existing commitments included)
  core::Decimal coverage_after;
  core::Decimal monthly_on_demand;  // current uncovered on-demand spend per month (730 h)
  core::Decimal monthly_savings;
  core::Decimal yearly_savings;         // monthly × 12
  core::Decimal term_savings;           // monthly × term months
  core::Decimal upfront;                // paid at purchase
  core::Decimal monthly_recurring;      // paid each month of the term
  int break_even_month = 0;             // first month the purchase has paid for itself; 0: never
  std::vector<CommitmentLevel> levels;  // the simulated curve
};

// A reserved-instance purchase for one instance type in one region (AWS RI method, METHODS.md
// §2.9: whole instances, regional scope, usage already covered excluded).
struct ReservationRecommendation {
  std::string provider;
  std::string currency;
  std::string region;
  std::string instance_type;
  pricing::PricingOption option;  // reserved, standard class, the plan's term and payment
  pricing::Rate on_demand_rate;   // what the usage pays now: the bill's effective rate
  pricing::Rate reserved_rate;    // the catalog's effective reserved rate
  bool spread_from_daily = false;
  int64_t instances = 0;
  core::Decimal average_instances;  // running on demand, over the lookback
  core::Decimal expected_utilization;
  core::Decimal monthly_on_demand;
  core::Decimal monthly_savings;
  core::Decimal yearly_savings;
  core::Decimal term_savings;
  core::Decimal upfront;
  core::Decimal monthly_recurring;
  int break_even_month = 0;
};

struct CommitmentPlan {
  core::Period lookback;
  std::vector<PurchaseRecommendation> recommendations;  // only levels with a positive saving
  // Per instance type with a catalog reserved price; by monthly savings, largest first. An
  // alternative to the spend-based commitment of the same provider, not an addition to it.
  std::vector<ReservationRecommendation> reservations;
  std::vector<std::string> notes;  // providers skipped and why, data caveats
};

// The discount a commitment of `options` term / payment gives on `usage`: the catalog's reserved
// vs on-demand rates of the instance types in the usage, weighted by their cost (AWS: convertible
// RI rates, which AWS matches with Compute Savings Plans; others: standard), else the
// customer's existing commitments' effective discount in `bill_discount` (when not null);
// else nullopt.
std::optional<DiscountEstimate> estimate_discount(
    const pricing::PriceBook& book, const EligibleUsage& usage, const PurchaseOptions& options,
    const std::optional<DiscountEstimate>& bill_discount);

// The full recommendation over the `options.lookback_days` days ending at `end` (exclusive).
core::Result<CommitmentPlan> recommend_commitment_purchases(const store::TableSource& source,
                                                            const pricing::PriceBook& book,
                                                            core::Timestamp end,
                                                            const PurchaseOptions& options);

// What each provider's spend-based commitment is called.
std::string commitment_product(std::string_view provider);

}  // namespace optima::recommend
