#include "optima/analysis/forecast/model_selection.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>

#include <fmt/format.h>

#include "optima/analysis/forecast/benchmark_models.h"
#include "optima/analysis/series/series_fill.h"

namespace optima::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A candidate forecasts from a training prefix; ETS keeps the spec chosen on all data so that
// backtests refit parameters only.
using Candidate = std::function<ModelForecast(const std::vector<double>& raw,
                                              const std::vector<double>& filled, int horizon)>;

struct NamedCandidate {
  std::string key;
  Candidate run;
};

double in_sample_scale(const std::vector<double>& filled) {
  double s = 0;
  for (size_t t = 1; t < filled.size(); ++t) s += std::fabs(filled[t] - filled[t - 1]);
  s /= static_cast<double>(std::max<size_t>(1, filled.size() - 1));
  return s > 0 ? s : 1.0;
}

}  // namespace

Selection select_and_forecast(const std::vector<double>& y, const std::vector<int>& periods,
                              int horizon, ModelChoice choice, int max_evaluations) {
  Selection out;
  const std::vector<double> filled = fill_missing(y);
  const size_t n = y.size();
  std::vector<int> seasonal;  // periods with at least two full seasons plus a little
  for (int m : periods) {
    if (m > 1 && n >= 2 * static_cast<size_t>(m) + 2) seasonal.push_back(m);
  }
  out.explaining_ets = select_ets(y, seasonal, max_evaluations);
  const EtsFit& ets_full = out.explaining_ets;
  const int m1 = seasonal.empty() ? 1 : seasonal.front();

  std::vector<NamedCandidate> cands;
  const bool want_all = choice == ModelChoice::kAuto;
  if (ets_full.ok && (want_all || choice == ModelChoice::kEts)) {
    const EtsSpec spec = ets_full.spec;
    cands.push_back({"ets", [spec, max_evaluations](const std::vector<double>& raw,
                                                    const std::vector<double>&, int h) {
                       EtsFit fit = fit_ets(raw, spec, max_evaluations);
                       if (!fit.ok) fit = fit_ets(raw, {EtsTrend::kNone, 1}, max_evaluations);
                       if (!fit.ok) return naive_forecast(fill_missing(raw), h);
                       return ets_forecast(fit, h);
                     }});
  }
  if (n >= 4 && (want_all || choice == ModelChoice::kTheta)) {
    cands.push_back({"theta", [m1, max_evaluations](const std::vector<double>&,
                                                    const std::vector<double>& f, int h) {
                       return theta_forecast(f, m1, h, max_evaluations);
                     }});
  }
  if (want_all || choice == ModelChoice::kSeasonalNaive) {
    for (int m : seasonal) {
      cands.push_back({fmt::format("snaive{}", m),
                       [m](const std::vector<double>&, const std::vector<double>& f, int h) {
                         return f.size() > static_cast<size_t>(m) ? seasonal_naive_forecast(f, m, h)
                                                                  : naive_forecast(f, h);
                       }});
    }
  }
  if (want_all || choice == ModelChoice::kNaive || cands.empty()) {
    cands.push_back({"naive", [](const std::vector<double>&, const std::vector<double>& f, int h) {
                       return naive_forecast(f, h);
                     }});
  }
  const size_t singles = cands.size();
  const bool combine = want_all && ets_full.ok && n >= 4;

  // Rolling origin: up to 3 non-overlapping windows of hv periods at the end of the series.
  const int hv = static_cast<int>(std::min<size_t>(static_cast<size_t>(horizon), std::max<size_t>(1, n / 5)));
  const size_t min_train = std::max<size_t>(8, seasonal.empty() ? 8 : 2 * static_cast<size_t>(m1) + 2);
  std::vector<size_t> origins;
  for (int k = 1; k <= 3; ++k) {
    const size_t back = static_cast<size_t>(k * hv);
    if (n > back && n - back >= min_train) origins.push_back(n - back);
  }
  const size_t total = singles + (combine ? 1 : 0);
  std::vector<double> err(total, 0.0);
  std::vector<double> z2(total, 0.0);  // Σ (error / predicted sd)²
  std::vector<size_t> count(total, 0);
  if (cands.size() > 1 || combine) {
    for (size_t origin : origins) {
      const std::vector<double> raw(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(origin));
      const std::vector<double> fil(filled.begin(), filled.begin() + static_cast<std::ptrdiff_t>(origin));
      const double scale = in_sample_scale(fil);
      std::vector<ModelForecast> fc;
      for (const auto& c : cands) fc.push_back(c.run(raw, fil, hv));
      if (combine) fc.push_back(combine_forecasts({fc[0], fc[1]}, "combo"));
      for (size_t c = 0; c < fc.size(); ++c) {
        for (int h = 0; h < hv; ++h) {
          const double actual = y[origin + static_cast<size_t>(h)];
          if (std::isnan(actual)) continue;
          const double e = actual - fc[c].mean[static_cast<size_t>(h)];
          err[c] += std::fabs(e) / scale;
          const double sd = horizon_sd(fc[c], h + 1);
          if (sd > 0) z2[c] += (e / sd) * (e / sd);
          ++count[c];
        }
      }
    }
  }
  size_t best = 0;
  double best_err = kNaN;
  for (size_t c = 0; c < total; ++c) {
    const double e = count[c] > 0 ? err[c] / static_cast<double>(count[c]) : kNaN;
    const std::string name = c < singles ? cands[c].key : "ets+theta";
    out.candidates.push_back(std::isnan(e) ? name : fmt::format("{}: {:.4f}", name, e));
    if (!std::isnan(e) && (std::isnan(best_err) || e < best_err)) {
      best_err = e;
      best = c;
    }
  }
  out.backtest_error = best_err;
  if (best < singles) {
    out.forecast = cands[best].run(y, filled, horizon);
  } else {
    out.forecast = combine_forecasts({cands[0].run(y, filled, horizon), cands[1].run(y, filled, horizon)},
                                     "");
  }
  if (best >= singles) {
    out.forecast.name = fmt::format("mean of {} and Theta", ets_name(ets_full.spec));
  }
  // Calibrate the interval width on the backtest: scale sigma so the standardised backtest
  // errors have unit variance (bounded, and only with enough errors to estimate it).
  if (count[best] >= 20 && z2[best] > 0) {
    const double ratio = std::sqrt(z2[best] / static_cast<double>(count[best]));
    out.forecast.sigma *= std::clamp(ratio, 0.8, 3.0);
  }
  return out;
}

}  // namespace optima::analysis
