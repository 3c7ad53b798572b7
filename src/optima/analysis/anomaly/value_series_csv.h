// ValueSeries CSV: the `timestamp,value` files NAB and `cloudoptima anomalies score` read, and
// the `timestamp,value,anomaly_score` files they write.
//
// The reader is strict: a header naming `timestamp` and `value` (other columns are ignored),
// then one row per point in time order. Every error names the file, the row (1-based, header =
// row 1), the column, what was expected and what was found. Plain functions, thread-safe.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "optima/core/status.h"
#include "optima/core/time.h"

namespace optima::analysis {

struct ValueSeries {
  std::vector<core::Timestamp> times;  // non-decreasing (NAB files repeat a few times)
  std::vector<double> values;
};

// Parses CSV text; `name` (the file) prefixes every error. Errors (InvalidArgument): empty
// input, header without `timestamp` or `value`, a row with too few fields, a timestamp that
// does not parse or goes back in time, a value that is not a finite number.
core::Result<ValueSeries> parse_value_series_csv(std::string_view text, std::string_view name);

// Reads and parses a file (gzip allowed). Errors: as parse_value_series_csv, IoError.
core::Result<ValueSeries> read_value_series_csv(const std::filesystem::path& path);

// `timestamp,value,anomaly_score` with timestamps "YYYY-MM-DD HH:MM:SS" (NAB's spelling), values
// in shortest round-trip form and scores with 6 decimals.
// Requires: scores.size() == series.values.size().
std::string format_scored_csv(const ValueSeries& series, const std::vector<double>& scores);

}  // namespace optima::analysis
