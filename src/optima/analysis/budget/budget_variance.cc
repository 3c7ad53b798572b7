#include "optima/analysis/budget/budget_variance.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "optima/analysis/budget/budget_spend.h"

namespace optima::analysis {
namespace {

core::Decimal abs_of(core::Decimal d) { return d.is_negative() ? -d : d; }

// value's share of `table` times `amount`; zero when the table's total is zero.
core::Decimal share_of(core::Decimal value, core::Decimal total, core::Decimal amount) {
  if (total.is_zero()) return core::Decimal();
  return core::Decimal::divide(core::Decimal::multiply(amount, value), total);
}

}  // namespace

core::Result<std::vector<PeriodVariance>> compute_budget_variance(const Budget& budget,
                                                                  const store::TableSource& source,
                                                                  core::Timestamp as_of,
                                                                  const VarianceOptions& options) {
  OPTIMA_RETURN_IF_ERROR(validate_budget(budget));
  if (options.periods < 1 || options.periods > 36)
    return core::invalid_argument(
        fmt::format("periods: expected 1 to 36; found {}", options.periods));
  if (options.top < 1)
    return core::invalid_argument("top: expected at least 1; found 0");

  std::vector<PeriodVariance> out;
  std::optional<DimensionSpendTable> previous;
  for (int k = -options.periods - 1; k <= -1; ++k) {
    const core::Period period = budget_period_offset(budget.period, as_of, k);
    OPTIMA_ASSIGN_OR_RETURN(DimensionSpendTable table,
                            spend_by_dimension(budget, source, period, options.dimension));
    if (k == -options.periods - 1) {  // only the basis of the first period's shares
      previous = std::move(table);
      continue;
    }
    PeriodVariance v;
    v.period = period;
    v.label = budget_period_label(budget.period, period);
    v.amount = budget_amount_for(budget, period.start);
    v.actual = table.total;
    v.variance = v.actual - v.amount;
    v.variance_percent =
        core::Decimal::divide(core::Decimal::multiply(v.variance, core::Decimal::from_int(100)),
                              v.amount)
            .round(2);

    const bool by_previous = previous && !previous->total.is_zero();
    const DimensionSpendTable& basis = by_previous ? *previous : table;
    std::map<std::optional<std::string>, VarianceContributor> by_value;
    for (const DimensionSpend& s : table.values) {
      by_value[s.value].value = s.value;
      by_value[s.value].actual = s.amount;
    }
    for (const DimensionSpend& s : basis.values) {
      by_value[s.value].value = s.value;
      by_value[s.value].expected = share_of(s.amount, basis.total, v.amount);
    }
    std::vector<VarianceContributor> all;
    for (auto& [key, c] : by_value) {
      c.contribution = c.actual - c.expected;
      all.push_back(c);
    }
    std::sort(all.begin(), all.end(), [](const VarianceContributor& a, const VarianceContributor& b) {
      if (abs_of(a.contribution) != abs_of(b.contribution))
        return abs_of(a.contribution) > abs_of(b.contribution);
      return a.value < b.value;
    });
    if (all.size() > options.top) all.resize(options.top);
    v.top = std::move(all);
    out.push_back(std::move(v));
    previous = std::move(table);
  }
  return out;
}

}  // namespace optima::analysis
