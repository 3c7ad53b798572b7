// idle_nat_gateway: a NAT gateway whose processed_bytes per day over network.lookback_days are
// at most network.idle_nat_max_bytes_per_day (Compute Optimizer's NAT idle lookback is 32 days).
// Saving: the NAT gateway hourly fee × 730 h (or its billed cost).
#include <fmt/format.h>

#include "optima/recommend/recommenders.h"
#include "optima/recommend/recommender_support.h"

namespace optima::recommend {

void evaluate_idle_nat_gateway(const RecommenderInfo& info, ResourceView& view,
                               std::vector<Recommendation>* out) {
  const inventory::Resource& r = view.resource();
  if (r.kind != inventory::ResourceKind::kNatGateway) return;
  const NetworkRule& rule = view.context().profile.network;
  const UtilizationStats* bytes = view.stats("processed_bytes", rule.lookback_days, 0);
  if (bytes == nullptr || bytes->samples == 0) return;
  const auto* series = view.series("processed_bytes");
  const double days =
      static_cast<double>(bytes->samples) * static_cast<double>(series->step_seconds) / 86400.0;
  const double per_day = bytes->mean * static_cast<double>(bytes->samples) / days;
  if (per_day > rule.idle_nat_max_bytes_per_day) return;
  auto term = fee_term(view.context(), r, NetworkFee::kNatGateway, "NAT gateway");
  if (!term) return;
  Recommendation rec = start_recommendation(
      info, view, "delete",
      fmt::format("Delete idle NAT gateway {}", r.name.empty() ? r.resource_id : r.name));
  rec.detail = "Remove the routes that point at it first.";
  rec.evidence.rule = fmt::format("{:.0f} bytes/day ≤ {} over {} days", per_day,
                                  rule.idle_nat_max_bytes_per_day, rule.lookback_days);
  rec.evidence.metrics = {*bytes};
  rec.savings = make_savings({std::move(*term)});
  set_confidence(&rec, bytes->coverage(), 1, "processed bytes measured");
  out->push_back(std::move(rec));
}

}  // namespace optima::recommend
