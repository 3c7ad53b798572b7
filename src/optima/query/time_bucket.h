// Time buckets: the start of the hour, day, ISO week (Monday) or month containing a UTC instant.
//
// Both executors bucket ChargePeriodStart the same way (the SQL compiler emits the same
// arithmetic). BucketIndexer maps the times of one row group to small dense bucket indexes so the
// aggregator can group by them without hashing. Not thread-safe; one per worker.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "optima/query/query.h"

namespace optima::query {

// Start of the bucket containing `seconds` (UTC). Requires: g != kNone.
int64_t bucket_start(int64_t seconds, Granularity g);

// Dense bucket indexes for the times of one row group: index 0 is the null time, 1.. are the
// buckets between the smallest and largest time seen in reset().
class BucketIndexer {
 public:
  // Prepares for times in [min_seconds, max_seconds] (both non-null). Returns false when that
  // span holds more than `max_buckets` buckets (the caller then buckets row by row).
  bool reset(Granularity g, int64_t min_seconds, int64_t max_seconds, uint32_t max_buckets);
  // Prepares for a row group whose times are all null (only index 0).
  void reset_all_null();
  // Number of indexes including the null index 0.
  uint32_t cardinality() const { return static_cast<uint32_t>(starts_.size()); }
  // Requires: seconds is kNullTime or within the reset() span.
  uint32_t index(int64_t seconds);
  // out[k] = index(times[rows[k]]) for k < n (times[k] when rows is null), with the bucket
  // width a compile-time constant so no row pays a division instruction.
  // Requires: as index() for each of those times.
  void index_batch(const int64_t* times, const uint32_t* rows, size_t n, uint32_t* out);
  // Bucket start for an index; kNullTime for 0.
  int64_t start(uint32_t index) const { return starts_[index]; }

 private:
  Granularity granularity_ = Granularity::kNone;
  int64_t width_ = 0;  // seconds per bucket for hour/day/week; 0 for month
  std::vector<int64_t> starts_;
  uint32_t last_ = 1;  // month lookups start from the previous hit
};

}  // namespace optima::query
