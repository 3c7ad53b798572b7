// Usage model: how much each meter consumes in each hour.
//
// Quantities are pure integer functions of (estate, meter, hour) — lifecycles, office-hours
// schedules, a daily and weekly rhythm, seeded noise, slow organic growth and the injected
// anomalies — so any hour can be evaluated independently and the result is identical on every
// platform (no floating point). Thread-safe.
#pragma once

#include <cstdint>

#include "optima/demo/estate.h"

namespace optima::demo {

// Quantity of `meter` in the hour starting at `hour` (10^-9 pricing units); 0 when the meter is
// not running then. `hours_in_month` is the length of the calendar month containing `hour`
// (storage is priced per GB-month and prorated per hour).
int64_t hourly_quantity(const Estate& estate, const Meter& meter, Timestamp hour,
                        int64_t hours_in_month);

// True when the resource exists and (for machines) is running in that hour.
bool resource_running(const Resource& resource, Timestamp hour);

// Mean quantity per hour over the estate window, for sizing estimates (tag calibration, row
// budget, commitment sizing). Ignores noise; includes schedules and lifecycles.
double mean_hourly_quantity(const Estate& estate, const Meter& meter);
// Hours in [from, to) during which the meter produces usage.
int64_t running_hours(const Estate& estate, const Meter& meter, Timestamp from, Timestamp to);

}  // namespace optima::demo
