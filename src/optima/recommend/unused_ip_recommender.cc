// unused_ip: a public IP associated with nothing (no attached_to, no association_id). Saving:
// the idle-address hourly fee × 730 h (or the address's billed cost).
#include <fmt/format.h>

#include "optima/recommend/recommenders.h"
#include "optima/recommend/recommender_support.h"

namespace optima::recommend {

void evaluate_unused_ip(const RecommenderInfo& info, ResourceView& view,
                        std::vector<Recommendation>* out) {
  const inventory::Resource& r = view.resource();
  if (r.kind != inventory::ResourceKind::kPublicIp) return;
  if (!attribute(r, "attached_to").empty() || !attribute(r, "association_id").empty() ||
      !attribute(r, "network_interface_id").empty()) {
    return;
  }
  auto term = fee_term(view.context(), r, NetworkFee::kIdlePublicIp, "idle address");
  if (!term) return;
  Recommendation rec = start_recommendation(
      info, view, "release",
      fmt::format("Release unassociated public IP {}", r.name.empty() ? r.resource_id : r.name));
  rec.detail = "Check DNS records and allow-lists that name the address before releasing it.";
  rec.evidence.rule = "associated with no instance or network interface";
  if (auto ip = attribute(r, "public_ip"); !ip.empty()) {
    rec.evidence.facts.emplace_back("public_ip", std::string(ip));
  }
  rec.savings = make_savings({std::move(*term)});
  set_confidence(&rec, 1, 1, "inventory fact");
  out->push_back(std::move(rec));
}

}  // namespace optima::recommend
