// Commitment metrics from FOCUS rows: coverage, utilization and effective savings rate (ESR)
// per provider and commitment type, per period.
//
// Definitions (FinOps Foundation KPIs, METHODS.md §5; FOCUS 1.2 amortization rules):
// - Eligible usage: Usage rows of ServiceCategory Compute metered in running time (instance /
//   vCPU / GiB hours or seconds; storage, requests and bytes are not commitment-eligible),
//   priced Standard, plus every row a commitment covered (CommitmentDiscountStatus Used).
// - On-demand equivalent (ODE) of a row: ContractedCost (the price before commitment
//   discounts), else ListCost when ContractedCost is null or 0.
// - Coverage = ODE of covered (Used) eligible rows / ODE of all eligible rows.
// - Utilization = EffectiveCost of Used rows / (EffectiveCost of Used + Unused rows), per
//   commitment type (FOCUS: Σ EffectiveCost(Used) + Σ EffectiveCost(Unused) = the amortized
//   commitment). A type whose Used and Unused rows carry no EffectiveCost while it has Purchase
//   rows is not amortized by its export (Google's billing export bills the CUD fee as its own
//   row and zeroes covered usage with credits): its cost is the purchases billed in the period
//   and its utilization is unknown.
// - ESR = (ODE of eligible usage − (EffectiveCost of eligible usage + unused commitment)) / ODE
//   (the vendor variant of METHODS.md §5: savings vs on-demand, unused commitment counted as
//   cost). Per type: (ODE of the type's covered rows − its Used + Unused EffectiveCost) / that ODE.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/status.h"
#include "optima/core/time.h"
#include "optima/store/table_source.h"

namespace optima::recommend {

struct CommitmentTypeMetrics {
  std::string type;  // CommitmentDiscountType ("Savings Plan", "Reserved Instances", …)
  core::Decimal covered_on_demand_equivalent;  // ODE of the usage it covered
  core::Decimal used_cost;                     // Σ EffectiveCost of its Used rows
  core::Decimal unused_cost;                   // Σ EffectiveCost of its Unused rows
  core::Decimal purchases;                     // Σ BilledCost of its Purchase rows in the period
  // False when the export does not amortize it (see the file comment).
  bool amortized() const;
  // used + unused when amortized, else the purchases.
  core::Decimal commitment_cost() const;
  // used / (used + unused); nullopt when not amortized or nothing was committed.
  std::optional<core::Decimal> utilization() const;
  core::Decimal savings() const;       // covered ODE − commitment cost
  core::Decimal savings_rate() const;  // savings / covered ODE; 0 when no ODE
};

struct ProviderCommitmentMetrics {
  core::Period period;
  std::string provider;                         // ProviderName
  std::string currency;                         // BillingCurrency
  core::Decimal eligible_on_demand_equivalent;  // ODE of all eligible usage
  core::Decimal covered_on_demand_equivalent;   // ODE of its covered part
  core::Decimal eligible_effective_cost;        // Σ EffectiveCost of eligible usage
  core::Decimal on_demand_cost;                 // Σ EffectiveCost of uncovered Standard usage
  core::Decimal unused_cost;                    // Σ EffectiveCost of Unused rows
  std::vector<CommitmentTypeMetrics> types;     // by type name
  core::Decimal coverage() const;
  // Σ Used / Σ (Used + Unused) over the amortized types; nullopt when there is none.
  std::optional<core::Decimal> utilization() const;
  // ODE − eligible effective cost − unused − purchases of types that are not amortized.
  core::Decimal savings() const;
  core::Decimal effective_savings_rate() const;
};

enum class MetricsGranularity { kWhole, kMonth };

// Reads the Usage and Purchase rows whose ChargePeriodStart lies in `period` and returns one
// entry per (period bucket, provider, currency), in that order; providers without eligible usage
// or commitments are left out. With kMonth the buckets are calendar months (UTC) clipped to
// `period`. Errors: the query's.
core::Result<std::vector<ProviderCommitmentMetrics>> compute_commitment_metrics(
    const store::TableSource& source, core::Period period,
    MetricsGranularity granularity = MetricsGranularity::kWhole);

// The ChargePeriodStart span of the source's rows: [min start, max start + 1 h); nullopt when
// the source is empty.
std::optional<core::Period> data_span(const store::TableSource& source);

// The end of the last day with billing data: the UTC midnight after the latest ChargePeriodStart,
// where windows that run "up to the data" end. nullopt when the source is empty.
std::optional<core::Timestamp> billed_days_end(const store::TableSource& source);

// True when a FOCUS ConsumedUnit meters running time, which commitments cover: hours ("Hours",
// "Hrs", "1 Hour", "gibibyte hour") or Google's "seconds" / "byte-seconds" (vCPU and RAM time).
bool is_time_metered_unit(std::string_view unit);

}  // namespace optima::recommend
