// Store: CloudOptima's partitioned columnar storage in one data directory (ARCHITECTURE.md,
// "Storage").
//
//   <data dir>/catalog.db     SQLite catalog (WAL): sources, partition versions, ingest jobs
//   <data dir>/segments/      one immutable segment file per partition version
//
// A partition is (source, billing period [start, end)). Ingest writes a partition's new version
// with begin_partition() → append() → finish(), then commit() switches every partition of the
// job in one SQLite transaction: a crash at any moment leaves each partition at its old or its
// new version, never a mix. A version whose content hash equals the current one is not written
// (re-ingesting the same data is a no-op). Queries read immutable snapshots, so ingest never
// blocks them; another process's commits show up in this Store's next snapshot().
//
// Superseded segments: the committing process deletes a superseded file at once, or when the
// last snapshot of this process holding it goes away. Other processes that still read it keep
// it open (POSIX unlink semantics; a snapshot opens its segments when it is taken and retries
// if one vanished meanwhile). Files left by a crash are swept by the next Store::open().
//
// A snapshot keeps one file descriptor per partition open; open() raises the process's soft
// RLIMIT_NOFILE to its hard limit for that.
//
// Thread-safe; several processes may open the same data directory (one commit at a time).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "optima/core/status.h"
#include "optima/core/thread_pool.h"
#include "optima/core/time.h"
#include "optima/store/catalog.h"
#include "optima/store/catalog_records.h"
#include "optima/store/chunk_cache.h"
#include "optima/store/partition_writer.h"
#include "optima/store/segment_directory.h"
#include "optima/store/segment_writer.h"
#include "optima/store/snapshot.h"

namespace optima::store {

struct StoreOptions {
  // Bound on decoded column chunks kept for reuse across queries (10M rows of a typical
  // dashboard query's columns need ~300 MB).
  size_t cache_bytes = size_t{768} << 20;
  // Threads encoding row groups during ingest; 0 = one per core.
  size_t encode_threads = 0;
  // Row-group size and zstd level of new segments (the pool is the Store's own).
  SegmentWriterOptions segments;
  // How long a commit waits for another process's commit before failing.
  int busy_timeout_ms = 30000;
  // UTC seconds now, for created/superseded times; defaults to the system clock.
  std::function<int64_t()> clock;
};

class Store {
 public:
  // Opens (creating if needed) the data directory and its catalog, migrates the catalog, and
  // sweeps segment files orphaned by crashed writers. Errors: IoError, DataLoss (catalog is not
  // a database), FailedPrecondition (catalog from a newer CloudOptima).
  static core::Result<std::unique_ptr<Store>> open(const std::filesystem::path& data_dir,
                                                   StoreOptions options = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::filesystem::path& data_dir() const { return data_dir_; }

  // A writer for the next version of partition (source, period). Errors: InvalidArgument for an
  // empty source name or an empty period; IoError.
  core::Result<std::unique_ptr<PartitionWriter>> begin_partition(std::string source,
                                                                 core::Period period);

  // Records the job and makes every pending partition current, all in one transaction.
  // A partition whose content hash equals its current version's is left as it is (outcome
  // kUnchanged) and its new file deleted, unless the current segment is missing or its footer
  // is damaged: then the new version replaces it. Creates job.source on first use (with job.reader).
  // Requires: every partition's source equals job.source, no two share a period.
  // Errors: InvalidArgument when a requirement fails; IoError / DataLoss from the catalog or
  // file system, in which case nothing changed and the pending files are deleted.
  core::Result<CommitResult> commit(std::vector<PendingPartition> partitions, JobRecord job);
  // Records a job that commits nothing (a failed ingest, or one found already ingested).
  core::Result<int64_t> record_job(JobRecord job);
  // True when a succeeded job of `source` read exactly these files (by SHA-256, order and
  // duplicates ignored) and all it wrote is still current: re-ingesting them would change
  // nothing.
  core::Result<bool> was_ingested(std::string_view source,
                                  const std::vector<std::string>& file_sha256s);

  // The current partitions as an immutable, queryable view. Cheap when nothing was committed
  // since the last call (one PRAGMA data_version). Errors: DataLoss when a current segment is
  // corrupt or does not match its catalog entry; IoError.
  core::Result<std::shared_ptr<const Snapshot>> snapshot();

  core::Result<std::vector<SourceInfo>> sources();
  // Current versions of all partitions, by source then period.
  core::Result<std::vector<PartitionInfo>> partitions();
  // Every version of one partition, oldest first; NotFound for an unknown id.
  core::Result<std::vector<PartitionInfo>> partition_history(int64_t partition_id);
  // Newest first.
  core::Result<std::vector<JobRecord>> jobs(size_t limit = 100);
  // "ok" or SQLite's list of problems (PRAGMA integrity_check).
  core::Result<std::string> check_catalog();
  ChunkCache::Stats cache_stats() const { return cache_->stats(); }

 private:
  Store(std::filesystem::path data_dir, StoreOptions options, std::unique_ptr<Catalog> catalog);
  int64_t now() const;
  // Whether a version's segment file is there with its recorded size, footer and content hash
  // (so an "unchanged" re-ingest can repair a damaged segment instead of keeping it).
  bool segment_intact(const PartitionInfo& version) const;
  // Deletes a superseded segment, or defers it to the close of a reader still in use.
  void retire_segment(const std::string& file_name);
  core::Result<std::shared_ptr<SegmentReader>> open_segment(const std::string& file_name);

  const std::filesystem::path data_dir_;
  StoreOptions options_;
  SegmentDirectory segments_;
  std::unique_ptr<core::ThreadPool> encode_pool_;
  std::shared_ptr<ChunkCache> cache_;

  std::mutex mutex_;  // guards everything below
  std::unique_ptr<Catalog> catalog_;
  uint64_t generation_ = 0;  // bumped by this Store's commits
  std::shared_ptr<const Snapshot> snapshot_;
  uint64_t snapshot_generation_ = 0;
  int64_t snapshot_data_version_ = 0;
  std::unordered_map<std::string, std::weak_ptr<SegmentReader>> readers_;  // by file name
};

}  // namespace optima::store
