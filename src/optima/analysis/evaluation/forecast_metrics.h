// Forecast accuracy metrics as the M4 competition defines them (Makridakis et al. 2020), plus
// MAPE and prediction-interval coverage. docs/EVALUATION.md has the formulas.
//
// All functions take equal-length actual/forecast vectors of the horizon; they return NaN when
// the metric is undefined (empty input, a zero MASE scale, all-zero MAPE actuals).
#pragma once

#include <vector>

namespace optima::analysis {

// sMAPE = (200/h) Σ |y−ŷ| / (|y|+|ŷ|), in percent; a term with y = ŷ = 0 counts 0.
double smape(const std::vector<double>& actual, const std::vector<double>& forecast);
// MAPE = (100/h) Σ |y−ŷ| / |y| over the terms with y ≠ 0, in percent.
double mape(const std::vector<double>& actual, const std::vector<double>& forecast);
// The MASE denominator: mean |x_t − x_{t−m}| over the training series, t = m+1..n.
double mase_scale(const std::vector<double>& train, int m);
// MASE = mean |y−ŷ| / mase_scale(train, m).
double mase(const std::vector<double>& train, const std::vector<double>& actual,
            const std::vector<double>& forecast, int m);
// Fraction of actuals inside [lower, upper] (bounds inclusive).
double interval_coverage(const std::vector<double>& actual, const std::vector<double>& lower,
                         const std::vector<double>& upper);

}  // namespace optima::analysis
