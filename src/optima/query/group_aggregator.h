// GroupAggregator: exact sums of a query's metrics per group (time bucket × group_by values).
//
// Works a row group at a time on dictionary codes: each dimension's local codes and the local
// bucket index combine into one small integer per row, and only the distinct combinations seen
// in the row group are looked up in the group table (and their strings interned) — never a
// string per row. When the combinations are too many for a dense array it falls back to one
// group-table lookup per row. The distinct strings of a row group are interned in one batch per
// dimension (overlapping their cache misses). Sums are 128-bit integers of 10^-18 units, so they
// are exact, and a group whose sum leaves that range is known (carries), never wrapped
// silently; with few groups they go through interleaved partial sums, so that consecutive rows
// of one group do not wait on each other's stores. Not thread-safe: each worker owns one and
// the results are merged.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/focus/table.h"
#include "optima/query/dimension_codes.h"
#include "optima/query/query.h"
#include "optima/query/row_selector.h"
#include "optima/query/string_interner.h"
#include "optima/query/time_bucket.h"
#include "optima/store/table_source.h"

namespace optima::query {

class GroupAggregator {
 public:
  // Requires: validate_query(query) is ok.
  explicit GroupAggregator(const Query& query);

  // Adds the columns add() reads: metrics, group_by dimensions, ChargePeriodStart if bucketed.
  static void add_columns(const Query& query, store::ColumnSelection* columns);

  // Per-thread working memory, reused across row groups.
  struct Scratch {
    std::vector<std::vector<uint32_t>> code_storage;  // per dimension, for computed codes
    std::vector<DimensionCodes> dimensions;
    std::vector<std::vector<uint32_t>> translations;  // per dimension: local code → id
    std::vector<uint8_t> used;                        // per local code of one dimension
    std::vector<uint32_t> used_codes;
    std::vector<std::string_view> used_values;
    std::vector<uint32_t> used_ids;
    BucketIndexer buckets;
    std::vector<uint32_t> slot_of_row;    // dense combination per selected row
    std::vector<uint32_t> group_of_slot;  // dense combination → group
    std::vector<uint32_t> group_of_row;   // group per selected row
  };
  // Aggregates the selected rows of one row group.
  void add(const focus::Table& table, const Selection& rows, Scratch* scratch);
  // Adds every group of `other` (built for the same query) into this one.
  void merge(const GroupAggregator& other);
  // For a query without granularity and group_by: makes sure its one group exists, so the
  // result has one row even when no row matched (as SQL aggregation without GROUP BY does).
  void ensure_single_group();

  size_t group_count() const { return counts_.size(); }
  // The group's bucket start (UTC seconds), kNullTime for rows without ChargePeriodStart.
  // Requires: the query has a granularity.
  int64_t bucket(size_t group) const { return static_cast<int64_t>(keys_[group * width_]); }
  // The group's value id for group_by dimension d; 0 is null.
  uint32_t dimension_id(size_t group, size_t d) const {
    return static_cast<uint32_t>(keys_[group * width_ + (bucketed_ ? 1 : 0) + d]);
  }
  // Requires: id != 0.
  std::string_view dimension_value(size_t d, uint32_t id) const { return interners_[d].value(id); }
  // Sum of metric m over the group's rows (in 10^-18 units). Requires: metric m is a column.
  core::Int128 sum(size_t m, size_t group) const { return sums_[m][group]; }
  // Rows in the group, and rows where metric m was null.
  int64_t count(size_t group) const { return counts_[group]; }
  int64_t null_count(size_t m, size_t group) const { return null_counts_[m][group]; }
  // The exact sum of metric m over the group is sum(m, group) + carries(m, group) × 2^128: non-zero
  // carries mean it is beyond the 128-bit range (about ±1.7e20, e.g. Google's storage
  // byte-seconds over days) and cannot be shown.
  int64_t carries(size_t m, size_t group) const { return carries_[m][group]; }

 private:
  static constexpr uint32_t kUnset = 0xffffffffu;

  // Interns the values of dimension d that the selected rows use; fills s->translations[d].
  void translate_dimension(const Selection& rows, size_t selected, size_t d, Scratch* s);
  uint32_t resolve_slot(Scratch* s, uint32_t slot, const std::vector<uint32_t>& cardinalities);
  uint32_t find_or_add(const uint64_t* key);
  uint32_t add_group(const uint64_t* key, uint64_t hash);
  void grow_table();
  void accumulate(const focus::Table& table, const Selection& rows, const uint32_t* groups);

  std::vector<Dimension> dimensions_;
  std::vector<Metric> metrics_;
  Granularity granularity_;
  bool bucketed_;
  size_t width_;  // key words per group: bucket (if any) + one per dimension

  std::vector<StringInterner> interners_;  // per dimension
  std::vector<uint64_t> keys_;             // width_ words per group
  std::vector<uint64_t> hashes_;           // per group (hashed layouts only)
  std::vector<uint32_t> table_;            // open addressing: group + 1, 0 = empty
  uint64_t mask_ = 0;
  std::vector<uint32_t> direct_;  // single dimension, no buckets: id → group

  std::vector<int64_t> counts_;
  std::vector<std::vector<core::Int128>> sums_;    // per metric, per group
  std::vector<std::vector<int64_t>> null_counts_;  // per metric, per group
  std::vector<std::vector<int64_t>> carries_;       // per metric, per group: wraps of the sum

  // Interleaved partial accumulators of accumulate(), reused across row groups.
  std::vector<int64_t> count_banks_;
  std::vector<core::Int128> sum_banks_;
};

}  // namespace optima::query
