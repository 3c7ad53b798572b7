// run_service: open the stores, build the price book, stream the snapshot's series through the
// engine, apply lifecycle state.
#include "optima/recommend/recommend_service.h"

#include <chrono>
#include <mutex>

#include <fmt/format.h>

#include "optima/inventory/inventory_batch.h"
#include "optima/inventory/inventory_loader.h"
#include "optima/inventory/inventory_store.h"
#include "optima/pricing/price_book.h"
#include "optima/recommend/price_book_rates.h"
#include "optima/store/store.h"

namespace optima::recommend {
namespace {

core::Timestamp system_now() {
  return core::Timestamp{std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count()};
}

// Series of a stored snapshot, read one resource at a time. InventoryStore is not thread-safe,
// so reads are serialised; the statistics are computed outside the lock.
class SnapshotMetrics final : public MetricSource {
 public:
  SnapshotMetrics(inventory::InventoryStore& store, int64_t snapshot_id)
      : store_(store), snapshot_id_(snapshot_id) {}
  core::Status series_for(const inventory::Resource& resource,
                          std::vector<inventory::MetricSeries>* out) const override {
    std::lock_guard lock(mutex_);
    OPTIMA_ASSIGN_OR_RETURN(*out, store_.series_for(snapshot_id_, resource.resource_id));
    return core::Status::ok();
  }

 private:
  inventory::InventoryStore& store_;
  int64_t snapshot_id_;
  mutable std::mutex mutex_;
};

struct Inventory {
  std::vector<inventory::Resource> resources;
  std::unique_ptr<inventory::InventoryStore> store;
  std::unique_ptr<MetricSource> metrics;
  std::optional<core::Timestamp> taken_at;
  std::string source;
};

core::Result<Inventory> load_inventory(const ServiceOptions& options) {
  Inventory inv;
  if (!options.inventory_paths.empty()) {
    inventory::InventoryBatch batch;
    OPTIMA_RETURN_IF_ERROR(inventory::load_inventory(options.inventory_paths, &batch));
    inv.resources = batch.resources();
    auto metrics = std::make_unique<InMemoryMetrics>();
    for (const auto& s : batch.series()) {
      if (!s.samples.empty()) {
        const core::Timestamp end{s.samples.back().time.unix_seconds + s.step_seconds};
        if (!inv.taken_at || end > *inv.taken_at) inv.taken_at = end;
      }
      metrics->add(s);
    }
    inv.metrics = std::move(metrics);
    inv.source = fmt::format("{} file(s)/folder(s), {} resources", options.inventory_paths.size(),
                             inv.resources.size());
    return inv;
  }
  OPTIMA_ASSIGN_OR_RETURN(inv.store, inventory::InventoryStore::open(options.data_dir));
  OPTIMA_ASSIGN_OR_RETURN(auto latest, inv.store->latest_snapshot());
  if (!latest) {
    return core::not_found(fmt::format(
        "no inventory snapshot in {}: ingest inventory first, or pass --inventory PATH",
        options.data_dir.string()));
  }
  OPTIMA_ASSIGN_OR_RETURN(inv.resources, inv.store->resources(latest->id, {}));
  inv.metrics = std::make_unique<SnapshotMetrics>(*inv.store, latest->id);
  inv.taken_at = latest->taken_at;
  inv.source = fmt::format("snapshot {} taken {}", latest->id, core::format_iso8601(latest->taken_at));
  return inv;
}

}  // namespace

core::Result<ServiceResult> run_service(const ServiceOptions& options) {
  ServiceResult out;
  OPTIMA_ASSIGN_OR_RETURN(out.profile, load_profile(options.profile));
  OPTIMA_ASSIGN_OR_RETURN(Inventory inv, load_inventory(options));
  out.now = options.now ? *options.now : inv.taken_at ? *inv.taken_at : system_now();
  out.inventory_source = inv.source;
  out.billing_window = {core::Timestamp{out.now.unix_seconds - int64_t{options.billing_days} * 86400},
                        out.now};

  OPTIMA_ASSIGN_OR_RETURN(auto billing_store, store::Store::open(options.data_dir));
  OPTIMA_ASSIGN_OR_RETURN(auto snapshot, billing_store->snapshot());
  OPTIMA_ASSIGN_OR_RETURN(pricing::PriceBook book, pricing::PriceBook::load_bundled());
  BillingFacts billing(out.billing_window);
  if (!snapshot->partitions().empty()) {
    OPTIMA_RETURN_IF_ERROR(book.learn_from_bill(*snapshot, out.billing_window));
    OPTIMA_ASSIGN_OR_RETURN(billing, BillingFacts::load(*snapshot, out.billing_window));
  }
  const PriceBookRates rates(book);

  RunOptions run_options;
  run_options.now = out.now;
  run_options.category = options.category;
  OPTIMA_ASSIGN_OR_RETURN(out.run, run(inv.resources, *inv.metrics, rates, billing, out.profile,
                                       run_options));
  OPTIMA_ASSIGN_OR_RETURN(auto lifecycle, LifecycleStore::open(options.data_dir));
  OPTIMA_RETURN_IF_ERROR(lifecycle->apply(&out.run.recommendations, out.now, options.team_tag));
  out.summary = summarize(out.run.recommendations, options.team_tag);
  return out;
}

const Recommendation* find_recommendation(const std::vector<Recommendation>& recs,
                                          std::string_view id) {
  const Recommendation* prefix_match = nullptr;
  int prefix_matches = 0;
  auto visit = [&](const Recommendation& r) -> bool {
    if (r.id == id) return true;
    if (id.size() >= 6 && r.id.compare(0, id.size(), id) == 0) {
      prefix_match = &r;
      ++prefix_matches;
    }
    return false;
  };
  for (const auto& r : recs) {
    if (visit(r)) return &r;
    for (const auto& a : r.alternatives) {
      if (visit(a)) return &a;
    }
  }
  return prefix_matches == 1 ? prefix_match : nullptr;
}

core::Result<Recommendation> act_on(const ServiceOptions& options, std::string_view id,
                                    Action action, const std::string& reason,
                                    std::optional<core::Timestamp> until) {
  OPTIMA_ASSIGN_OR_RETURN(ServiceResult result, run_service(options));
  const Recommendation* rec = find_recommendation(result.run.recommendations, id);
  if (rec == nullptr) return core::not_found(fmt::format("no recommendation with id '{}'", id));
  OPTIMA_ASSIGN_OR_RETURN(auto lifecycle, LifecycleStore::open(options.data_dir));
  const core::Timestamp now = options.now ? *options.now : system_now();
  OPTIMA_RETURN_IF_ERROR(lifecycle->act(*rec, action, reason, until, now, options.team_tag));
  Recommendation updated = *rec;
  std::vector<Recommendation> one{updated};
  OPTIMA_RETURN_IF_ERROR(lifecycle->apply(&one, now, options.team_tag));
  return one[0];
}

core::Status vote_on(const ServiceOptions& options, std::string_view id, int vote) {
  OPTIMA_ASSIGN_OR_RETURN(ServiceResult result, run_service(options));
  const Recommendation* rec = find_recommendation(result.run.recommendations, id);
  if (rec == nullptr) return core::not_found(fmt::format("no recommendation with id '{}'", id));
  OPTIMA_ASSIGN_OR_RETURN(auto lifecycle, LifecycleStore::open(options.data_dir));
  return lifecycle->vote(*rec, vote, options.now ? *options.now : system_now(), options.team_tag);
}

core::Result<std::vector<Verification>> verify_implemented(const ServiceOptions& options) {
  OPTIMA_ASSIGN_OR_RETURN(auto billing_store, store::Store::open(options.data_dir));
  OPTIMA_ASSIGN_OR_RETURN(auto snapshot, billing_store->snapshot());
  OPTIMA_ASSIGN_OR_RETURN(auto lifecycle, LifecycleStore::open(options.data_dir));
  return lifecycle->verify(*snapshot, options.now ? *options.now : system_now());
}

}  // namespace optima::recommend
