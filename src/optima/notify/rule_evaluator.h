// Evaluates alert rules against the current data: budget statuses, anomalies, forecasts and
// period-over-period spend, and turns every rule that fires into Notifications.
//
// Stateless; thread-safe when the inputs are.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "optima/analysis/budget/budget.h"
#include "optima/analysis/budget/spend_projector.h"
#include "optima/core/status.h"
#include "optima/notify/alert_rule.h"
#include "optima/notify/anomaly_event.h"
#include "optima/notify/notification.h"
#include "optima/store/table_source.h"

namespace optima::notify {

struct RuleEvaluationInput {
  const store::TableSource* source = nullptr;  // the billing data (a store snapshot)
  core::Timestamp now;
  const analysis::SpendProjector* projector = nullptr;
  std::vector<analysis::Budget> budgets;  // for budget_threshold rules
  std::vector<AnomalyEvent> anomalies;    // for anomaly rules
};

struct RuleEvaluation {
  std::vector<Notification> notifications;
  // Rules that could not be evaluated (a missing budget, rows in several currencies…): the
  // other rules still are.
  std::vector<std::pair<int64_t, std::string>> errors;  // rule id, message
};

// The notifications one rule raises now (disabled rules raise none). Errors: NotFound for a
// budget_threshold rule's missing budget; InvalidArgument from its queries; source errors.
// Requires: input.source and input.projector are set.
core::Result<std::vector<Notification>> evaluate_rule(const AlertRule& rule,
                                                      const RuleEvaluationInput& input);

// Every rule, in order; a failing rule is reported in `errors` and skipped.
RuleEvaluation evaluate_rules(const std::vector<AlertRule>& rules, const RuleEvaluationInput& input);

}  // namespace optima::notify
