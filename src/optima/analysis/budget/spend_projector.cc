#include "optima/analysis/budget/spend_projector.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

namespace optima::analysis {
namespace {

// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
int weekday_of(core::Timestamp day) {
  const int64_t days = day.unix_seconds / core::kSecondsPerDay;
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

// A double rounded to the Decimal's 18 places (projections are statistics, not sums).
core::Decimal decimal_of(double value) {
  core::Decimal out;
  if (!core::Decimal::parse(fmt::format("{:.6f}", value), &out)) return core::Decimal();
  return out;
}

constexpr double kZ80 = 1.2816;

struct Line {
  double a = 0;  // value at x = 0
  double b = 0;  // change per day
  double at(double x) const { return a + b * x; }
};

// Least squares through y[i] / factor[weekday] at x = i; with_trend false gives the mean.
Line fit_line(const std::vector<DailySpend>& window, const std::vector<double>& y,
              const std::array<double, 7>& factor, bool with_trend) {
  const size_t n = y.size();
  Line line;
  if (n == 0) return line;
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (size_t i = 0; i < n; ++i) {
    const double x = static_cast<double>(i);
    const double z = y[i] / factor[static_cast<size_t>(weekday_of(window[i].day))];
    sx += x;
    sy += z;
    sxx += x * x;
    sxy += x * z;
  }
  const double dn = static_cast<double>(n);
  line.a = sy / dn;
  const double denom = dn * sxx - sx * sx;
  if (with_trend && denom != 0) {
    line.b = (dn * sxy - sx * sy) / denom;
    line.a = (sy - line.b * sx) / dn;
  }
  return line;
}

}  // namespace

core::Result<SpendProjection> DailyPaceProjector::project(const std::vector<DailySpend>& history,
                                                          core::Timestamp first_day,
                                                          core::Timestamp period_end) const {
  if (first_day.unix_seconds % core::kSecondsPerDay != 0 || first_day > period_end)
    return core::invalid_argument(fmt::format(
        "projection: first day {} must be midnight UTC and not after the period end {}",
        core::format_iso8601(first_day), core::format_iso8601(period_end)));
  SpendProjection out;
  out.model = "daily_pace_weekday";
  const size_t n = std::min(history.size(), static_cast<size_t>(std::max(window_days_, 1)));
  const std::vector<DailySpend> window(history.end() - static_cast<std::ptrdiff_t>(n),
                                       history.end());
  std::vector<double> y(n);
  for (size_t i = 0; i < n; ++i) y[i] = window[i].amount.to_double();

  // A line through the raw values, then weekday factors from the values over that line
  // (so a trend does not pass for a weekday effect), then the line again through the
  // weekday-adjusted values. Factors need every weekday twice; the trend needs two weeks.
  std::array<double, 7> factor{1, 1, 1, 1, 1, 1, 1};
  Line line = fit_line(window, y, factor, n >= 14);
  // Alternating a few times converges: each pass removes the trend the weekday pattern of the
  // window's edges put into the line.
  for (int pass = 0; n >= 14 && pass < 4; ++pass) {
    std::array<double, 7> ratio_sum{};
    std::array<int, 7> count{};
    for (size_t i = 0; i < n; ++i) {
      const double base = line.at(static_cast<double>(i));
      if (base <= 0) continue;
      const auto w = static_cast<size_t>(weekday_of(window[i].day));
      ratio_sum[w] += y[i] / base;
      ++count[w];
    }
    bool complete = true;
    double mean_factor = 0;
    for (size_t w = 0; w < 7; ++w) {
      complete = complete && count[w] >= 2;
      factor[w] = count[w] > 0 ? ratio_sum[w] / count[w] : 1;
      mean_factor += factor[w] / 7;
    }
    if (!complete || mean_factor <= 0) {
      factor.fill(1);
      break;
    }
    for (double& f : factor) f = std::clamp(f / mean_factor, 0.05, 5.0);
    line = fit_line(window, y, factor, true);
  }
  const double a = line.a;
  const double b = line.b;
  auto fitted = [&](double x, core::Timestamp day) {
    return std::max(0.0, (a + b * x) * factor[static_cast<size_t>(weekday_of(day))]);
  };
  double residual_sq = 0;
  for (size_t i = 0; i < n; ++i) {
    const double r = y[i] - fitted(static_cast<double>(i), window[i].day);
    residual_sq += r * r;
  }
  const double sigma = n > 1 ? std::sqrt(residual_sq / static_cast<double>(n - 1)) : 0;

  // x of first_day: the window's last day is n - 1, and first_day follows it (gaps counted).
  const int64_t offset =
      n == 0 ? 0 : (first_day.unix_seconds - window.back().day.unix_seconds) / core::kSecondsPerDay;
  size_t days = 0;
  for (core::Timestamp d = first_day; d < period_end;
       d.unix_seconds += core::kSecondsPerDay, ++days) {
    const double x = static_cast<double>(n) - 1 + static_cast<double>(offset) +
                     static_cast<double>(days);
    const core::Decimal value = n == 0 ? core::Decimal() : decimal_of(fitted(x, d));
    out.days.push_back({d, value});
    out.remaining += value;
  }
  const core::Decimal half = decimal_of(kZ80 * sigma * std::sqrt(static_cast<double>(days)));
  out.remaining_low = std::max(core::Decimal(), out.remaining - half);
  out.remaining_high = out.remaining + half;
  return out;
}

}  // namespace optima::analysis
