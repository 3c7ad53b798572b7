// vm_rightsizing: project the profile's CPU statistic (and memory, when measured) onto each
// cheaper alternative the rate book offers — same family smaller, newer generation, ARM, AMD —
// and keep those that stay at or under the targets (the headroom). One recommendation per
// priced candidate kind (the cheapest of each); the engine groups them and keeps the best.
// Saving: (current − new) $/h × 730 h.
#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "optima/recommend/recommenders.h"
#include "optima/recommend/recommender_support.h"

namespace optima::recommend {

void evaluate_vm_rightsizing(const RecommenderInfo& info, ResourceView& view,
                             std::vector<Recommendation>* out) {
  const inventory::Resource& r = view.resource();
  if (r.kind != inventory::ResourceKind::kVirtualMachine || !is_running(r) || r.type.empty()) return;
  const RightsizingRule& rule = view.context().profile.rightsizing;
  const inventory::MetricSeries* cpu_series = view.series("cpu_percent");
  if (cpu_series == nullptr) return;
  const UtilizationStats* cpu = view.stats("cpu_percent", rule.lookback_days,
                                           view.context().profile.idle.cpu_threshold_percent);
  if (cpu == nullptr || hours_of_data(*cpu, cpu_series->step_seconds) < rule.min_hours) return;
  const auto shape = shape_of(view);
  if (!shape || shape->vcpu < 1) return;
  const auto current = view.context().rates.hourly_rate(r.provider, r.region, r.type);
  if (!current.is_ok()) return;

  const double cpu_used = statistic_value(*cpu, rule.cpu_statistic);
  // vCPUs needed so the projected statistic stays at or under the target.
  const double needed_vcpu = cpu_used / 100.0 * shape->vcpu / (rule.cpu_target_percent / 100.0);
  const int min_vcpu = std::max(1, static_cast<int>(std::ceil(needed_vcpu - 1e-9)));
  const UtilizationStats* mem = view.stats("memory_percent", rule.lookback_days, 0);
  double min_memory = 0;
  std::string memory_note;
  if (mem != nullptr && mem->samples > 0 && shape->memory_gib > 0) {
    const double mem_used = statistic_value(*mem, rule.memory_statistic);
    min_memory = mem_used / 100.0 * shape->memory_gib / (rule.memory_target_percent / 100.0);
    memory_note = fmt::format("{} memory_percent {} of {} GiB → needs {:.2f} GiB at ≤ {}%",
                              statistic_name(rule.memory_statistic), format_value(mem_used),
                              shape->memory_gib, min_memory, rule.memory_target_percent);
  } else if (shape->memory_gib > 0) {
    // Memory not measured: keep memory per vCPU, as CPU-only rightsizing (AWS without the agent).
    min_memory = shape->memory_gib * min_vcpu / shape->vcpu;
    memory_note = "memory not measured: memory kept proportional to vCPUs";
  }
  if (min_vcpu >= shape->vcpu && min_memory >= shape->memory_gib) return;

  std::map<std::string, InstanceOption> best_by_kind;
  for (auto& o : view.context().rates.alternatives(r.provider, *shape, min_vcpu, min_memory,
                                                   r.region)) {
    if (!o.rate || o.rate->per_unit >= current->per_unit) continue;
    auto it = best_by_kind.find(o.kind);
    if (it == best_by_kind.end() || o.rate->per_unit < it->second.rate->per_unit) {
      best_by_kind[o.kind] = std::move(o);
    }
  }
  for (const auto& [kind, o] : best_by_kind) {
    Recommendation rec = start_recommendation(
        info, view, "resize:" + o.shape.type,
        fmt::format("Resize {} {} → {} ({})", r.type, r.name.empty() ? r.resource_id : r.name,
                    o.shape.type, kind));
    rec.detail = fmt::format(
        "{} vCPU / {} GiB → {} vCPU / {} GiB ({}). Needs a stop/start; check the architecture "
        "({} → {}) and instance features before resizing.",
        shape->vcpu, shape->memory_gib, o.shape.vcpu, o.shape.memory_gib, kind,
        shape->architecture, o.shape.architecture);
    rec.evidence_window_days = rule.lookback_days;
    const double projected = cpu_used * shape->vcpu / o.shape.vcpu;
    rec.evidence.rule = fmt::format(
        "{} cpu_percent {} on {} vCPU → {} projected on {} vCPU ≤ {}%{}{}",
        statistic_name(rule.cpu_statistic), format_value(cpu_used), shape->vcpu,
        format_value(projected), o.shape.vcpu, rule.cpu_target_percent,
        memory_note.empty() ? "" : "; ", memory_note);
    rec.evidence.metrics.push_back(*cpu);
    if (mem != nullptr && mem->samples > 0) rec.evidence.metrics.push_back(*mem);
    rec.evidence.facts.emplace_back("profile_source", rule.source);
    rec.evidence.facts.emplace_back("alternative_kind", kind);
    rec.savings = make_savings({make_term("current " + r.type, *current, hours_per_month(), "h"),
                                make_term("new " + o.shape.type, *o.rate, hours_per_month(), "h",
                                          -1)});
    if (rec.savings.monthly < rule.min_monthly_savings) continue;
    const double margin = (rule.cpu_target_percent - projected) / rule.cpu_target_percent;
    set_confidence(&rec, cpu->coverage(), margin,
                   fmt::format("sample coverage {:.0f}%, projected {} {:.0f}% of target",
                               cpu->coverage() * 100, statistic_name(rule.cpu_statistic),
                               projected / rule.cpu_target_percent * 100));
    if (kind != "cheaper_same_family") rec.risk = Level::kMedium;
    out->push_back(std::move(rec));
  }
}

}  // namespace optima::recommend
