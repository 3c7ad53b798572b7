#include "optima/analysis/forecast/ets_model.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

#include <fmt/format.h>

#include "optima/analysis/forecast/nelder_mead.h"
#include "optima/analysis/series/series_fill.h"

namespace optima::analysis {
namespace {

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double logit(double p) { return std::log(p / (1.0 - p)); }

struct Params {
  double alpha, beta, gamma, phi, l0, b0;
};

// Unconstrained optimiser coordinates -> admissible parameters (0 < beta < alpha, 0 < gamma <
// 1 − alpha, 0.8 ≤ phi ≤ 0.98), the usual ETS bounds.
struct Transform {
  EtsSpec spec;
  Params decode(const std::vector<double>& x) const {
    Params p{};
    size_t k = 0;
    p.alpha = 1e-4 + 0.9998 * sigmoid(x[k++]);
    p.beta = spec.trend != EtsTrend::kNone ? p.alpha * 0.999 * sigmoid(x[k++]) : 0.0;
    p.gamma = spec.period > 1 ? (1.0 - p.alpha) * 0.999 * sigmoid(x[k++]) : 0.0;
    p.phi = spec.trend == EtsTrend::kDamped ? 0.8 + 0.18 * sigmoid(x[k++])
                                            : (spec.trend == EtsTrend::kAdditive ? 1.0 : 0.0);
    p.l0 = x[k++];
    p.b0 = spec.trend != EtsTrend::kNone ? x[k++] : 0.0;
    return p;
  }
};

struct RunResult {
  double sse = 0;
  int observed = 0;
  double level = 0, slope = 0;
  std::vector<double> seasonal;  // ring, index t mod m
};

// Runs the recursions over y from the given parameters and initial seasonal states.
RunResult run(const std::vector<double>& y, const Params& p, const std::vector<double>& s0,
              int m, bool keep_states) {
  RunResult r;
  double l = p.l0, b = p.b0;
  std::vector<double> s = s0;
  const bool seasonal = m > 1;
  for (size_t t = 0; t < y.size(); ++t) {
    const size_t si = seasonal ? t % static_cast<size_t>(m) : 0;
    const double season = seasonal ? s[si] : 0.0;
    const double mu = l + p.phi * b + season;
    const double e = std::isnan(y[t]) ? 0.0 : y[t] - mu;
    if (!std::isnan(y[t])) {
      r.sse += e * e;
      ++r.observed;
    }
    const double l_new = l + p.phi * b + p.alpha * e;
    b = p.phi * b + p.beta * e;
    l = l_new;
    if (seasonal) s[si] = season + p.gamma * e;
  }
  if (keep_states) {
    r.level = l;
    r.slope = b;
    r.seasonal = std::move(s);
  }
  return r;
}

// Initial seasonal states: mean deviation of each position from its season's mean over the
// first (up to 4) full seasons, centred to sum 0; level and trend from the deseasonalised start.
void initial_states(const std::vector<double>& filled, const EtsSpec& spec, std::vector<double>* s0,
                    double* l0, double* b0) {
  const int m = spec.period;
  const size_t n = filled.size();
  s0->assign(static_cast<size_t>(std::max(m, 1)), 0.0);
  std::vector<double> adj = filled;
  if (m > 1) {
    const size_t seasons = std::min<size_t>(4, n / static_cast<size_t>(m));
    for (size_t k = 0; k < seasons; ++k) {
      double mean = 0;
      for (int j = 0; j < m; ++j) mean += filled[k * static_cast<size_t>(m) + static_cast<size_t>(j)];
      mean /= m;
      for (int j = 0; j < m; ++j) {
        (*s0)[static_cast<size_t>(j)] +=
            (filled[k * static_cast<size_t>(m) + static_cast<size_t>(j)] - mean) / static_cast<double>(seasons);
      }
    }
    double centre = 0;
    for (double v : *s0) centre += v / m;
    for (double& v : *s0) v -= centre;
    for (size_t t = 0; t < n; ++t) adj[t] -= (*s0)[t % static_cast<size_t>(m)];
  }
  // Least-squares line through the first max(10, m) adjusted values.
  const size_t k = std::min(n, static_cast<size_t>(std::max(10, m)));
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (size_t t = 0; t < k; ++t) {
    const double x = static_cast<double>(t);
    sx += x;
    sy += adj[t];
    sxx += x * x;
    sxy += x * adj[t];
  }
  const double kd = static_cast<double>(k);
  const double den = kd * sxx - sx * sx;
  const double slope = den > 0 ? (kd * sxy - sx * sy) / den : 0.0;
  *b0 = spec.trend == EtsTrend::kNone ? 0.0 : slope;
  *l0 = spec.trend == EtsTrend::kNone ? sy / kd : (sy - slope * sx) / kd - slope;
}

int parameter_count(const EtsSpec& spec) {
  int k = 2;  // alpha, l0
  if (spec.trend != EtsTrend::kNone) k += 2;
  if (spec.trend == EtsTrend::kDamped) k += 1;
  if (spec.period > 1) k += 1 + spec.period;
  return k + 1;  // sigma
}

}  // namespace

std::string ets_name(const EtsSpec& spec) {
  const char* trend = spec.trend == EtsTrend::kNone       ? "N"
                      : spec.trend == EtsTrend::kAdditive ? "A"
                                                          : "Ad";
  if (spec.period > 1) return fmt::format("ETS(A,{},A) m={}", trend, spec.period);
  return fmt::format("ETS(A,{},N)", trend);
}

EtsFit fit_ets(const std::vector<double>& y, const EtsSpec& spec, int max_evaluations) {
  EtsFit fit;
  fit.spec = spec;
  int observed = 0;
  for (double v : y) observed += std::isnan(v) ? 0 : 1;
  const int k = parameter_count(spec);
  const int needed = spec.period > 1 ? 2 * spec.period + 2 : 4;
  if (observed < needed || static_cast<int>(y.size()) < needed || observed - k - 1 <= 0) return fit;
  const std::vector<double> filled = fill_missing(y);
  std::vector<double> s0;
  double l0 = 0, b0 = 0;
  initial_states(filled, spec, &s0, &l0, &b0);

  double scale = 0;
  for (size_t t = 1; t < filled.size(); ++t) scale += std::fabs(filled[t] - filled[t - 1]);
  scale = std::max(scale / static_cast<double>(filled.size()), 1e-9 * (std::fabs(l0) + 1.0));

  std::vector<double> x, steps;
  x.push_back(logit((0.2 - 1e-4) / 0.9998));
  steps.push_back(1.0);
  if (spec.trend != EtsTrend::kNone) {
    x.push_back(logit(0.1));
    steps.push_back(1.0);
  }
  if (spec.period > 1) {
    x.push_back(logit(0.05));
    steps.push_back(1.0);
  }
  if (spec.trend == EtsTrend::kDamped) {
    x.push_back(logit((0.95 - 0.8) / 0.18));
    steps.push_back(1.0);
  }
  x.push_back(l0);
  steps.push_back(scale);
  if (spec.trend != EtsTrend::kNone) {
    x.push_back(b0);
    steps.push_back(scale * 0.1);
  }
  const Transform tr{spec};
  const int m = spec.period;
  auto objective = [&](const std::vector<double>& v) {
    const RunResult r = run(y, tr.decode(v), s0, m, false);
    return r.sse;
  };
  double best = 0;
  const std::vector<double> xb = nelder_mead(objective, x, steps, {max_evaluations, 1e-9}, &best);
  const Params p = tr.decode(xb);
  RunResult r = run(y, p, s0, m, true);
  fit.alpha = p.alpha;
  fit.beta = p.beta;
  fit.gamma = p.gamma;
  fit.phi = spec.trend == EtsTrend::kNone ? 1.0 : p.phi;
  fit.level = r.level;
  fit.slope = r.slope;
  fit.observed = r.observed;
  const double n = r.observed;
  const double mse = std::max(r.sse / n, 1e-300);
  fit.sigma = std::sqrt(r.sse / std::max(1.0, n - (k - 1)));
  fit.aicc = n * std::log(mse) + 2.0 * k + 2.0 * k * (k + 1) / std::max(1.0, n - k - 1);
  if (m > 1) {
    // Rotate the ring so seasonal[i] is the state for time n + i.
    fit.seasonal.resize(static_cast<size_t>(m));
    for (int i = 0; i < m; ++i) {
      fit.seasonal[static_cast<size_t>(i)] = r.seasonal[(y.size() + static_cast<size_t>(i)) % static_cast<size_t>(m)];
    }
  }
  fit.ok = std::isfinite(fit.aicc) && std::isfinite(fit.level);
  return fit;
}

ModelForecast ets_forecast(const EtsFit& fit, int horizon) {
  ModelForecast f;
  f.name = ets_name(fit.spec);
  f.sigma = fit.sigma;
  const int m = fit.spec.period;
  double damp_sum = 0;  // Σ_{i=1..h} phi^i
  double phi_pow = 1;
  for (int h = 1; h <= horizon; ++h) {
    phi_pow *= fit.phi;
    damp_sum += fit.spec.trend == EtsTrend::kNone ? 0.0 : phi_pow;
    double mean = fit.level + damp_sum * fit.slope;
    if (m > 1) mean += fit.seasonal[static_cast<size_t>((h - 1) % m)];
    f.mean.push_back(mean);
  }
  f.psi.push_back(1.0);
  phi_pow = 1;
  damp_sum = 0;
  for (int j = 1; j < horizon; ++j) {
    phi_pow *= fit.phi;
    damp_sum += phi_pow;
    double psi = fit.alpha;
    if (fit.spec.trend != EtsTrend::kNone) psi += fit.beta * damp_sum;
    if (m > 1 && j % m == 0) psi += fit.gamma;
    f.psi.push_back(psi);
  }
  return f;
}

EtsFit select_ets(const std::vector<double>& y, const std::vector<int>& periods,
                  int max_evaluations) {
  EtsFit best;
  best.aicc = std::numeric_limits<double>::infinity();
  std::vector<int> seasons = {1};
  seasons.insert(seasons.end(), periods.begin(), periods.end());
  for (int m : seasons) {
    for (EtsTrend trend : {EtsTrend::kNone, EtsTrend::kAdditive, EtsTrend::kDamped}) {
      EtsFit fit = fit_ets(y, {trend, m}, max_evaluations);
      if (fit.ok && fit.aicc < best.aicc) best = std::move(fit);
    }
  }
  return best;
}

}  // namespace optima::analysis
