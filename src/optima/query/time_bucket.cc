#include "optima/query/time_bucket.h"

#include <algorithm>

#include "optima/focus/table.h"

namespace optima::query {

namespace {

constexpr int64_t kHour = 3600;
constexpr int64_t kWeek = 7 * core::kSecondsPerDay;

int64_t floor_div(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// 1970-01-01 was a Thursday; Monday-based weeks are offset by 3 days.
constexpr int64_t kMondayOffsetDays = 3;

// Bucket indexes of fixed-width buckets starting at `first`; the constant width lets the
// compiler divide by multiplying. Null times get index 0.
template <int64_t kWidth>
void fixed_indexes(const int64_t* times, const uint32_t* rows, size_t n, int64_t first,
                   uint32_t* out) {
  auto index_of = [first](int64_t t) {
    // Times within the span are >= first, so the unsigned division is the floor; the
    // subtraction is unsigned so that a null time (whose result is discarded) cannot overflow.
    const uint64_t offset = static_cast<uint64_t>(t) - static_cast<uint64_t>(first);
    const auto i = static_cast<uint32_t>(offset / static_cast<uint64_t>(kWidth)) + 1;
    return t == focus::kNullTime ? 0u : i;
  };

  if (rows == nullptr) {
    for (size_t k = 0; k < n; ++k)
      out[k] = index_of(times[k]);
  } else {
    for (size_t k = 0; k < n; ++k)
      out[k] = index_of(times[rows[k]]);
  }
}

}  // namespace

int64_t bucket_start(int64_t seconds, Granularity g) {
  switch (g) {
    case Granularity::kHour:
      return floor_div(seconds, kHour) * kHour;
    case Granularity::kDay:
      return floor_div(seconds, core::kSecondsPerDay) * core::kSecondsPerDay;
    case Granularity::kWeek: {
      const int64_t days = floor_div(seconds, core::kSecondsPerDay);
      return (days - (((days + kMondayOffsetDays) % 7) + 7) % 7) * core::kSecondsPerDay;
    }
    case Granularity::kMonth:
      return core::start_of_month({seconds}).unix_seconds;
    case Granularity::kNone:
      break;
  }
  return seconds;
}

bool BucketIndexer::reset(Granularity g, int64_t min_seconds, int64_t max_seconds,
                          uint32_t max_buckets) {
  granularity_ = g;
  starts_.assign(1, focus::kNullTime);
  last_ = 1;
  const int64_t first = bucket_start(min_seconds, g);
  const int64_t last = bucket_start(max_seconds, g);
  switch (g) {
    case Granularity::kHour:
      width_ = kHour;
      break;
    case Granularity::kDay:
      width_ = core::kSecondsPerDay;
      break;
    case Granularity::kWeek:
      width_ = kWeek;
      break;
    default:
      width_ = 0;
      break;
  }
  if (width_ > 0) {
    // Divide before subtracting, so absurd spans cannot overflow.
    const int64_t count = floor_div(last, width_) - floor_div(first, width_) + 1;
    if (count > static_cast<int64_t>(max_buckets))
      return false;
    for (int64_t i = 0; i < count; ++i)
      starts_.push_back(first + i * width_);
    return true;
  }
  const core::CivilDate a = core::date_of({first});
  const core::CivilDate b = core::date_of({last});
  const int64_t count = (static_cast<int64_t>(b.year) - a.year) * 12 + (b.month - a.month) + 1;
  if (count > static_cast<int64_t>(max_buckets))
    return false;
  for (int64_t i = 0; i < count; ++i) {
    starts_.push_back(core::add_months({first}, static_cast<int>(i)).unix_seconds);
  }
  return true;
}

void BucketIndexer::reset_all_null() {
  starts_.assign(1, focus::kNullTime);
  width_ = 0;
  last_ = 1;
}

uint32_t BucketIndexer::index(int64_t seconds) {
  if (seconds == focus::kNullTime)
    return 0;
  if (width_ > 0) {
    return static_cast<uint32_t>((seconds - starts_[1]) / width_) + 1;
  }
  // Months: rows of a group are mostly in one month, so try the previous hit first.
  const auto n = static_cast<uint32_t>(starts_.size());
  if (seconds >= starts_[last_] && (last_ + 1 == n || seconds < starts_[last_ + 1]))
    return last_;
  const auto it = std::upper_bound(starts_.begin() + 1, starts_.end(), seconds);
  last_ = static_cast<uint32_t>(it - starts_.begin()) - 1;
  return last_;
}

void BucketIndexer::index_batch(const int64_t* times, const uint32_t* rows, size_t n,
                                uint32_t* out) {
  const int64_t first = starts_.size() > 1 ? starts_[1] : 0;
  switch (width_) {
    case kHour:
      fixed_indexes<kHour>(times, rows, n, first, out);
      return;
    case core::kSecondsPerDay:
      fixed_indexes<core::kSecondsPerDay>(times, rows, n, first, out);
      return;
    case kWeek:
      fixed_indexes<kWeek>(times, rows, n, first, out);
      return;
    default:
      break;
  }
  for (size_t k = 0; k < n; ++k)
    out[k] = index(times[rows == nullptr ? k : rows[k]]);
}

}  // namespace optima::query
