// stopped_vm: a VM stopped for at least storage.stopped_vm_min_days (no CPU sample in that
// span, or a stopped_since attribute) still pays for its disks and public IPs. Saving: each
// attached disk's size × its GB-month rate (or its billed cost) + each address's hourly fee.
#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/recommend/recommenders.h"
#include "optima/recommend/recommender_support.h"

namespace optima::recommend {
namespace {

bool is_stopped(std::string_view state) {
  return state == "stopped" || state == "deallocated" || state == "stopping" ||
         state == "terminated_pending" || state == "suspended";
}

}  // namespace

void evaluate_stopped_vm(const RecommenderInfo& info, ResourceView& view,
                         std::vector<Recommendation>* out) {
  const inventory::Resource& r = view.resource();
  if (r.kind != inventory::ResourceKind::kVirtualMachine || !is_stopped(r.state)) return;
  const Context& ctx = view.context();
  const int min_days = ctx.profile.storage.stopped_vm_min_days;
  double coverage = 0.5;
  std::string how_long = "stopped at inventory time; no CPU series to tell since when";
  if (const auto* cpu = view.series("cpu_percent"); cpu != nullptr && !cpu->samples.empty()) {
    const auto now = view.now();
    if (!now) return;
    const int64_t idle_days = days_between(cpu->samples.back().time, *now);
    if (idle_days < min_days) return;
    how_long = fmt::format("last CPU sample {} ({} days before {})",
                           core::format_iso8601(cpu->samples.back().time), idle_days,
                           core::format_date(*now));
    coverage = 1;
  } else if (auto since = attribute(r, "stopped_since"); !since.empty()) {
    core::Timestamp t;
    const auto now = view.now();
    if (!core::parse_timestamp(since, &t) || !now || days_between(t, *now) < min_days) return;
    how_long = fmt::format("stopped since {}", since);
    coverage = 1;
  }
  std::vector<SavingsTerm> terms;
  std::vector<std::string> affected;
  for (const auto* disk : ctx.estate.attached_disks(r)) {
    auto term = storage_term(ctx, *disk, fmt::format("disk {} ({})", disk->resource_id, disk->type));
    if (!term) continue;
    terms.push_back(std::move(*term));
    affected.push_back(disk->resource_id);
  }
  for (const auto* ip : ctx.estate.attached_addresses(r)) {
    auto term = fee_term(ctx, *ip, NetworkFee::kIdlePublicIp,
                         fmt::format("address {}", ip->resource_id));
    if (!term) continue;
    terms.push_back(std::move(*term));
    affected.push_back(ip->resource_id);
  }
  if (terms.empty()) return;
  Recommendation rec = start_recommendation(
      info, view, "delete_or_snapshot",
      fmt::format("Stopped {} {} still pays for {} disk(s)/address(es)", r.type,
                  r.name.empty() ? r.resource_id : r.name, affected.size()));
  rec.detail =
      "Snapshot the volumes (or create an image) and terminate the instance, or delete the "
      "volumes and release the addresses if the data is not needed.";
  rec.evidence.rule = fmt::format("state {} for ≥ {} days: {}", r.state, min_days, how_long);
  rec.evidence.facts.emplace_back("state", r.state);
  rec.evidence.facts.emplace_back("attached", core::join(affected, ","));
  rec.affected_resources = std::move(affected);
  rec.savings = make_savings(std::move(terms));
  set_confidence(&rec, coverage, 1, how_long);
  out->push_back(std::move(rec));
}

}  // namespace optima::recommend
