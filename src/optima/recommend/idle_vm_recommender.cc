// idle_vm: a running VM that meets every idle condition of the profile (AWS-like: peak CPU < 5%
// and low network over 14 days; Azure-like: p95 CPU < 3% and last-3-days max ≤ 2% over 7 days;
// GCP-like: CPU under 0.03 vCPU for ≥ 97% of 14 days and low network). Saving: the VM's
// on-demand hourly rate × 730 h.
#include <fmt/format.h>

#include "optima/recommend/recommenders.h"
#include "optima/recommend/recommender_support.h"

namespace optima::recommend {

void evaluate_idle_vm(const RecommenderInfo& info, ResourceView& view,
                      std::vector<Recommendation>* out) {
  const inventory::Resource& r = view.resource();
  if (r.kind != inventory::ResourceKind::kVirtualMachine || !is_running(r)) return;
  const IdleRule& rule = view.context().profile.idle;
  const inventory::MetricSeries* cpu = view.series("cpu_percent");
  if (cpu == nullptr) return;
  double threshold = rule.cpu_threshold_percent;
  std::string threshold_note;
  if (rule.cpu_threshold_vcpu) {
    const auto shape = shape_of(view);
    const int vcpus = shape ? shape->vcpu : 1;
    threshold = 100.0 * *rule.cpu_threshold_vcpu / vcpus;
    threshold_note = fmt::format("idle threshold {} vCPU of {} vCPU{} = {}%",
                                 *rule.cpu_threshold_vcpu, vcpus, shape ? "" : " (assumed)",
                                 format_value(threshold));
  }
  const UtilizationStats* cpu_stats = view.stats("cpu_percent", rule.lookback_days, threshold);
  if (cpu_stats == nullptr || hours_of_data(*cpu_stats, cpu->step_seconds) < rule.min_hours) return;
  ConditionOutcome outcome = evaluate_conditions(view, rule.conditions, rule.lookback_days, threshold);
  if (!outcome.all_hold) return;
  const auto rate = current_hourly_rate(view);
  if (!rate) return;
  Recommendation rec = start_recommendation(
      info, view, "stop_or_terminate",
      fmt::format("Stop or terminate idle {} {}", r.type.empty() ? "VM" : r.type,
                  r.name.empty() ? r.resource_id : r.name));
  rec.detail =
      "Idle over the whole evidence window. Snapshot attached disks before terminating; stopping "
      "keeps disk charges (see stopped_vm).";
  rec.evidence_window_days = rule.lookback_days;
  rec.evidence.rule = outcome.rule;
  rec.evidence.metrics = std::move(outcome.stats);
  rec.evidence.facts.emplace_back("profile_source", rule.source);
  if (!threshold_note.empty()) rec.evidence.facts.emplace_back("idle_threshold", threshold_note);
  for (auto& s : outcome.skipped) rec.evidence.facts.emplace_back("not_evaluated", std::move(s));
  rec.savings = make_savings({make_term("current " + r.type, *rate, hours_per_month(), "h")});
  set_confidence(&rec, outcome.coverage, outcome.margin,
                 fmt::format("sample coverage {:.0f}%, margin to threshold {:.0f}%",
                             outcome.coverage * 100, outcome.margin * 100));
  out->push_back(std::move(rec));
}

}  // namespace optima::recommend
