// unattached_disk: a disk attached to nothing (no attached_to, state available / unattached)
// for at least storage.unattached_disk_min_days since creation (when the age is unknown the
// recommendation still fires, with lower confidence). Saving: size × GB-month rate (or the
// disk's billed cost).
#include <fmt/format.h>

#include "optima/recommend/recommenders.h"
#include "optima/recommend/recommender_support.h"

namespace optima::recommend {

void evaluate_unattached_disk(const RecommenderInfo& info, ResourceView& view,
                              std::vector<Recommendation>* out) {
  const inventory::Resource& r = view.resource();
  if (r.kind != inventory::ResourceKind::kDisk || !attribute(r, "attached_to").empty()) return;
  if (!(r.state.empty() || r.state == "available" || r.state == "unattached" ||
        r.state == "ready")) {
    return;
  }
  const Context& ctx = view.context();
  const int min_days = ctx.profile.storage.unattached_disk_min_days;
  double coverage = 0.6;
  std::string age = "creation time unknown";
  const auto now = view.now();
  if (r.created_at && now) {
    const int64_t days = days_between(*r.created_at, *now);
    if (days < min_days) return;
    age = fmt::format("created {} ({} days ago)", core::format_date(*r.created_at), days);
    coverage = 1;
  }
  auto term = storage_term(ctx, r, fmt::format("{} {} GB", r.type, attribute(r, "size_gb")));
  if (!term) return;
  Recommendation rec = start_recommendation(
      info, view, "snapshot_and_delete",
      fmt::format("Delete unattached {} disk {} ({} GB)", r.type,
                  r.name.empty() ? r.resource_id : r.name, attribute(r, "size_gb")));
  rec.detail = "Take a snapshot first if the data may be needed (snapshots cost less per GB).";
  rec.evidence.rule = fmt::format("attached to nothing (state {}), unattached threshold {} days; {}",
                                  r.state.empty() ? "unknown" : r.state, min_days, age);
  rec.evidence.facts.emplace_back("size_gb", std::string(attribute(r, "size_gb")));
  rec.evidence.facts.emplace_back("profile_source", ctx.profile.storage.source);
  rec.savings = make_savings({std::move(*term)});
  set_confidence(&rec, coverage, 1, age);
  out->push_back(std::move(rec));
}

}  // namespace optima::recommend
