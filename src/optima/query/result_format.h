// Rendering a QueryResult as a text table (people), CSV (spreadsheets) or JSON (programs).
//
// Null values print as "(null)" in tables, empty cells in CSV and null in JSON. Money prints
// with 2 decimals in tables only; CSV and JSON carry every value exactly (decimals as plain
// text, in JSON as strings so no consumer rounds them through a double).
#pragma once

#include <string>

#include "optima/query/query_result.h"

namespace optima::query {

// Aligned columns (text left, numbers right), a header naming the currency of money columns
// when it is known ("BilledCost (USD)"), a rule under it, a "Total" line when the
// result has period or dimension columns, then "<n> of <total> rows; <k> rows scanned" and the
// next cursor, if any. Lines end with '\n'.
std::string format_table(const QueryResult& result);

// A header of column names, then one record per row; RFC 4180 quoting; lines end with '\n'.
// Totals, paging and the others flag are not part of the CSV.
std::string format_csv(const QueryResult& result);

// {"columns":[{"name","type","currency"?}], "rows":[{<column>: value, …, "others": true?}],
//  "totals":{<metric>: value}, "total_rows", "next_cursor", "rows_scanned"}; row members in
// column order. indent < 0 is compact.
std::string format_json(const QueryResult& result, int indent = -1);

// One value as text: decimals exact, times "YYYY-MM-DDTHH:MM:SSZ", null as "".
std::string value_text(const Value& value);

}  // namespace optima::query
