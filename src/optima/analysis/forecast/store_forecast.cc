#include "optima/analysis/forecast/store_forecast.h"

#include <fmt/format.h>

#include "optima/analysis/forecast/forecaster.h"
#include "optima/analysis/forecast/month_end_projection.h"
#include "optima/analysis/series/query_series.h"
#include "optima/query/executor.h"

namespace optima::analysis {
namespace {

struct Fetched {
  std::vector<LabeledSeries> series;
  std::string currency;
};

core::Result<Fetched> fetch(const store::TableSource& source, const SeriesQuery& request) {
  OPTIMA_ASSIGN_OR_RETURN(query::Query q, series_query(request));
  OPTIMA_ASSIGN_OR_RETURN(query::QueryResult result, query::execute(q, source));
  Fetched out;
  for (const auto& c : result.columns) {
    if (c.type == query::ValueType::kMoney) out.currency = c.currency;
  }
  OPTIMA_ASSIGN_OR_RETURN(out.series, series_from_query_result(result, request.granularity));
  if (out.series.empty()) return core::not_found("the query matches no billing rows with a period");
  return out;
}

}  // namespace

core::Result<query::Query> series_query(const SeriesQuery& request) {
  query::Query q;
  q.granularity = request.granularity;
  q.metrics = {request.metric};
  if (request.group_by) q.group_by = {*request.group_by};
  q.filters = request.filters;
  q.time_range = request.time_range;
  OPTIMA_RETURN_IF_ERROR(query::validate_query(q));
  return q;
}

core::Result<std::vector<LabeledForecast>> forecast_query(const store::TableSource& source,
                                                          const SeriesQuery& request,
                                                          const ForecastOptions& options) {
  OPTIMA_ASSIGN_OR_RETURN(Fetched fetched, fetch(source, request));
  std::vector<LabeledForecast> out;
  for (auto& s : fetched.series) {
    auto f = forecast_series(s.series, options);
    if (!f.is_ok()) return f.status().with_context(fmt::format("series '{}'", s.label));
    out.push_back({s.label, fetched.currency, std::move(f).value()});
  }
  return out;
}

core::Result<std::vector<LabeledProjection>> project_month_end_query(const store::TableSource& source,
                                                                     SeriesQuery request,
                                                                     core::Timestamp as_of,
                                                                     const ForecastOptions& options) {
  if (request.granularity != Granularity::kDay) {
    return core::invalid_argument("a month-end projection needs daily granularity");
  }
  OPTIMA_ASSIGN_OR_RETURN(Fetched fetched, fetch(source, request));
  std::vector<LabeledProjection> out;
  for (auto& s : fetched.series) {
    auto p = project_month_end(s.series, as_of, options);
    if (!p.is_ok()) return p.status().with_context(fmt::format("series '{}'", s.label));
    out.push_back({s.label, fetched.currency, std::move(p).value()});
  }
  return out;
}

}  // namespace optima::analysis
