#include "optima/analysis/budget/budget_status.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "optima/analysis/budget/budget_spend.h"

namespace optima::analysis {
namespace {

constexpr int64_t kHistoryDays = 28;

core::Decimal percent_of(core::Decimal part, core::Decimal whole) {
  if (whole.is_zero()) return core::Decimal();
  return core::Decimal::divide(core::Decimal::multiply(part, core::Decimal::from_int(100)), whole)
      .round(2);
}

// The first day whose cumulative spend (starting from `base`) reaches `level` (>= when
// `inclusive`, else >).
std::optional<core::Timestamp> first_day_reaching(core::Decimal base,
                                                  const std::vector<DailySpend>& days,
                                                  core::Decimal level, bool inclusive) {
  core::Decimal total = base;
  for (const DailySpend& d : days) {
    total += d.amount;
    if (inclusive ? total >= level : total > level) return d.day;
  }
  return std::nullopt;
}

std::string summary_of(const BudgetStatus& s) {
  const std::string money = s.currency.empty() ? "" : " " + s.currency;
  std::string text = fmt::format("{} of {}{} spent in {} ({}%)", s.actual.to_fixed(2),
                                 s.amount.to_fixed(2), money, s.period_label,
                                 s.percent_used.to_fixed(1));
  if (s.exceeded && s.breach_date)
    return text + fmt::format("; the budget was exceeded on {}.", core::format_date(*s.breach_date));
  text += fmt::format("; projected {}{} ({}%)", s.projected.to_fixed(2), money,
                      s.projected_percent.to_fixed(1));
  if (s.breach_date && s.breach_lead_days)
    return text + fmt::format("; at this pace the budget is exceeded on {} (in {} day{}).",
                              core::format_date(*s.breach_date), *s.breach_lead_days,
                              *s.breach_lead_days == 1 ? "" : "s");
  return text + "; within budget at this pace.";
}

}  // namespace

core::Result<BudgetStatus> compute_budget_status(const Budget& budget,
                                                 const store::TableSource& source,
                                                 core::Timestamp as_of,
                                                 const SpendProjector& projector) {
  OPTIMA_RETURN_IF_ERROR(validate_budget(budget));
  BudgetStatus s;
  s.budget_id = budget.id;
  s.budget_name = budget.name;
  s.as_of = as_of;
  s.period = budget_period_containing(budget.period, as_of);
  s.period_label = budget_period_label(budget.period, s.period);
  s.amount = budget_amount_for(budget, s.period.start);

  const core::Timestamp today = core::start_of_day(as_of);
  const core::Timestamp history_start = {
      std::min(s.period.start.unix_seconds, today.unix_seconds - kHistoryDays * core::kSecondsPerDay)};
  OPTIMA_ASSIGN_OR_RETURN(DailySpendSeries series,
                          daily_spend(budget, source, {history_start, as_of}));
  s.currency = series.currency;

  std::vector<DailySpend> history;       // complete days before today, for the projector
  core::Decimal spent_before_today;      // in the period
  for (const DailySpend& d : series.days) {
    if (d.day >= s.period.start) {
      s.actual += d.amount;
      s.daily.push_back(d);
      if (d.day < today) spent_before_today += d.amount;
    }
    if (d.day < today && d.day.unix_seconds >= today.unix_seconds - kHistoryDays * core::kSecondsPerDay)
      history.push_back(d);
  }
  // The projector wants consecutive days from the first day with spend.
  history = fill_missing_days(history, today);

  const core::Timestamp first_projected = std::max(today, s.period.start);
  SpendProjection projection;
  if (first_projected < s.period.end) {
    OPTIMA_ASSIGN_OR_RETURN(projection, projector.project(history, first_projected, s.period.end));
  }
  s.projection_model = projection.model;
  s.projected = spent_before_today + projection.remaining;
  s.projected_low = spent_before_today + projection.remaining_low;
  s.projected_high = spent_before_today + projection.remaining_high;
  if (first_projected >= s.period.end) {  // a finished period: nothing left to project
    s.projected = s.projected_low = s.projected_high = s.actual;
  }
  s.percent_used = percent_of(s.actual, s.amount);
  s.projected_percent = percent_of(s.projected, s.amount);

  // Actual days for crossings: the period's days so far. Forecast crossings: the complete days
  // so far, then the projection.
  std::vector<DailySpend> before_today;
  for (const DailySpend& d : s.daily)
    if (d.day < today) before_today.push_back(d);
  std::vector<DailySpend> expected = before_today;
  expected.insert(expected.end(), projection.days.begin(), projection.days.end());

  s.exceeded = s.actual > s.amount;
  if (s.exceeded) {
    s.breach_date = first_day_reaching({}, s.daily, s.amount, false);
  } else {
    s.breach_date = first_day_reaching({}, expected, s.amount, false);
    if (s.breach_date && *s.breach_date >= today)
      s.breach_lead_days = (s.breach_date->unix_seconds - today.unix_seconds) / core::kSecondsPerDay;
    else
      s.breach_date.reset();  // projected days are never before today
  }

  for (const BudgetThreshold& t : budget.thresholds) {
    ThresholdState state;
    state.threshold = t;
    state.level = core::Decimal::divide(core::Decimal::multiply(s.amount, t.percent),
                                        core::Decimal::from_int(100));
    if (t.basis == ThresholdBasis::kActual) {
      state.crossed = s.actual >= state.level;
      if (state.crossed) state.on = first_day_reaching({}, s.daily, state.level, true);
    } else {
      state.crossed = s.projected >= state.level;
      state.on = first_day_reaching({}, expected, state.level, true);
    }
    s.thresholds.push_back(state);
  }
  s.summary = summary_of(s);
  return s;
}

}  // namespace optima::analysis
