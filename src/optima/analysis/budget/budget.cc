#include "optima/analysis/budget/budget.h"

#include <fmt/format.h>

namespace optima::analysis {
namespace {

const core::Decimal kMaxPercent = core::Decimal::from_int(10000);

}  // namespace

std::string_view threshold_basis_name(ThresholdBasis basis) {
  return basis == ThresholdBasis::kActual ? "actual" : "forecast";
}

core::Status validate_budget(const Budget& budget) {
  if (budget.name.empty() || budget.name.size() > 200)
    return core::invalid_argument(
        fmt::format("name: expected 1 to 200 characters; found {}", budget.name.size()));
  if (!budget.metric.is_money())
    return core::invalid_argument(fmt::format(
        "metric: expected a money column such as EffectiveCost or BilledCost; found \"{}\"",
        budget.metric.to_string()));
  if (budget.amount <= core::Decimal())
    return core::invalid_argument(
        fmt::format("amount: expected a positive decimal; found {}", budget.amount.to_string()));
  query::Query probe;
  probe.metrics = {budget.metric};
  probe.filters = budget.scope;
  if (core::Status s = query::validate_query(probe); !s.is_ok())
    return core::invalid_argument("scope: " + s.message());
  for (size_t i = 0; i < budget.period_amounts.size(); ++i) {
    const PeriodAmount& pa = budget.period_amounts[i];
    if (budget_period_containing(budget.period, pa.period_start).start != pa.period_start)
      return core::invalid_argument(fmt::format(
          "period_amounts[{}].period_start: expected the start of a {} period; found {}", i,
          budget_period_name(budget.period), core::format_iso8601(pa.period_start)));
    if (pa.amount <= core::Decimal())
      return core::invalid_argument(
          fmt::format("period_amounts[{}].amount: expected a positive decimal; found {}", i,
                      pa.amount.to_string()));
    if (i > 0 && budget.period_amounts[i - 1].period_start >= pa.period_start)
      return core::invalid_argument(fmt::format(
          "period_amounts[{}].period_start: expected periods in increasing order without "
          "repeats; found {} after {}",
          i, core::format_date(pa.period_start),
          core::format_date(budget.period_amounts[i - 1].period_start)));
  }
  for (size_t i = 0; i < budget.thresholds.size(); ++i) {
    const BudgetThreshold& t = budget.thresholds[i];
    if (t.percent <= core::Decimal() || t.percent > kMaxPercent)
      return core::invalid_argument(fmt::format(
          "thresholds[{}].percent: expected a number above 0 and at most 10000; found {}", i,
          t.percent.to_string()));
    for (size_t j = 0; j < i; ++j)
      if (budget.thresholds[j] == t)
        return core::invalid_argument(
            fmt::format("thresholds[{}]: duplicate of thresholds[{}] ({}% of {})", i, j,
                        t.percent.to_string(), threshold_basis_name(t.basis)));
  }
  if (!budget.currency.empty() &&
      (budget.currency.size() != 3 || budget.currency.find_first_not_of(
                                          "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos))
    return core::invalid_argument(fmt::format(
        "currency: expected a three-letter ISO 4217 code such as USD; found \"{}\"",
        budget.currency));
  return core::Status::ok();
}

core::Decimal budget_amount_for(const Budget& budget, core::Timestamp period_start) {
  for (const PeriodAmount& pa : budget.period_amounts)
    if (pa.period_start == period_start) return pa.amount;
  return budget.amount;
}

std::vector<query::Filter> budget_filters(const Budget& budget) {
  std::vector<query::Filter> filters = budget.scope;
  if (!budget.currency.empty())
    filters.push_back({query::Dimension::of_column(focus::Column::kBillingCurrency),
                       query::FilterOp::kIn,
                       {budget.currency}});
  return filters;
}

}  // namespace optima::analysis
