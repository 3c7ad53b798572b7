// previous_generation: the rate book lists the VM's type as previous generation and offers a
// newer-generation type with at least the same vCPU and memory at a rate no higher. Saving:
// (current − new) $/h × 730 h (may be 0: the gain is performance per dollar).
#include <fmt/format.h>

#include "optima/recommend/recommenders.h"
#include "optima/recommend/recommender_support.h"

namespace optima::recommend {

void evaluate_previous_generation(const RecommenderInfo& info, ResourceView& view,
                                  std::vector<Recommendation>* out) {
  const inventory::Resource& r = view.resource();
  if (r.kind != inventory::ResourceKind::kVirtualMachine || !is_running(r) || r.type.empty()) return;
  const auto shape = shape_of(view);
  if (!shape || !shape->previous_generation) return;
  const auto current = view.context().rates.hourly_rate(r.provider, r.region, r.type);
  if (!current.is_ok()) return;
  const InstanceOption* best = nullptr;
  const auto options = view.context().rates.alternatives(r.provider, *shape, shape->vcpu,
                                                         shape->memory_gib, r.region);
  for (const auto& o : options) {
    if (o.kind != "newer_generation" || !o.rate || o.rate->per_unit > current->per_unit) continue;
    if (o.shape.architecture != shape->architecture) continue;
    if (best == nullptr || o.rate->per_unit < best->rate->per_unit) best = &o;
  }
  if (best == nullptr) return;
  Recommendation rec = start_recommendation(
      info, view, "migrate:" + best->shape.type,
      fmt::format("Move previous-generation {} {} to {}", r.type,
                  r.name.empty() ? r.resource_id : r.name, best->shape.type));
  rec.detail = fmt::format("{} (generation {}) → {} (generation {}), same or more vCPU and memory.",
                           r.type, shape->generation, best->shape.type, best->shape.generation);
  rec.evidence.rule = fmt::format("{} is listed as previous generation; {} costs {} ≤ {} $/h",
                                  r.type, best->shape.type, best->rate->per_unit.to_string(),
                                  current->per_unit.to_string());
  rec.evidence.facts.emplace_back("instance_type", r.type);
  rec.savings = make_savings({make_term("current " + r.type, *current, hours_per_month(), "h"),
                              make_term("new " + best->shape.type, *best->rate, hours_per_month(),
                                        "h", -1)});
  set_confidence(&rec, 1, 1, "catalog facts");
  out->push_back(std::move(rec));
}

}  // namespace optima::recommend
