// database_rightsizing: a running database whose p95 CPU over database.lookback_days is at most
// database.downsize_cpu_p95_percent (Azure Advisor: under-utilized 7 days → halve vCores) moves
// to the same-family class with half the vCPUs, if its memory (when measured, max) still fits
// under 80%. Saving: (current − new) $/h × 730 h.
#include <fmt/format.h>

#include "optima/recommend/recommenders.h"
#include "optima/recommend/recommender_support.h"

namespace optima::recommend {

void evaluate_database_rightsizing(const RecommenderInfo& info, ResourceView& view,
                                   std::vector<Recommendation>* out) {
  const inventory::Resource& r = view.resource();
  if (r.kind != inventory::ResourceKind::kDatabase || !is_running(r) || r.type.empty()) return;
  const DatabaseRule& rule = view.context().profile.database;
  const UtilizationStats* cpu =
      view.stats("cpu_percent", rule.lookback_days, rule.idle_cpu_max_percent);
  if (cpu == nullptr || cpu->samples == 0 || cpu->p95 > rule.downsize_cpu_p95_percent) return;
  const auto shape = shape_of(view);
  if (!shape || shape->vcpu < 2) return;
  const auto current = view.context().rates.hourly_rate(r.provider, r.region, r.type);
  if (!current.is_ok()) return;
  const int half = shape->vcpu / 2;
  double min_memory = 0;
  const UtilizationStats* mem = view.stats("memory_percent", rule.lookback_days, 0);
  if (mem != nullptr && mem->samples > 0 && shape->memory_gib > 0) {
    min_memory = mem->max / 100.0 * shape->memory_gib / 0.8;
  }
  const InstanceOption* best = nullptr;
  const auto options =
      view.context().rates.alternatives(r.provider, *shape, half, min_memory, r.region);
  for (const auto& o : options) {
    if (o.kind != "cheaper_same_family" || o.shape.vcpu != half || !o.rate ||
        o.rate->per_unit >= current->per_unit) {
      continue;
    }
    if (best == nullptr || o.rate->per_unit < best->rate->per_unit) best = &o;
  }
  if (best == nullptr) return;
  Recommendation rec = start_recommendation(
      info, view, "resize:" + best->shape.type,
      fmt::format("Downsize database {} {} → {}", r.name.empty() ? r.resource_id : r.name, r.type,
                  best->shape.type));
  rec.detail = "Apply in a maintenance window (Multi-AZ fails over to the resized standby).";
  rec.evidence_window_days = rule.lookback_days;
  rec.evidence.rule = fmt::format("p95 cpu_percent {} ≤ {} on {} vCPU → {} vCPU{}",
                                  format_value(cpu->p95), rule.downsize_cpu_p95_percent,
                                  shape->vcpu, half,
                                  min_memory > 0 ? fmt::format("; max memory needs {:.2f} GiB at 80%",
                                                               min_memory)
                                                 : std::string());
  rec.evidence.metrics.push_back(*cpu);
  if (mem != nullptr && mem->samples > 0) rec.evidence.metrics.push_back(*mem);
  rec.evidence.facts.emplace_back("profile_source", rule.source);
  rec.savings = make_savings({make_term("current " + r.type, *current, hours_per_month(), "h"),
                              make_term("new " + best->shape.type, *best->rate, hours_per_month(),
                                        "h", -1)});
  set_confidence(&rec, cpu->coverage(),
                 (rule.downsize_cpu_p95_percent - cpu->p95) / rule.downsize_cpu_p95_percent,
                 fmt::format("sample coverage {:.0f}%", cpu->coverage() * 100));
  out->push_back(std::move(rec));
}

}  // namespace optima::recommend
