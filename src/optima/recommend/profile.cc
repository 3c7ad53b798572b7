// Profile loading: bundled names resolve under data/recommend/profiles/, anything else is a
// file. Every field is required, so a typo in a custom profile is an error, not a default.
#include "optima/recommend/profile.h"

#include <array>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "optima/core/file_io.h"
#include "optima/core/paths.h"

namespace optima::recommend {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 3> kBundled{"aws-like", "azure-like", "gcp-like"};

// Reads typed fields of one JSON object, remembering the first error with its path.
class Fields {
 public:
  Fields(const json& object, std::string path, core::Status* error)
      : object_(object), path_(std::move(path)), error_(error) {
    if (!object_.is_object()) fail(path_, "expected an object");
  }

  Fields child(std::string_view key) const {
    static const json kNull;
    const json* v = find(key);
    return Fields(v != nullptr ? *v : kNull, at(key), error_);
  }
  const json* find(std::string_view key) const {
    if (!object_.is_object()) return nullptr;
    auto it = object_.find(std::string(key));
    return it == object_.end() ? nullptr : &*it;
  }
  double number(std::string_view key) const {
    const json* v = find(key);
    if (v == nullptr || !v->is_number()) return fail(at(key), "expected a number"), 0.0;
    const double d = v->get<double>();
    if (!std::isfinite(d)) return fail(at(key), "expected a finite number"), 0.0;
    return d;
  }
  int integer(std::string_view key) const {
    const json* v = find(key);
    if (v == nullptr || !v->is_number_integer()) return fail(at(key), "expected an integer"), 0;
    return v->get<int>();
  }
  bool boolean(std::string_view key, bool fallback) const {
    const json* v = find(key);
    if (v == nullptr) return fallback;
    if (!v->is_boolean()) return fail(at(key), "expected true or false"), fallback;
    return v->get<bool>();
  }
  std::string text(std::string_view key) const {
    const json* v = find(key);
    if (v == nullptr || !v->is_string()) return fail(at(key), "expected a string"), std::string();
    return v->get<std::string>();
  }
  core::Decimal decimal(std::string_view key) const {
    core::Decimal d;
    const std::string t = text(key);
    if (error_->is_ok() && !core::Decimal::parse(t, &d)) fail(at(key), "expected a decimal string");
    return d;
  }
  std::vector<std::string> strings(std::string_view key) const {
    std::vector<std::string> out;
    const json* v = find(key);
    if (v == nullptr || !v->is_array()) return fail(at(key), "expected an array of strings"), out;
    for (const auto& e : *v) {
      if (!e.is_string()) return fail(at(key), "expected an array of strings"), out;
      out.push_back(e.get<std::string>());
    }
    return out;
  }
  std::string at(std::string_view key) const { return fmt::format("{}.{}", path_, key); }
  const std::string& path() const { return path_; }
  const json& object() const { return object_; }

  void fail(const std::string& where, std::string_view what) const {
    if (error_->is_ok()) *error_ = core::invalid_argument(fmt::format("{}: {}", where, what));
  }

 private:
  const json& object_;
  std::string path_;
  core::Status* error_;
};

Statistic parse_statistic(const Fields& f, std::string_view key) {
  const std::string s = f.text(key);
  if (s == "mean") return Statistic::kMean;
  if (s == "p95") return Statistic::kP95;
  if (s == "max") return Statistic::kMax;
  if (s == "idle_fraction") return Statistic::kIdleFraction;
  f.fail(f.at(key), fmt::format("expected mean, p95, max or idle_fraction, found '{}'", s));
  return Statistic::kMax;
}

Comparison parse_comparison(const Fields& f, std::string_view key) {
  const std::string s = f.text(key);
  if (s == "lt") return Comparison::kLess;
  if (s == "le") return Comparison::kLessOrEqual;
  if (s == "gt") return Comparison::kGreater;
  if (s == "ge") return Comparison::kGreaterOrEqual;
  f.fail(f.at(key), fmt::format("expected lt, le, gt or ge, found '{}'", s));
  return Comparison::kLess;
}

std::vector<Condition> parse_conditions(const Fields& parent, std::string_view key,
                                        core::Status* error) {
  std::vector<Condition> out;
  const json* list = parent.find(key);
  if (list == nullptr || !list->is_array() || list->empty()) {
    parent.fail(parent.at(key), "expected a non-empty array of conditions");
    return out;
  }
  for (size_t i = 0; i < list->size(); ++i) {
    Fields f((*list)[i], fmt::format("{}[{}]", parent.at(key), i), error);
    Condition c;
    c.metric = f.text("metric");
    c.statistic = parse_statistic(f, "statistic");
    c.comparison = parse_comparison(f, "op");
    c.value = f.number("value");
    c.per_second = f.boolean("per_second", false);
    c.required = f.boolean("required", true);
    c.last_days = f.find("last_days") != nullptr ? f.integer("last_days") : 0;
    c.source = f.text("source");
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::string_view statistic_name(Statistic s) {
  switch (s) {
    case Statistic::kMean: return "mean";
    case Statistic::kP95: return "p95";
    case Statistic::kMax: return "max";
    case Statistic::kIdleFraction: return "idle_fraction";
  }
  return "max";
}

std::string_view comparison_symbol(Comparison c) {
  switch (c) {
    case Comparison::kLess: return "<";
    case Comparison::kLessOrEqual: return "≤";
    case Comparison::kGreater: return ">";
    case Comparison::kGreaterOrEqual: return "≥";
  }
  return "<";
}

bool compare(double actual, Comparison c, double threshold) {
  switch (c) {
    case Comparison::kLess: return actual < threshold;
    case Comparison::kLessOrEqual: return actual <= threshold;
    case Comparison::kGreater: return actual > threshold;
    case Comparison::kGreaterOrEqual: return actual >= threshold;
  }
  return false;
}

std::vector<std::string> bundled_profile_names() {
  return {kBundled.begin(), kBundled.end()};
}

core::Result<Profile> parse_profile(std::string_view json_text, std::string_view origin) {
  const json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded()) {
    return core::invalid_argument(fmt::format("{}: not valid JSON", origin));
  }
  core::Status error;
  Fields root(doc, "$", &error);
  Profile p;
  p.origin = std::string(origin);
  p.name = root.text("name");
  p.description = root.text("description");

  const Fields idle = root.child("idle_vm");
  p.idle.lookback_days = idle.integer("lookback_days");
  p.idle.min_hours = idle.integer("min_hours");
  p.idle.cpu_threshold_percent = idle.number("cpu_threshold_percent");
  if (idle.find("cpu_threshold_vcpu") != nullptr) {
    p.idle.cpu_threshold_vcpu = idle.number("cpu_threshold_vcpu");
  }
  p.idle.conditions = parse_conditions(idle, "conditions", &error);
  p.idle.source = idle.text("source");

  const Fields rs = root.child("rightsizing");
  p.rightsizing.lookback_days = rs.integer("lookback_days");
  p.rightsizing.min_hours = rs.integer("min_hours");
  p.rightsizing.cpu_statistic = parse_statistic(rs, "cpu_statistic");
  p.rightsizing.cpu_target_percent = rs.number("cpu_target_percent");
  p.rightsizing.memory_statistic = parse_statistic(rs, "memory_statistic");
  p.rightsizing.memory_target_percent = rs.number("memory_target_percent");
  p.rightsizing.min_monthly_savings = rs.decimal("min_monthly_savings");
  p.rightsizing.source = rs.text("source");

  const Fields st = root.child("storage");
  p.storage.unattached_disk_min_days = st.integer("unattached_disk_min_days");
  p.storage.snapshot_max_age_days = st.integer("snapshot_max_age_days");
  p.storage.stopped_vm_min_days = st.integer("stopped_vm_min_days");
  p.storage.iops_overprovision_ratio = st.number("iops_overprovision_ratio");
  p.storage.object_cold_after_days = st.integer("object_cold_after_days");
  p.storage.source = st.text("source");

  const Fields nw = root.child("network");
  p.network.lookback_days = nw.integer("lookback_days");
  p.network.idle_lb_max_requests_per_day = nw.number("idle_lb_max_requests_per_day");
  p.network.idle_nat_max_bytes_per_day = nw.number("idle_nat_max_bytes_per_day");
  p.network.unused_ip_min_days = nw.integer("unused_ip_min_days");
  p.network.source = nw.text("source");

  const Fields db = root.child("database");
  p.database.lookback_days = db.integer("lookback_days");
  p.database.idle_max_connections = db.number("idle_max_connections");
  p.database.idle_cpu_max_percent = db.number("idle_cpu_max_percent");
  p.database.downsize_cpu_p95_percent = db.number("downsize_cpu_p95_percent");
  p.database.source = db.text("source");

  const Fields sc = root.child("schedule");
  p.schedule.lookback_days = sc.integer("lookback_days");
  p.schedule.off_cpu_percent = sc.number("off_cpu_percent");
  p.schedule.min_off_hours_per_week = sc.integer("min_off_hours_per_week");
  p.schedule.non_production_values = sc.strings("non_production_values");
  p.schedule.source = sc.text("source");

  const Fields sp = root.child("spot");
  p.spot.discount_fraction = sp.decimal("discount_fraction");
  p.spot.stateless_tags = sp.strings("stateless_tags");
  p.spot.source = sp.text("source");

  if (error.is_ok()) {
    for (int days : {p.idle.lookback_days, p.rightsizing.lookback_days, p.network.lookback_days,
                     p.database.lookback_days, p.schedule.lookback_days}) {
      if (days < 1 || days > 366) {
        error = core::invalid_argument("lookback_days must be between 1 and 366");
      }
    }
    if (p.spot.discount_fraction < core::Decimal() ||
        p.spot.discount_fraction > core::Decimal::from_int(1)) {
      error = core::invalid_argument("$.spot.discount_fraction must be between 0 and 1");
    }
  }
  if (!error.is_ok()) return error.with_context(origin);
  return p;
}

core::Result<Profile> load_profile(std::string_view name_or_path) {
  const bool is_path = name_or_path.find('/') != std::string_view::npos ||
                       (name_or_path.size() > 5 &&
                        name_or_path.substr(name_or_path.size() - 5) == ".json");
  std::filesystem::path path;
  if (is_path) {
    path = std::string(name_or_path);
  } else {
    bool known = false;
    for (auto b : kBundled) known = known || b == name_or_path;
    if (!known) {
      return core::not_found(fmt::format("unknown profile '{}': expected aws-like, azure-like, "
                                         "gcp-like or a JSON file path",
                                         name_or_path));
    }
    OPTIMA_ASSIGN_OR_RETURN(path, core::find_data_file(
                                      fmt::format("recommend/profiles/{}.json", name_or_path)));
  }
  auto text = core::read_file(path);
  if (!text.is_ok()) return text.status();
  return parse_profile(*text, path.string());
}

}  // namespace optima::recommend
