// StatsAccumulator: one pass per series; the percentile uses nth_element on the kept values.
#include "optima/recommend/utilization_stats.h"

#include <algorithm>
#include <cmath>

namespace optima::recommend {

double UtilizationStats::coverage() const {
  if (expected_samples <= 0) return 0;
  return std::min(1.0, static_cast<double>(samples) / static_cast<double>(expected_samples));
}

int hour_of_week(core::Timestamp t) {
  const int64_t days = (t.unix_seconds >= 0 ? t.unix_seconds : t.unix_seconds - 86399) / 86400;
  // 1970-01-01 was a Thursday: Monday-based weekday = (days + 3) mod 7.
  const int64_t weekday = ((days + 3) % 7 + 7) % 7;
  const int64_t hour = (t.unix_seconds - days * 86400) / 3600;
  return static_cast<int>(weekday * 24 + hour);
}

void StatsAccumulator::reset(std::string metric, std::string statistic, core::Period window,
                             int64_t step_seconds) {
  stats_ = UtilizationStats{};
  stats_.metric = std::move(metric);
  stats_.statistic = std::move(statistic);
  stats_.window = window;
  const int64_t length = window.end.unix_seconds - window.start.unix_seconds;
  stats_.expected_samples = step_seconds > 0 && length > 0 ? length / step_seconds : 0;
  values_.clear();
  heat_sum_.fill(0);
  sum_ = 0;
}

void StatsAccumulator::add(core::Timestamp time, double value) {
  if (!stats_.window.contains(time) || !std::isfinite(value)) return;
  if (stats_.samples == 0) {
    stats_.first_sample = time;
    stats_.max = value;
  }
  stats_.last_sample = std::max(stats_.last_sample, time);
  stats_.first_sample = std::min(stats_.first_sample, time);
  ++stats_.samples;
  sum_ += value;
  stats_.max = std::max(stats_.max, value);
  const int cell = hour_of_week(time);
  heat_sum_[static_cast<size_t>(cell)] += value;
  ++stats_.heatmap_count[static_cast<size_t>(cell)];
  values_.push_back(value);
}

UtilizationStats StatsAccumulator::finish(double idle_threshold) {
  UtilizationStats out = stats_;
  out.idle_threshold = idle_threshold;
  const int64_t n = out.samples;
  if (n > 0) {
    out.mean = sum_ / static_cast<double>(n);
    int64_t below = 0;
    for (double v : values_) below += v < idle_threshold ? 1 : 0;
    out.idle_fraction = static_cast<double>(below) / static_cast<double>(n);
    // Nearest rank: k = ceil(0.95 n), computed in integers to avoid 0.95·n rounding.
    const int64_t rank = (95 * n + 99) / 100;
    auto nth = values_.begin() + (rank - 1);
    std::nth_element(values_.begin(), nth, values_.end());
    out.p95 = *nth;
    for (size_t i = 0; i < out.heatmap_mean.size(); ++i) {
      out.heatmap_mean[i] =
          out.heatmap_count[i] > 0 ? heat_sum_[i] / static_cast<double>(out.heatmap_count[i]) : 0;
    }
  }
  return out;
}

UtilizationStats compute_stats(const inventory::MetricSeries& series, core::Period window,
                               double idle_threshold, StatsAccumulator* scratch) {
  scratch->reset(series.metric, series.statistic, window, series.step_seconds);
  for (const auto& s : series.samples) scratch->add(s.time, s.value);
  return scratch->finish(idle_threshold);
}

}  // namespace optima::recommend
