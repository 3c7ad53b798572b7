#include "optima/analysis/budget/budget_period.h"

#include <fmt/format.h>

namespace optima::analysis {

std::string_view budget_period_name(BudgetPeriod period) {
  switch (period) {
    case BudgetPeriod::kMonthly: return "monthly";
    case BudgetPeriod::kQuarterly: return "quarterly";
    case BudgetPeriod::kAnnual: return "annual";
  }
  return "monthly";
}

std::optional<BudgetPeriod> parse_budget_period(std::string_view text) {
  for (BudgetPeriod p : {BudgetPeriod::kMonthly, BudgetPeriod::kQuarterly, BudgetPeriod::kAnnual})
    if (text == budget_period_name(p)) return p;
  return std::nullopt;
}

int months_in(BudgetPeriod period) {
  switch (period) {
    case BudgetPeriod::kMonthly: return 1;
    case BudgetPeriod::kQuarterly: return 3;
    case BudgetPeriod::kAnnual: return 12;
  }
  return 1;
}

core::Period budget_period_containing(BudgetPeriod period, core::Timestamp t) {
  const core::CivilDate d = core::date_of(t);
  const int span = months_in(period);
  const int first_month = ((d.month - 1) / span) * span + 1;
  const core::Timestamp start = core::make_timestamp({d.year, first_month, 1});
  return {start, core::add_months(start, span)};
}

core::Period budget_period_offset(BudgetPeriod period, core::Timestamp t, int offset) {
  const core::Period base = budget_period_containing(period, t);
  const core::Timestamp start = core::add_months(base.start, offset * months_in(period));
  return {start, core::add_months(start, months_in(period))};
}

std::string budget_period_label(BudgetPeriod period, core::Period p) {
  const core::CivilDate d = core::date_of(p.start);
  switch (period) {
    case BudgetPeriod::kMonthly: return fmt::format("{:04d}-{:02d}", d.year, d.month);
    case BudgetPeriod::kQuarterly: return fmt::format("{:04d}-Q{}", d.year, (d.month - 1) / 3 + 1);
    case BudgetPeriod::kAnnual: return fmt::format("{:04d}", d.year);
  }
  return {};
}

}  // namespace optima::analysis
