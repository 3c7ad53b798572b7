// TimeSeries: a regular series with one value per period of a granularity (hour, day, ISO week
// starting Monday, calendar month), the input of forecasting and anomaly detection.
//
// Periods are consecutive; a period without data is NaN (missing), never silently zero. Period
// starts are the query model's time buckets (query::bucket_start), so a series built from a
// query result and one built from a CSV line up. Plain value type, thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "optima/core/time.h"
#include "optima/query/query.h"

namespace optima::analysis {

using query::Granularity;

struct TimeSeries {
  Granularity granularity = Granularity::kDay;
  std::vector<core::Timestamp> times;  // period starts, consecutive, times.size() == values.size()
  std::vector<double> values;          // NaN marks a missing period

  size_t size() const { return values.size(); }
  bool empty() const { return values.empty(); }
};

// Start of the period of `g` containing t. Requires: g != kNone.
core::Timestamp period_start(core::Timestamp t, Granularity g);
// Start of the period `n` periods after the one starting at `start` (n may be negative).
// Requires: start is a period start of g.
core::Timestamp advance_periods(core::Timestamp start, Granularity g, int64_t n);
// Number of whole periods from `from` to `to`, both period starts of g (negative if to < from).
int64_t periods_between(core::Timestamp from, core::Timestamp to, Granularity g);

// The seasonal periods worth modelling at a granularity, shortest first: hour {24, 168},
// day {7, 365} (the yearly cycle is modelled with Fourier terms), week {52}, month {12}.
std::vector<int> natural_periods(Granularity g);

// Number of NaN values.
size_t count_missing(const TimeSeries& series);

}  // namespace optima::analysis
