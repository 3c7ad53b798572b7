// GcpLineReader: streams the lines of a JSON lines file (plain or gzip) with their numbers.
//
// Lines end at LF; a CR before it is dropped, as is a UTF-8 BOM at the start of the file. A
// missing final newline is fine. Lines are string_views valid until the next call. Not
// thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "optima/core/file_io.h"
#include "optima/core/status.h"

namespace optima::ingest {

class GcpLineReader {
 public:
  // One billing export row is a few KiB; a longer line is corrupt input, not a reason to run
  // out of memory.
  static constexpr size_t kMaxLineBytes = 64 << 20;

  explicit GcpLineReader(std::unique_ptr<core::ByteSource> source);
  static core::Result<std::unique_ptr<GcpLineReader>> open(const std::filesystem::path& path);

  // Reads the next line into *line. Returns false at end of input. Errors: I/O and gzip
  // failures (a truncated .gz), and a line over kMaxLineBytes, naming the line number.
  core::Result<bool> next(std::string_view* line);
  // 1-based number of the line last returned.
  uint64_t line_number() const { return line_; }

 private:
  std::unique_ptr<core::ByteSource> source_;
  std::string buffer_;
  size_t begin_ = 0;  // start of unread data in buffer_
  bool eof_ = false;
  uint64_t line_ = 0;
};

}  // namespace optima::ingest
