// QueryResult: what either executor returns for a Query — typed columns, the page of rows,
// totals, and the cursor of the next page.
//
// Columns are, in order: "period" (when the query has a granularity), the group_by dimensions,
// then the metrics. Values are exact (money is core::Decimal). Plain value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/time.h"
#include "optima/query/query.h"

namespace optima::query {

// kMoney: a cost column in the billing currency; kDecimal: quantities and unit prices;
// kInteger: row_count; kTime: the bucket start; kString: dimension values.
enum class ValueType { kTime, kString, kMoney, kDecimal, kInteger };

std::string_view value_type_name(ValueType type);

// std::monostate is null.
using Value = std::variant<std::monostate, std::string, core::Decimal, int64_t, core::Timestamp>;

struct ResultColumn {
  std::string name;
  ValueType type = ValueType::kString;
  // kMoney only: the currency of every value ("USD") when the matched rows are all in one;
  // empty when it is unknown (rows without a currency) or the rows are grouped by currency and
  // hold several (apply_currency_rule).
  std::string currency;
  friend bool operator==(const ResultColumn&, const ResultColumn&) = default;
};

struct ResultRow {
  std::vector<Value> values;  // one per column
  bool others = false;        // the "(others)" group of top_n + others; dimensions read "(others)"
  friend bool operator==(const ResultRow&, const ResultRow&) = default;
};

struct QueryResult {
  std::vector<ResultColumn> columns;
  std::vector<ResultRow> rows;  // this page
  std::vector<Value> totals;    // per column: the metric over every matching row; null for
                                // period and dimension columns
  uint64_t total_rows = 0;      // rows of the whole result, all pages
  std::optional<std::string> next_cursor;
  uint64_t rows_scanned = 0;  // rows in the row groups read (after pruning)
  // What the reader must know to trust the figures, e.g. sums beyond the exact range shown null.
  std::vector<std::string> warnings;
  friend bool operator==(const QueryResult&, const QueryResult&) = default;
};

// The result columns of a query. Requires: validate_query(query) is ok.
std::vector<ResultColumn> result_columns(const Query& query);

}  // namespace optima::query
