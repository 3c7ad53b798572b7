// UtilizationStats: what a recommendation quotes about one metric of one resource over its
// evidence window — mean, p95, max, idle fraction, sample count and the 24×7 hour-of-week
// heatmap — and StatsAccumulator, which computes them in one pass over a series.
//
// Definitions (stated once, used everywhere, checked by tests against a full-sort computation):
//   mean          arithmetic mean of the samples in the window;
//   p95           nearest-rank percentile: the ⌈0.95·n⌉-th smallest sample (1-based);
//   max           largest sample;
//   idle fraction share of samples strictly below the idle threshold;
//   heatmap       mean sample value per hour of week, cell 0 = Monday 00:00–01:00 UTC,
//                 cell 167 = Sunday 23:00–24:00 UTC; cells without samples have count 0.
// Samples outside [window.start, window.end) are ignored.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "optima/core/time.h"
#include "optima/inventory/metric_series.h"

namespace optima::recommend {

inline constexpr int kHoursPerWeek = 168;

struct UtilizationStats {
  std::string metric;              // "cpu_percent"
  std::string statistic;           // the series' own statistic ("average" / "maximum")
  core::Period window;             // the evidence window asked for
  core::Timestamp first_sample;    // of the samples inside the window (0 when none)
  core::Timestamp last_sample;
  int64_t samples = 0;
  int64_t expected_samples = 0;    // window length / series step
  double mean = 0;
  double p95 = 0;
  double max = 0;
  double idle_threshold = 0;       // the threshold idle_fraction was measured against
  double idle_fraction = 0;
  std::array<double, kHoursPerWeek> heatmap_mean{};
  std::array<int32_t, kHoursPerWeek> heatmap_count{};

  // samples / expected_samples, capped at 1 (0 when nothing was expected).
  double coverage() const;
};

// Hour-of-week cell of a timestamp: 0 = Monday 00:00 UTC … 167 = Sunday 23:00 UTC.
int hour_of_week(core::Timestamp t);

// Accumulates one series at a time. Only the current series' in-window values are kept (for
// the exact percentile), so memory is bounded by one series, never by the estate.
// Thread-compatible: use one accumulator per thread.
class StatsAccumulator {
 public:
  // Starts a new series; step_seconds sets expected_samples.
  void reset(std::string metric, std::string statistic, core::Period window, int64_t step_seconds);
  // Adds one sample (ignored when outside the window or not finite).
  void add(core::Timestamp time, double value);
  // The statistics of the samples added since reset(); idle_fraction against idle_threshold.
  UtilizationStats finish(double idle_threshold);

 private:
  UtilizationStats stats_;
  std::vector<double> values_;
  std::array<double, kHoursPerWeek> heat_sum_{};
  double sum_ = 0;
};

// Convenience: the statistics of `series` over `window`.
UtilizationStats compute_stats(const inventory::MetricSeries& series, core::Period window,
                               double idle_threshold, StatsAccumulator* scratch);

}  // namespace optima::recommend
