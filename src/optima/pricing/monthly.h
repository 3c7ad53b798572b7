// The one hours-per-month convention every saving uses: a month is 730 hours (8,760 / 12), as
// AWS, Azure and GCP pricing pages do. Monthly = hourly × 730; a year = 12 months.
#pragma once

#include "optima/core/decimal.h"

namespace optima::pricing {

inline constexpr int kHoursPerMonth = 730;
inline constexpr int kHoursPerYear = 8760;

// hourly × 730, exact.
inline core::Decimal monthly_from_hourly(core::Decimal hourly) {
  return core::Decimal::multiply(hourly, core::Decimal::from_int(kHoursPerMonth));
}

}  // namespace optima::pricing
