// spot_candidate: an on-demand VM or scale set marked interruption-tolerant — a member of an
// autoscaling group or scale set, or a tag from the profile's spot.stateless_tags ("key" or
// "key=value") — could run on spot capacity. The spot price is not in the rate book, so the
// saving is an estimate: on-demand rate × the profile's discount fraction, stated as such.
#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/recommend/recommenders.h"
#include "optima/recommend/recommender_support.h"

namespace optima::recommend {
namespace {

std::string stateless_marker(const inventory::Resource& r, const SpotRule& rule) {
  if (r.kind == inventory::ResourceKind::kScaleSet) return "scale set";
  for (const auto& spec : rule.stateless_tags) {
    const auto eq = spec.find('=');
    const std::string key = spec.substr(0, eq);
    const std::string_view value = tag(r, key);
    if (value.empty()) continue;
    if (eq == std::string::npos || core::iequals(value, spec.substr(eq + 1))) {
      return fmt::format("tag {}={}", key, value);
    }
  }
  return {};
}

}  // namespace

void evaluate_spot_candidate(const RecommenderInfo& info, ResourceView& view,
                             std::vector<Recommendation>* out) {
  const inventory::Resource& r = view.resource();
  if (r.kind != inventory::ResourceKind::kVirtualMachine &&
      r.kind != inventory::ResourceKind::kScaleSet) {
    return;
  }
  if (!is_running(r) || core::iequals(attribute(r, "lifecycle"), "spot") ||
      core::iequals(attribute(r, "priority"), "spot")) {
    return;
  }
  const SpotRule& rule = view.context().profile.spot;
  const std::string marker = stateless_marker(r, rule);
  if (marker.empty() || rule.discount_fraction.is_zero()) return;
  const auto rate = current_hourly_rate(view);
  if (!rate) return;
  Rate spot = *rate;
  spot.per_unit = core::Decimal::multiply(
      rate->per_unit, core::Decimal::from_int(1) - rule.discount_fraction);
  spot.source = fmt::format("estimate: on-demand {} × (1 − {}) ({})", rate->per_unit.to_string(),
                            rule.discount_fraction.to_string(), rule.source);
  Recommendation rec = start_recommendation(
      info, view, "use_spot",
      fmt::format("Run {} {} on spot capacity", r.type, r.name.empty() ? r.resource_id : r.name));
  rec.detail =
      "Spot capacity can be reclaimed with a 2-minute warning (AWS; 30 s on Azure and Google): "
      "only for work that tolerates interruption and restarts elsewhere — keep on-demand "
      "fallback in the group, spread over several instance types, and checkpoint batch jobs. "
      "The saving is an estimate from the profile's discount, not a quoted spot price.";
  rec.evidence.rule = fmt::format("interruption-tolerant: {}", marker);
  rec.evidence.facts.emplace_back("marker", marker);
  rec.evidence.facts.emplace_back("profile_source", rule.source);
  rec.savings = make_savings({make_term("on-demand " + r.type, *rate, hours_per_month(), "h"),
                              make_term("spot estimate", spot, hours_per_month(), "h", -1)});
  set_confidence(&rec, 1, 0.2, "savings are an estimate; workload tolerance inferred from " +
                                   marker);
  out->push_back(std::move(rec));
}

}  // namespace optima::recommend
