// SegmentReader: reads row groups of one segment file (docs/segment-format.md).
//
// open() reads and validates the footer; load() reads, checksums, decompresses and decodes only
// the chunks of the selected columns, through a ChunkCache shared with other readers. The file
// descriptor stays open for the reader's lifetime, so a segment that a commit supersedes (and
// unlinks) stays readable for snapshots that still hold it. Thread-safe: loads use pread().
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "optima/core/status.h"
#include "optima/focus/table.h"
#include "optima/store/chunk_cache.h"
#include "optima/store/segment_format.h"
#include "optima/store/table_source.h"

namespace optima::store {

class SegmentReader {
 public:
  // Opens and validates a segment. cache may be null (no caching).
  // Errors: NotFound if the file does not exist, IoError, DataLoss naming the file when it is
  // truncated or its footer is corrupt, FailedPrecondition for an unknown format version.
  static core::Result<std::shared_ptr<SegmentReader>> open(const std::filesystem::path& path,
                                                           std::shared_ptr<ChunkCache> cache);
  // Closes the file; unlinks it if delete_file_on_close() was called.
  ~SegmentReader();
  SegmentReader(const SegmentReader&) = delete;
  SegmentReader& operator=(const SegmentReader&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Unique per reader opened in this process (the chunk-cache key).
  uint64_t id() const { return id_; }
  uint64_t file_bytes() const { return file_bytes_; }
  const SegmentFooter& footer() const { return footer_; }
  uint64_t rows() const { return footer_.total_rows; }
  size_t row_group_count() const { return footer_.row_groups.size(); }
  std::string content_hash() const { return core::to_hex(footer_.content_hash); }

  // Row group `index` with the selected columns the segment holds (present() is false for the
  // others; a held column with no chunk in this group loads as all null). Errors:
  // InvalidArgument for an index past the last group; DataLoss naming file, row group and
  // column on a checksum mismatch, truncation or malformed chunk; IoError.
  core::Result<std::shared_ptr<const focus::Table>> load(uint32_t index,
                                                         const ColumnSelection& columns) const;
  // Reads, checksums and decodes every chunk. Errors as load().
  core::Status verify() const;

  // Marks the file for unlinking when this reader closes (its partition version was superseded
  // while a snapshot still used it). Thread-safe.
  void delete_file_on_close() { delete_on_close_.store(true); }

 private:
  SegmentReader(std::filesystem::path path, int fd, uint64_t file_bytes, SegmentFooter footer,
                std::shared_ptr<ChunkCache> cache);

  // The decoded chunk, from the cache when use_cache and it is there (and then kept there).
  core::Result<std::shared_ptr<const DecodedChunk>> chunk(uint32_t group, const ChunkEntry& entry,
                                                          bool use_cache) const;
  // The chunk's bytes, checksummed and decompressed.
  core::Result<std::string> read_raw(uint32_t group, const ChunkEntry& entry) const;
  core::Status chunk_error(uint32_t group, const ChunkEntry& entry, const core::Status& s) const;

  std::filesystem::path path_;
  int fd_;
  uint64_t file_bytes_;
  SegmentFooter footer_;
  std::shared_ptr<ChunkCache> cache_;
  uint64_t id_;
  std::atomic<bool> delete_on_close_{false};
};

}  // namespace optima::store
