// The embedded executor: runs a Query over a store::TableSource on the thread pool.
//
// Row groups are pruned by their ChargePeriodStart bounds, loaded with only the columns the
// query reads, filtered and aggregated on dictionary codes by one GroupAggregator per worker,
// and merged. Then top-N (with "others"), ordering (effective_order) and the page are applied.
// Sums are exact; a metric with no non-null value in a group is null, as in SQL. A sum (per
// group, total or others) beyond the exact range (about ±1.7e20) is null too, never a wrapped
// number, and the result carries a warning naming the metric.
#pragma once

#include "optima/core/status.h"
#include "optima/core/thread_pool.h"
#include "optima/query/query.h"
#include "optima/query/query_result.h"
#include "optima/store/table_source.h"

namespace optima::query {

struct ExecuteOptions {
  core::ThreadPool* pool = nullptr;  // nullptr: core::ThreadPool::shared()
};

// Runs `query` over `source`. Errors: InvalidArgument when validate_query() fails; the
// source's DataLoss / IoError when a row group cannot be loaded (with the row group named).
// Thread-safe: concurrent calls may share a source.
core::Result<QueryResult> execute(const Query& query, const store::TableSource& source,
                                  const ExecuteOptions& options = {});

// execute(), but failing with InvalidArgument (the warning's text) when a sum in the result is
// beyond the exact range, for callers that compute with the figures (KPIs, budgets, anomaly
// scans, forecast series) and must not read such a null as zero.
core::Result<QueryResult> execute_exact(const Query& query, const store::TableSource& source,
                                        const ExecuteOptions& options = {});

}  // namespace optima::query
