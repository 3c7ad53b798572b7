#include "optima/analysis/series/time_series.h"

#include <cmath>

#include "optima/query/time_bucket.h"

namespace optima::analysis {
namespace {

int64_t fixed_width_seconds(Granularity g) {
  switch (g) {
    case Granularity::kHour: return 3600;
    case Granularity::kDay: return core::kSecondsPerDay;
    case Granularity::kWeek: return 7 * core::kSecondsPerDay;
    default: return 0;
  }
}

int64_t month_index(core::Timestamp t) {
  const core::CivilDate d = core::date_of(t);
  return static_cast<int64_t>(d.year) * 12 + (d.month - 1);
}

}  // namespace

core::Timestamp period_start(core::Timestamp t, Granularity g) {
  return core::Timestamp{query::bucket_start(t.unix_seconds, g)};
}

core::Timestamp advance_periods(core::Timestamp start, Granularity g, int64_t n) {
  if (g == Granularity::kMonth) return core::add_months(start, static_cast<int>(n));
  return core::Timestamp{start.unix_seconds + n * fixed_width_seconds(g)};
}

int64_t periods_between(core::Timestamp from, core::Timestamp to, Granularity g) {
  if (g == Granularity::kMonth) return month_index(to) - month_index(from);
  return (to.unix_seconds - from.unix_seconds) / fixed_width_seconds(g);
}

std::vector<int> natural_periods(Granularity g) {
  switch (g) {
    case Granularity::kHour: return {24, 168};
    case Granularity::kDay: return {7, 365};
    case Granularity::kWeek: return {52};
    case Granularity::kMonth: return {12};
    default: return {};
  }
}

size_t count_missing(const TimeSeries& series) {
  size_t n = 0;
  for (double v : series.values) n += std::isnan(v) ? 1 : 0;
  return n;
}

}  // namespace optima::analysis
