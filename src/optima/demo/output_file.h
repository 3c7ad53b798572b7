// OutputFile: a buffered, optionally gzip-compressed file the demo writers stream rows into.
//
// Content goes to "<path>.partial" and is renamed to <path> by close(), so an interrupted run
// never leaves a truncated file under the final name. Gzip output is deterministic (zlib with a
// zero mtime and no file name in the header): the same bytes in give the same file out.
// Not thread-safe; one writer per file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "optima/core/status.h"

namespace optima::demo {

enum class Compression { kNone, kGzip };

class OutputFile {
 public:
  // Creates parent directories and opens the file. Errors: IoError naming the path.
  static core::Result<std::unique_ptr<OutputFile>> create(const std::filesystem::path& path,
                                                          Compression compression);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Appends bytes (buffered). Errors: IoError, or FailedPrecondition after close().
  core::Status write(std::string_view data);
  // Flushes, finishes the gzip stream, closes and renames into place. Idempotent.
  core::Status close();

  const std::filesystem::path& path() const { return path_; }
  // Bytes handed to write() so far.
  uint64_t uncompressed_bytes() const { return uncompressed_bytes_; }
  // Bytes on disk (valid after close()).
  uint64_t file_bytes() const { return file_bytes_; }

 private:
  struct Deflater;
  OutputFile(std::filesystem::path path, int fd, std::unique_ptr<Deflater> deflater);
  core::Status flush_buffer(bool finish);
  core::Status write_raw(const char* data, size_t size);

  std::filesystem::path path_;
  std::filesystem::path partial_path_;
  int fd_ = -1;
  std::unique_ptr<Deflater> deflater_;
  std::string buffer_;
  std::string compressed_;
  uint64_t uncompressed_bytes_ = 0;
  uint64_t file_bytes_ = 0;
  bool closed_ = false;
};

// Writes a whole small file (manifests, JSON documents) through OutputFile.
core::Status write_whole_file(const std::filesystem::path& path, std::string_view content,
                              Compression compression = Compression::kNone);

}  // namespace optima::demo
