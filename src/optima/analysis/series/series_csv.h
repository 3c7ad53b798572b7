// Reading a series from a two-or-more column CSV file (time, value), as users export them from
// spreadsheets and other tools.
//
// Handles a header or none (a first row whose time cell is not a date is a header), quoted
// cells, LF, CRLF and CR-only line endings (old Mac exports such as Prophet's air passengers), a
// UTF-8 BOM, blank lines, ISO dates and date-times and the other formats core::parse_timestamp
// reads, and rows in any order. Rows are returned as read; regularize() sorts and merges them.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "optima/analysis/series/series_builder.h"
#include "optima/core/status.h"

namespace optima::analysis {

struct SeriesCsvOptions {
  // Column names (matched case-insensitively) or 1-based column numbers as text ("2"). Empty:
  // the time column is the first one whose cells are dates and the value column the first
  // other one.
  std::string time_column;
  std::string value_column;
};

struct SeriesCsv {
  std::vector<SeriesPoint> points;
  std::string time_column;   // header name, or "column N" without a header
  std::string value_column;
  bool has_header = false;
  bool has_time_of_day = false;  // some time is not at midnight (suggests hourly data)
};

// Parses CSV text. `name` (usually the file path) prefixes error messages. Errors:
// InvalidArgument naming the file, row (1-based, counting the header) and column, e.g.
// "series.csv: row 12, column y: expected a number, found 'n/a'"; an empty value cell is an
// error too (leave the row out to mark a missing period).
core::Result<SeriesCsv> parse_series_csv(std::string_view text, std::string_view name,
                                         const SeriesCsvOptions& options);

// Reads and parses a file (plain or gzip). Errors: those of parse_series_csv, IoError/NotFound.
core::Result<SeriesCsv> read_series_csv(const std::filesystem::path& path,
                                        const SeriesCsvOptions& options);

}  // namespace optima::analysis
