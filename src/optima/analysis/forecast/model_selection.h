// Automatic model choice on plain value vectors (no calendar): the ETS family chosen by AICc,
// Theta with classical seasonal adjustment, seasonal naive, naive, and the mean of ETS and
// Theta, compared by a rolling-origin backtest on the end of the series; the winner is refitted
// on all data. The backtest errors also calibrate the interval width.
//
// This is the engine under forecast_series() (which adds the calendar: partial periods,
// month-start fees, level shifts) and what the M4 evaluation runs directly.
#pragma once

#include <string>
#include <vector>

#include "optima/analysis/forecast/ets_model.h"
#include "optima/analysis/forecast/forecast_types.h"
#include "optima/analysis/forecast/model_forecast.h"

namespace optima::analysis {

struct Selection {
  ModelForecast forecast;     // of the chosen model, sigma already calibrated
  EtsFit explaining_ets;      // the AICc-best ETS on all data (ok = false if none fits)
  double backtest_error = 0;  // mean scaled absolute error of the winner (NaN without backtest)
  std::vector<std::string> candidates;
};

// Requires: y has at least 3 finite values, horizon >= 1. NaN values are missing.
Selection select_and_forecast(const std::vector<double>& y, const std::vector<int>& periods,
                              int horizon, ModelChoice choice, int max_evaluations);

}  // namespace optima::analysis
