#include "optima/analysis/forecast/fourier_seasonality.h"

#include <cmath>
#include <cstddef>
#include <numbers>
#include <utility>

namespace optima::analysis {
namespace {

std::vector<double> regressors(double t, double period, size_t harmonics) {
  std::vector<double> x = {1.0, t};
  for (size_t k = 1; k <= harmonics; ++k) {
    const double w = 2.0 * std::numbers::pi * static_cast<double>(k) * t / period;
    x.push_back(std::sin(w));
    x.push_back(std::cos(w));
  }
  return x;
}

// Solves A x = b (A symmetric positive semi-definite) by Gaussian elimination with partial
// pivoting; near-singular pivots leave their coefficient 0.
std::vector<double> solve(std::vector<std::vector<double>> a, std::vector<double> b) {
  const size_t n = b.size();
  for (size_t c = 0; c < n; ++c) {
    size_t pivot = c;
    for (size_t r = c + 1; r < n; ++r) {
      if (std::fabs(a[r][c]) > std::fabs(a[pivot][c])) pivot = r;
    }
    std::swap(a[c], a[pivot]);
    std::swap(b[c], b[pivot]);
    if (std::fabs(a[c][c]) < 1e-12) continue;
    for (size_t r = c + 1; r < n; ++r) {
      const double f = a[r][c] / a[c][c];
      for (size_t k = c; k < n; ++k) a[r][k] -= f * a[c][k];
      b[r] -= f * b[c];
    }
  }
  std::vector<double> x(n, 0.0);
  for (size_t c = n; c-- > 0;) {
    if (std::fabs(a[c][c]) < 1e-12) continue;
    double s = b[c];
    for (size_t k = c + 1; k < n; ++k) s -= a[c][k] * x[k];
    x[c] = s / a[c][c];
  }
  return x;
}

}  // namespace

double FourierSeasonality::at(double t) const {
  double s = 0;
  for (size_t k = 0; 2 * k + 1 < coefficients.size(); ++k) {
    const double w = 2.0 * std::numbers::pi * static_cast<double>(k + 1) * (t - origin) / period;
    s += coefficients[2 * k] * std::sin(w) + coefficients[2 * k + 1] * std::cos(w);
  }
  return s;
}

FourierSeasonality fit_fourier_seasonality(const std::vector<double>& y, double period, int harmonics,
                                           double recent_cycles) {
  const auto span = static_cast<size_t>(recent_cycles * period);
  const size_t first = y.size() > span ? y.size() - span : 0;
  const auto k = static_cast<size_t>(harmonics);
  const size_t p = 2 + 2 * k;
  std::vector<std::vector<double>> xtx(p, std::vector<double>(p, 0.0));
  std::vector<double> xty(p, 0.0);
  for (size_t t = first; t < y.size(); ++t) {
    const std::vector<double> x = regressors(static_cast<double>(t - first), period, k);
    for (size_t i = 0; i < p; ++i) {
      xty[i] += x[i] * y[t];
      for (size_t j = 0; j < p; ++j) xtx[i][j] += x[i] * x[j];
    }
  }
  const std::vector<double> beta = solve(std::move(xtx), std::move(xty));
  FourierSeasonality out;
  out.period = period;
  out.origin = static_cast<double>(first);
  out.coefficients.assign(beta.begin() + 2, beta.end());
  return out;
}

}  // namespace optima::analysis
