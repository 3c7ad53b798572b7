// Regularisation: turns observed (time, value) points — in any order, with duplicates and gaps —
// into a TimeSeries of consecutive periods.
//
// Points are bucketed to the granularity; points sharing a period are summed (costs of one day)
// or averaged (a rate sampled twice), as the caller says; periods with no point are NaN.
#pragma once

#include <cstddef>
#include <vector>

#include "optima/analysis/series/time_series.h"
#include "optima/core/status.h"

namespace optima::analysis {

struct SeriesPoint {
  core::Timestamp time;
  double value = 0;
};

enum class Aggregation { kSum, kMean };

// What regularisation did, for reporting to users.
struct RegularizeReport {
  size_t points = 0;
  size_t merged_points = 0;     // points that shared a period with an earlier one
  size_t missing_periods = 0;   // periods inside the span without any point
  bool was_unsorted = false;    // the input times were not ascending
};

// Largest number of periods a series may span (a typo in a year must not allocate gigabytes).
inline constexpr size_t kMaxSeriesPeriods = 2'000'000;

// Builds the series from the first to the last point's period. Errors: InvalidArgument when
// there are no points, a value is not finite, or g is kNone; ResourceExhausted when the span
// exceeds kMaxSeriesPeriods. `report` may be null.
core::Result<TimeSeries> regularize(std::vector<SeriesPoint> points, Granularity g,
                                    Aggregation aggregation, RegularizeReport* report);

}  // namespace optima::analysis
