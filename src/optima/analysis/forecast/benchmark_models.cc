#include "optima/analysis/forecast/benchmark_models.h"

#include <cmath>
#include <cstddef>

#include <fmt/format.h>

#include "optima/analysis/forecast/ets_model.h"
#include "optima/analysis/forecast/seasonal_adjustment.h"

namespace optima::analysis {
namespace {

double rms_of_differences(const std::vector<double>& y, size_t lag) {
  double s = 0;
  size_t n = 0;
  for (size_t t = lag; t < y.size(); ++t) {
    s += (y[t] - y[t - lag]) * (y[t] - y[t - lag]);
    ++n;
  }
  return n == 0 ? 0.0 : std::sqrt(s / static_cast<double>(n));
}

SeasonalIndices seasonal_indices_if_any(const std::vector<double>& y, int m) {
  if (m > 1 && seasonality_test(y, m)) return classical_decomposition(y, m);
  return {};
}

}  // namespace

ModelForecast naive_forecast(const std::vector<double>& y, int horizon) {
  ModelForecast f;
  f.name = "Naive";
  f.mean.assign(static_cast<size_t>(horizon), y.back());
  f.psi.assign(static_cast<size_t>(horizon), 1.0);
  f.sigma = rms_of_differences(y, 1);
  return f;
}

ModelForecast seasonal_naive_forecast(const std::vector<double>& y, int m, int horizon) {
  ModelForecast f;
  f.name = fmt::format("SNaive m={}", m);
  const size_t n = y.size();
  const auto mm = static_cast<size_t>(m);
  for (int h = 1; h <= horizon; ++h) {
    const size_t back = mm - (static_cast<size_t>(h - 1) % mm);  // the same position one season ago
    f.mean.push_back(y[n - back]);
  }
  for (int j = 0; j < horizon; ++j) f.psi.push_back(j % m == 0 ? 1.0 : 0.0);
  f.sigma = rms_of_differences(y, mm);
  return f;
}

ModelForecast naive2_forecast(const std::vector<double>& y, int m, int horizon) {
  const SeasonalIndices si = seasonal_indices_if_any(y, m);
  const size_t n = y.size();
  std::vector<double> adjusted(n);
  for (size_t t = 0; t < n; ++t) adjusted[t] = si.adjust(y[t], t);
  ModelForecast f = naive_forecast(adjusted, horizon);
  f.name = "Naive2";
  for (size_t h = 0; h < f.mean.size(); ++h) f.mean[h] = si.restore(f.mean[h], n + h);
  f.sigma = rms_of_differences(y, 1);
  return f;
}

ModelForecast theta_forecast(const std::vector<double>& y, int m, int horizon, int max_evaluations) {
  const SeasonalIndices si = seasonal_indices_if_any(y, m);
  const size_t n = y.size();
  std::vector<double> x(n);
  for (size_t t = 0; t < n; ++t) x[t] = si.adjust(y[t], t);
  // Theta line 0: the least-squares line on t = 1..n.
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (size_t t = 0; t < n; ++t) {
    const double tt = static_cast<double>(t + 1);
    sx += tt;
    sy += x[t];
    sxx += tt * tt;
    sxy += tt * x[t];
  }
  const double nd = static_cast<double>(n);
  const double b = (nd * sxy - sx * sy) / (nd * sxx - sx * sx);
  const double a = (sy - b * sx) / nd;
  // Theta line 2 = 2x − line0, smoothed by SES.
  std::vector<double> line2(n);
  for (size_t t = 0; t < n; ++t) line2[t] = 2.0 * x[t] - (a + b * static_cast<double>(t + 1));
  const EtsFit ses = fit_ets(line2, {EtsTrend::kNone, 1}, max_evaluations);
  ModelForecast f;
  f.name = si.index.empty() ? "Theta" : fmt::format("Theta (seasonally adjusted, m={})", m);
  for (int h = 1; h <= horizon; ++h) {
    const double line0 = a + b * static_cast<double>(n + static_cast<size_t>(h));
    const double level = ses.ok ? ses.level : x.back();
    f.mean.push_back(si.restore(0.5 * level + 0.5 * line0, n + static_cast<size_t>(h) - 1));
  }
  // Innovations of SES on x with half the weight: the theta forecast moves by alpha/2 ·(2e).
  const double alpha = ses.ok ? ses.alpha : 1.0;
  f.psi.push_back(1.0);
  for (int j = 1; j < horizon; ++j) f.psi.push_back(alpha);
  // One-step in-sample errors of the combined forecast give sigma.
  double level = ses.ok ? line2[0] : x[0];
  double sse = 0;
  for (size_t t = 1; t < n; ++t) {
    const double line0 = a + b * static_cast<double>(t + 1);
    const double fc = si.restore(0.5 * level + 0.5 * line0, t);
    sse += (y[t] - fc) * (y[t] - fc);
    level += alpha * (line2[t] - level);
  }
  f.sigma = std::sqrt(sse / std::max<double>(1.0, nd - 2.0));
  return f;
}

}  // namespace optima::analysis
