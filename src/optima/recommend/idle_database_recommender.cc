// idle_database: a running database whose maximum connections over database.lookback_days are
// at most database.idle_max_connections and whose peak CPU is under
// database.idle_cpu_max_percent. Without a connections series the CPU test alone decides, with
// lower confidence. Saving: the instance hourly rate (rate book, else the bill) × 730 h.
#include <fmt/format.h>

#include "optima/recommend/recommenders.h"
#include "optima/recommend/recommender_support.h"

namespace optima::recommend {

void evaluate_idle_database(const RecommenderInfo& info, ResourceView& view,
                            std::vector<Recommendation>* out) {
  const inventory::Resource& r = view.resource();
  if (r.kind != inventory::ResourceKind::kDatabase || !is_running(r)) return;
  const DatabaseRule& rule = view.context().profile.database;
  const UtilizationStats* cpu =
      view.stats("cpu_percent", rule.lookback_days, rule.idle_cpu_max_percent);
  if (cpu == nullptr || cpu->samples == 0 || cpu->max >= rule.idle_cpu_max_percent) return;
  const UtilizationStats* conn = view.stats("connections", rule.lookback_days, 1);
  std::string rule_text = fmt::format("max cpu_percent {} < {}", format_value(cpu->max),
                                      rule.idle_cpu_max_percent);
  double coverage = cpu->coverage();
  Recommendation rec = start_recommendation(
      info, view, "stop_or_delete",
      fmt::format("Stop or delete idle database {} ({})", r.name.empty() ? r.resource_id : r.name,
                  r.type));
  if (conn != nullptr && conn->samples > 0) {
    if (conn->max > rule.idle_max_connections) return;
    rule_text += fmt::format("; max connections {} ≤ {}", format_value(conn->max),
                             rule.idle_max_connections);
    coverage = std::min(coverage, conn->coverage());
    rec.evidence.metrics.push_back(*conn);
  } else {
    rule_text += "; connections not measured";
    coverage *= 0.7;
  }
  const auto rate = current_hourly_rate(view);
  if (!rate) return;
  rec.detail = "Take a final snapshot before deleting; a stopped database restarts automatically "
               "after 7 days on RDS.";
  rec.evidence_window_days = rule.lookback_days;
  rec.evidence.rule = rule_text;
  rec.evidence.metrics.insert(rec.evidence.metrics.begin(), *cpu);
  rec.evidence.facts.emplace_back("profile_source", rule.source);
  rec.savings = make_savings({make_term("current " + r.type, *rate, hours_per_month(), "h")});
  set_confidence(&rec, coverage,
                 (rule.idle_cpu_max_percent - cpu->max) / rule.idle_cpu_max_percent,
                 fmt::format("sample coverage {:.0f}%", coverage * 100));
  out->push_back(std::move(rec));
}

}  // namespace optima::recommend
