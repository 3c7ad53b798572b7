#include "optima/analysis/forecast/model_selection.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>

#include <fmt/format.h>

#include "optima/analysis/forecast/benchmark_models.h"
#include "optima/analysis/forecast/fourier_seasonality.h"
#include "optima/analysis/series/series_fill.h"

namespace optima::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Seasonal periods above this are modelled by Fourier terms, not one ETS state per position.
constexpr int kMaxStatePeriod = 200;
constexpr int kFourierHarmonics = 10;  // Prophet's default order for yearly seasonality
constexpr double kFourierRecentCycles = 3;
constexpr int kBacktestOrigins = 3;
constexpr double kCombinationMargin = 0.8;

// A candidate forecasts from a training prefix (raw with NaN, and filled). ETS candidates keep
// the spec chosen on all data, so backtests refit parameters only.
using Candidate = std::function<ModelForecast(const std::vector<double>& raw,
                                              const std::vector<double>& filled, int horizon)>;

struct NamedCandidate {
  std::string key;
  Candidate run;
  bool in_combination = false;  // a member of the equal-weight combination
};

double in_sample_scale(const std::vector<double>& filled) {
  double s = 0;
  for (size_t t = 1; t < filled.size(); ++t) s += std::fabs(filled[t] - filled[t - 1]);
  s /= static_cast<double>(std::max<size_t>(1, filled.size() - 1));
  return s > 0 ? s : 1.0;
}

ModelForecast ets_or_fallback(const std::vector<double>& raw, const EtsSpec& spec, int h,
                              int max_evaluations) {
  EtsFit fit = fit_ets(raw, spec, max_evaluations);
  if (!fit.ok) fit = fit_ets(raw, {EtsTrend::kNone, 1}, max_evaluations);
  if (!fit.ok) return naive_forecast(fill_missing(raw), h);
  return ets_forecast(fit, h);
}

// Runs `inner` on the series without its long cycle and adds the cycle back.
ModelForecast with_fourier(const std::vector<double>& raw, const std::vector<double>& filled,
                           double period, int h,
                           const std::function<ModelForecast(const std::vector<double>&,
                                                             const std::vector<double>&)>& inner) {
  const FourierSeasonality fs =
      fit_fourier_seasonality(filled, period, kFourierHarmonics, kFourierRecentCycles);
  std::vector<double> adj_raw = raw;
  std::vector<double> adj_filled = filled;
  for (size_t t = 0; t < raw.size(); ++t) {
    adj_raw[t] -= fs.at(static_cast<double>(t));
    adj_filled[t] -= fs.at(static_cast<double>(t));
  }
  ModelForecast out = inner(adj_raw, adj_filled);
  for (size_t i = 0; i < out.mean.size() && i < static_cast<size_t>(h); ++i) {
    out.mean[i] += fs.at(static_cast<double>(raw.size() + i));
  }
  out.name = fmt::format("{} + Fourier season of {:g}", out.name, period);
  return out;
}

}  // namespace

Selection select_and_forecast(const std::vector<double>& y, const std::vector<int>& periods,
                              int horizon, ModelChoice choice, int max_evaluations) {
  Selection out;
  const std::vector<double> filled = fill_missing(y);
  const size_t n = y.size();
  std::vector<int> seasonal;      // periods with at least two full seasons plus a little
  std::vector<int> long_periods;  // too long for one state per position: Fourier terms
  for (int m : periods) {
    if (m <= 1 || n < 2 * static_cast<size_t>(m) + 2) continue;
    (m > kMaxStatePeriod ? long_periods : seasonal).push_back(m);
  }
  out.explaining_ets = select_ets(y, seasonal, max_evaluations);
  const EtsFit& ets_full = out.explaining_ets;
  const int m1 = seasonal.empty() ? 1 : seasonal.front();
  const bool has_long = !long_periods.empty();
  const double long_period = !has_long ? 0.0
                             : long_periods.front() == 365 ? 365.25
                                                           : long_periods.front();
  const bool want_all = choice == ModelChoice::kAuto;

  std::vector<NamedCandidate> cands;
  if (ets_full.ok && (want_all || choice == ModelChoice::kEts)) {
    const EtsSpec spec = ets_full.spec;
    cands.push_back({"ets", [spec, max_evaluations](const std::vector<double>& raw,
                                                    const std::vector<double>&, int h) {
                       return ets_or_fallback(raw, spec, h, max_evaluations);
                     }, true});
  }
  if (n >= 4 && (want_all || choice == ModelChoice::kTheta)) {
    cands.push_back({"theta", [m1, max_evaluations](const std::vector<double>&,
                                                    const std::vector<double>& f, int h) {
                       return theta_forecast(f, m1, h, max_evaluations);
                     }, !has_long});
  }
  if (has_long && ets_full.ok && want_all) {
    // The ETS spec for the series without its long cycle, chosen once by AICc.
    std::vector<double> adjusted = y;
    const FourierSeasonality full =
        fit_fourier_seasonality(filled, long_period, kFourierHarmonics, kFourierRecentCycles);
    for (size_t t = 0; t < n; ++t) adjusted[t] -= full.at(static_cast<double>(t));
    const EtsFit adj_fit = select_ets(adjusted, seasonal, max_evaluations);
    if (adj_fit.ok) {
      const EtsSpec spec = adj_fit.spec;
      cands.push_back({"ets+fourier", [spec, long_period, max_evaluations](
                                          const std::vector<double>& raw,
                                          const std::vector<double>& f, int h) {
                         return with_fourier(raw, f, long_period, h,
                                             [&](const std::vector<double>& r, const std::vector<double>&) {
                                               return ets_or_fallback(r, spec, h, max_evaluations);
                                             });
                       }, true});
    }
    cands.push_back({"theta+fourier", [m1, long_period, max_evaluations](
                                          const std::vector<double>& raw,
                                          const std::vector<double>& f, int h) {
                       return with_fourier(raw, f, long_period, h,
                                           [&](const std::vector<double>&, const std::vector<double>& adj) {
                                             return theta_forecast(adj, m1, h, max_evaluations);
                                           });
                     }, true});
  }
  if (want_all || choice == ModelChoice::kSeasonalNaive) {
    for (int m : seasonal) {
      cands.push_back({fmt::format("snaive{}", m),
                       [m](const std::vector<double>&, const std::vector<double>& f, int h) {
                         return f.size() > static_cast<size_t>(m) ? seasonal_naive_forecast(f, m, h)
                                                                  : naive_forecast(f, h);
                       }, m == m1});
    }
  }
  if (want_all || choice == ModelChoice::kNaive || cands.empty()) {
    cands.push_back({"naive", [](const std::vector<double>&, const std::vector<double>& f, int h) {
                       return naive_forecast(f, h);
                     }, false});
  }
  // Combinations: ETS with Theta (the M4 lesson that simple averages are hard to beat), and the
  // equal-weight mean of the seasonal members.
  std::vector<std::vector<size_t>> combos;
  if (want_all) {
    if (cands.size() >= 2 && cands[0].key == "ets" && cands[1].key == "theta") combos.push_back({0, 1});
    std::vector<size_t> members;
    for (size_t c = 0; c < cands.size(); ++c) {
      if (cands[c].in_combination) members.push_back(c);
    }
    if (members.size() >= 3) combos.push_back(members);
  }
  auto combo_name = [&](const std::vector<size_t>& members) {
    std::string name;
    for (size_t c : members) name += (name.empty() ? "" : "+") + cands[c].key;
    return name;
  };
  const size_t singles = cands.size();
  const size_t total = singles + combos.size();

  // Rolling origin: up to kBacktestOrigins non-overlapping windows of hv periods at the end.
  const int hv = static_cast<int>(std::min<size_t>(static_cast<size_t>(horizon), std::max<size_t>(1, n / 5)));
  const size_t min_train = std::max<size_t>(8, seasonal.empty() ? 8 : 2 * static_cast<size_t>(m1) + 2);
  std::vector<size_t> origins;
  for (int k = 1; k <= kBacktestOrigins; ++k) {
    const size_t back = static_cast<size_t>(k * hv);
    if (n > back && n - back >= min_train) origins.push_back(n - back);
  }
  std::vector<double> err(total, 0.0);
  std::vector<double> z2(total, 0.0);  // Σ (error / predicted sd)²
  std::vector<size_t> count(total, 0);
  if (total > 1) {
    for (size_t origin : origins) {
      const std::vector<double> raw(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(origin));
      const std::vector<double> fil(filled.begin(), filled.begin() + static_cast<std::ptrdiff_t>(origin));
      const double scale = in_sample_scale(fil);
      std::vector<ModelForecast> fc;
      for (const auto& c : cands) fc.push_back(c.run(raw, fil, hv));
      for (const auto& members : combos) {
        std::vector<ModelForecast> parts;
        for (size_t c : members) parts.push_back(fc[c]);
        fc.push_back(combine_forecasts(parts, ""));
      }
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
    const std::string name = c < singles ? cands[c].key : combo_name(combos[c - singles]);
    out.candidates.push_back(std::isnan(e) ? name : fmt::format("{}: {:.4f}", name, e));
    if (!std::isnan(e) && (std::isnan(best_err) || e < best_err)) {
      best_err = e;
      best = c;
    }
  }
  // Backtests on a few windows are noisy: keep the broad combination unless a single model or
  // pair beats it clearly (combinations rarely lose by much; a lucky single model often does).
  if (!combos.empty() && combos.back().size() >= 3 && count[total - 1] > 0) {
    const double combo_err = err[total - 1] / static_cast<double>(count[total - 1]);
    if (!(best_err < kCombinationMargin * combo_err)) {
      best = total - 1;
      best_err = combo_err;
    }
  }
  out.backtest_error = best_err;
  if (best < singles) {
    out.forecast = cands[best].run(y, filled, horizon);
  } else {
    std::vector<ModelForecast> parts;
    std::string name;
    for (size_t c : combos[best - singles]) {
      parts.push_back(cands[c].run(y, filled, horizon));
      name += (name.empty() ? "mean of " : ", ") + parts.back().name;
    }
    out.forecast = combine_forecasts(parts, name);
  }
  // Calibrate the interval width on the backtest: scale sigma so the standardised backtest
  // errors have unit variance (bounded, and only with enough errors to estimate it).
  if (count[best] >= 20 && z2[best] > 0) {
    const double ratio = std::sqrt(z2[best] / static_cast<double>(count[best]));
    out.forecast.sigma *= std::clamp(ratio, 0.5, 3.0);
  }
  return out;
}

}  // namespace optima::analysis
