// Shared recommender helpers.
#include "optima/recommend/recommender_support.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace optima::recommend {

Recommendation start_recommendation(const RecommenderInfo& info, const ResourceView& view,
                                    std::string action, std::string title) {
  const inventory::Resource& r = view.resource();
  Recommendation rec;
  rec.recommender = std::string(info.id);
  rec.category = info.category;
  rec.pillar = info.pillar;
  rec.risk = info.risk;
  rec.effort = info.effort;
  rec.profile = view.context().profile.name;
  rec.provider = r.provider;
  rec.resource_id = r.resource_id;
  rec.resource_name = r.name;
  rec.resource_kind = std::string(inventory::resource_kind_name(r.kind));
  rec.resource_type = r.type;
  rec.account_id = r.account_id;
  rec.region = r.region;
  rec.tags = r.tags;
  rec.id = recommendation_id(info.id, r.resource_id, action);
  rec.action = std::move(action);
  rec.title = std::move(title);
  return rec;
}

std::optional<Rate> current_hourly_rate(const ResourceView& view) {
  const inventory::Resource& r = view.resource();
  if (!r.type.empty()) {
    auto rate = view.context().rates.hourly_rate(r.provider, r.region, r.type);
    if (rate.is_ok()) return *rate;
  }
  return view.context().billing.hourly_cost(r.resource_id);
}

core::Decimal hours_per_month() { return core::Decimal::from_int(kHoursPerMonth); }

SavingsTerm make_term(std::string label, const Rate& rate, core::Decimal quantity,
                      std::string quantity_unit, int sign) {
  SavingsTerm t;
  t.label = std::move(label);
  t.rate = rate.per_unit;
  t.rate_unit = "$/" + (rate.unit == "hour" ? std::string("h") : rate.unit);
  t.quantity = quantity;
  t.quantity_unit = std::move(quantity_unit);
  t.rate_source = rate.source;
  t.sign = sign;
  return t;
}

double statistic_value(const UtilizationStats& s, Statistic statistic) {
  switch (statistic) {
    case Statistic::kMean: return s.mean;
    case Statistic::kP95: return s.p95;
    case Statistic::kMax: return s.max;
    case Statistic::kIdleFraction: return s.idle_fraction;
  }
  return s.max;
}

double hours_of_data(const UtilizationStats& s, int64_t step_seconds) {
  return static_cast<double>(s.samples) * static_cast<double>(step_seconds) / 3600.0;
}

std::string format_value(double v) { return fmt::format("{:.2f}", v); }

ConditionOutcome evaluate_conditions(ResourceView& view, const std::vector<Condition>& conditions,
                                     int lookback_days, double cpu_idle_threshold) {
  ConditionOutcome out;
  out.all_hold = true;
  out.coverage = 1;
  bool evaluated_any = false;
  for (const auto& c : conditions) {
    const inventory::MetricSeries* series = view.series(c.metric);
    const UtilizationStats* s =
        series == nullptr ? nullptr
                          : view.stats(c.metric, lookback_days,
                                       c.metric == "cpu_percent" ? cpu_idle_threshold
                                       : c.per_second ? c.value * static_cast<double>(series->step_seconds)
                                                      : c.value,
                                       c.last_days);
    if (s == nullptr || s->samples == 0) {
      if (c.required) {
        out.all_hold = false;
        out.rule += fmt::format("{}{} {}: no samples", out.rule.empty() ? "" : "; ",
                                statistic_name(c.statistic), c.metric);
      } else {
        out.skipped.push_back(fmt::format("{} {} not evaluated (no {} samples)",
                                          statistic_name(c.statistic), c.metric, c.metric));
      }
      continue;
    }
    evaluated_any = true;
    const double threshold =
        c.per_second ? c.value * static_cast<double>(series->step_seconds) : c.value;
    const double actual = statistic_value(*s, c.statistic);
    const bool holds = compare(actual, c.comparison, threshold);
    out.all_hold = out.all_hold && holds;
    out.coverage = std::min(out.coverage, s->coverage());
    const double scale = std::max(std::abs(threshold), 1e-9);
    const bool upper = c.comparison == Comparison::kLess || c.comparison == Comparison::kLessOrEqual;
    double margin = upper ? (threshold - actual) / scale : (actual - threshold) / scale;
    // An idle fraction of 1 against 0.97 is a full margin: scale by the room to the bound.
    if (c.statistic == Statistic::kIdleFraction && !upper) {
      margin = threshold < 1 ? (actual - threshold) / (1 - threshold) : (holds ? 1.0 : 0.0);
    }
    out.margin = std::min(out.margin, std::clamp(margin, 0.0, 1.0));
    out.rule += fmt::format("{}{} {}{} {} {} {}{}", out.rule.empty() ? "" : "; ",
                            statistic_name(c.statistic), c.metric,
                            c.last_days > 0 ? fmt::format(" (last {} d)", c.last_days) : "",
                            c.statistic == Statistic::kIdleFraction ? fmt::format("{:.4f}", actual)
                                                                    : format_value(actual),
                            holds ? comparison_symbol(c.comparison) : "fails " +
                                std::string(comparison_symbol(c.comparison)),
                            format_value(threshold),
                            c.per_second ? fmt::format(" ({} B/s × {} s)", c.value,
                                                       series->step_seconds)
                                         : "");
    bool seen = false;
    for (const auto& st : out.stats) {
      seen = seen || (st.metric == s->metric && st.window == s->window &&
                      st.idle_threshold == s->idle_threshold);
    }
    if (!seen) out.stats.push_back(*s);
  }
  if (!evaluated_any) out.all_hold = false;
  return out;
}

}  // namespace optima::recommend

namespace optima::recommend {

bool is_running(const inventory::Resource& r) {
  return r.state.empty() || r.state == "running" || r.state == "active" || r.state == "available" ||
         r.state == "succeeded" || r.state == "online" || r.state == "runnable";
}

std::optional<InstanceShape> shape_of(const ResourceView& view) {
  const inventory::Resource& r = view.resource();
  if (!r.type.empty()) {
    auto s = view.context().rates.instance_shape(r.provider, r.type);
    if (s.is_ok()) return *s;
  }
  const auto vcpus = numeric_attribute(r, "vcpus");
  if (!vcpus || *vcpus < 1) return std::nullopt;
  InstanceShape s;
  s.type = r.type;
  s.vcpu = static_cast<int>(*vcpus);
  s.memory_gib = numeric_attribute(r, "memory_gib").value_or(0);
  s.architecture = attribute(r, "architecture").empty() ? "x86_64"
                                                         : std::string(attribute(r, "architecture"));
  return s;
}

int64_t days_between(core::Timestamp from, core::Timestamp to) {
  const int64_t d = to.unix_seconds - from.unix_seconds;
  return d >= 0 ? d / 86400 : -((-d + 86399) / 86400);
}

}  // namespace optima::recommend

namespace optima::recommend {

std::optional<SavingsTerm> storage_term(const Context& ctx, const inventory::Resource& disk,
                                        std::string label, std::string_view rate_type) {
  core::Decimal gb;
  const std::string_view type = rate_type.empty() ? std::string_view(disk.type) : rate_type;
  if (core::Decimal::parse(attribute(disk, "size_gb"), &gb) && gb > core::Decimal()) {
    auto rate = ctx.rates.storage_rate(disk.provider, disk.region, type);
    if (rate.is_ok()) return make_term(std::move(label), *rate, gb, "GB");
  }
  if (auto billed = ctx.billing.hourly_cost(disk.resource_id)) {
    return make_term(std::move(label), *billed, hours_per_month(), "h");
  }
  return std::nullopt;
}

std::optional<SavingsTerm> fee_term(const Context& ctx, const inventory::Resource& item,
                                    NetworkFee fee, std::string label) {
  auto rate = ctx.rates.network_fee(item.provider, item.region, fee);
  if (rate.is_ok()) return make_term(std::move(label), *rate, hours_per_month(), "h");
  if (auto billed = ctx.billing.hourly_cost(item.resource_id)) {
    return make_term(std::move(label), *billed, hours_per_month(), "h");
  }
  return std::nullopt;
}

}  // namespace optima::recommend
