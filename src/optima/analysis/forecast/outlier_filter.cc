#include "optima/analysis/forecast/outlier_filter.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace optima::analysis {
namespace {

constexpr size_t kNeighbourPeriods = 3;
constexpr double kThreshold = 5.0;

double median_of(std::vector<double> v) {
  const size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  return v[mid];
}

}  // namespace

size_t remove_isolated_outliers(std::vector<double>* values, size_t period) {
  std::vector<double>& y = *values;
  const size_t n = y.size();
  if (n < 30) return 0;
  std::vector<double> residual(n, std::numeric_limits<double>::quiet_NaN());
  std::vector<double> finite;
  std::vector<double> window;
  for (size_t t = 0; t < n; ++t) {
    if (std::isnan(y[t])) continue;
    window.clear();
    for (size_t k = 1; k <= kNeighbourPeriods; ++k) {
      if (t >= k * period && !std::isnan(y[t - k * period])) window.push_back(y[t - k * period]);
      if (t + k * period < n && !std::isnan(y[t + k * period])) window.push_back(y[t + k * period]);
    }
    if (window.size() < 3) continue;
    residual[t] = y[t] - median_of(window);
    finite.push_back(residual[t]);
  }
  if (finite.size() < 30) return 0;
  const double centre = median_of(finite);
  for (double& r : finite) r = std::fabs(r - centre);
  const double scale = 1.4826 * median_of(finite);
  if (!(scale > 0)) return 0;
  size_t removed = 0;
  for (size_t t = 0; t < n; ++t) {
    if (!std::isnan(residual[t]) && std::fabs(residual[t] - centre) > kThreshold * scale) {
      y[t] = std::numeric_limits<double>::quiet_NaN();
      ++removed;
    }
  }
  return removed;
}

}  // namespace optima::analysis
