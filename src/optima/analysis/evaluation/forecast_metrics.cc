#include "optima/analysis/evaluation/forecast_metrics.h"

#include <cmath>
#include <cstddef>
#include <limits>

namespace optima::analysis {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

double smape(const std::vector<double>& actual, const std::vector<double>& forecast) {
  if (actual.empty() || actual.size() != forecast.size()) return kNaN;
  double sum = 0;
  for (size_t i = 0; i < actual.size(); ++i) {
    const double denom = std::fabs(actual[i]) + std::fabs(forecast[i]);
    if (denom > 0) sum += std::fabs(actual[i] - forecast[i]) / denom;
  }
  return 200.0 * sum / static_cast<double>(actual.size());
}

double mape(const std::vector<double>& actual, const std::vector<double>& forecast) {
  if (actual.empty() || actual.size() != forecast.size()) return kNaN;
  double sum = 0;
  size_t terms = 0;
  for (size_t i = 0; i < actual.size(); ++i) {
    if (actual[i] == 0) continue;
    sum += std::fabs(actual[i] - forecast[i]) / std::fabs(actual[i]);
    ++terms;
  }
  return terms == 0 ? kNaN : 100.0 * sum / static_cast<double>(terms);
}

double mase_scale(const std::vector<double>& train, int m) {
  const auto lag = static_cast<size_t>(m < 1 ? 1 : m);
  if (train.size() <= lag) return kNaN;
  double sum = 0;
  for (size_t t = lag; t < train.size(); ++t) sum += std::fabs(train[t] - train[t - lag]);
  return sum / static_cast<double>(train.size() - lag);
}

double mase(const std::vector<double>& train, const std::vector<double>& actual,
            const std::vector<double>& forecast, int m) {
  if (actual.empty() || actual.size() != forecast.size()) return kNaN;
  const double scale = mase_scale(train, m);
  if (!(scale > 0)) return kNaN;
  double sum = 0;
  for (size_t i = 0; i < actual.size(); ++i) sum += std::fabs(actual[i] - forecast[i]);
  return sum / static_cast<double>(actual.size()) / scale;
}

double interval_coverage(const std::vector<double>& actual, const std::vector<double>& lower,
                         const std::vector<double>& upper) {
  if (actual.empty() || actual.size() != lower.size() || actual.size() != upper.size()) return kNaN;
  size_t inside = 0;
  for (size_t i = 0; i < actual.size(); ++i) {
    inside += (lower[i] <= actual[i] && actual[i] <= upper[i]) ? 1 : 0;
  }
  return static_cast<double>(inside) / static_cast<double>(actual.size());
}

}  // namespace optima::analysis
