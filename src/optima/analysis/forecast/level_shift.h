// Detection of the most recent sustained level shift (a new workload, a migration, a deleted
// cluster): the point where the median of the following window differs from the median of the
// preceding one far more than noise and far more than anywhere else (so a steady trend, which
// moves every window alike, is not a shift).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace optima::analysis {

struct LevelShiftPoint {
  size_t index = 0;  // first period of the new level
  double size = 0;   // new level − old level
};

// `window` is the comparison window (a season, at least 7). Requires: y has no NaN.
std::optional<LevelShiftPoint> detect_level_shift(const std::vector<double>& y, size_t window);

}  // namespace optima::analysis
