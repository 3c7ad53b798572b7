// libFuzzer target: the CSV tokenizer must never crash, hang or read out of bounds on any bytes,
// and its three users must agree on every input: the streaming CsvReader, CsvRecordParser over
// the whole buffer, and the chunked parse large FOCUS files get (cut at last_record_end(), each
// chunk parsed on its own), which must yield the same records and line numbers.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optima/ingest/csv_reader.h"
#include "optima/ingest/csv_record_parser.h"

#include "reader_fuzz_harness.h"

namespace {

using optima::ingest::CsvOptions;
using optima::ingest::CsvReader;
using optima::ingest::CsvRecordParser;

struct Record {
  std::vector<std::string> fields;
  uint64_t line = 0;  // physical line where the record starts
  bool operator==(const Record&) const = default;
};

// The records, or nullopt when the input does not parse (unclosed quote, oversized field).
using Parsed = std::optional<std::vector<Record>>;

constexpr size_t kMaxFieldBytes = 4096;

Parsed read_streaming(std::string_view data) {
  CsvOptions options;
  options.max_field_bytes = kMaxFieldBytes;
  auto reader = CsvReader::from_string(std::string(data), options);
  std::vector<std::string_view> fields;
  std::vector<Record> records;
  size_t total = 0;
  while (true) {
    auto more = reader->next(&fields);
    if (!more.is_ok())
      return std::nullopt;
    if (!*more)
      break;
    Record record{{fields.begin(), fields.end()}, reader->line_number()};
    for (std::string_view f : fields)
      total += f.size();
    records.push_back(std::move(record));
  }
  OPTIMA_FUZZ_REQUIRE(total <= data.size());  // fields never hold more bytes than the input
  return records;
}

// Parses `data` (whole records, nothing follows) as one chunk; *line is where it starts and
// moves past it.
bool parse_chunk(std::string_view data, uint64_t* line, std::vector<Record>* out) {
  CsvOptions options;
  options.max_field_bytes = kMaxFieldBytes;
  CsvRecordParser parser(options);
  std::vector<std::string_view> fields;
  size_t pos = 0;
  while (pos < data.size()) {
    uint64_t lines = 0;
    if (parser.parse(data, &pos, true, &fields, &lines) != CsvRecordParser::Outcome::kRecord)
      return false;
    out->push_back(Record{{fields.begin(), fields.end()}, *line});
    *line += lines;
  }
  return true;
}

// The body as the FOCUS reader cuts it: windows of about `chunk` bytes, each cut after its last
// certain record end, a window with none grown until it has one.
Parsed parse_in_chunks(std::string_view body, size_t chunk) {
  std::vector<Record> records;
  uint64_t line = 1;
  size_t pos = 0;
  size_t want = chunk;
  while (pos < body.size()) {
    const std::string_view window = body.substr(pos, want);
    const bool last = pos + window.size() == body.size();
    const size_t cut = last ? window.size() : optima::ingest::last_record_end(window, ',');
    if (cut == 0) {
      want *= 2;
      continue;
    }
    if (!parse_chunk(window.substr(0, cut), &line, &records))
      return std::nullopt;
    pos += cut;
    want = chunk;
  }
  return records;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > optima::fuzz::kMaxInputBytes)
    return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const Parsed streamed = read_streaming(bytes);

  // CsvReader drops a leading UTF-8 BOM; the chunked FOCUS path strips it with the header.
  const std::string_view body = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? bytes.substr(3) : bytes;
  std::vector<Record> records;
  uint64_t line = 1;
  const Parsed whole =
      parse_chunk(body, &line, &records) ? Parsed(std::move(records)) : std::nullopt;
  OPTIMA_FUZZ_REQUIRE(streamed.has_value() == whole.has_value());
  if (!whole)
    return 0;
  OPTIMA_FUZZ_REQUIRE(*streamed == *whole);
  for (size_t chunk : {size_t{1}, size_t{7}, size_t{64}}) {
    const Parsed chunked = parse_in_chunks(body, chunk);
    OPTIMA_FUZZ_REQUIRE(chunked.has_value() && *chunked == *whole);
  }
  return 0;
}
