// StreamScorer: an anomaly score in [0, 1] for every point of a univariate series, computed
// causally (point i sees only points ≤ i, plus the series length, which sets the learning
// period and the quiet span, as NAB lets its detectors know the file's length). This is the detector `cloudoptima anomalies score`
// runs and NAB evaluates.
//
// Method: a robust baseline (median and MAD of a trailing window) gives each point a robust
// z-score, for the point itself and for the mean of the last few points (level shifts); when
// the series repeats a cycle (autocorrelation over the learning window), the same comparison
// is made against the values one period back instead, so a normal daily peak is not an
// anomaly and a missing one is. The score is then made "rare": it grows with the time since the
// series was last as surprising (over a tenth of its length), so one event reports once, at its
// start, rather than on every row it lasts, and a noisy series does not alarm on routine
// outliers. Parameters were chosen on the NAB subset (bench/eval/ANOMALY.md). Thread-compatible; score_series is a pure function.
#pragma once

#include <cstddef>
#include <vector>

namespace optima::analysis {

struct StreamScorerOptions {
  // Trailing points forming the baseline; 0 = 10,000 (in effect the whole history).
  size_t window = 0;
  // Points averaged for the level-shift statistic.
  size_t level_points = 5;
  // A point scores in full only if nothing as surprising happened in the last
  // quiet_fraction × (series length) points.
  double quiet_fraction = 0.1;
  // Look for a repeating cycle and compare with one period back.
  bool seasonal = true;
};

// Scores in [0, 1]; 0 for the first points, which have no baseline yet.
std::vector<double> score_series(const std::vector<double>& values,
                                 const StreamScorerOptions& options = {});

}  // namespace optima::analysis
