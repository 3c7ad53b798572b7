// The engine: resources are split into chunks evaluated in parallel; each worker reads one
// resource's series at a time, so memory holds one series per worker, never the estate's.
#include "optima/recommend/engine.h"

#include <algorithm>
#include <atomic>

#include <fmt/format.h>

#include "optima/recommend/conflict_groups.h"
#include "optima/recommend/context.h"
#include "optima/recommend/estate_index.h"
#include "optima/recommend/registry.h"

namespace optima::recommend {
namespace {

constexpr size_t kChunk = 256;

}  // namespace

core::Result<RunResult> run(const std::vector<inventory::Resource>& resources,
                            const MetricSource& metrics, const RateBook& rates,
                            const BillingFacts& billing, const Profile& profile,
                            const RunOptions& options) {
  std::vector<const RecommenderInfo*> chosen;
  if (options.recommenders.empty()) {
    for (const auto& r : recommender_registry()) chosen.push_back(&r);
  } else {
    for (const auto& id : options.recommenders) {
      const RecommenderInfo* r = find_recommender(id);
      if (r == nullptr) return core::invalid_argument(fmt::format("unknown recommender '{}'", id));
      chosen.push_back(r);
    }
  }
  if (options.category) {
    std::erase_if(chosen, [&](const RecommenderInfo* r) { return r->category != *options.category; });
  }
  const EstateIndex index(resources);
  const Context context{profile, rates, index, billing, options.as_of};
  const size_t chunks = (resources.size() + kChunk - 1) / kChunk;
  std::vector<std::vector<Recommendation>> found(chunks);
  std::atomic<size_t> series_read{0};
  core::ThreadPool& pool = options.pool != nullptr ? *options.pool : core::ThreadPool::shared();
  const core::Status status = pool.parallel_for(chunks, [&](size_t chunk) -> core::Status {
    StatsAccumulator scratch;
    std::vector<inventory::MetricSeries> series;
    size_t read = 0;
    const size_t end = std::min(resources.size(), (chunk + 1) * kChunk);
    for (size_t i = chunk * kChunk; i < end; ++i) {
      OPTIMA_RETURN_IF_ERROR(metrics.series_for(resources[i], &series));
      read += series.size();
      ResourceView view(resources[i], series, context, &scratch);
      for (const RecommenderInfo* r : chosen) r->evaluate(*r, view, &found[chunk]);
    }
    series_read += read;
    return core::Status::ok();
  });
  if (!status.is_ok()) return status;
  std::vector<Recommendation> all;
  for (auto& f : found) {
    for (auto& rec : f) all.push_back(std::move(rec));
  }
  RunResult result;
  result.resources = resources.size();
  result.series = series_read.load();
  result.raw_recommendations = all.size();
  result.recommendations = group_conflicts(std::move(all));
  for (const auto& rec : result.recommendations) result.total_monthly_savings += rec.savings.monthly;
  return result;
}

}  // namespace optima::recommend
