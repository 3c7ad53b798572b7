// RowSelector: which rows of a row group pass a query's time range and filters.
//
// Filters are evaluated once per distinct dictionary value of the row group (a pass/fail byte
// per code), then rows are selected by code, so a filter costs one byte lookup per row. Row
// groups whose ChargePeriodStart bounds miss the time range are pruned before loading.
// Immutable after construction and thread-safe to share; each thread brings its own Scratch.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "optima/core/time.h"
#include "optima/focus/table.h"
#include "optima/query/query.h"
#include "optima/store/table_source.h"

namespace optima::query {

// The rows of one row group a query keeps: every row (all) or the listed ones, ascending.
struct Selection {
  bool all = false;
  std::vector<uint32_t> rows;
  size_t size(size_t table_rows) const { return all ? table_rows : rows.size(); }
};

class RowSelector {
 public:
  RowSelector(std::optional<core::Period> time_range, std::vector<Filter> filters);

  // Adds the columns select() reads.
  void add_columns(store::ColumnSelection* columns) const;
  // False when the row group cannot hold a row in the time range (min/max pruning).
  bool may_match(const store::RowGroupInfo& group) const;

  // Per-thread working memory, reused across row groups.
  struct Scratch {
    std::vector<uint32_t> codes;
    std::vector<uint8_t> pass;
  };
  // Fills *out with the rows of `table` in the time range that pass every filter.
  void select(const focus::Table& table, Selection* out, Scratch* scratch) const;

 private:
  struct CompiledFilter {
    Filter filter;
    std::unordered_set<std::string_view> set;  // views into filter.values
  };
  bool matches(const CompiledFilter& f, const std::string* value) const;

  std::optional<core::Period> time_range_;
  std::vector<CompiledFilter> filters_;
};

}  // namespace optima::query
