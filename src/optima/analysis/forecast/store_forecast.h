// Forecasts of stored billing data: runs a query (one metric by period, optionally per one
// dimension, with filters) with query::execute on a store snapshot and forecasts each series.
// The entry points the server, the CLI and budgets call for "what will we spend".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "optima/analysis/forecast/forecast_types.h"
#include "optima/core/status.h"
#include "optima/query/query.h"
#include "optima/store/table_source.h"

namespace optima::analysis {

struct SeriesQuery {
  query::Metric metric = query::Metric::of_column(focus::Column::kEffectiveCost);
  std::optional<query::Dimension> group_by;  // one series per value; none: the total
  std::vector<query::Filter> filters;
  Granularity granularity = Granularity::kDay;
  std::optional<core::Period> time_range;  // on ChargePeriodStart; none: all data
};

struct LabeledForecast {
  std::string label;     // dimension value, or "total"
  std::string currency;  // of a money metric when known
  Forecast forecast;
};

struct LabeledProjection {
  std::string label;
  std::string currency;
  MonthEndProjection projection;
};

// The query SeriesQuery stands for (validated). Errors: InvalidArgument from validate_query.
core::Result<query::Query> series_query(const SeriesQuery& request);

// Forecasts every series. A series that cannot be forecast (too short) fails the whole call
// with its label in the message. Errors: those of query::execute, series_from_query_result and
// forecast_series; NotFound when the query matches no rows.
core::Result<std::vector<LabeledForecast>> forecast_query(const store::TableSource& source,
                                                          const SeriesQuery& request,
                                                          const ForecastOptions& options);

// End-of-month projection of every daily series as of `as_of`. Requires: daily granularity.
core::Result<std::vector<LabeledProjection>> project_month_end_query(const store::TableSource& source,
                                                                     SeriesQuery request,
                                                                     core::Timestamp as_of,
                                                                     const ForecastOptions& options);

}  // namespace optima::analysis
