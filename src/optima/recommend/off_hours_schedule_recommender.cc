// off_hours_schedule: a running non-production VM or database (env / environment tag in
// schedule.non_production_values) whose 24×7 CPU heatmap over schedule.lookback_days has at
// least schedule.min_off_hours_per_week hour-of-week cells that ran with a mean under
// schedule.off_cpu_percent. Cells without samples are not counted (it already does not run
// then). Saving: hourly rate × off hours per week × 730/168 weeks per month.
#include <array>

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/recommend/recommenders.h"
#include "optima/recommend/recommender_support.h"

namespace optima::recommend {
namespace {

constexpr std::array<std::string_view, 7> kDays{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

// "Mon 00-08,19-24; Tue …" from the off cells.
std::string describe(const std::array<bool, kHoursPerWeek>& off) {
  std::string out;
  for (int d = 0; d < 7; ++d) {
    std::string ranges;
    int h = 0;
    while (h < 24) {
      if (!off[static_cast<size_t>(d * 24 + h)]) {
        ++h;
        continue;
      }
      int end = h;
      while (end < 24 && off[static_cast<size_t>(d * 24 + end)]) ++end;
      ranges += fmt::format("{}{:02d}-{:02d}", ranges.empty() ? "" : ",", h, end);
      h = end;
    }
    if (!ranges.empty()) out += fmt::format("{}{} {}", out.empty() ? "" : "; ", kDays[static_cast<size_t>(d)], ranges);
  }
  return out;
}

}  // namespace

void evaluate_off_hours_schedule(const RecommenderInfo& info, ResourceView& view,
                                 std::vector<Recommendation>* out) {
  const inventory::Resource& r = view.resource();
  if (r.kind != inventory::ResourceKind::kVirtualMachine &&
      r.kind != inventory::ResourceKind::kDatabase) {
    return;
  }
  if (!is_running(r)) return;
  const ScheduleRule& rule = view.context().profile.schedule;
  std::string_view env = tag(r, "env");
  if (env.empty()) env = tag(r, "environment");
  bool non_production = false;
  for (const auto& v : rule.non_production_values) non_production = non_production || core::iequals(env, v);
  if (!non_production) return;
  const UtilizationStats* cpu = view.stats("cpu_percent", rule.lookback_days, rule.off_cpu_percent);
  if (cpu == nullptr || cpu->samples == 0) return;
  std::array<bool, kHoursPerWeek> off{};
  int off_hours = 0;
  for (size_t i = 0; i < off.size(); ++i) {
    off[i] = cpu->heatmap_count[i] > 0 && cpu->heatmap_mean[i] < rule.off_cpu_percent;
    off_hours += off[i] ? 1 : 0;
  }
  if (off_hours < rule.min_off_hours_per_week) return;
  const auto rate = current_hourly_rate(view);
  if (!rate) return;
  const std::string schedule = describe(off);
  Recommendation rec = start_recommendation(
      info, view, "schedule_off_hours",
      fmt::format("Stop {} {} ({}) {} h/week outside working hours", r.type,
                  r.name.empty() ? r.resource_id : r.name, env, off_hours));
  rec.detail = fmt::format(
      "Stop (UTC): {}. Use a scheduler (Instance Scheduler, Automation, Custodian offhours); "
      "disks keep billing while stopped.",
      schedule);
  rec.evidence_window_days = rule.lookback_days;
  rec.evidence.rule = fmt::format("env={} is non-production; {} of 168 hour-of-week cells have "
                                  "mean cpu_percent < {} (≥ {} needed)",
                                  env, off_hours, rule.off_cpu_percent, rule.min_off_hours_per_week);
  rec.evidence.metrics.push_back(*cpu);
  rec.evidence.facts.emplace_back("schedule_off_utc", schedule);
  rec.evidence.facts.emplace_back("profile_source", rule.source);
  // Hours per month off = off hours per week × 730 / 168.
  const core::Decimal hours = core::Decimal::divide(
      core::Decimal::from_int(int64_t{off_hours} * kHoursPerMonth), core::Decimal::from_int(168));
  rec.savings = make_savings({make_term("current " + r.type, *rate, hours,
                                        fmt::format("h ({} h/week × 730/168)", off_hours))});
  set_confidence(&rec, cpu->coverage(),
                 static_cast<double>(off_hours - rule.min_off_hours_per_week) /
                     static_cast<double>(kHoursPerWeek - rule.min_off_hours_per_week),
                 fmt::format("sample coverage {:.0f}%", cpu->coverage() * 100));
  out->push_back(std::move(rec));
}

}  // namespace optima::recommend
