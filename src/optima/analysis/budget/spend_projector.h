// SpendProjector: projects the end-of-period spend of a budget from its daily history; and
// DailyPaceProjector, the built-in projection (a daily pace with a linear trend and weekday
// seasonality), behind that small interface so a forecasting model can replace it.
#pragma once

#include <string>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/status.h"
#include "optima/core/time.h"

namespace optima::analysis {

// The spend of one UTC day.
struct DailySpend {
  core::Timestamp day;  // midnight UTC
  core::Decimal amount;
  friend bool operator==(const DailySpend&, const DailySpend&) = default;
};

struct SpendProjection {
  // One projected value per day of [first_day, period end), in order.
  std::vector<DailySpend> days;
  core::Decimal remaining;       // the sum of `days`
  core::Decimal remaining_low;   // ~80% interval of `remaining`
  core::Decimal remaining_high;
  std::string model;  // e.g. "daily_pace_weekday"
};

// Thread-safe implementations are expected (stateless or immutable).
class SpendProjector {
 public:
  virtual ~SpendProjector() = default;
  // Projects the spend of each day in [first_day, period_end) from `history`: complete days
  // before first_day, oldest first, consecutive (missing days are zero). Requires:
  // first_day is midnight UTC and first_day <= period_end. An empty history projects zeros.
  virtual core::Result<SpendProjection> project(const std::vector<DailySpend>& history,
                                                core::Timestamp first_day,
                                                core::Timestamp period_end) const = 0;
};

// The daily pace of the last `window_days` days (default 28): a least-squares line through the
// weekday-adjusted daily spend, times the weekday's factor. The trend is used only with at least
// two weeks of history, and weekday factors only with at least two of each weekday; with less,
// the projection is the mean daily spend. Projected days are never negative. The interval is
// ±1.2816 residual standard deviations × √(days) (80% for independent daily errors).
class DailyPaceProjector final : public SpendProjector {
 public:
  explicit DailyPaceProjector(int window_days = 28) : window_days_(window_days) {}
  core::Result<SpendProjection> project(const std::vector<DailySpend>& history,
                                        core::Timestamp first_day,
                                        core::Timestamp period_end) const override;

 private:
  int window_days_;
};

}  // namespace optima::analysis
