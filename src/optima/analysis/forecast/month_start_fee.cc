#include "optima/analysis/forecast/month_start_fee.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace optima::analysis {
namespace {

double median_of(std::vector<double> v) {
  if (v.empty()) return 0;
  const size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  double m = v[mid];
  if (v.size() % 2 == 0) {
    m = (m + *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid))) / 2;
  }
  return m;
}

}  // namespace

std::optional<MonthStartFee> detect_month_start_fee(const std::vector<double>& y,
                                                    const std::vector<core::Timestamp>& days) {
  const size_t n = y.size();
  if (n < 45) return std::nullopt;
  std::vector<double> excess(n, 0.0);
  std::vector<double> all;
  for (size_t t = 0; t < n; ++t) {
    std::vector<double> around;
    for (size_t k = (t >= 3 ? t - 3 : 0); k <= std::min(n - 1, t + 3); ++k) {
      if (k != t) around.push_back(y[k]);
    }
    excess[t] = y[t] - median_of(around);
    all.push_back(excess[t]);
  }
  std::vector<double> abs_dev;
  const double centre = median_of(all);
  for (double e : all) abs_dev.push_back(std::fabs(e - centre));
  const double noise = 1.4826 * median_of(abs_dev);
  std::optional<MonthStartFee> best;
  double best_score = 0;
  for (int dom = 1; dom <= 28; ++dom) {
    std::vector<double> ex;
    for (size_t t = 0; t < n; ++t) {
      if (core::date_of(days[t]).day == dom) ex.push_back(excess[t]);
    }
    if (ex.size() < 2) continue;
    const double med = median_of(ex);
    size_t above = 0;
    for (double e : ex) above += e > 4 * noise ? 1 : 0;
    if (med > 4 * noise && med > 0 && static_cast<double>(above) >= 0.75 * static_cast<double>(ex.size()) &&
        med > best_score) {
      best_score = med;
      // The most recent months say most about the current fee.
      const std::vector<double> recent(ex.end() - static_cast<std::ptrdiff_t>(std::min<size_t>(3, ex.size())), ex.end());
      best = MonthStartFee{dom, median_of(recent), static_cast<int>(ex.size())};
    }
  }
  return best;
}

void apply_month_start_fee(const MonthStartFee& fee, const std::vector<core::Timestamp>& days,
                           double sign, std::vector<double>* values) {
  for (size_t t = 0; t < days.size() && t < values->size(); ++t) {
    if (core::date_of(days[t]).day == fee.day_of_month) (*values)[t] += sign * fee.amount;
  }
}

}  // namespace optima::analysis
