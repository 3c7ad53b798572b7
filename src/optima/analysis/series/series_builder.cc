#include "optima/analysis/series/series_builder.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace optima::analysis {

core::Result<TimeSeries> regularize(std::vector<SeriesPoint> points, Granularity g,
                                    Aggregation aggregation, RegularizeReport* report) {
  if (g == Granularity::kNone) return core::invalid_argument("a series needs a granularity");
  if (points.empty()) return core::invalid_argument("the series has no points");
  RegularizeReport local;
  local.points = points.size();
  for (size_t i = 0; i < points.size(); ++i) {
    if (!std::isfinite(points[i].value)) {
      return core::invalid_argument(fmt::format("point {}: value is not a finite number", i + 1));
    }
    if (i > 0 && points[i].time < points[i - 1].time) local.was_unsorted = true;
    points[i].time = period_start(points[i].time, g);
  }
  std::stable_sort(points.begin(), points.end(),
                   [](const SeriesPoint& a, const SeriesPoint& b) { return a.time < b.time; });
  const core::Timestamp first = points.front().time;
  const int64_t span = periods_between(first, points.back().time, g) + 1;
  if (span <= 0 || static_cast<size_t>(span) > kMaxSeriesPeriods) {
    return core::resource_exhausted(fmt::format(
        "the series spans {} periods, more than the limit of {}", span, kMaxSeriesPeriods));
  }
  TimeSeries series;
  series.granularity = g;
  series.times.reserve(static_cast<size_t>(span));
  for (int64_t i = 0; i < span; ++i) series.times.push_back(advance_periods(first, g, i));
  series.values.assign(static_cast<size_t>(span), std::numeric_limits<double>::quiet_NaN());
  std::vector<int> counts(static_cast<size_t>(span), 0);
  for (const SeriesPoint& p : points) {
    const auto i = static_cast<size_t>(periods_between(first, p.time, g));
    if (counts[i]++ == 0) {
      series.values[i] = p.value;
    } else {
      series.values[i] += p.value;
      ++local.merged_points;
    }
  }
  for (size_t i = 0; i < series.values.size(); ++i) {
    if (counts[i] == 0) {
      ++local.missing_periods;
    } else if (aggregation == Aggregation::kMean) {
      series.values[i] /= counts[i];
    }
  }
  if (report != nullptr) *report = local;
  return series;
}

}  // namespace optima::analysis
