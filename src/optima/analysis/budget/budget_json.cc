#include "optima/analysis/budget/budget_json.h"

#include <fmt/format.h>

#include "optima/analysis/budget/json_fields.h"
#include "optima/query/query_json.h"

namespace optima::analysis {
namespace {

using nlohmann::json;

json optional_time(const std::optional<core::Timestamp>& t) {
  return t ? json(core::format_iso8601(*t)) : json(nullptr);
}

}  // namespace

core::Result<std::vector<query::Filter>> scope_from_json(const json& value) {
  if (!value.is_array()) return json_expected("scope", "an array of filter objects", value);
  // The query parser reads filters; its paths ("filters[0].op") are renamed to "scope[0].op".
  json probe = {{"metrics", json::array({"EffectiveCost"})}, {"filters", value}};
  auto parsed = query::query_from_json(probe);
  if (!parsed.is_ok()) {
    std::string message = parsed.status().message();
    if (message.rfind("filters", 0) == 0) message = "scope" + message.substr(7);
    return core::invalid_argument(std::move(message));
  }
  return parsed->filters;
}

json scope_to_json(const std::vector<query::Filter>& scope) {
  query::Query q;
  q.metrics = {query::Metric::of_column(focus::Column::kEffectiveCost)};
  q.filters = scope;
  json out = query::query_to_json(q);
  return out.contains("filters") ? out["filters"] : json::array();
}

core::Result<Budget> budget_from_json(const json& document) {
  OPTIMA_RETURN_IF_ERROR(check_json_object(
      document, "",
      {"id", "name", "scope", "period", "metric", "amount", "period_amounts", "thresholds",
       "currency"}));
  Budget b;
  if (document.contains("id")) {
    OPTIMA_ASSIGN_OR_RETURN(b.id, json_int(document["id"], "id"));
  }
  if (!document.contains("name")) return core::invalid_argument("name: required");
  OPTIMA_ASSIGN_OR_RETURN(b.name, json_string(document["name"], "name"));
  if (!document.contains("amount")) return core::invalid_argument("amount: required");
  OPTIMA_ASSIGN_OR_RETURN(b.amount, json_decimal(document["amount"], "amount"));
  if (document.contains("scope")) {
    OPTIMA_ASSIGN_OR_RETURN(b.scope, scope_from_json(document["scope"]));
  }
  if (document.contains("period")) {
    OPTIMA_ASSIGN_OR_RETURN(std::string text, json_string(document["period"], "period"));
    auto period = parse_budget_period(text);
    if (!period)
      return json_expected("period", "one of monthly, quarterly, annual", document["period"]);
    b.period = *period;
  }
  if (document.contains("metric")) {
    OPTIMA_ASSIGN_OR_RETURN(std::string text, json_string(document["metric"], "metric"));
    auto metric = query::Metric::parse(text);
    if (!metric.is_ok()) return core::invalid_argument("metric: " + metric.status().message());
    b.metric = *metric;
  }
  if (document.contains("period_amounts")) {
    const json& list = document["period_amounts"];
    if (!list.is_array())
      return json_expected("period_amounts", "an array of {period_start, amount}", list);
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string path = json_element("period_amounts", i);
      OPTIMA_RETURN_IF_ERROR(check_json_object(list[i], path, {"period_start", "amount"}));
      if (!list[i].contains("period_start") || !list[i].contains("amount"))
        return core::invalid_argument(path + ": expected both period_start and amount");
      PeriodAmount pa;
      OPTIMA_ASSIGN_OR_RETURN(pa.period_start,
                              json_time(list[i]["period_start"], json_child(path, "period_start")));
      OPTIMA_ASSIGN_OR_RETURN(pa.amount, json_decimal(list[i]["amount"], json_child(path, "amount")));
      b.period_amounts.push_back(pa);
    }
  }
  if (document.contains("thresholds")) {
    const json& list = document["thresholds"];
    if (!list.is_array())
      return json_expected("thresholds", "an array of {percent, basis}", list);
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string path = json_element("thresholds", i);
      OPTIMA_RETURN_IF_ERROR(check_json_object(list[i], path, {"percent", "basis"}));
      if (!list[i].contains("percent")) return core::invalid_argument(path + ".percent: required");
      BudgetThreshold t;
      OPTIMA_ASSIGN_OR_RETURN(t.percent, json_decimal(list[i]["percent"], json_child(path, "percent")));
      if (list[i].contains("basis")) {
        OPTIMA_ASSIGN_OR_RETURN(std::string basis,
                                json_string(list[i]["basis"], json_child(path, "basis")));
        if (basis == "actual") {
          t.basis = ThresholdBasis::kActual;
        } else if (basis == "forecast") {
          t.basis = ThresholdBasis::kForecast;
        } else {
          return json_expected(json_child(path, "basis"), "actual or forecast", list[i]["basis"]);
        }
      }
      b.thresholds.push_back(t);
    }
  }
  if (document.contains("currency")) {
    OPTIMA_ASSIGN_OR_RETURN(b.currency, json_string(document["currency"], "currency"));
  }
  OPTIMA_RETURN_IF_ERROR(validate_budget(b));
  return b;
}

json budget_to_json(const Budget& b) {
  json out = {{"name", b.name},
              {"scope", scope_to_json(b.scope)},
              {"period", budget_period_name(b.period)},
              {"metric", b.metric.to_string()},
              {"amount", b.amount.to_string()}};
  if (b.id != 0) out["id"] = b.id;
  json amounts = json::array();
  for (const PeriodAmount& pa : b.period_amounts)
    amounts.push_back({{"period_start", core::format_iso8601(pa.period_start)},
                       {"amount", pa.amount.to_string()}});
  out["period_amounts"] = std::move(amounts);
  json thresholds = json::array();
  for (const BudgetThreshold& t : b.thresholds)
    thresholds.push_back(
        {{"percent", t.percent.to_string()}, {"basis", threshold_basis_name(t.basis)}});
  out["thresholds"] = std::move(thresholds);
  if (!b.currency.empty()) out["currency"] = b.currency;
  return out;
}

json budget_status_to_json(const BudgetStatus& s) {
  json thresholds = json::array();
  for (const ThresholdState& t : s.thresholds)
    thresholds.push_back({{"percent", t.threshold.percent.to_string()},
                          {"basis", threshold_basis_name(t.threshold.basis)},
                          {"level", t.level.to_string()},
                          {"crossed", t.crossed},
                          {"on", optional_time(t.on)}});
  json daily = json::array();
  for (const DailySpend& d : s.daily)
    daily.push_back({{"t", core::format_iso8601(d.day)}, {"value", d.amount.to_string()}});
  return {{"budget_id", s.budget_id},
          {"budget_name", s.budget_name},
          {"period_start", core::format_iso8601(s.period.start)},
          {"period_end", core::format_iso8601(s.period.end)},
          {"period_label", s.period_label},
          {"as_of", core::format_iso8601(s.as_of)},
          {"currency", s.currency.empty() ? json(nullptr) : json(s.currency)},
          {"amount", s.amount.to_string()},
          {"actual", s.actual.to_string()},
          {"percent_used", s.percent_used.to_string()},
          {"projected", s.projected.to_string()},
          {"projected_low", s.projected_low.to_string()},
          {"projected_high", s.projected_high.to_string()},
          {"projected_percent", s.projected_percent.to_string()},
          {"projection_model", s.projection_model},
          {"exceeded", s.exceeded},
          {"breach_date", optional_time(s.breach_date)},
          {"breach_lead_days", s.breach_lead_days ? json(*s.breach_lead_days) : json(nullptr)},
          {"thresholds", std::move(thresholds)},
          {"summary", s.summary},
          {"daily", std::move(daily)}};
}

json budget_variance_to_json(const std::vector<PeriodVariance>& variance) {
  json out = json::array();
  for (const PeriodVariance& v : variance) {
    json top = json::array();
    for (const VarianceContributor& c : v.top)
      top.push_back({{"value", c.value ? json(*c.value) : json(nullptr)},
                     {"actual", c.actual.to_string()},
                     {"expected", c.expected.to_string()},
                     {"contribution", c.contribution.to_string()}});
    out.push_back({{"period_start", core::format_iso8601(v.period.start)},
                   {"period_end", core::format_iso8601(v.period.end)},
                   {"label", v.label},
                   {"amount", v.amount.to_string()},
                   {"actual", v.actual.to_string()},
                   {"variance", v.variance.to_string()},
                   {"variance_percent", v.variance_percent.to_string()},
                   {"top_contributors", std::move(top)}});
  }
  return out;
}

}  // namespace optima::analysis
