// old_snapshot: a snapshot older than storage.snapshot_max_age_days, or orphaned (its source
// volume is not in the inventory, which holds disks of the same account). Saving: size ×
// snapshot GB-month rate (an upper bound: snapshots are incremental) or its billed cost.
#include <fmt/format.h>

#include "optima/recommend/recommenders.h"
#include "optima/recommend/recommender_support.h"

namespace optima::recommend {
void evaluate_old_snapshot(const RecommenderInfo& info, ResourceView& view,
                           std::vector<Recommendation>* out) {
  const inventory::Resource& r = view.resource();
  if (r.kind != inventory::ResourceKind::kSnapshot) return;
  const Context& ctx = view.context();
  const int max_age = ctx.profile.storage.snapshot_max_age_days;
  std::vector<std::string> reasons;
  const auto now = view.now();
  if (r.created_at && now && days_between(*r.created_at, *now) > max_age) {
    reasons.push_back(fmt::format("created {} ({} days > {})", core::format_date(*r.created_at),
                                  days_between(*r.created_at, *now), max_age));
  }
  const std::string_view volume = attribute(r, "volume_id");
  if (!volume.empty() && ctx.estate.find(volume) == nullptr &&
      ctx.estate.has_disks_in_account(r.account_id)) {
    reasons.push_back(fmt::format("source volume {} no longer exists", volume));
  }
  if (reasons.empty()) return;
  auto term = storage_term(ctx, r, fmt::format("snapshot {} GB", attribute(r, "size_gb")),
                           "snapshot");
  if (!term) return;
  Recommendation rec = start_recommendation(
      info, view, "delete",
      fmt::format("Delete old or orphaned snapshot {}", r.name.empty() ? r.resource_id : r.name));
  rec.detail = "Check retention policies and AMIs that reference it; archive tiers cost less if "
               "it must be kept. Snapshots are incremental: the billed size may be smaller.";
  std::string rule;
  for (const auto& s : reasons) rule += (rule.empty() ? "" : "; ") + s;
  rec.evidence.rule = rule;
  rec.evidence.facts.emplace_back("size_gb", std::string(attribute(r, "size_gb")));
  rec.savings = make_savings({std::move(*term)});
  set_confidence(&rec, r.created_at ? 1.0 : 0.7, 1, rule);
  out->push_back(std::move(rec));
}

}  // namespace optima::recommend
