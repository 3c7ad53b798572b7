// Files: reading whole files, streaming plain or gzip input, and durable atomic writes.
//
// Durability contract of write_file_atomic(): the new content is written to a temporary file
// in the same directory, fsynced, renamed over the target, and the directory is fsynced, so
// after a crash the target holds either the old or the new content, never a mix.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "optima/core/status.h"

namespace optima::core {

Result<std::string> read_file(const std::filesystem::path& path);
Status write_file_atomic(const std::filesystem::path& path, std::string_view content);
// fsyncs an open file descriptor's directory entry; used after rename().
Status fsync_directory(const std::filesystem::path& dir);
bool is_gzip_path(const std::filesystem::path& path);

// A forward-only stream of bytes from a plain or gzip-compressed file (detected from the
// gzip magic bytes, not the name). Not thread-safe.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `capacity` bytes into `buffer`; returns 0 at end of input.
  virtual Result<size_t> read(char* buffer, size_t capacity) = 0;
  // Compressed or plain bytes consumed from the file so far (for progress).
  virtual uint64_t bytes_consumed() const = 0;
};

Result<std::unique_ptr<ByteSource>> open_byte_source(const std::filesystem::path& path);
// Reads the whole (decompressed) content; fine for headers, manifests and small files.
Result<std::string> read_all_decompressed(const std::filesystem::path& path);
// The first `max_bytes` decompressed bytes (for format detection).
Result<std::string> read_prefix_decompressed(const std::filesystem::path& path, size_t max_bytes);

// Lower-case hex SHA-256 of the raw file bytes (content identity for re-ingest detection).
Result<std::string> sha256_file(const std::filesystem::path& path);
std::string sha256_hex(std::string_view data);

}  // namespace optima::core
