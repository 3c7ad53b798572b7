// idle_load_balancer: a load balancer with no targets (target_count 0), or whose requests per
// day over network.lookback_days are at most network.idle_lb_max_requests_per_day. Saving: the
// load balancer hourly fee × 730 h (or its billed cost).
#include <fmt/format.h>

#include "optima/recommend/recommenders.h"
#include "optima/recommend/recommender_support.h"

namespace optima::recommend {

void evaluate_idle_load_balancer(const RecommenderInfo& info, ResourceView& view,
                                 std::vector<Recommendation>* out) {
  const inventory::Resource& r = view.resource();
  if (r.kind != inventory::ResourceKind::kLoadBalancer) return;
  const NetworkRule& rule = view.context().profile.network;
  std::string why;
  double coverage = 1;
  std::vector<UtilizationStats> metrics;
  const auto targets = numeric_attribute(r, "target_count");
  if (targets && *targets == 0) {
    why = "no registered targets";
  } else if (const UtilizationStats* req = view.stats("requests", rule.lookback_days, 0);
             req != nullptr && req->samples > 0) {
    const auto* series = view.series("requests");
    const double days = static_cast<double>(req->samples) *
                        static_cast<double>(series->step_seconds) / 86400.0;
    const double per_day = req->mean * static_cast<double>(req->samples) / days;
    if (per_day > rule.idle_lb_max_requests_per_day) return;
    why = fmt::format("{:.1f} requests/day ≤ {} over {} days", per_day,
                      rule.idle_lb_max_requests_per_day, rule.lookback_days);
    coverage = req->coverage();
    metrics.push_back(*req);
  } else {
    return;
  }
  auto term = fee_term(view.context(), r, NetworkFee::kLoadBalancer, "load balancer");
  if (!term) return;
  Recommendation rec = start_recommendation(
      info, view, "delete",
      fmt::format("Delete idle load balancer {}", r.name.empty() ? r.resource_id : r.name));
  rec.detail = "Check DNS aliases pointing at it first.";
  rec.evidence.rule = why;
  rec.evidence.metrics = std::move(metrics);
  rec.savings = make_savings({std::move(*term)});
  set_confidence(&rec, coverage, 1, why);
  out->push_back(std::move(rec));
}

}  // namespace optima::recommend
