// ETS with additive errors (Hyndman et al., "Forecasting with Exponential Smoothing", 2008):
// level, optional additive or damped trend, optional additive seasonality of period m.
//
//   mu_t = l + phi·b + s_{t−m};  e_t = y_t − mu_t
//   l ← l + phi·b + alpha·e;  b ← phi·b + beta·e;  s_t = s_{t−m} + gamma·e
//
// Smoothing parameters and the initial level/trend are fitted by Nelder–Mead on the
// concentrated likelihood (n·log(SSE/n)); seasonal states start from a classical decomposition
// of the first seasons. A missing value (NaN) is unobserved: the states move by their forecast.
// Thread-compatible; fits are independent.
#pragma once

#include <vector>

#include "optima/analysis/forecast/model_forecast.h"

namespace optima::analysis {

enum class EtsTrend { kNone, kAdditive, kDamped };

struct EtsSpec {
  EtsTrend trend = EtsTrend::kNone;
  int period = 1;  // 1 = no seasonality
};

struct EtsFit {
  EtsSpec spec;
  double alpha = 0, beta = 0, gamma = 0, phi = 1;
  double level = 0;              // final states
  double slope = 0;
  std::vector<double> seasonal;  // final seasonal states, seasonal[i] for time n + i (mod m)
  double sigma = 0;              // sqrt(SSE / observed)
  double aicc = 0;
  int observed = 0;
  bool ok = false;               // false when there are too few observations for the spec
};

// "ETS(A,Ad,A) m=7".
std::string ets_name(const EtsSpec& spec);
// Fits spec to y (NaN allowed). ok is false when y has fewer observed values than the spec
// needs (2 full seasons plus a few for seasonal models; 4 values otherwise).
EtsFit fit_ets(const std::vector<double>& y, const EtsSpec& spec, int max_evaluations = 400);
// Point forecasts, psi weights and sigma for h = 1..horizon. Requires: fit.ok.
ModelForecast ets_forecast(const EtsFit& fit, int horizon);
// The ETS model with the smallest AICc among trend ∈ {none, additive, damped} × the given
// seasonal periods (and none). Returns a fit with ok = false when none can be fitted.
EtsFit select_ets(const std::vector<double>& y, const std::vector<int>& periods,
                  int max_evaluations = 400);

}  // namespace optima::analysis
