// A long seasonal cycle (yearly in daily data) as a sum of Fourier terms, fitted by least
// squares next to a linear trend (as Prophet models yearly seasonality). Used where a seasonal
// state per position would be too many states (365 per year) and too few cycles to learn them.
#pragma once

#include <vector>

namespace optima::analysis {

struct FourierSeasonality {
  double period = 365.25;
  std::vector<double> coefficients;  // a_1, b_1, …, a_K, b_K
  double origin = 0;                 // index of the first value the fit used
  // The seasonal effect at time index t of the whole series (future t included).
  double at(double t) const;
};

// Least-squares fit of y_t = c + d·t + Σ_k a_k sin(2πkt/P) + b_k cos(2πkt/P) on the last
// `recent_cycles` periods of y (all of y if shorter): the recent cycles say most about the next.
// Requires: no NaN in y, y.size() > 2·harmonics + 2.
FourierSeasonality fit_fourier_seasonality(const std::vector<double>& y, double period, int harmonics,
                                           double recent_cycles);

}  // namespace optima::analysis
