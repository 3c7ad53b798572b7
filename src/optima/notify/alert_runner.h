// run_alerts: `cloudoptima alerts run` and the server's scheduler — evaluate every rule now,
// deliver each notification to each of its rule's channels unless already delivered there
// (de-duplication by rule, subject and period), and log every delivery.
//
// Not thread-safe (the repositories are not); one run at a time per connection.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "optima/analysis/budget/budget_repository.h"
#include "optima/analysis/budget/spend_projector.h"
#include "optima/core/status.h"
#include "optima/notify/alert_repository.h"
#include "optima/notify/anomaly_event.h"
#include "optima/notify/delivery.h"
#include "optima/store/table_source.h"

namespace optima::notify {

struct AlertRunReport {
  size_t rules = 0;          // enabled rules evaluated
  size_t notifications = 0;  // raised by the rules
  size_t delivered = 0;
  size_t failed = 0;
  size_t duplicates = 0;  // (notification, channel) pairs delivered before or being delivered by another run
  std::vector<std::string> errors;         // rules that could not be evaluated, missing channels
  std::vector<DeliveryRecord> deliveries;  // this run's, as logged
};

nlohmann::json alert_run_report_to_json(const AlertRunReport& report);

// Evaluates and delivers; the deliverer's clock is "now". Errors only when the state database
// fails; rule and delivery failures are in the report (and the delivery log).
core::Result<AlertRunReport> run_alerts(AlertRepository& alerts,
                                        analysis::BudgetRepository& budgets,
                                        const store::TableSource& source,
                                        const std::vector<AnomalyEvent>& anomalies,
                                        const analysis::SpendProjector& projector,
                                        Deliverer& deliverer);

// Sends a test notification to one channel and logs it (rule id 0). The record says whether
// it arrived.
core::Result<DeliveryRecord> test_channel(AlertRepository& alerts, const Channel& channel,
                                          Deliverer& deliverer);

}  // namespace optima::notify
