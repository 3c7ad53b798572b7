#include "optima/analysis/series/series_fill.h"

#include <cmath>
#include <cstddef>

namespace optima::analysis {

std::vector<double> fill_missing(const std::vector<double>& values) {
  std::vector<double> out = values;
  const size_t n = out.size();
  size_t prev = n;  // index of the last observed value, n = none yet
  for (size_t i = 0; i < n; ++i) {
    if (std::isnan(out[i])) continue;
    if (prev == n) {
      for (size_t j = 0; j < i; ++j) out[j] = out[i];
    } else if (i > prev + 1) {
      const double step = (out[i] - out[prev]) / static_cast<double>(i - prev);
      for (size_t j = prev + 1; j < i; ++j) out[j] = out[prev] + step * static_cast<double>(j - prev);
    }
    prev = i;
  }
  if (prev != n) {
    for (size_t j = prev + 1; j < n; ++j) out[j] = out[prev];
  }
  return out;
}

}  // namespace optima::analysis
