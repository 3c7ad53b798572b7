// The recommendation engine: runs every registered recommender (or a chosen subset) over an
// estate — resources, their metric series streamed one resource at a time, rates, the bill —
// under one profile, then groups conflicting recommendations so totals count each resource
// once. This is the public entry point the CLI and the server call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/status.h"
#include "optima/core/thread_pool.h"
#include "optima/inventory/resource.h"
#include "optima/recommend/billing_facts.h"
#include "optima/recommend/metric_source.h"
#include "optima/recommend/profile.h"
#include "optima/recommend/rate_book.h"
#include "optima/recommend/recommendation.h"

namespace optima::recommend {

struct RunOptions {
  std::optional<core::Timestamp> as_of;    // see Context::as_of
  std::vector<std::string> recommenders;   // ids to run; empty: all
  std::optional<Category> category;        // keep only this category
  core::ThreadPool* pool = nullptr;        // nullptr: core::ThreadPool::shared()
};

struct RunResult {
  // One entry per conflict group: the best recommendation, the others in its `alternatives`.
  // Ordered by monthly savings, largest first, then id.
  std::vector<Recommendation> recommendations;
  core::Decimal total_monthly_savings;  // Σ of the entries' savings (alternatives excluded)
  size_t resources = 0;                 // resources evaluated
  size_t series = 0;                    // metric series read
  size_t raw_recommendations = 0;       // before grouping
};

// Runs the recommenders. Errors: InvalidArgument for an unknown recommender id; the metric
// source's errors. Thread-safe if the inputs are.
core::Result<RunResult> run(const std::vector<inventory::Resource>& resources,
                            const MetricSource& metrics, const RateBook& rates,
                            const BillingFacts& billing, const Profile& profile,
                            const RunOptions& options = {});

}  // namespace optima::recommend
