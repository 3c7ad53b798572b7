// ModelForecast: what every forecasting model produces — point forecasts and the linear
// innovations structure (psi weights and one-step sigma) from which interval widths follow, for
// a single period and for sums of periods (month-end projections).
#pragma once

#include <string>
#include <vector>

namespace optima::analysis {

struct ModelForecast {
  std::string name;           // e.g. "ETS(A,Ad,A) m=7", "Theta", "SNaive m=24"
  std::vector<double> mean;   // point forecasts for h = 1..H
  // psi[j]: effect of an innovation on the forecast error j periods later; psi[0] = 1.
  // The h-step error variance is sigma² Σ_{j<h} psi[j]².
  std::vector<double> psi;
  double sigma = 0;           // one-step residual standard deviation
};

// Standard deviation of the h-step error (h >= 1). Requires: h <= psi.size().
double horizon_sd(const ModelForecast& f, int h);
// Standard deviation of the sum of the errors at horizons 1..k: an innovation at step t
// reaches every later step, so Var = sigma² Σ_{t=1..k} (Σ_{j=0}^{k−t} psi[j])².
double sum_sd(const ModelForecast& f, int k);
// The element-wise mean of several forecasts of one horizon (a combination): means, psi and
// sigma² are averaged. Requires: non-empty, equal lengths.
ModelForecast combine_forecasts(const std::vector<ModelForecast>& parts, std::string name);

}  // namespace optima::analysis
