// SegmentWriter: writes one immutable segment file (docs/segment-format.md) from a stream of
// focus::Tables.
//
// Appended tables are cut and joined into row groups of exactly `row_group_rows` rows (the last
// one may be shorter), so the file depends only on the sequence of rows, never on how they were
// batched. Row groups are encoded on a ThreadPool when one is given, and written in order.
// The writer owns neither the file descriptor nor the file's name: PartitionWriter (store.h)
// creates, locks and renames the file. Not thread-safe: one producer calls append()/finish().
#pragma once

#include <bitset>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "optima/core/status.h"
#include "optima/core/thread_pool.h"
#include "optima/focus/table.h"
#include "optima/store/row_group_encoder.h"
#include "optima/store/segment_format.h"

namespace optima::store {

struct SegmentWriterOptions {
  uint32_t row_group_rows = 16384;
  // zstd level per chunk: 1 is fastest; 3 (zstd's default) compresses billing columns a little
  // better at about half the speed.
  int zstd_level = 1;
  // Encodes row groups here; nullptr encodes on the calling thread. Requires: tasks on this pool
  // never wait for the writer (it waits for them).
  core::ThreadPool* pool = nullptr;
  // Row groups encoded but not yet written, at most (bounds memory); 0 = twice the pool size.
  size_t max_groups_in_flight = 0;
};

struct SegmentSummary {
  uint64_t rows = 0;
  uint64_t bytes = 0;  // file size
  uint32_t row_groups = 0;
  std::string content_hash;  // lower-case hex SHA-256 of the encoded content
};

class SegmentWriter {
 public:
  // fd: an empty file open for writing, which the caller keeps open until finish() returns.
  // path: the file's name, for messages.
  SegmentWriter(int fd, std::string path, SegmentWriterOptions options = {});
  // Waits for row groups still being encoded.
  ~SegmentWriter();
  SegmentWriter(const SegmentWriter&) = delete;
  SegmentWriter& operator=(const SegmentWriter&) = delete;

  // Adds the table's rows. Errors: InvalidArgument for an inconsistent table (a column shorter
  // than the table, a code outside its dictionary), IoError; after an error every call fails.
  core::Status append(focus::Table table);
  core::Status append(std::shared_ptr<const focus::Table> table);
  // Writes the remaining rows, the footer and the trailer, and fsyncs the file.
  // Requires: called once, with no append() after it.
  core::Result<SegmentSummary> finish();

  uint64_t rows_appended() const { return rows_appended_; }

 private:
  struct InFlight {
    std::future<core::Status> done;
    std::shared_ptr<EncodedRowGroup> group;
  };
  struct WrittenChunk {
    std::optional<focus::Column> column;
    std::string extension;
    ChunkEntry entry;  // column_key is set by finish()
  };
  struct WrittenGroup {
    RowGroupEntry entry;
    std::vector<WrittenChunk> chunks;
    core::Digest digest{};
  };

  core::Status dispatch();
  core::Status drain_one();
  core::Status write_group(EncodedRowGroup group);
  core::Status write_bytes(std::string_view bytes);
  core::Status fail(core::Status status);

  int fd_;
  std::string path_;
  SegmentWriterOptions options_;
  core::Status error_;
  uint64_t offset_ = 0;  // bytes written so far
  uint64_t rows_appended_ = 0;
  std::bitset<focus::kColumnCount> columns_;
  std::set<std::string> extensions_;
  std::vector<TableSlice> pending_;
  size_t pending_rows_ = 0;
  std::deque<InFlight> in_flight_;
  std::vector<WrittenGroup> written_;
};

}  // namespace optima::store
