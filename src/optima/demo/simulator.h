// The billing simulator: turns the estate's usage into charges, one cloud and one billing
// period at a time.
//
// For every hour it evaluates each running meter, lets commitments absorb eligible usage the
// way the providers apply them (reserved instances, reservations and CUDs first by matching
// size and region, then savings plans by dollars per hour), and accumulates the results into
// charge periods (days or hours). At the end of the period it adds the monthly items: RI fees,
// reservation and savings-plan purchases, upfront fees, refunds, discounts, tax, credits and
// corrections. Periods are independent, so they can run on different threads; the estate is
// only read. Google Cloud periods are US Pacific invoice months.
#pragma once

#include <cstdint>

#include "optima/core/status.h"
#include "optima/demo/charge.h"
#include "optima/demo/estate.h"

namespace optima::demo {

struct PeriodRun {
  uint32_t period = 0;        // index into Estate::periods
  Timestamp data_end;         // simulate usage up to here (exclusive)
  bool late_adjustments = true;  // corrections and refunds that arrive after the month closes
};

// [start, end) of a cloud's billing period: the UTC calendar month, or for Google Cloud the
// invoice month in US Pacific time; clipped to the estate window.
core::Period billing_period(const Estate& estate, Cloud cloud, uint32_t period);

// Emits the charges of one cloud's billing period in time order. Errors come only from the
// sink.
core::Status simulate_period(const Estate& estate, Cloud cloud, const PeriodRun& run,
                             ChargeSink& sink);

// US Pacific midnight of a calendar date, as a UTC instant (07:00Z or 08:00Z).
Timestamp pacific_midnight(core::CivilDate date);

}  // namespace optima::demo
