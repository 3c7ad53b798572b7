#include "optima/analysis/forecast/model_forecast.h"

#include <cmath>
#include <cstddef>

namespace optima::analysis {

double horizon_sd(const ModelForecast& f, int h) {
  double v = 0;
  for (int j = 0; j < h; ++j) v += f.psi[static_cast<size_t>(j)] * f.psi[static_cast<size_t>(j)];
  return f.sigma * std::sqrt(v);
}

double sum_sd(const ModelForecast& f, int k) {
  double v = 0;
  double cumulative = 0;
  // Σ_{t=1..k} (Σ_{j=0}^{k−t} psi_j)² = Σ_{r=0}^{k−1} (Σ_{j=0}^{r} psi_j)².
  for (int r = 0; r < k; ++r) {
    cumulative += f.psi[static_cast<size_t>(r)];
    v += cumulative * cumulative;
  }
  return f.sigma * std::sqrt(v);
}

ModelForecast combine_forecasts(const std::vector<ModelForecast>& parts, std::string name) {
  ModelForecast out;
  out.name = std::move(name);
  const auto n = static_cast<double>(parts.size());
  out.mean.assign(parts[0].mean.size(), 0.0);
  out.psi.assign(parts[0].psi.size(), 0.0);
  double var = 0;
  for (const auto& p : parts) {
    for (size_t i = 0; i < out.mean.size(); ++i) out.mean[i] += p.mean[i] / n;
    for (size_t i = 0; i < out.psi.size(); ++i) out.psi[i] += p.psi[i] / n;
    var += p.sigma * p.sigma / n;
  }
  out.sigma = std::sqrt(var);
  return out;
}

}  // namespace optima::analysis
