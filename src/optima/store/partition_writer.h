// PartitionWriter and PendingPartition: writing the new version of one partition
// (source, billing period) before the Store commits it.
//
// Store::begin_partition() hands out a PartitionWriter on a fresh, locked temp segment file;
// append() streams Tables into it; finish() fsyncs the segment and returns a PendingPartition,
// which Store::commit() makes current (or drops, when its content equals the current version).
// A writer or pending partition that is destroyed uncommitted deletes its file, so abandoned
// ingests leave nothing behind. Neither class is thread-safe; both are move-only, and a
// PartitionWriter must not outlive the Store that made it (it encodes on the Store's pool).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "optima/core/status.h"
#include "optima/core/time.h"
#include "optima/focus/table.h"
#include "optima/store/segment_directory.h"
#include "optima/store/segment_writer.h"

namespace optima::store {

class Store;

class PendingPartition {
 public:
  PendingPartition(PendingPartition&&) noexcept = default;
  PendingPartition& operator=(PendingPartition&&) noexcept = default;
  PendingPartition(const PendingPartition&) = delete;
  PendingPartition& operator=(const PendingPartition&) = delete;
  // Deletes the segment file unless it was committed.
  ~PendingPartition();

  const std::string& source() const { return source_; }
  const core::Period& period() const { return period_; }
  // Rows, file size and content hash (identical rows give an identical hash).
  const SegmentSummary& summary() const { return summary_; }
  // The segment file as it is named now (a temp name until committed).
  const std::filesystem::path& path() const { return file_.path; }

 private:
  friend class PartitionWriter;
  friend class Store;
  PendingPartition(std::string source, core::Period period, LockedFile file,
                   SegmentSummary summary)
      : source_(std::move(source)),
        period_(period),
        file_(std::move(file)),
        summary_(std::move(summary)) {}

  std::string source_;
  core::Period period_;
  LockedFile file_;  // the lock is held until the commit ends
  SegmentSummary summary_;
  bool committed_ = false;
};

class PartitionWriter {
 public:
  // Deletes the temp file unless finish() succeeded.
  ~PartitionWriter();
  PartitionWriter(const PartitionWriter&) = delete;
  PartitionWriter& operator=(const PartitionWriter&) = delete;

  const std::string& source() const { return source_; }
  const core::Period& period() const { return period_; }
  uint64_t rows() const { return writer_->rows_appended(); }

  // Adds rows. Errors: InvalidArgument for an inconsistent table, IoError; after an error the
  // writer is unusable (destroy it).
  core::Status append(focus::Table table);
  // As above, for a table the caller keeps sharing (no copy).
  core::Status append(std::shared_ptr<const focus::Table> table);
  // Writes the segment's remaining rows and footer and fsyncs it.
  // Requires: called once. Errors: as append().
  core::Result<PendingPartition> finish();

 private:
  friend class Store;
  PartitionWriter(std::string source, core::Period period, LockedFile file,
                  SegmentWriterOptions options);

  std::string source_;
  core::Period period_;
  LockedFile file_;
  std::unique_ptr<SegmentWriter> writer_;
  bool finished_ = false;
};

}  // namespace optima::store
