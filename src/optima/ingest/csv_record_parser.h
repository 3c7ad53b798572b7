// The CSV record grammar (RFC 4180 as clouds write it), shared by the streaming CsvReader and
// the chunked parsers of large files: parse one record from a buffer, and find the last record
// boundary in a buffer so a file can be cut into chunks that parse independently.
//
// Grammar: a field that starts with '"' is quoted: it runs to the next lone '"' ("" is an
// escaped quote) and may hold delimiters and line breaks; bytes between its closing quote and
// the next delimiter or line end are kept (malformed but common). Any other field runs to the
// next delimiter or line end; quotes inside it are literal. A record ends at \n, \r\n or a lone
// \r outside quoted fields.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace optima::ingest {

struct CsvOptions {
  char delimiter = ',';
  size_t max_field_bytes = 16 << 20;  // a longer field is an error, not an out-of-memory
};

// Parses records out of caller-owned buffers. Not thread-safe; one per thread.
class CsvRecordParser {
 public:
  enum class Outcome {
    kRecord,         // one record parsed
    kIncomplete,     // the record continues past the buffer (only when !at_end)
    kUnclosedQuote,  // at_end inside a quoted field
    kFieldTooLong,   // a field exceeds CsvOptions::max_field_bytes
  };

  explicit CsvRecordParser(CsvOptions options = {});

  // Parses the record starting at data[*pos]. `at_end` says no bytes follow `data`.
  // kRecord: *fields holds the record's fields as views into `data` or into this parser (valid
  // until the next call or until `data` changes), *pos is past the record's line end, and
  // *lines grows by the physical lines the record spans (its line end and those inside quoted
  // fields). Other outcomes leave *pos and *lines unchanged.
  // Requires: *pos < data.size().
  Outcome parse(std::string_view data, size_t* pos, bool at_end,
                std::vector<std::string_view>* fields, uint64_t* lines);

 private:
  struct Span {
    size_t offset;
    size_t length;
    bool in_scratch;
  };
  bool is_special(char c) const { return special_[static_cast<unsigned char>(c)]; }
  // The first delimiter, \n or \r in [p, end), or end.
  const char* find_special(const char* p, const char* end) const;

  CsvOptions options_;
  std::array<bool, 256> special_{};  // delimiter, \n, \r
  std::string scratch_;              // unescaped bytes of quoted fields that need copying
  std::vector<Span> spans_;
};

// The offset just past the last record end in `data`, or 0 when `data` holds no complete
// record. Requires: `data` starts at a record start (file start after the header, or a
// previous result). Only line ends whose meaning is certain count: a \r as the last byte (it
// may be followed by \n) and line ends after a quote at the last byte are left undecided.
// Agrees with CsvRecordParser: parsing data[0, result) with at_end yields whole records.
size_t last_record_end(std::string_view data, char delimiter);

}  // namespace optima::ingest
