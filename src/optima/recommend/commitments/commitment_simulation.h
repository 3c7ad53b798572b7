// The commitment purchase simulation (AWS Savings Plans / Azure savings plan method, METHODS.md
// §2.9–2.10): given the hourly on-demand cost of eligible usage and a discount rate d, a
// commitment of c $/h buys c / (1 − d) of on-demand usage each hour; the cost of a level is
// c × hours + the uncovered on-demand rest. Every hour's usage is a breakpoint of the
// piecewise-linear saving, so evaluating them all finds the exact optimum; the optimum covers
// the d-quantile of hourly usage (an hour more pays off while the share of hours above the
// level exceeds 1 − d). Pure functions on values; thread-safe.
#pragma once

#include <vector>

#include "optima/core/decimal.h"

namespace optima::recommend {

struct CommitmentLevel {
  core::Decimal hourly_commitment;  // c, $/h (discounted dollars)
  core::Decimal covered_on_demand;  // Σ min(u_h, c / (1 − d)) over the hours
  core::Decimal cost;               // c × hours + Σ max(0, u_h − c / (1 − d))
  core::Decimal savings;            // Σ u_h − cost
  core::Decimal utilization;        // covered × (1 − d) / (c × hours); 0 when c = 0
  core::Decimal coverage;           // covered / Σ u_h
};

struct SimulationResult {
  core::Decimal on_demand_cost;  // Σ u_h
  size_t hours = 0;
  CommitmentLevel best;                // the level with the largest savings (0 when none saves)
  std::vector<CommitmentLevel> steps;  // `steps` + 1 evenly spaced levels from 0 to the max
};

// Requires: 0 ≤ discount < 1 (checked by the caller), every u_h ≥ 0. `commitment_digits`: the
// commitment is rounded down to that many fractional digits (AWS quotes $/h to 3 places).
SimulationResult simulate_commitment(const std::vector<core::Decimal>& hourly_on_demand,
                                     core::Decimal discount, int steps = 20,
                                     int commitment_digits = 3);

// The cost and savings of one commitment level over the hours.
CommitmentLevel evaluate_commitment(const std::vector<core::Decimal>& hourly_on_demand,
                                    core::Decimal discount, core::Decimal hourly_commitment);

// Reserved instances bought by the unit: hourly running instance counts q_h, the on-demand and
// reserved hourly rates of one instance. n instances cost n × reserved × hours + Σ max(0, q_h − n)
// × on-demand; the best n is the smallest maximizing the saving (the discount-quantile of the
// counts, as above).
struct InstanceLevel {
  int64_t instances = 0;
  core::Decimal cost;
  core::Decimal savings;      // Σ q_h × on-demand − cost
  core::Decimal utilization;  // Σ min(q_h, n) / (n × hours); 0 when n = 0
};

// Requires: 0 < reserved < on_demand, every q_h ≥ 0.
InstanceLevel best_instance_count(const std::vector<core::Decimal>& hourly_instances,
                                  core::Decimal on_demand, core::Decimal reserved);

}  // namespace optima::recommend
