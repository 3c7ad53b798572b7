// The streaming anomaly score (see stream_scorer.h).
#include "optima/analysis/anomaly/stream_scorer.h"

#include <algorithm>
#include <cmath>

namespace optima::analysis {
namespace {

constexpr double kMadToSigma = 1.4826;
constexpr size_t kMinBaseline = 20;
constexpr size_t kDefaultWindow = 10000;

double median_of(std::vector<double>& v) {
  const size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  double m = v[mid];
  if (v.size() % 2 == 0) {
    m = (m + *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid))) / 2.0;
  }
  return m;
}

struct Robust {
  double median = 0;
  double sigma = 0;
};

// Median and MAD-based sigma of v (reordered), with sigma floored so a flat baseline still
// yields finite z-scores: a tenth of the mean absolute deviation, then a tiny fraction of the
// level.
Robust robust_of(std::vector<double>& v, std::vector<double>& scratch) {
  Robust r;
  r.median = median_of(v);
  scratch.resize(v.size());
  double mean_abs = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    scratch[i] = std::fabs(v[i] - r.median);
    mean_abs += scratch[i];
  }
  mean_abs /= static_cast<double>(v.size());
  r.sigma = std::max({kMadToSigma * median_of(scratch), 0.1 * mean_abs,
                      1e-6 * std::fabs(r.median), 1e-9});
  return r;
}

// The lag in [2, n/2] with the highest autocorrelation of the first n values, if it exceeds
// 0.5 (a clear cycle); 0 otherwise.
size_t find_period(const std::vector<double>& values, size_t n) {
  if (n < 60) return 0;
  double mean = 0;
  for (size_t i = 0; i < n; ++i) mean += values[i];
  mean /= static_cast<double>(n);
  double var = 0;
  for (size_t i = 0; i < n; ++i) var += (values[i] - mean) * (values[i] - mean);
  if (var <= 0) return 0;
  size_t best = 0;
  double best_r = 0.5;
  bool left_first_dip = false;
  for (size_t lag = 2; lag <= n / 2; ++lag) {
    double c = 0;
    for (size_t i = lag; i < n; ++i) c += (values[i] - mean) * (values[i - lag] - mean);
    const double r = c / var * static_cast<double>(n) / static_cast<double>(n - lag);
    // Ignore the slow decay of a trend or noise near lag 0: a cycle shows up after the
    // correlation has first dropped below zero.
    if (r < 0) left_first_dip = true;
    if (left_first_dip && r > best_r) {
      best_r = r;
      best = lag;
    }
  }
  return best;
}

}  // namespace

std::vector<double> score_series(const std::vector<double>& values,
                                 const StreamScorerOptions& options) {
  const size_t n = values.size();
  size_t window = options.window;
  if (window == 0) window = kDefaultWindow;
  window = std::max(window, kMinBaseline);
  const size_t quiet = std::max<size_t>(
      kMinBaseline, static_cast<size_t>(options.quiet_fraction * static_cast<double>(n)));
  const size_t level_points = std::max<size_t>(1, options.level_points);
  // The cycle is looked for in the first 15% of the series (at most 750 points: NAB's
  // probationary period), so the score stays causal after it.
  const size_t learn = static_cast<size_t>(std::min(std::floor(0.15 * static_cast<double>(n)), 750.0));
  const size_t period = options.seasonal ? find_period(values, learn) : 0;

  std::vector<double> out(n, 0.0);
  std::vector<double> base;
  std::vector<double> scratch;
  std::vector<double> seasonal_resid;
  std::vector<double> zs_hist;
  for (size_t i = kMinBaseline; i < n; ++i) {
    const size_t lo = i > window ? i - window : 0;
    base.assign(values.begin() + static_cast<std::ptrdiff_t>(lo),
                values.begin() + static_cast<std::ptrdiff_t>(i));
    const Robust r = robust_of(base, scratch);
    double level = 0;
    const size_t k = std::min(level_points, i - lo);
    for (size_t j = i + 1 - k; j <= i; ++j) level += values[j];
    level /= static_cast<double>(k);
    double z = std::max(std::fabs(values[i] - r.median), std::fabs(level - r.median)) / r.sigma;
    if (period > 0 && i >= lo + period + kMinBaseline) {
      // Residuals against one period back, over the window: their robust spread scales the
      // seasonal surprise.
      seasonal_resid.clear();
      for (size_t j = lo + period; j < i; ++j) seasonal_resid.push_back(values[j] - values[j - period]);
      const Robust s = robust_of(seasonal_resid, scratch);
      const double resid = values[i] - values[i - period] - s.median;
      double level_resid = 0;
      for (size_t j = i + 1 - k; j <= i; ++j) level_resid += values[j] - values[j - period];
      level_resid = level_resid / static_cast<double>(k) - s.median;
      const double zs = std::max(std::fabs(resid), std::fabs(level_resid)) / s.sigma;
      z = zs;
    }
    // Rarity: how long since the series was last this surprising (the baseline window counts
    // as unsurprising history), over `quiet` points.
    zs_hist.push_back(z);
    size_t gap = i + 1;
    for (size_t j = zs_hist.size() - 1; j-- > 0;) {
      if (zs_hist[j] >= z) {
        gap = zs_hist.size() - 1 - j;
        break;
      }
      if (zs_hist.size() - 1 - j >= quiet) break;
    }
    out[i] = std::min(1.0, static_cast<double>(gap) / static_cast<double>(quiet)) * (z / (z + 3.0));
  }
  return out;
}

}  // namespace optima::analysis
