#include "optima/notify/alert_rule.h"

#include <fmt/format.h>

#include "optima/analysis/budget/budget_json.h"
#include "optima/analysis/budget/json_fields.h"

namespace optima::notify {
namespace {

using nlohmann::json;
using analysis::json_decimal;
using analysis::json_expected;
using analysis::json_int;
using analysis::json_string;

// The fields each type accepts beside name, type, channels, enabled.
std::vector<std::string_view> fields_of(AlertRuleType type) {
  switch (type) {
    case AlertRuleType::kBudgetThreshold: return {"budget_id", "basis", "percent"};
    case AlertRuleType::kAnomaly: return {"min_severity", "min_impact"};
    case AlertRuleType::kForecast: return {"scope", "period", "metric", "currency", "amount"};
    case AlertRuleType::kSpendChange:
      return {"scope", "metric", "currency", "window_days", "percent", "absolute", "direction"};
  }
  return {};
}

}  // namespace

std::string_view alert_rule_type_name(AlertRuleType type) {
  switch (type) {
    case AlertRuleType::kBudgetThreshold: return "budget_threshold";
    case AlertRuleType::kAnomaly: return "anomaly";
    case AlertRuleType::kForecast: return "forecast";
    case AlertRuleType::kSpendChange: return "spend_change";
  }
  return "budget_threshold";
}

std::optional<AlertRuleType> parse_alert_rule_type(std::string_view text) {
  for (AlertRuleType t : {AlertRuleType::kBudgetThreshold, AlertRuleType::kAnomaly,
                          AlertRuleType::kForecast, AlertRuleType::kSpendChange})
    if (text == alert_rule_type_name(t)) return t;
  return std::nullopt;
}

std::string_view change_direction_name(ChangeDirection direction) {
  switch (direction) {
    case ChangeDirection::kIncrease: return "increase";
    case ChangeDirection::kDecrease: return "decrease";
    case ChangeDirection::kAny: return "any";
  }
  return "increase";
}

analysis::Budget scope_budget_of(const AlertRule& rule) {
  analysis::Budget b;
  b.id = rule.id;
  b.name = rule.name;
  b.scope = rule.scope;
  b.period = rule.period;
  b.metric = rule.metric;
  b.currency = rule.currency;
  b.amount = rule.amount.is_zero() ? core::Decimal::from_int(1) : rule.amount;
  return b;
}

core::Status validate_alert_rule(const AlertRule& rule) {
  if (rule.name.empty() || rule.name.size() > 200)
    return core::invalid_argument(
        fmt::format("name: expected 1 to 200 characters; found {}", rule.name.size()));
  if (rule.channel_ids.empty())
    return core::invalid_argument("channels: expected at least one channel id");
  for (size_t i = 0; i < rule.channel_ids.size(); ++i)
    if (rule.channel_ids[i] <= 0)
      return core::invalid_argument(
          fmt::format("channels[{}]: expected a channel id; found {}", i, rule.channel_ids[i]));
  switch (rule.type) {
    case AlertRuleType::kBudgetThreshold:
      if (rule.budget_id < 0)
        return core::invalid_argument(
            fmt::format("budget_id: expected a budget id, or 0 for every budget; found {}", rule.budget_id));
      if (rule.percent && *rule.percent <= core::Decimal())
        return core::invalid_argument(
            fmt::format("percent: expected a positive number; found {}", rule.percent->to_string()));
      return core::Status::ok();
    case AlertRuleType::kAnomaly:
      if (rule.min_impact.is_negative())
        return core::invalid_argument(fmt::format(
            "min_impact: expected zero or a positive decimal; found {}", rule.min_impact.to_string()));
      return core::Status::ok();
    case AlertRuleType::kForecast: {
      if (rule.amount <= core::Decimal())
        return core::invalid_argument(
            fmt::format("amount: expected a positive decimal; found {}", rule.amount.to_string()));
      return analysis::validate_budget(scope_budget_of(rule));
    }
    case AlertRuleType::kSpendChange:
      if (rule.window_days < 1 || rule.window_days > 366)
        return core::invalid_argument(
            fmt::format("window_days: expected 1 to 366; found {}", rule.window_days));
      if (!rule.percent && !rule.absolute)
        return core::invalid_argument("percent: expected percent, absolute or both for a spend_change rule");
      if (rule.percent && *rule.percent <= core::Decimal())
        return core::invalid_argument(
            fmt::format("percent: expected a positive number; found {}", rule.percent->to_string()));
      if (rule.absolute && *rule.absolute <= core::Decimal())
        return core::invalid_argument(
            fmt::format("absolute: expected a positive decimal; found {}", rule.absolute->to_string()));
      return analysis::validate_budget(scope_budget_of(rule));
  }
  return core::Status::ok();
}

core::Result<AlertRule> alert_rule_from_json(const json& document) {
  if (!document.is_object()) return json_expected("", "an object", document);
  AlertRule r;
  if (!document.contains("type")) return core::invalid_argument("type: required");
  OPTIMA_ASSIGN_OR_RETURN(std::string type_text, json_string(document["type"], "type"));
  auto type = parse_alert_rule_type(type_text);
  if (!type)
    return json_expected("type", "one of budget_threshold, anomaly, forecast, spend_change",
                         document["type"]);
  r.type = *type;
  const std::vector<std::string_view> specific = fields_of(r.type);
  for (const auto& [key, unused] : document.items()) {
    bool known = key == "id" || key == "name" || key == "type" || key == "channels" || key == "enabled";
    for (std::string_view f : specific) known = known || key == f;
    if (!known) {
      std::string list = "id, name, type, channels, enabled";
      for (std::string_view f : specific) list += fmt::format(", {}", f);
      return core::invalid_argument(fmt::format("{}: unknown field for a {} rule; expected one of {}",
                                                key, type_text, list));
    }
  }
  if (document.contains("id")) {
    OPTIMA_ASSIGN_OR_RETURN(r.id, json_int(document["id"], "id"));
  }
  if (!document.contains("name")) return core::invalid_argument("name: required");
  OPTIMA_ASSIGN_OR_RETURN(r.name, json_string(document["name"], "name"));
  if (!document.contains("channels")) return core::invalid_argument("channels: required");
  const json& channels = document["channels"];
  if (!channels.is_array()) return json_expected("channels", "an array of channel ids", channels);
  for (size_t i = 0; i < channels.size(); ++i) {
    OPTIMA_ASSIGN_OR_RETURN(int64_t id, json_int(channels[i], fmt::format("channels[{}]", i)));
    r.channel_ids.push_back(id);
  }
  if (document.contains("enabled")) {
    OPTIMA_ASSIGN_OR_RETURN(r.enabled, analysis::json_bool(document["enabled"], "enabled"));
  }
  if (document.contains("budget_id")) {
    OPTIMA_ASSIGN_OR_RETURN(r.budget_id, json_int(document["budget_id"], "budget_id"));
  }
  if (document.contains("basis")) {
    OPTIMA_ASSIGN_OR_RETURN(std::string basis, json_string(document["basis"], "basis"));
    if (basis == "actual") {
      r.basis = analysis::ThresholdBasis::kActual;
    } else if (basis == "forecast") {
      r.basis = analysis::ThresholdBasis::kForecast;
    } else {
      return json_expected("basis", "actual or forecast", document["basis"]);
    }
  }
  if (document.contains("percent")) {
    OPTIMA_ASSIGN_OR_RETURN(r.percent, json_decimal(document["percent"], "percent"));
  }
  if (document.contains("min_severity")) {
    OPTIMA_ASSIGN_OR_RETURN(std::string text, json_string(document["min_severity"], "min_severity"));
    auto severity = parse_anomaly_severity(text);
    if (!severity)
      return json_expected("min_severity", "one of low, medium, high, critical", document["min_severity"]);
    r.min_severity = *severity;
  }
  if (document.contains("min_impact")) {
    OPTIMA_ASSIGN_OR_RETURN(r.min_impact, json_decimal(document["min_impact"], "min_impact"));
  }
  if (document.contains("scope")) {
    OPTIMA_ASSIGN_OR_RETURN(r.scope, analysis::scope_from_json(document["scope"]));
  }
  if (document.contains("period")) {
    OPTIMA_ASSIGN_OR_RETURN(std::string text, json_string(document["period"], "period"));
    auto period = analysis::parse_budget_period(text);
    if (!period) return json_expected("period", "one of monthly, quarterly, annual", document["period"]);
    r.period = *period;
  }
  if (document.contains("metric")) {
    OPTIMA_ASSIGN_OR_RETURN(std::string text, json_string(document["metric"], "metric"));
    auto metric = query::Metric::parse(text);
    if (!metric.is_ok()) return core::invalid_argument("metric: " + metric.status().message());
    r.metric = *metric;
  }
  if (document.contains("currency")) {
    OPTIMA_ASSIGN_OR_RETURN(r.currency, json_string(document["currency"], "currency"));
  }
  if (document.contains("amount")) {
    OPTIMA_ASSIGN_OR_RETURN(r.amount, json_decimal(document["amount"], "amount"));
  }
  if (document.contains("window_days")) {
    OPTIMA_ASSIGN_OR_RETURN(int64_t days, json_int(document["window_days"], "window_days"));
    if (days < 1 || days > 366) return json_expected("window_days", "1 to 366", document["window_days"]);
    r.window_days = static_cast<int>(days);
  }
  if (document.contains("absolute")) {
    OPTIMA_ASSIGN_OR_RETURN(r.absolute, json_decimal(document["absolute"], "absolute"));
  }
  if (document.contains("direction")) {
    OPTIMA_ASSIGN_OR_RETURN(std::string text, json_string(document["direction"], "direction"));
    bool found = false;
    for (ChangeDirection d : {ChangeDirection::kIncrease, ChangeDirection::kDecrease, ChangeDirection::kAny})
      if (text == change_direction_name(d)) {
        r.direction = d;
        found = true;
      }
    if (!found) return json_expected("direction", "increase, decrease or any", document["direction"]);
  }
  OPTIMA_RETURN_IF_ERROR(validate_alert_rule(r));
  return r;
}

json alert_rule_to_json(const AlertRule& r) {
  json out = {{"name", r.name},
              {"type", alert_rule_type_name(r.type)},
              {"channels", r.channel_ids},
              {"enabled", r.enabled}};
  if (r.id != 0) out["id"] = r.id;
  switch (r.type) {
    case AlertRuleType::kBudgetThreshold:
      out["budget_id"] = r.budget_id;
      out["basis"] = analysis::threshold_basis_name(r.basis);
      if (r.percent) out["percent"] = r.percent->to_string();
      break;
    case AlertRuleType::kAnomaly:
      out["min_severity"] = anomaly_severity_name(r.min_severity);
      out["min_impact"] = r.min_impact.to_string();
      break;
    case AlertRuleType::kForecast:
      out["scope"] = analysis::scope_to_json(r.scope);
      out["period"] = analysis::budget_period_name(r.period);
      out["metric"] = r.metric.to_string();
      if (!r.currency.empty()) out["currency"] = r.currency;
      out["amount"] = r.amount.to_string();
      break;
    case AlertRuleType::kSpendChange:
      out["scope"] = analysis::scope_to_json(r.scope);
      out["metric"] = r.metric.to_string();
      if (!r.currency.empty()) out["currency"] = r.currency;
      out["window_days"] = r.window_days;
      if (r.percent) out["percent"] = r.percent->to_string();
      if (r.absolute) out["absolute"] = r.absolute->to_string();
      out["direction"] = change_direction_name(r.direction);
      break;
  }
  return out;
}

}  // namespace optima::notify
