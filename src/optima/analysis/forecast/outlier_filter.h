// Isolated outliers (a one-day spike of a misconfigured job, a refund) would pull every model
// toward them; forecasts should not chase them. Values far from the median of their seasonal neighbours are
// treated as missing before fitting (the anomaly detector, not the forecaster, reports them).
#pragma once

#include <cstddef>
#include <vector>

namespace optima::analysis {

// Marks as NaN each value farther than 5 robust scales (1.4826·MAD of the residuals) from the
// median of the values at the same seasonal position 1..3 periods before and after it (so a
// weekend dip that recurs every week is kept, a one-off spike is not); returns how many.
// Series shorter than 30 values are left alone. NaN values are skipped. Requires: period >= 1.
size_t remove_isolated_outliers(std::vector<double>* values, size_t period);

}  // namespace optima::analysis
