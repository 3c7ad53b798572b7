// The simple benchmark methods of the M4 competition, used as candidates and baselines:
// naive, seasonal naive, Naive2 (naive on the seasonally adjusted series) and the classical
// Theta method (Assimakopoulos & Nikolopoulos 2000, as coded by the M4 organisers: theta lines
// 0 and 2, SES on line 2, equal weights, with classical seasonal adjustment).
//
// Inputs have no NaN (fill_missing first). Each returns mean, psi and the one-step sigma of its
// in-sample errors.
#pragma once

#include <vector>

#include "optima/analysis/forecast/model_forecast.h"

namespace optima::analysis {

ModelForecast naive_forecast(const std::vector<double>& y, int horizon);
// Requires: y.size() > m.
ModelForecast seasonal_naive_forecast(const std::vector<double>& y, int m, int horizon);
// m <= 1 or no seasonality detected: plain naive on y.
ModelForecast naive2_forecast(const std::vector<double>& y, int m, int horizon);
// Requires: y.size() >= 4.
ModelForecast theta_forecast(const std::vector<double>& y, int m, int horizon,
                             int max_evaluations = 400);

}  // namespace optima::analysis
