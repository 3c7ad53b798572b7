#include "optima/notify/rule_evaluator.h"

#include <fmt/format.h>

#include "optima/analysis/budget/budget_spend.h"
#include "optima/analysis/budget/budget_status.h"

namespace optima::notify {
namespace {

using analysis::BudgetStatus;
using analysis::ThresholdBasis;

std::string money(core::Decimal amount, const std::string& currency) {
  return currency.empty() ? amount.to_fixed(2) : fmt::format("{} {}", amount.to_fixed(2), currency);
}

Notification base_notification(const AlertRule& rule, const RuleEvaluationInput& input) {
  Notification n;
  n.rule_id = rule.id;
  n.rule_name = rule.name;
  n.rule_type = std::string(alert_rule_type_name(rule.type));
  n.created_at = input.now;
  return n;
}

void add_status_facts(const BudgetStatus& s, Notification* n) {
  n->facts.emplace_back("Period", s.period_label);
  n->facts.emplace_back("Budget", money(s.amount, s.currency));
  n->facts.emplace_back("Actual", fmt::format("{} ({}%)", money(s.actual, s.currency),
                                              s.percent_used.to_fixed(1)));
  n->facts.emplace_back("Projected",
                        fmt::format("{} ({} to {})", money(s.projected, s.currency),
                                    s.projected_low.to_fixed(2), s.projected_high.to_fixed(2)));
  if (s.breach_date)
    n->facts.emplace_back(s.exceeded ? "Exceeded on" : "Exceeded at this pace on",
                          core::format_date(*s.breach_date));
}

core::Result<std::vector<Notification>> budget_threshold(const AlertRule& rule,
                                                         const RuleEvaluationInput& input) {
  std::vector<const analysis::Budget*> budgets;
  for (const analysis::Budget& b : input.budgets)
    if (rule.budget_id == 0 || b.id == rule.budget_id) budgets.push_back(&b);
  if (rule.budget_id != 0 && budgets.empty())
    return core::not_found(fmt::format("rule \"{}\": no budget with id {}", rule.name, rule.budget_id));
  std::vector<Notification> out;
  for (const analysis::Budget* budget : budgets) {
    analysis::Budget checked = *budget;
    // A rule with its own percent watches that level even when the budget lists no threshold.
    if (rule.percent) checked.thresholds = {{*rule.percent, rule.basis}};
    OPTIMA_ASSIGN_OR_RETURN(
        BudgetStatus s, analysis::compute_budget_status(checked, *input.source, input.now, *input.projector));
    for (const analysis::ThresholdState& t : s.thresholds) {
      if (t.threshold.basis != rule.basis || !t.crossed) continue;
      Notification n = base_notification(rule, input);
      const std::string percent = t.threshold.percent.to_string();
      n.subject = fmt::format("budget:{}:{}:{}", budget->id, threshold_basis_name(rule.basis), percent);
      n.period = s.period_label;
      n.severity = t.threshold.percent >= core::Decimal::from_int(100) ? AlertSeverity::kCritical
                                                                       : AlertSeverity::kWarning;
      n.title = rule.basis == ThresholdBasis::kActual
                    ? fmt::format("Budget \"{}\": {}% of {} reached", budget->name, percent,
                                  money(s.amount, s.currency))
                    : fmt::format("Budget \"{}\" is forecast to reach {}% of {}", budget->name,
                                  percent, money(s.amount, s.currency));
      n.text = s.summary;
      add_status_facts(s, &n);
      out.push_back(std::move(n));
    }
  }
  return out;
}

AlertSeverity severity_of(AnomalySeverity s) {
  switch (s) {
    case AnomalySeverity::kLow:
    case AnomalySeverity::kMedium: return AlertSeverity::kInfo;
    case AnomalySeverity::kHigh: return AlertSeverity::kWarning;
    case AnomalySeverity::kCritical: return AlertSeverity::kCritical;
  }
  return AlertSeverity::kInfo;
}

std::vector<Notification> anomaly(const AlertRule& rule, const RuleEvaluationInput& input) {
  std::vector<Notification> out;
  for (const AnomalyEvent& a : input.anomalies) {
    if (a.severity < rule.min_severity || a.impact < rule.min_impact) continue;
    Notification n = base_notification(rule, input);
    n.subject = "anomaly:" + a.series_key;
    n.period = core::format_date(a.day);
    n.severity = severity_of(a.severity);
    n.title = fmt::format("Cost anomaly ({}): {}", anomaly_severity_name(a.severity), a.series_key);
    n.text = a.sentence;
    n.facts = {{"Series", a.series_key},
               {"Day", core::format_date(a.day)},
               {"Impact", money(a.impact, a.currency)},
               {"Severity", std::string(anomaly_severity_name(a.severity))}};
    out.push_back(std::move(n));
  }
  return out;
}

core::Result<std::vector<Notification>> forecast(const AlertRule& rule, const RuleEvaluationInput& input) {
  const analysis::Budget scope = scope_budget_of(rule);
  OPTIMA_ASSIGN_OR_RETURN(BudgetStatus s, analysis::compute_budget_status(scope, *input.source, input.now,
                                                                          *input.projector));
  if (s.projected <= rule.amount) return std::vector<Notification>{};
  Notification n = base_notification(rule, input);
  n.subject = fmt::format("forecast:{}", rule.id);
  n.period = s.period_label;
  n.severity = AlertSeverity::kWarning;
  n.title = fmt::format("Forecast \"{}\": {} projected, above {}", rule.name,
                        money(s.projected, s.currency), money(rule.amount, s.currency));
  n.text = fmt::format(
      "Spend in {} is projected at {} (80% interval {} to {}), above the limit of {}; {} spent so "
      "far.",
      s.period_label, money(s.projected, s.currency), s.projected_low.to_fixed(2),
      s.projected_high.to_fixed(2), money(rule.amount, s.currency), money(s.actual, s.currency));
  add_status_facts(s, &n);
  return std::vector<Notification>{std::move(n)};
}

core::Result<std::vector<Notification>> spend_change(const AlertRule& rule,
                                                     const RuleEvaluationInput& input) {
  const analysis::Budget scope = scope_budget_of(rule);
  const int64_t window = rule.window_days * core::kSecondsPerDay;
  const core::Timestamp today = core::start_of_day(input.now);
  const core::Period current{{today.unix_seconds - window}, today};
  const core::Period previous{{today.unix_seconds - 2 * window}, current.start};
  OPTIMA_ASSIGN_OR_RETURN(analysis::DailySpendSeries series,
                          analysis::daily_spend(scope, *input.source, {previous.start, current.end}));
  core::Decimal now_total, before_total;
  for (const analysis::DailySpend& d : series.days)
    (current.contains(d.day) ? now_total : before_total) += d.amount;
  const core::Decimal delta = now_total - before_total;
  std::optional<core::Decimal> percent;
  if (!before_total.is_zero())
    percent = core::Decimal::divide(core::Decimal::multiply(delta, core::Decimal::from_int(100)),
                                    before_total)
                  .round(2);
  auto passes = [&](core::Decimal change, core::Decimal limit) {
    switch (rule.direction) {
      case ChangeDirection::kIncrease: return change >= limit;
      case ChangeDirection::kDecrease: return -change >= limit;
      case ChangeDirection::kAny: return change >= limit || -change >= limit;
    }
    return false;
  };
  // A rise from nothing has no percentage: it counts as passing a percent limit.
  const bool by_percent =
      rule.percent && (percent ? passes(*percent, *rule.percent)
                               : (rule.direction != ChangeDirection::kDecrease && delta > core::Decimal()));
  const bool by_absolute = rule.absolute && passes(delta, *rule.absolute);
  if (!by_percent && !by_absolute) return std::vector<Notification>{};
  Notification n = base_notification(rule, input);
  const std::string window_text = fmt::format(
      "{}..{}", core::format_date(current.start),
      core::format_date({current.end.unix_seconds - core::kSecondsPerDay}));
  n.subject = fmt::format("spend_change:{}", rule.id);
  n.period = window_text;
  n.severity = AlertSeverity::kWarning;
  const std::string change_text =
      percent ? fmt::format("{}{}%", percent->is_negative() ? "" : "+", percent->to_fixed(1)) : "new spend";
  n.title = fmt::format("Spend change \"{}\": {} over {} days", rule.name, change_text, rule.window_days);
  n.text = fmt::format("Spend in the {} days {} was {}, against {} in the {} days before ({}{}).",
                       rule.window_days, window_text, money(now_total, series.currency),
                       money(before_total, series.currency), rule.window_days,
                       delta.is_negative() ? "" : "+", money(delta, series.currency));
  n.facts = {{"Current window", money(now_total, series.currency)},
             {"Previous window", money(before_total, series.currency)},
             {"Change", change_text}};
  return std::vector<Notification>{std::move(n)};
}

}  // namespace

core::Result<std::vector<Notification>> evaluate_rule(const AlertRule& rule,
                                                      const RuleEvaluationInput& input) {
  if (!rule.enabled) return std::vector<Notification>{};
  switch (rule.type) {
    case AlertRuleType::kBudgetThreshold: return budget_threshold(rule, input);
    case AlertRuleType::kAnomaly: return anomaly(rule, input);
    case AlertRuleType::kForecast: return forecast(rule, input);
    case AlertRuleType::kSpendChange: return spend_change(rule, input);
  }
  return std::vector<Notification>{};
}

RuleEvaluation evaluate_rules(const std::vector<AlertRule>& rules, const RuleEvaluationInput& input) {
  RuleEvaluation out;
  for (const AlertRule& rule : rules) {
    auto notifications = evaluate_rule(rule, input);
    if (!notifications.is_ok()) {
      out.errors.emplace_back(rule.id, notifications.status().message());
      continue;
    }
    for (Notification& n : *notifications) out.notifications.push_back(std::move(n));
  }
  return out;
}

}  // namespace optima::notify
