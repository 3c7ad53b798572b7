// Commitment simulation: sorted hourly usage with suffix sums makes each level O(log n).
#include "optima/recommend/commitments/commitment_simulation.h"

#include <algorithm>

namespace optima::recommend {
namespace {

using core::Decimal;

// Σ max(0, u − x) and Σ min(u, x) over sorted usage, via suffix sums.
struct SortedUsage {
  std::vector<Decimal> sorted;
  std::vector<Decimal> suffix;  // suffix[i] = Σ sorted[i..]
  explicit SortedUsage(const std::vector<Decimal>& usage) : sorted(usage) {
    std::sort(sorted.begin(), sorted.end());
    suffix.assign(sorted.size() + 1, Decimal());
    for (size_t i = sorted.size(); i-- > 0;)
      suffix[i] = suffix[i + 1] + sorted[i];
  }
  // Σ max(0, u − x)
  Decimal above(Decimal x) const {
    const size_t i =
        static_cast<size_t>(std::upper_bound(sorted.begin(), sorted.end(), x) - sorted.begin());
    const Decimal count = Decimal::from_int(static_cast<int64_t>(sorted.size() - i));
    return suffix[i] - Decimal::multiply(count, x);
  }
};

CommitmentLevel evaluate(const SortedUsage& usage, Decimal total, Decimal discount,
                         Decimal commitment) {
  const Decimal one = Decimal::from_int(1);
  const Decimal hours = Decimal::from_int(static_cast<int64_t>(usage.sorted.size()));
  // On-demand usage one committed dollar buys: 1 / (1 − d).
  const Decimal reach = Decimal::divide(commitment, one - discount);
  CommitmentLevel level;
  level.hourly_commitment = commitment;
  const Decimal uncovered = usage.above(reach);
  level.covered_on_demand = total - uncovered;
  level.cost = Decimal::multiply(commitment, hours) + uncovered;
  level.savings = total - level.cost;
  const Decimal committed = Decimal::multiply(commitment, hours);
  if (!committed.is_zero())
    level.utilization =
        Decimal::divide(Decimal::multiply(level.covered_on_demand, one - discount), committed);
  if (!total.is_zero())
    level.coverage = Decimal::divide(level.covered_on_demand, total);
  return level;
}

Decimal round_down(Decimal value, int digits) {
  const Decimal r = value.round(digits);
  if (r <= value)
    return r;
  Decimal step = Decimal::from_int(1);
  for (int i = 0; i < digits; ++i)
    step = Decimal::divide(step, Decimal::from_int(10));
  return r - step;
}

}  // namespace

CommitmentLevel evaluate_commitment(const std::vector<Decimal>& hourly_on_demand, Decimal discount,
                                    Decimal hourly_commitment) {
  const SortedUsage usage(hourly_on_demand);
  return evaluate(usage, usage.suffix.empty() ? Decimal() : usage.suffix[0], discount,
                  hourly_commitment);
}

SimulationResult simulate_commitment(const std::vector<Decimal>& hourly_on_demand, Decimal discount,
                                     int steps, int commitment_digits) {
  const SortedUsage usage(hourly_on_demand);
  const Decimal total = usage.suffix[0];
  const Decimal keep = Decimal::from_int(1) - discount;
  SimulationResult result;
  result.on_demand_cost = total;
  result.hours = hourly_on_demand.size();
  result.best = evaluate(usage, total, discount, Decimal());
  if (usage.sorted.empty())
    return result;

  // Savings are piecewise linear in the covered level with breakpoints at the hourly values, so
  // the optimum sits on one of them; the commitment is then rounded down to quotable digits.
  for (size_t i = 0; i < usage.sorted.size(); ++i) {
    if (i > 0 && usage.sorted[i] == usage.sorted[i - 1])
      continue;
    const Decimal commitment =
        round_down(Decimal::multiply(usage.sorted[i], keep), commitment_digits);
    const CommitmentLevel level = evaluate(usage, total, discount, commitment);
    if (level.savings > result.best.savings)
      result.best = level;
  }
  const Decimal max_commitment = Decimal::multiply(usage.sorted.back(), keep);
  for (int s = 0; s <= steps && steps > 0; ++s) {
    const Decimal c =
        round_down(Decimal::divide(Decimal::multiply(max_commitment, Decimal::from_int(s)),
                                   Decimal::from_int(steps)),
                   commitment_digits);
    result.steps.push_back(evaluate(usage, total, discount, c));
  }
  return result;
}

InstanceLevel best_instance_count(const std::vector<Decimal>& hourly_instances, Decimal on_demand,
                                  Decimal reserved) {
  const SortedUsage usage(hourly_instances);
  const Decimal total = usage.suffix.empty() ? Decimal() : usage.suffix[0];
  const Decimal hours = Decimal::from_int(static_cast<int64_t>(usage.sorted.size()));
  InstanceLevel best;
  best.cost = Decimal::multiply(total, on_demand);
  if (usage.sorted.empty())
    return best;
  // Whole instances up to the peak (rounded up: a fractional peak still needs one more).
  const Decimal peak = usage.sorted.back();
  const Decimal whole = peak.round(0);
  const int64_t max_n = static_cast<int64_t>(
      (whole < peak ? whole + Decimal::from_int(1) : whole).units() / Decimal::kOne);
  for (int64_t n = 1; n <= max_n; ++n) {
    const Decimal count = Decimal::from_int(n);
    const Decimal uncovered = usage.above(count);
    InstanceLevel level;
    level.instances = n;
    level.cost = Decimal::multiply(Decimal::multiply(count, reserved), hours) +
                 Decimal::multiply(uncovered, on_demand);
    level.savings = Decimal::multiply(total, on_demand) - level.cost;
    level.utilization = Decimal::divide(total - uncovered, Decimal::multiply(count, hours));
    if (level.savings > best.savings)
      best = level;
  }
  return best;
}

}  // namespace optima::recommend
