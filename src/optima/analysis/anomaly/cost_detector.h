// CostDetector: finds spikes, level shifts and slow drifts in one cost series (daily or hourly
// totals), against a seasonal baseline.
//
// Baseline: the median of the same period of the week over the previous four weeks (the
// weekday for daily data, the hour of the week for hourly data), computed on a "clean" copy of
// the series in which anomalous periods are replaced by their baseline, so an event never
// teaches the baseline that it is normal. Residuals are scored against a robust spread (MAD of
// the clean residuals over the last eight weeks). A period opens an event when its robust z
// passes a threshold (spikes, steps) or when a CUSUM of small same-signed residuals does
// (drifts, small shifts; the event then starts where the CUSUM run began), and the change is
// also material (absolute and relative minimum). An event lasts while residuals keep its sign;
// one lasting four weeks at a steady level is adopted as the new normal (a drift still growing
// is not). So a level shift or a drift is reported once, from its start. A short event (spike)
// is given back to the baseline once it is over, so a charge that recurs every week is learned
// after a few weeks; one that recurs on the same day of the month is recognised from the two
// previous months. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <vector>

#include "optima/analysis/anomaly/anomaly.h"
#include "optima/core/decimal.h"

namespace optima::analysis {

struct CostDetectorOptions {
  size_t season = 7;              // periods per week: 7 (daily) or 168 (hourly)
  size_t weeks = 4;               // same-period references in the baseline
  double z_threshold = 4.0;       // robust z opening an event on one period
  double cusum_slack = 1.0;       // CUSUM k, in robust sigmas
  double cusum_threshold = 8.0;   // CUSUM h
  double continue_z = 1.5;        // an event continues while |z| stays above this, same sign
  core::Decimal min_delta = core::Decimal::from_int(1);  // per period, absolute
  double min_relative = 0.05;     // |actual − expected| ≥ this × expected
  // For daily series: index of the same day of the month one and two months earlier (or -1),
  // so a charge posted every month on the same day (taxes, fees) is not a spike. Empty = none.
  std::vector<std::pair<long, long>> month_ago;
};

struct CostEvent {
  size_t start = 0;      // index of the first anomalous period
  size_t length = 0;     // periods
  size_t detected = 0;   // index at which the event was raised
  bool ongoing = false;  // lasts to the end of the series
  AnomalyKind kind = AnomalyKind::kSpike;
  AnomalyDirection direction = AnomalyDirection::kIncrease;
  core::Decimal expected;  // baseline of the first period
  core::Decimal actual;    // mean actual over the event
  core::Decimal impact;    // Σ (actual − baseline) over the event
  double z = 0;            // robust z at detection
};

// Events in time order. Periods before `weeks` weeks of history are never anomalous.
std::vector<CostEvent> detect_cost_events(const std::vector<core::Decimal>& values,
                                          const CostDetectorOptions& options = {});

}  // namespace optima::analysis
