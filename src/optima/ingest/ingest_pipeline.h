// The ingest pipeline: paths in, partitions committed.
//
// scan (detect formats, group units) → for each source: skip if these exact files were already
// ingested → read every unit through its reader → route rows by billing period into one
// PartitionWriter per period → commit all of the source's partitions in one transaction.
// A source whose read fails (strict mode, too many bad rows, unreadable file) commits nothing:
// its previous partitions stay as they were and a failed job is recorded. Sources are
// independent: one failing does not undo another's commit. Not thread-safe per Store call
// sequence, but safe to run while other threads/processes query the same store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "optima/core/status.h"
#include "optima/ingest/reader.h"
#include "optima/store/catalog_records.h"
#include "optima/store/store.h"

namespace optima::ingest {

struct IngestRequest {
  std::vector<std::filesystem::path> paths;
  // All rows go to this source; empty = one source per reader, named after the reader
  // ("focus", "aws-cur", ...).
  std::string source;
  std::string format;  // a reader name to force (--format), or empty to detect per file
  ReadOptions read_options;
  // Unrecognised files are skipped with a note instead of failing the ingest.
  bool skip_unrecognized = false;
  // Called after each batch of rows is routed (rows accepted so far, in this request).
  std::function<void(uint64_t rows_accepted)> on_progress;
};

struct UnitOutcome {
  InputUnit unit;
  std::string source;
  ReadReport report;
  core::Status status;
};

struct SourceOutcome {
  std::string source;
  std::string reader;
  bool already_ingested = false;  // the same files were ingested before: nothing to do
  core::Status status;            // non-OK: nothing of this source was committed
  store::CommitResult commit;     // partitions new / replaced / unchanged
  uint64_t rows_accepted = 0;
};

struct IngestSummary {
  std::vector<std::string> notes;   // scanner notes (ignored files, older assemblies)
  std::vector<std::string> errors;  // unrecognised or unreadable files
  std::vector<UnitOutcome> units;
  std::vector<SourceOutcome> sources;
  uint64_t rows_read = 0;
  uint64_t rows_accepted = 0;
  uint64_t rows_skipped = 0;
  uint64_t input_bytes = 0;  // size of the files as stored (compressed if .gz)
  double seconds = 0;
  // The first failure (a source that did not commit, or unrecognised input), else OK.
  core::Status overall() const;
};

// Runs the pipeline. Errors (returned, nothing ingested): a path that does not exist, an
// unknown --format, unrecognised files unless skip_unrecognized. Per-source failures are in
// the summary (IngestSummary::overall()).
core::Result<IngestSummary> ingest_paths(store::Store& store, const IngestRequest& request);

}  // namespace optima::ingest
