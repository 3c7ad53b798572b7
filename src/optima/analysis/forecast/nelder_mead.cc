#include "optima/analysis/forecast/nelder_mead.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>

namespace optima::analysis {

std::vector<double> nelder_mead(const std::function<double(const std::vector<double>&)>& f,
                                std::vector<double> start, const std::vector<double>& steps,
                                const NelderMeadOptions& options, double* best_value) {
  const size_t d = start.size();
  std::vector<std::vector<double>> pts(d + 1, start);
  std::vector<double> vals(d + 1);
  for (size_t i = 0; i < d; ++i) pts[i + 1][i] += steps[i];
  int evals = 0;
  auto eval = [&](const std::vector<double>& x) {
    ++evals;
    const double v = f(x);
    return std::isfinite(v) ? v : 1e300;
  };
  for (size_t i = 0; i <= d; ++i) vals[i] = eval(pts[i]);
  std::vector<size_t> order(d + 1);
  std::vector<double> centroid(d), trial(d), trial2(d);
  while (evals < options.max_evaluations) {
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return vals[a] < vals[b]; });
    const size_t best = order.front();
    const size_t worst = order.back();
    const size_t second = order[d - 1];
    if (std::fabs(vals[worst] - vals[best]) <=
        options.tolerance * (std::fabs(vals[best]) + options.tolerance)) {
      break;
    }
    std::fill(centroid.begin(), centroid.end(), 0.0);
    for (size_t i = 0; i <= d; ++i) {
      if (i == worst) continue;
      for (size_t k = 0; k < d; ++k) centroid[k] += pts[i][k] / static_cast<double>(d);
    }
    for (size_t k = 0; k < d; ++k) trial[k] = centroid[k] + (centroid[k] - pts[worst][k]);
    const double fr = eval(trial);
    if (fr < vals[best]) {
      for (size_t k = 0; k < d; ++k) trial2[k] = centroid[k] + 2.0 * (centroid[k] - pts[worst][k]);
      const double fe = eval(trial2);
      if (fe < fr) {
        pts[worst] = trial2;
        vals[worst] = fe;
      } else {
        pts[worst] = trial;
        vals[worst] = fr;
      }
    } else if (fr < vals[second]) {
      pts[worst] = trial;
      vals[worst] = fr;
    } else {
      const bool outside = fr < vals[worst];
      for (size_t k = 0; k < d; ++k) {
        trial2[k] = outside ? centroid[k] + 0.5 * (trial[k] - centroid[k])
                            : centroid[k] + 0.5 * (pts[worst][k] - centroid[k]);
      }
      const double fc = eval(trial2);
      if (fc < std::min(fr, vals[worst])) {
        pts[worst] = trial2;
        vals[worst] = fc;
      } else {
        for (size_t i = 0; i <= d; ++i) {
          if (i == best) continue;
          for (size_t k = 0; k < d; ++k) pts[i][k] = pts[best][k] + 0.5 * (pts[i][k] - pts[best][k]);
          vals[i] = eval(pts[i]);
        }
      }
    }
  }
  const size_t best = static_cast<size_t>(std::min_element(vals.begin(), vals.end()) - vals.begin());
  if (best_value != nullptr) *best_value = vals[best];
  return pts[best];
}

}  // namespace optima::analysis
