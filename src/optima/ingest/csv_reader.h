// CsvReader: streams RFC 4180 records from a plain or gzip file (or memory).
//
// Handles quoted fields with embedded delimiters, quotes ("") and newlines, CRLF/LF/CR-only line
// ends, a UTF-8 BOM, and a missing final newline (the grammar is CsvRecordParser's). A blank line
// is returned as one empty field. Fields are string_views valid until the next call to next().
// Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/file_io.h"
#include "optima/core/status.h"
#include "optima/ingest/csv_record_parser.h"

namespace optima::ingest {

class CsvReader {
 public:
  CsvReader(std::unique_ptr<core::ByteSource> source, CsvOptions options = {});
  // Reads from an in-memory buffer (copied).
  static std::unique_ptr<CsvReader> from_string(std::string data, CsvOptions options = {});
  static core::Result<std::unique_ptr<CsvReader>> open(const std::string& path, CsvOptions options = {});

  // Reads the next record into *fields. Returns false at end of input. Errors (unterminated
  // quote at end of file, oversize field, I/O) name the line.
  core::Result<bool> next(std::vector<std::string_view>* fields);
  // 1-based physical line where the last record returned started.
  uint64_t line_number() const { return record_line_; }
  // Records returned so far (the header counts as record 1).
  uint64_t records_read() const { return records_; }
  uint64_t bytes_consumed() const { return source_->bytes_consumed(); }

 private:
  core::Result<bool> fill();  // reads more input; false at EOF

  std::unique_ptr<core::ByteSource> source_;
  CsvOptions options_;
  CsvRecordParser parser_;
  std::string buffer_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  bool bom_checked_ = false;
  uint64_t line_ = 1;
  uint64_t record_line_ = 0;
  uint64_t records_ = 0;
};

}  // namespace optima::ingest
