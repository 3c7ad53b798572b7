#include "optima/notify/alert_runner.h"

#include <chrono>
#include <map>

#include <fmt/format.h>

#include "optima/notify/rule_evaluator.h"

namespace optima::notify {
namespace {

core::Timestamp wall_clock_now() {
  return {std::chrono::duration_cast<std::chrono::seconds>(
              std::chrono::system_clock::now().time_since_epoch())
              .count()};
}

}  // namespace

nlohmann::json alert_run_report_to_json(const AlertRunReport& r) {
  nlohmann::json deliveries = nlohmann::json::array();
  for (const DeliveryRecord& d : r.deliveries)
    deliveries.push_back(delivery_to_json(d));
  return {{"rules", r.rules},
          {"notifications", r.notifications},
          {"delivered", r.delivered},
          {"failed", r.failed},
          {"duplicates", r.duplicates},
          {"errors", r.errors},
          {"deliveries", std::move(deliveries)}};
}

core::Result<AlertRunReport> run_alerts(AlertRepository& alerts,
                                        analysis::BudgetRepository& budgets,
                                        const store::TableSource& source,
                                        const std::vector<AnomalyEvent>& anomalies,
                                        const analysis::SpendProjector& projector,
                                        Deliverer& deliverer) {
  AlertRunReport report;
  OPTIMA_ASSIGN_OR_RETURN(std::vector<AlertRule> rules, alerts.list_rules());
  OPTIMA_ASSIGN_OR_RETURN(std::vector<Channel> channel_list, alerts.list_channels());
  std::map<int64_t, const Channel*> channels;
  for (const Channel& c : channel_list)
    channels[c.id] = &c;
  std::map<int64_t, const AlertRule*> by_id;
  for (const AlertRule& r : rules) {
    by_id[r.id] = &r;
    if (r.enabled)
      ++report.rules;
  }

  RuleEvaluationInput input;
  input.source = &source;
  input.now = deliverer.now();
  input.projector = &projector;
  input.anomalies = anomalies;
  OPTIMA_ASSIGN_OR_RETURN(input.budgets, budgets.list());
  RuleEvaluation evaluation = evaluate_rules(rules, input);
  for (const auto& [rule_id, message] : evaluation.errors)
    report.errors.push_back(fmt::format("rule {}: {}", rule_id, message));
  report.notifications = evaluation.notifications.size();

  for (const Notification& n : evaluation.notifications) {
    const auto rule = by_id.find(n.rule_id);
    if (rule == by_id.end())
      continue;  // every notification comes from one of `rules`
    for (int64_t channel_id : rule->second->channel_ids) {
      auto found = channels.find(channel_id);
      if (found == channels.end()) {
        report.errors.push_back(
            fmt::format("rule {}: channel {} no longer exists", n.rule_id, channel_id));
        continue;
      }
      const Channel& channel = *found->second;
      if (!channel.enabled)
        continue;
      // Claims age by the wall clock, whatever date the rules are evaluated as of.
      const core::Timestamp claimed_at = wall_clock_now();
      OPTIMA_ASSIGN_OR_RETURN(bool mine,
                              alerts.claim_delivery(channel.id, n.dedupe_key(), claimed_at));
      if (!mine) {
        ++report.duplicates;
        continue;
      }
      DeliveryRecord record = deliverer.deliver(channel, n);
      const bool delivered = record.status == DeliveryStatus::kDelivered;
      // The claim first: once sent, the alert is never sent again, even if logging it fails.
      OPTIMA_RETURN_IF_ERROR(
          alerts.finish_claim(channel.id, n.dedupe_key(), claimed_at, delivered));
      OPTIMA_ASSIGN_OR_RETURN(DeliveryRecord logged, alerts.record_delivery(std::move(record)));
      ++(delivered ? report.delivered : report.failed);
      report.deliveries.push_back(std::move(logged));
    }
  }
  return report;
}

core::Result<DeliveryRecord> test_channel(AlertRepository& alerts, const Channel& channel,
                                          Deliverer& deliverer) {
  Notification n;
  n.rule_name = "(test)";
  n.rule_type = "test";
  n.created_at = deliverer.now();
  n.subject = "test";
  n.period = core::format_iso8601(n.created_at);
  n.severity = AlertSeverity::kInfo;
  n.title = fmt::format("Test notification for channel \"{}\"", channel.name);
  n.text = "CloudOptima can reach this channel. Alerts matching your rules will arrive here.";
  n.facts = {{"Channel", channel.name}, {"Kind", std::string(channel_kind_name(channel.kind))}};
  return alerts.record_delivery(deliverer.deliver(channel, n));
}

}  // namespace optima::notify
