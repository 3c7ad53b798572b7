// The ClickHouse executor's compiler: a Query as ClickHouse SQL over one FOCUS table.
//
// Table layout (docs/query-model.md): one column per FOCUS column under its FOCUS name, every
// one Nullable — strings Nullable(String), metrics Nullable(Decimal128(18)), date/times
// Nullable(DateTime('UTC')) — with Tags as parallel arrays tag_keys / tag_values and x_
// columns as parallel arrays x_names / x_values (a null cell is left out of the arrays).
//
// The SQL sticks to what ClickHouse 18.16 and current versions both accept: no window
// functions, no JSON functions, top-N through an IN subquery, LIMIT offset, count. Results are
// the same as the embedded executor's: same buckets, same null rules, same total order (metrics
// are ordered by toFloat64 first only to avoid 18.16's slow Decimal sort; the exact decimal
// breaks float ties). Every value is a string literal escaped for ClickHouse, so filter values
// cannot change the statement.
#pragma once

#include <string>
#include <string_view>

#include "optima/core/status.h"
#include "optima/query/query.h"

namespace optima::query {

struct ClickHouseOptions {
  std::string table = "focus";  // [database.]table, identifier characters only
};

// Result columns of `rows`, in order: "period" (UInt32/Int64 unix seconds of the bucket start,
// when the query has a granularity), d0… (group_by values, Nullable(String); NULL on others
// rows, except the currency dimensions of kept_in_others()), m0… (metrics:
// Nullable(Decimal128(18)) sums, UInt64 for row_count), then is_others (UInt8) when the query
// asks for others. `totals` returns one row of m0…, then for each currency_columns(query)[i]
// c<i> (Array(String): its distinct non-null values) and n<i> (UInt64: rows where it is null).
// The caller builds SeenCurrencies from c<i> / n<i> and calls apply_currency_rule() before
// returning rows, as the embedded executor does.
struct ClickHouseSql {
  std::string rows;
  std::string totals;
};

// Compiles `query`. Errors: InvalidArgument when validate_query() fails or the table name is
// not an identifier.
core::Result<ClickHouseSql> compile_clickhouse(const Query& query,
                                               const ClickHouseOptions& options = {});

// `text` as a ClickHouse string literal: single-quoted, with backslash, quote and control
// characters escaped.
std::string clickhouse_string_literal(std::string_view text);

// The column definitions of the table layout above, one per line, comma-separated (for a
// CREATE TABLE statement).
std::string clickhouse_column_definitions();

}  // namespace optima::query
