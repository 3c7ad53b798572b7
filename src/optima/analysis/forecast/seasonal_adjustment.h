// Classical seasonal adjustment as the M4 benchmarks apply it (Naive2, Theta): a 90%
// autocorrelation test for seasonality at lag m, then R's decompose(): a centred moving average
// trend, seasonal indices as the mean ratio (multiplicative) or difference (additive) per
// position, normalised.
#pragma once

#include <cstddef>
#include <vector>

namespace optima::analysis {

// M4's SeasonalityTest: n >= 3m and |acf(m)| > 1.645·sqrt((1 + 2 Σ_{k<m} acf(k)²) / n).
// Requires: no NaN in y.
bool seasonality_test(const std::vector<double>& y, int m);

struct SeasonalIndices {
  bool multiplicative = true;
  std::vector<double> index;  // index[t mod m] for every t from 0
  // The index for time t (any t >= 0, including future ones).
  double at(size_t t) const { return index.empty() ? (multiplicative ? 1.0 : 0.0) : index[t % index.size()]; }
  double adjust(double value, size_t t) const {
    return multiplicative ? value / at(t) : value - at(t);
  }
  double restore(double value, size_t t) const {
    return multiplicative ? value * at(t) : value + at(t);
  }
};

// R's decompose(y, type) seasonal figure. Multiplicative when every value is positive,
// additive otherwise. Requires: y.size() >= 2m, no NaN.
SeasonalIndices classical_decomposition(const std::vector<double>& y, int m);

}  // namespace optima::analysis
