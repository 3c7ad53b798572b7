// object_storage_tiering: a bucket in a frequent-access class whose get_requests were 0 over the
// last storage.object_cold_after_days (measured, with bucket_size_bytes known) would cost less in
// the infrequent-access tier through a lifecycle rule. Rates are the rate book's
// "object-<class>" GB-month rates. Saving: (standard − infrequent) $/GB-month × GB stored.
#include <cmath>

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/recommend/recommenders.h"
#include "optima/recommend/recommender_support.h"

namespace optima::recommend {

void evaluate_object_storage_tiering(const RecommenderInfo& info, ResourceView& view,
                                     std::vector<Recommendation>* out) {
  const inventory::Resource& r = view.resource();
  if (r.kind != inventory::ResourceKind::kObjectBucket) return;
  std::string storage_class = core::to_lower_ascii(attribute(r, "storage_class"));
  if (storage_class.empty()) storage_class = "standard";
  if (storage_class != "standard" && storage_class != "hot") return;
  const Context& ctx = view.context();
  const int days = ctx.profile.storage.object_cold_after_days;
  const UtilizationStats* gets = view.stats("get_requests", days, 0);
  const UtilizationStats* size = view.stats("bucket_size_bytes", days, 0);
  if (gets == nullptr || size == nullptr || gets->samples == 0 || size->samples == 0) return;
  if (gets->coverage() < 0.9 || gets->max > 0) return;
  const auto from = ctx.rates.storage_rate(r.provider, r.region, "object-" + storage_class);
  const auto to = ctx.rates.storage_rate(r.provider, r.region, "object-infrequent");
  if (!from.is_ok() || !to.is_ok() || to->per_unit >= from->per_unit) return;
  // Whole GB of the latest size sample (the bucket as it is now).
  const auto* size_series = view.series("bucket_size_bytes");
  const double bytes = size_series->samples.back().value;
  const auto gb = static_cast<int64_t>(std::floor(bytes / 1e9));
  if (gb <= 0) return;
  Recommendation rec = start_recommendation(
      info, view, "lifecycle:infrequent_access",
      fmt::format("Move cold bucket {} ({} GB) to the infrequent-access tier",
                  r.name.empty() ? r.resource_id : r.name, gb));
  rec.detail = "Add a lifecycle rule; infrequent-access tiers charge per GB retrieved and a "
               "minimum storage duration (30 days on S3 Standard-IA), so keep it for data read "
               "rarely.";
  rec.evidence.rule = fmt::format("0 GET requests over the last {} days (coverage {:.0f}%)", days,
                                  gets->coverage() * 100);
  rec.evidence.metrics = {*gets, *size};
  rec.savings = make_savings({make_term("storage " + storage_class, *from,
                                        core::Decimal::from_int(gb), "GB"),
                              make_term("storage infrequent", *to, core::Decimal::from_int(gb),
                                        "GB", -1)});
  set_confidence(&rec, gets->coverage(), 1, "no reads in the window");
  out->push_back(std::move(rec));
}

}  // namespace optima::recommend
