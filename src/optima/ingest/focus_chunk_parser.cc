#include "optima/ingest/focus_chunk_parser.h"

#include <algorithm>

#include <fmt/format.h>

#include "optima/focus/table_builder.h"
#include "optima/ingest/csv_record_parser.h"

namespace optima::ingest {

FocusChunk parse_focus_chunk(std::string_view data, const FocusColumnMap& map,
                             const ReadOptions& options, size_t expected_rows) {
  FocusChunk chunk;
  focus::TableBuilder builder;
  FocusRowConverter converter(map, options, &builder);
  CsvRecordParser parser;
  std::vector<std::string_view> fields;
  fields.reserve(map.columns().size());
  const size_t batch_rows = options.batch_rows == 0 ? 1 : options.batch_rows;
  const bool strict = options.strictness == Strictness::kStrict;
  // Growing 60-odd columns by doubling costs copies and fresh pages for every table.
  builder.reserve(std::min(expected_rows, batch_rows));
  size_t pos = 0;
  uint64_t lines = 0;
  while (pos < data.size()) {
    const uint64_t record_line = lines + 1;
    const auto outcome = parser.parse(data, &pos, true, &fields, &lines);
    if (outcome != CsvRecordParser::Outcome::kRecord) {
      chunk.syntax_error = true;
      chunk.error_line = record_line;
      chunk.error = outcome == CsvRecordParser::Outcome::kUnclosedQuote
                        ? "quoted field is never closed"
                        : fmt::format("field longer than {} bytes", CsvOptions{}.max_field_bytes);
      break;
    }
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    ++chunk.rows;
    RowIssue issue;
    if (converter.convert(fields, &issue)) {
      ++chunk.accepted;
      if (builder.num_rows() >= batch_rows) {
        chunk.tables.push_back(builder.finish());
        const size_t left = expected_rows > chunk.rows ? expected_rows - chunk.rows : 0;
        builder.reserve(std::min(left, batch_rows));
      }
      continue;
    }
    ++chunk.skipped;
    issue.row = chunk.rows;
    issue.line = record_line;
    if (chunk.issues.size() <= options.max_bad_rows) chunk.issues.push_back(std::move(issue));
    if (strict) break;
  }
  if (builder.num_rows() > 0) chunk.tables.push_back(builder.finish());
  chunk.lines = lines;
  chunk.lenient = converter.lenient();
  return chunk;
}

}  // namespace optima::ingest
