// Fast text formatting for the demo writers: decimals, integers, timestamps, CSV and JSON cells.
//
// Every function appends to a std::string the writer reuses row after row, so formatting a row
// allocates nothing once the buffer has grown. Decimal values are core::Decimal units (10^-18),
// written exactly. Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "optima/core/decimal.h"
#include "optima/core/time.h"

namespace optima::demo {

using core::Int128;

// Shortest exact plain decimal: "0", "-12.5", "0.00000044".
void append_decimal(std::string& out, Int128 units);
// As Java's BigDecimal.toString(), which AWS uses in CUR files: plain, except that non-zero
// values below 10^-6 in magnitude use E-notation ("4.4E-7").
void append_decimal_java(std::string& out, Int128 units);
// As a JSON number the way BigQuery writes FLOAT64: plain, except that non-zero values below
// 10^-4 in magnitude use E-notation with a two-digit exponent ("5e-06", "1.385e-05").
void append_decimal_json(std::string& out, Int128 units);
// Fixed number of fractional digits, rounded half away from zero: "12.50".
void append_decimal_fixed(std::string& out, Int128 units, int digits);
void append_int(std::string& out, int64_t value);
// Zero-padded to `width` digits. Requires: value >= 0.
void append_padded(std::string& out, int64_t value, int width);

// A CSV cell: quoted (with "" escaping) only when it holds a comma, quote, CR or LF.
void append_csv(std::string& out, std::string_view cell);
// A JSON string literal with quotes; escapes ", \ and control characters.
void append_json_string(std::string& out, std::string_view s);

// "2024-01-31T10:00:00Z" (FOCUS and CUR line items).
void append_iso8601(std::string& out, core::Timestamp t);
// "2024-01-31T10:00:00.000Z" (CUR bill period columns).
void append_iso8601_millis(std::string& out, core::Timestamp t);
// "01/31/2024" (Azure cost details).
void append_mdy(std::string& out, core::Timestamp t);
// "2024-01-31 10:00:00 UTC" (BigQuery TIMESTAMP in JSON exports).
void append_bigquery_timestamp(std::string& out, core::Timestamp t);
// "20240131" (CUR delivery folder names).
void append_compact_date(std::string& out, core::Timestamp t);
// "2024-01-31".
void append_iso_date(std::string& out, core::Timestamp t);

// Convenience wrappers returning a new string.
std::string decimal_text(Int128 units);
std::string iso8601_text(core::Timestamp t);

}  // namespace optima::demo
