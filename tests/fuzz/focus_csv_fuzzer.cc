// libFuzzer target for the FOCUS CSV path: header mapping, record parsing, chunk boundaries and
// cell conversion (numbers, times, enums, tags). Besides not crashing, cutting the body at
// last_record_end and converting the two pieces must give the same rows as converting it whole.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "optima/ingest/csv_record_parser.h"
#include "optima/ingest/focus_chunk_parser.h"
#include "optima/ingest/focus_column_map.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace optima::ingest;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (text.empty()) return 0;
  CsvRecordParser parser;
  std::vector<std::string_view> header;
  size_t pos = 0;
  uint64_t lines = 0;
  if (parser.parse(text, &pos, true, &header, &lines) != CsvRecordParser::Outcome::kRecord)
    return 0;
  const FocusColumnMap map = FocusColumnMap::from_header(header);
  ReadOptions options;
  options.batch_rows = 7;
  options.max_bad_rows = 1u << 20;
  const std::string_view body = text.substr(pos);
  const FocusChunk whole = parse_focus_chunk(body, map, options, 0);
  const size_t cut = last_record_end(body.substr(0, body.size() / 2), ',');
  const FocusChunk head = parse_focus_chunk(body.substr(0, cut), map, options, 0);
  const FocusChunk tail = parse_focus_chunk(body.substr(cut), map, options, 0);
  if (head.syntax_error) __builtin_trap();  // a cut inside a record
  if (!whole.syntax_error &&
      (tail.syntax_error || head.rows + tail.rows != whole.rows ||
       head.accepted + tail.accepted != whole.accepted || head.lines + tail.lines != whole.lines)) {
    __builtin_trap();
  }
  return 0;
}
