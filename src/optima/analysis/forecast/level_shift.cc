#include "optima/analysis/forecast/level_shift.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace optima::analysis {
namespace {

double median_range(const std::vector<double>& y, size_t begin, size_t end) {
  std::vector<double> v(y.begin() + static_cast<std::ptrdiff_t>(begin), y.begin() + static_cast<std::ptrdiff_t>(end));
  const size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  return v[mid];
}

}  // namespace

std::optional<LevelShiftPoint> detect_level_shift(const std::vector<double>& y, size_t window) {
  const size_t n = y.size();
  const size_t w = std::max<size_t>(window, 7);
  if (n < 4 * w) return std::nullopt;
  // Noise: robust spread of differences one season apart (removes the seasonal pattern).
  std::vector<double> diffs;
  for (size_t t = w; t < n; ++t) diffs.push_back(std::fabs(y[t] - y[t - w]));
  const double noise = 1.4826 * median_range(diffs, 0, diffs.size()) / std::sqrt(2.0);
  std::vector<double> steps(n, 0.0);
  std::vector<double> magnitudes;
  size_t best = 0;
  for (size_t t = w; t + w <= n; ++t) {
    steps[t] = median_range(y, t, t + w) - median_range(y, t - w, t);
    magnitudes.push_back(std::fabs(steps[t]));
    if (std::fabs(steps[t]) > std::fabs(steps[best])) best = t;
  }
  if (best == 0) return std::nullopt;
  const double typical = median_range(magnitudes, 0, magnitudes.size());
  const double step = steps[best];
  if (!(std::fabs(step) > 4.0 * noise && std::fabs(step) > 5.0 * typical)) return std::nullopt;
  // Medians move over a whole window: place the change where a two-mean split of the
  // surrounding 2w values fits best.
  {
    const size_t lo = best - w;
    const size_t hi = std::min(n, best + w);
    double best_cost = std::numeric_limits<double>::infinity();
    size_t best_split = best;
    for (size_t c = lo + 1; c < hi; ++c) {
      double cost = 0;
      for (const auto& [b, e] : {std::pair{lo, c}, std::pair{c, hi}}) {
        double mean = 0;
        for (size_t t = b; t < e; ++t) mean += y[t] / static_cast<double>(e - b);
        for (size_t t = b; t < e; ++t) cost += (y[t] - mean) * (y[t] - mean);
      }
      if (cost < best_cost) {
        best_cost = cost;
        best_split = c;
      }
    }
    best = best_split;
  }
  if (best < w || best + 2 * w > n) return std::nullopt;
  // Sustained: every full window after the change stays on the new side of the midpoint, and
  // there are at least two of them (a holiday dip that recovers is not a shift).
  const double before = median_range(y, best - w, best);
  const double midpoint = before + step / 2;
  size_t windows = 0;
  for (size_t t = best; t + w <= n; t += w) {
    const double m = median_range(y, t, t + w);
    if ((m - midpoint) * step <= 0) return std::nullopt;
    ++windows;
  }
  if (windows < 2) return std::nullopt;
  const double after_all = median_range(y, best, n);
  return LevelShiftPoint{best, after_all - median_range(y, best >= 2 * w ? best - 2 * w : 0, best)};
}

}  // namespace optima::analysis
