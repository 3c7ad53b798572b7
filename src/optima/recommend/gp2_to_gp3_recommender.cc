// gp2_to_gp3: an AWS gp2 volume of at most 1,000 GB. gp2's baseline is 3 IOPS/GB (≤ 3,000 up to
// 1,000 GB) and gp3 includes 3,000 IOPS and 125 MB/s, so the change needs no paid extra IOPS and
// is done in place (ModifyVolume). Saving: (gp2 − gp3) $/GB-month × size.
#include <fmt/format.h>

#include "optima/recommend/recommenders.h"
#include "optima/recommend/recommender_support.h"

namespace optima::recommend {

void evaluate_gp2_to_gp3(const RecommenderInfo& info, ResourceView& view,
                         std::vector<Recommendation>* out) {
  const inventory::Resource& r = view.resource();
  if (r.kind != inventory::ResourceKind::kDisk || r.type != "gp2") return;
  core::Decimal gb;
  if (!core::Decimal::parse(attribute(r, "size_gb"), &gb) || gb <= core::Decimal() ||
      gb > core::Decimal::from_int(1000)) {
    return;
  }
  const Context& ctx = view.context();
  const auto gp2 = ctx.rates.storage_rate(r.provider, r.region, "gp2");
  const auto gp3 = ctx.rates.storage_rate(r.provider, r.region, "gp3");
  if (!gp2.is_ok() || !gp3.is_ok() || gp3->per_unit >= gp2->per_unit) return;
  Recommendation rec = start_recommendation(
      info, view, "modify:gp3",
      fmt::format("Change gp2 volume {} ({} GB) to gp3", r.name.empty() ? r.resource_id : r.name,
                  attribute(r, "size_gb")));
  rec.detail = "In-place modification without downtime; gp3 includes 3,000 IOPS and 125 MB/s, "
               "at least this volume's gp2 baseline.";
  rec.evidence.rule = fmt::format("type gp2, {} GB ≤ 1000 GB (baseline {} IOPS ≤ 3000)",
                                  attribute(r, "size_gb"),
                                  std::min<int64_t>(3000, std::max<int64_t>(100, static_cast<int64_t>(gb.to_double() * 3))));
  rec.evidence.facts.emplace_back("size_gb", std::string(attribute(r, "size_gb")));
  rec.savings = make_savings({make_term("gp2", *gp2, gb, "GB"), make_term("gp3", *gp3, gb, "GB", -1)});
  set_confidence(&rec, 1, 1, "inventory facts and catalog rates");
  out->push_back(std::move(rec));
}

}  // namespace optima::recommend
