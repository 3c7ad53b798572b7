// AlertRule: when to notify, and which channels to notify.
//
//   budget_threshold  a budget's threshold crossed, on actual spend or on the forecast
//                     (budget_id 0 = every budget; percent unset = every threshold of the basis)
//   anomaly           an anomaly at least as severe as min_severity, with at least min_impact
//   forecast          the projected spend of the current period on a scope above `amount`
//   spend_change      the last window_days on a scope vs the window_days before, changed by at
//                     least `percent` % or `absolute` (either when both are set)
//
// The JSON form (API, CLI, the alert_rules table):
//   {"name", "type", "channels": [ids], "enabled"?, "budget_id"?, "basis"?, "percent"?,
//    "min_severity"?, "min_impact"?, "scope"?, "period"?, "metric"?, "currency"?, "amount"?,
//    "window_days"?, "absolute"?, "direction"?: "increase|decrease|any"}
// Plain value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "optima/analysis/budget/budget.h"
#include "optima/core/decimal.h"
#include "optima/core/status.h"
#include "optima/notify/anomaly_event.h"

namespace optima::notify {

enum class AlertRuleType { kBudgetThreshold, kAnomaly, kForecast, kSpendChange };
enum class ChangeDirection { kIncrease, kDecrease, kAny };

std::string_view alert_rule_type_name(AlertRuleType type);
std::optional<AlertRuleType> parse_alert_rule_type(std::string_view text);
std::string_view change_direction_name(ChangeDirection direction);

struct AlertRule {
  int64_t id = 0;  // assigned by AlertRepository
  std::string name;
  AlertRuleType type = AlertRuleType::kBudgetThreshold;
  std::vector<int64_t> channel_ids;  // at least one
  bool enabled = true;
  // budget_threshold
  int64_t budget_id = 0;
  analysis::ThresholdBasis basis = analysis::ThresholdBasis::kActual;
  std::optional<core::Decimal> percent;  // also spend_change
  // anomaly
  AnomalySeverity min_severity = AnomalySeverity::kHigh;
  core::Decimal min_impact;
  // forecast and spend_change
  std::vector<query::Filter> scope;
  analysis::BudgetPeriod period = analysis::BudgetPeriod::kMonthly;  // forecast
  query::Metric metric = query::Metric::of_column(focus::Column::kEffectiveCost);
  std::string currency;
  core::Decimal amount;  // forecast
  // spend_change
  int window_days = 7;
  std::optional<core::Decimal> absolute;
  ChangeDirection direction = ChangeDirection::kIncrease;
  friend bool operator==(const AlertRule&, const AlertRule&) = default;
};

// Errors are InvalidArgument naming the field ("min_severity: …", "channels: …").
core::Status validate_alert_rule(const AlertRule& rule);
// Reads and validates; fields that do not apply to the type are errors naming the field.
core::Result<AlertRule> alert_rule_from_json(const nlohmann::json& document);
// Canonical form with only the fields of the rule's type; alert_rule_from_json() reads it back.
nlohmann::json alert_rule_to_json(const AlertRule& rule);

// The budget-like view of a forecast or spend_change rule (scope, metric, currency, period,
// amount) for the budget queries and projection.
analysis::Budget scope_budget_of(const AlertRule& rule);

}  // namespace optima::notify
