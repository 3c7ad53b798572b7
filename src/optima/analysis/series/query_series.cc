#include "optima/analysis/series/query_series.h"

#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "optima/analysis/series/series_builder.h"

namespace optima::analysis {
namespace {

double number_of(const query::Value& v) {
  if (const auto* d = std::get_if<core::Decimal>(&v)) return d->to_double();
  if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  return 0;  // a null sum is no spend
}

}  // namespace

core::Result<std::vector<LabeledSeries>> series_from_query_result(const query::QueryResult& result,
                                                                  Granularity g) {
  if (g == Granularity::kNone) return core::invalid_argument("a series needs a granularity");
  // A sum beyond the exact range is null in the result; read as zero it would be a wrong series.
  if (!result.warnings.empty()) return core::invalid_argument(result.warnings.front());
  int period_col = -1;
  int dim_col = -1;
  int metric_col = -1;
  int dims = 0;
  int metrics = 0;
  for (size_t i = 0; i < result.columns.size(); ++i) {
    const auto type = result.columns[i].type;
    if (type == query::ValueType::kTime) {
      period_col = static_cast<int>(i);
    } else if (type == query::ValueType::kString) {
      dim_col = static_cast<int>(i);
      ++dims;
    } else {
      metric_col = static_cast<int>(i);
      ++metrics;
    }
  }
  if (period_col < 0) return core::invalid_argument("the query result has no period column");
  if (dims > 1) {
    return core::invalid_argument(fmt::format("the query result has {} dimensions; a series "
                                              "forecast takes at most one", dims));
  }
  if (metrics != 1) {
    return core::invalid_argument(fmt::format("the query result has {} metrics; a series "
                                              "forecast takes exactly one", metrics));
  }
  std::map<std::string, std::vector<SeriesPoint>> groups;
  std::vector<SeriesPoint> presence;  // one point per row: which periods have data at all
  for (const auto& row : result.rows) {
    const auto* t = std::get_if<core::Timestamp>(&row.values[static_cast<size_t>(period_col)]);
    if (t == nullptr) continue;  // rows with a null ChargePeriodStart have no period
    std::string label = "total";
    if (dim_col >= 0) {
      const auto* s = std::get_if<std::string>(&row.values[static_cast<size_t>(dim_col)]);
      label = s != nullptr ? *s : "(null)";
    }
    const double v = number_of(row.values[static_cast<size_t>(metric_col)]);
    groups[label].push_back({*t, v});
    presence.push_back({*t, 0});
  }
  std::vector<LabeledSeries> out;
  if (presence.empty()) return out;
  OPTIMA_ASSIGN_OR_RETURN(TimeSeries span, regularize(presence, g, Aggregation::kSum, nullptr));
  for (auto& [label, points] : groups) {
    LabeledSeries ls;
    ls.label = label;
    ls.series.granularity = g;
    ls.series.times = span.times;
    ls.series.values.assign(span.size(), 0.0);
    for (size_t i = 0; i < span.size(); ++i) {
      if (std::isnan(span.values[i])) ls.series.values[i] = std::numeric_limits<double>::quiet_NaN();
    }
    for (const SeriesPoint& p : points) {
      const auto i = static_cast<size_t>(periods_between(span.times.front(), period_start(p.time, g), g));
      ls.series.values[i] += p.value;
    }
    out.push_back(std::move(ls));
  }
  return out;
}

}  // namespace optima::analysis
