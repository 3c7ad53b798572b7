// The JSON form of budgets, their status and their variance (API bodies, CLI --json, and the
// budget_budgets table's definition column). Money and percents are decimal strings, times
// "YYYY-MM-DDTHH:MM:SSZ".
//
//   {"name": "payments", "period": "monthly", "metric": "EffectiveCost", "amount": "1000",
//    "scope": [{"dimension": "tag:team", "op": "in", "values": ["payments"]}],
//    "period_amounts": [{"period_start": "2024-03-01", "amount": "1200"}],
//    "thresholds": [{"percent": "80", "basis": "actual"}, {"percent": "100", "basis": "forecast"}],
//    "currency": "USD"}
#pragma once

#include <nlohmann/json.hpp>

#include "optima/analysis/budget/budget.h"
#include "optima/analysis/budget/budget_status.h"
#include "optima/analysis/budget/budget_variance.h"
#include "optima/core/status.h"

namespace optima::analysis {

// Parses and validates a budget. "name" and "amount" are required; "period" defaults to
// monthly, "metric" to EffectiveCost; "id" is read when present. Errors name the field.
core::Result<Budget> budget_from_json(const nlohmann::json& document);
// The canonical form; budget_from_json(budget_to_json(b)) == b.
nlohmann::json budget_to_json(const Budget& budget);

// A scope (filter list) in the query model's JSON form; errors read "scope[0].op: …".
core::Result<std::vector<query::Filter>> scope_from_json(const nlohmann::json& value);
nlohmann::json scope_to_json(const std::vector<query::Filter>& scope);

nlohmann::json budget_status_to_json(const BudgetStatus& status);
nlohmann::json budget_variance_to_json(const std::vector<PeriodVariance>& variance);

}  // namespace optima::analysis
