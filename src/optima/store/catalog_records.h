// The records the store's catalog keeps: sources, partition versions, ingest jobs, and the
// outcome of a commit. Plain values; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "optima/core/time.h"

namespace optima::store {

// A named billing source (e.g. "aws-prod"), created by its first commit.
struct SourceInfo {
  std::string name;
  std::string reader;  // the registry name of the reader that ingests it, e.g. "aws-cur"
  int64_t created_at = 0;  // UTC seconds
};

// One version of a partition (source, billing period). The id is stable across versions, so
// `cloudoptima validate --partition ID` keeps meaning the same month of the same source.
struct PartitionInfo {
  int64_t id = 0;
  std::string source;
  core::Period period;
  int64_t version = 0;       // 1, 2, ... per partition
  std::string segment_file;  // file name under <data dir>/segments/
  std::string content_hash;  // hex SHA-256 of the encoded rows (SegmentSummary::content_hash)
  uint64_t rows = 0;
  uint64_t bytes = 0;                    // segment file size
  int64_t job_id = 0;                    // the job that wrote this version
  int64_t created_at = 0;                // when this version was committed (UTC seconds)
  std::optional<int64_t> superseded_at;  // empty while this is the current version
};

struct JobFile {
  std::string path;
  std::string sha256;  // lower-case hex of the raw file bytes (core::sha256_file)
};

enum class JobStatus { kSucceeded, kFailed };
std::string_view job_status_name(JobStatus status);  // "succeeded", "failed"

// One ingest run over a set of files of one source.
struct JobRecord {
  int64_t id = 0;  // assigned by the catalog
  std::string source;
  std::string reader;
  int64_t started_at = 0;   // UTC seconds
  int64_t finished_at = 0;  // UTC seconds
  JobStatus status = JobStatus::kSucceeded;
  std::vector<JobFile> files;
  uint64_t rows_read = 0;
  uint64_t rows_accepted = 0;
  uint64_t rows_skipped = 0;
  std::string issues_json = "[]";  // summary of row issues as JSON text, stored verbatim
  std::string message;             // the error of a failed job, else empty
};

enum class PartitionChange {
  kNew,        // first version of the partition
  kReplaced,   // a restatement: a new version superseded the current one
  kUnchanged,  // same content hash as the current version: nothing written
};
std::string_view partition_change_name(PartitionChange change);  // "new", "replaced", ...

struct PartitionOutcome {
  int64_t partition_id = 0;
  std::string source;
  core::Period period;
  PartitionChange change = PartitionChange::kNew;
  int64_t version = 0;  // the current version after the commit
  std::string content_hash;
  uint64_t rows = 0;
};

struct CommitResult {
  int64_t job_id = 0;
  std::vector<PartitionOutcome> partitions;  // in the order they were passed to commit()
};

// The JSON form of a partition version, shared by `cloudoptima partitions --json` and the API:
// {"id", "source", "billing_period_start", "billing_period_end", "version", "rows", "bytes",
//  "content_hash", "job_id", "created_at", "superseded_at" (null while current)}.
nlohmann::json partition_json(const PartitionInfo& partition);

}  // namespace optima::store
