// Catalog: the store's SQLite catalog (catalog.db, WAL mode) of sources, partition versions and
// ingest jobs.
//
// The Store drives it: one write transaction per commit (begin_write() .. commit_write()), with
// the primitives in between; reads outside transactions see the last committed state. WAL lets
// other processes read while one writes; a writer waits up to busy_timeout for another. Not
// thread-safe: the Store serializes calls.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/status.h"
#include "optima/core/time.h"
#include "optima/store/catalog_records.h"
#include "optima/store/sqlite_database.h"

namespace optima::store {

class Catalog {
 public:
  // Opens or creates the catalog and migrates it to the current schema.
  // Errors: IoError, DataLoss (not a database), FailedPrecondition (newer schema).
  static core::Result<std::unique_ptr<Catalog>> open(const std::filesystem::path& path,
                                                     int busy_timeout_ms);

  // Write transaction (BEGIN IMMEDIATE: takes the write lock up front, waiting for others).
  core::Status begin_write();
  core::Status commit_write();
  void rollback_write();

  // --- Inside a write transaction ---
  // Adds the source if it is new (an existing source keeps its reader and creation time).
  core::Status ensure_source(std::string_view name, std::string_view reader, int64_t now);
  // Inserts the job and its files; returns its id.
  core::Result<int64_t> insert_job(const JobRecord& job);
  // The id of partition (source, period), created if new.
  core::Result<int64_t> ensure_partition(std::string_view source, const core::Period& period,
                                         int64_t now);
  // The number the next version of a partition gets (1 for a new partition).
  core::Result<int64_t> next_version(int64_t partition_id);
  core::Status supersede(int64_t partition_id, int64_t version, int64_t now);
  // Inserts a version row (id, version, file, hash, rows, bytes, job, created_at; current).
  core::Status insert_version(const PartitionInfo& version);
  core::Status record_job_partition(int64_t job_id, int64_t partition_id, int64_t version,
                                    PartitionChange change);

  // --- Reads ---
  // The current version of a partition, if it has one.
  core::Result<std::optional<PartitionInfo>> current_version(int64_t partition_id);
  core::Result<std::vector<SourceInfo>> sources();
  // Current versions of every partition, by source then period.
  core::Result<std::vector<PartitionInfo>> current_partitions();
  // Every version of one partition, oldest first (empty when the id is unknown).
  core::Result<std::vector<PartitionInfo>> partition_history(int64_t partition_id);
  // The newest jobs first, at most `limit`.
  core::Result<std::vector<JobRecord>> jobs(size_t limit);
  // True when a succeeded job of `source` read exactly this set of file hashes and every
  // partition version it produced (or found unchanged) is still current.
  core::Result<bool> was_ingested(std::string_view source,
                                  const std::set<std::string>& file_sha256s);
  // Segment files of current versions.
  core::Result<std::set<std::string>> current_segment_files();
  // Changes whenever another connection commits (PRAGMA data_version).
  core::Result<int64_t> data_version();
  // "ok", or SQLite's list of problems (PRAGMA integrity_check).
  core::Result<std::string> integrity_check();

  const std::filesystem::path& path() const { return db_->path(); }

 private:
  explicit Catalog(std::unique_ptr<SqliteDatabase> db) : db_(std::move(db)) {}
  core::Result<std::vector<PartitionInfo>> query_versions(std::string_view where, int64_t arg,
                                                          bool bind_arg);
  core::Status load_job_files(JobRecord* job);

  std::unique_ptr<SqliteDatabase> db_;
};

}  // namespace optima::store
