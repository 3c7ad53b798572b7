// Detection of a recurring day-of-month spike in a daily series (commitment and support fees
// billed on the 1st, licence renewals on the 15th). The fee is removed before modelling and
// added back on the forecast days that fall on that day of the month.
#pragma once

#include <optional>
#include <vector>

#include "optima/analysis/forecast/forecast_types.h"

namespace optima::analysis {

// Looks for the day of the month whose value stands above its neighbours (median of ±3 days)
// in at least 75% of the months seen (>= 2) by more than 4 robust noise scales. Returns the
// median excess as the fee. Requires: y has no NaN; `days` are the period starts of y.
std::optional<MonthStartFee> detect_month_start_fee(const std::vector<double>& y,
                                                    const std::vector<core::Timestamp>& days);

// Subtracts (sign −1) or adds (+1) the fee on the days falling on its day of the month.
void apply_month_start_fee(const MonthStartFee& fee, const std::vector<core::Timestamp>& days,
                           double sign, std::vector<double>* values);

}  // namespace optima::analysis
