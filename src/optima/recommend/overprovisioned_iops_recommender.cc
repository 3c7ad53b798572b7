// overprovisioned_iops: a provisioned-IOPS volume (io1, io2, gp3 above its included 3,000)
// whose peak IOPS used — (max disk_read_ops + max disk_write_ops) per second, an upper bound of
// the peak of their sum — times storage.iops_overprovision_ratio is below what is provisioned.
// New IOPS = ⌈peak × ratio⌉ (gp3: at least 3,000). Saving: (provisioned − new) × the rate
// book's "<type>-iops" rate per IOPS-month.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "optima/recommend/recommenders.h"
#include "optima/recommend/recommender_support.h"

namespace optima::recommend {

void evaluate_overprovisioned_iops(const RecommenderInfo& info, ResourceView& view,
                                   std::vector<Recommendation>* out) {
  const inventory::Resource& r = view.resource();
  if (r.kind != inventory::ResourceKind::kDisk) return;
  if (r.type != "io1" && r.type != "io2" && r.type != "gp3") return;
  const auto provisioned = numeric_attribute(r, "iops");
  if (!provisioned || *provisioned <= 0) return;
  const Context& ctx = view.context();
  const int days = ctx.profile.rightsizing.lookback_days;
  const auto* reads_series = view.series("disk_read_ops");
  const auto* writes_series = view.series("disk_write_ops");
  if (reads_series == nullptr || writes_series == nullptr) return;
  const UtilizationStats* reads = view.stats("disk_read_ops", days, 0);
  const UtilizationStats* writes = view.stats("disk_write_ops", days, 0);
  if (reads == nullptr || writes == nullptr || reads->samples == 0 || writes->samples == 0) return;
  const double peak = reads->max / static_cast<double>(reads_series->step_seconds) +
                      writes->max / static_cast<double>(writes_series->step_seconds);
  const double ratio = ctx.profile.storage.iops_overprovision_ratio;
  const double floor_iops = r.type == "gp3" ? 3000 : 100;
  const int64_t target =
      static_cast<int64_t>(std::max(floor_iops, std::ceil(peak * ratio)));
  const auto current = static_cast<int64_t>(*provisioned);
  if (target >= current) return;
  const auto rate = ctx.rates.storage_rate(r.provider, r.region, r.type + "-iops");
  if (!rate.is_ok()) return;
  Recommendation rec = start_recommendation(
      info, view, fmt::format("set_iops:{}", target),
      fmt::format("Lower provisioned IOPS of {} from {} to {}",
                  r.name.empty() ? r.resource_id : r.name, current, target));
  rec.detail = "IOPS can be changed in place (one modification per 6 hours on EBS).";
  rec.evidence.rule = fmt::format(
      "peak IOPS used {:.1f} (max reads {}/{} s + max writes {}/{} s) × {} = {} < {} provisioned",
      peak, format_value(reads->max), reads_series->step_seconds, format_value(writes->max),
      writes_series->step_seconds, ratio, target, current);
  rec.evidence.metrics = {*reads, *writes};
  rec.savings = make_savings({make_term(fmt::format("IOPS removed ({} − {})", current, target),
                                        *rate, core::Decimal::from_int(current - target), "IOPS")});
  set_confidence(&rec, std::min(reads->coverage(), writes->coverage()),
                 1.0 - peak * ratio / static_cast<double>(current), "sample coverage and headroom");
  out->push_back(std::move(rec));
}

}  // namespace optima::recommend
