// parse_focus_chunk: converts one chunk of a FOCUS CSV file (whole records) into Tables.
//
// FocusCsvReader cuts a file into chunks at record boundaries (last_record_end) and converts
// them on several threads; each chunk is independent, so row and line numbers are relative to
// the chunk and the reader offsets them while merging chunks in file order. Thread-safe: each
// call uses its own builder and parsers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "optima/focus/table.h"
#include "optima/ingest/focus_column_map.h"
#include "optima/ingest/focus_row_converter.h"
#include "optima/ingest/reader.h"

namespace optima::ingest {

struct FocusChunk {
  std::vector<focus::Table> tables;  // each at most ReadOptions::batch_rows rows
  // Bad rows with row/line relative to the chunk (row 1 = its first data row, line 1 = its
  // first line); file is left empty. Strict mode stops at the first; lenient mode keeps at most
  // max_bad_rows + 1.
  std::vector<RowIssue> issues;
  uint64_t rows = 0;  // data rows seen (blank lines are not rows)
  uint64_t accepted = 0;
  uint64_t skipped = 0;
  uint64_t lines = 0;  // physical lines the chunk spans
  LenientReadings lenient;
  // A CSV syntax error (unclosed quote, oversized field) ends the chunk: its relative line and
  // what was wrong.
  bool syntax_error = false;
  uint64_t error_line = 0;
  std::string error;
};

// `expected_rows` (a hint; 0 = unknown) sizes the tables' columns up front.
// Requires: `data` starts at a record start and ends at a record end or at the end of the file.
FocusChunk parse_focus_chunk(std::string_view data, const FocusColumnMap& map,
                             const ReadOptions& options, size_t expected_rows);

}  // namespace optima::ingest
