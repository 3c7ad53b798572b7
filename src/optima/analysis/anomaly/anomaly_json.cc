// JSON form of an anomaly (see anomaly_json.h).
#include "optima/analysis/anomaly/anomaly_json.h"

#include <fmt/format.h>

namespace optima::analysis {
namespace {

core::Result<std::string> string_field(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_string()) {
    return core::invalid_argument(fmt::format("anomaly.{}: expected a string", key));
  }
  return it->get<std::string>();
}

core::Result<core::Decimal> decimal_field(const nlohmann::json& j, const char* key) {
  OPTIMA_ASSIGN_OR_RETURN(std::string text, string_field(j, key));
  return core::Decimal::from_string(text);
}

core::Result<core::Timestamp> time_field(const nlohmann::json& j, const char* key) {
  OPTIMA_ASSIGN_OR_RETURN(std::string text, string_field(j, key));
  return core::timestamp_from_string(text);
}

core::Result<int64_t> int_field(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) {
    return core::invalid_argument(fmt::format("anomaly.{}: expected an integer", key));
  }
  return it->get<int64_t>();
}

template <typename E>
core::Result<E> enum_field(const nlohmann::json& j, const char* key, std::initializer_list<E> all,
                           std::string_view (*name)(E)) {
  OPTIMA_ASSIGN_OR_RETURN(std::string text, string_field(j, key));
  for (E e : all) {
    if (name(e) == text) return e;
  }
  return core::invalid_argument(fmt::format("anomaly.{}: unknown value '{}'", key, text));
}

}  // namespace

nlohmann::json anomaly_to_json(const Anomaly& a) {
  nlohmann::json path = nlohmann::json::array();
  for (const Attribution& at : a.root_cause.path) path.push_back({{"dimension", at.dimension}, {"value", at.value}});
  nlohmann::json series = nlohmann::json::array();
  for (const Attribution& at : a.series) series.push_back({{"dimension", at.dimension}, {"value", at.value}});
  return {
      {"id", a.id},
      {"series_filters", series},
      {"series", a.series_key()},
      {"dimension", a.dimension},
      {"value", a.value},
      {"currency", a.currency},
      {"metric", a.metric},
      {"kind", anomaly_kind_name(a.kind)},
      {"direction", direction_name(a.direction)},
      {"severity", severity_name(a.severity)},
      {"start", core::format_iso8601(a.start)},
      {"periods", a.periods},
      {"period_seconds", a.period_seconds},
      {"ongoing", a.ongoing},
      {"expected", a.expected.to_string()},
      {"actual", a.actual.to_string()},
      {"delta_per_period", a.delta_per_period.to_string()},
      {"impact", a.impact.to_string()},
      {"score", a.score},
      {"detected_at", core::format_iso8601(a.detected_at)},
      {"root_cause",
       {{"path", path},
        {"explained", a.root_cause.explained},
        {"resources", a.root_cause.resources},
        {"new_resources", a.root_cause.new_resources},
        {"resource_kind", a.root_cause.resource_kind}}},
      {"summary", a.summary},
      {"also_seen_in", a.also_seen_in},
      {"suppressed", a.suppressed},
      {"suppressed_by", a.suppressed_by},
  };
}

core::Result<Anomaly> anomaly_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return core::invalid_argument("anomaly: expected an object");
  Anomaly a;
  OPTIMA_ASSIGN_OR_RETURN(a.id, string_field(j, "id"));
  OPTIMA_ASSIGN_OR_RETURN(a.dimension, string_field(j, "dimension"));
  OPTIMA_ASSIGN_OR_RETURN(a.value, string_field(j, "value"));
  OPTIMA_ASSIGN_OR_RETURN(a.currency, string_field(j, "currency"));
  OPTIMA_ASSIGN_OR_RETURN(a.metric, string_field(j, "metric"));
  OPTIMA_ASSIGN_OR_RETURN(a.kind, enum_field(j, "kind", {AnomalyKind::kSpike, AnomalyKind::kLevelShift,
                                                         AnomalyKind::kDrift}, anomaly_kind_name));
  OPTIMA_ASSIGN_OR_RETURN(a.direction, enum_field(j, "direction", {AnomalyDirection::kIncrease,
                                                                   AnomalyDirection::kDecrease}, direction_name));
  OPTIMA_ASSIGN_OR_RETURN(a.severity, enum_field(j, "severity", {Severity::kLow, Severity::kMedium,
                                                                 Severity::kHigh, Severity::kCritical}, severity_name));
  OPTIMA_ASSIGN_OR_RETURN(a.start, time_field(j, "start"));
  OPTIMA_ASSIGN_OR_RETURN(a.detected_at, time_field(j, "detected_at"));
  OPTIMA_ASSIGN_OR_RETURN(a.periods, int_field(j, "periods"));
  OPTIMA_ASSIGN_OR_RETURN(a.period_seconds, int_field(j, "period_seconds"));
  OPTIMA_ASSIGN_OR_RETURN(a.expected, decimal_field(j, "expected"));
  OPTIMA_ASSIGN_OR_RETURN(a.actual, decimal_field(j, "actual"));
  OPTIMA_ASSIGN_OR_RETURN(a.delta_per_period, decimal_field(j, "delta_per_period"));
  OPTIMA_ASSIGN_OR_RETURN(a.impact, decimal_field(j, "impact"));
  OPTIMA_ASSIGN_OR_RETURN(a.summary, string_field(j, "summary"));
  a.ongoing = j.value("ongoing", false);
  a.score = j.contains("score") && j["score"].is_number() ? j["score"].get<double>() : 0.0;
  a.suppressed = j.value("suppressed", false);
  if (j.contains("suppressed_by") && j["suppressed_by"].is_string()) a.suppressed_by = j["suppressed_by"];
  if (j.contains("also_seen_in") && j["also_seen_in"].is_array()) {
    for (const auto& s : j["also_seen_in"]) {
      if (s.is_string()) a.also_seen_in.push_back(s.get<std::string>());
    }
  }
  if (j.contains("series_filters") && j["series_filters"].is_array()) {
    for (const auto& p : j["series_filters"]) {
      if (p.is_object() && p.contains("dimension") && p["dimension"].is_string() && p.contains("value") &&
          p["value"].is_string()) {
        a.series.push_back({p["dimension"].get<std::string>(), p["value"].get<std::string>()});
      }
    }
  }
  if (j.contains("root_cause") && j["root_cause"].is_object()) {
    const auto& rc = j["root_cause"];
    if (rc.contains("path") && rc["path"].is_array()) {
      for (const auto& p : rc["path"]) {
        if (p.is_object() && p.contains("dimension") && p["dimension"].is_string() && p.contains("value") &&
            p["value"].is_string()) {
          a.root_cause.path.push_back({p["dimension"].get<std::string>(), p["value"].get<std::string>()});
        }
      }
    }
    if (rc.contains("explained") && rc["explained"].is_number()) a.root_cause.explained = rc["explained"];
    if (rc.contains("resources") && rc["resources"].is_number_unsigned()) a.root_cause.resources = rc["resources"];
    if (rc.contains("new_resources") && rc["new_resources"].is_number_unsigned()) {
      a.root_cause.new_resources = rc["new_resources"];
    }
    if (rc.contains("resource_kind") && rc["resource_kind"].is_string()) a.root_cause.resource_kind = rc["resource_kind"];
  }
  return a;
}

}  // namespace optima::analysis
