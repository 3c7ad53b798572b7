#include "optima/analysis/forecast/seasonal_adjustment.h"

#include <cmath>
#include <cstddef>

namespace optima::analysis {

bool seasonality_test(const std::vector<double>& y, int m) {
  const size_t n = y.size();
  if (m <= 1 || n < 3 * static_cast<size_t>(m)) return false;
  double mean = 0;
  for (double v : y) mean += v;
  mean /= static_cast<double>(n);
  double c0 = 0;
  for (double v : y) c0 += (v - mean) * (v - mean);
  if (c0 <= 0) return false;
  auto acf = [&](int lag) {
    double c = 0;
    for (size_t t = static_cast<size_t>(lag); t < n; ++t) c += (y[t] - mean) * (y[t - static_cast<size_t>(lag)] - mean);
    return c / c0;
  };
  double sum_sq = 0;
  for (int k = 1; k < m; ++k) {
    const double a = acf(k);
    sum_sq += a * a;
  }
  const double limit = 1.645 * std::sqrt((1.0 + 2.0 * sum_sq) / static_cast<double>(n));
  return std::fabs(acf(m)) > limit;
}

SeasonalIndices classical_decomposition(const std::vector<double>& y, int m) {
  SeasonalIndices out;
  const size_t n = y.size();
  const auto mm = static_cast<size_t>(m);
  for (double v : y) out.multiplicative = out.multiplicative && v > 0;
  // Centred moving average: weights (0.5, 1, …, 1, 0.5)/m for even m, equal 1/m for odd m.
  std::vector<double> trend(n, std::nan(""));
  const size_t half = mm / 2;
  for (size_t t = half; t + half < n; ++t) {
    double s = 0;
    if (mm % 2 == 0) {
      s = 0.5 * y[t - half] + 0.5 * y[t + half];
      for (size_t k = t - half + 1; k < t + half; ++k) s += y[k];
    } else {
      for (size_t k = t - half; k <= t + half; ++k) s += y[k];
    }
    trend[t] = s / static_cast<double>(m);
  }
  std::vector<double> sum(mm, 0.0);
  std::vector<int> count(mm, 0);
  for (size_t t = 0; t < n; ++t) {
    if (std::isnan(trend[t])) continue;
    sum[t % mm] += out.multiplicative ? y[t] / trend[t] : y[t] - trend[t];
    ++count[t % mm];
  }
  out.index.assign(mm, out.multiplicative ? 1.0 : 0.0);
  double centre = 0;
  for (size_t j = 0; j < mm; ++j) {
    if (count[j] > 0) out.index[j] = sum[j] / count[j];
    centre += out.index[j] / static_cast<double>(m);
  }
  for (double& v : out.index) v = out.multiplicative ? v / centre : v - centre;
  return out;
}

}  // namespace optima::analysis
