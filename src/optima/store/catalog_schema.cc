#include "optima/store/catalog_schema.h"

#include <array>
#include <string_view>

#include <fmt/format.h>

namespace optima::store {
namespace {

// Never edit a released migration: append a new one.
constexpr std::array<std::string_view, 1> kMigrations = {
    // 1: sources, partitions and their versions (restatement history), ingest jobs.
    R"sql(
CREATE TABLE sources (
  name        TEXT PRIMARY KEY,
  reader      TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);

-- A partition is (source, billing period [start, end)); its id is stable across versions.
CREATE TABLE partitions (
  id            INTEGER PRIMARY KEY,
  source        TEXT NOT NULL REFERENCES sources(name),
  period_start  INTEGER NOT NULL,
  period_end    INTEGER NOT NULL,
  created_at    INTEGER NOT NULL,
  UNIQUE (source, period_start, period_end)
);

CREATE TABLE jobs (
  id             INTEGER PRIMARY KEY,
  source         TEXT NOT NULL,
  reader         TEXT NOT NULL,
  started_at     INTEGER NOT NULL,
  finished_at    INTEGER NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('succeeded', 'failed')),
  rows_read      INTEGER NOT NULL,
  rows_accepted  INTEGER NOT NULL,
  rows_skipped   INTEGER NOT NULL,
  issues_json    TEXT NOT NULL,
  message        TEXT NOT NULL
);
CREATE INDEX jobs_by_source ON jobs (source, id);

CREATE TABLE job_files (
  job_id    INTEGER NOT NULL REFERENCES jobs(id),
  position  INTEGER NOT NULL,
  path      TEXT NOT NULL,
  sha256    TEXT NOT NULL,
  PRIMARY KEY (job_id, position)
);
CREATE INDEX job_files_by_sha256 ON job_files (sha256);

-- Every version of every partition stays listed; superseded_at IS NULL marks the current one.
CREATE TABLE partition_versions (
  partition_id   INTEGER NOT NULL REFERENCES partitions(id),
  version        INTEGER NOT NULL,
  segment_file   TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  rows           INTEGER NOT NULL,
  bytes          INTEGER NOT NULL,
  job_id         INTEGER REFERENCES jobs(id),
  created_at     INTEGER NOT NULL,
  superseded_at  INTEGER,
  PRIMARY KEY (partition_id, version)
);
CREATE UNIQUE INDEX partition_versions_current ON partition_versions (partition_id)
  WHERE superseded_at IS NULL;

-- What each job did to each partition it touched (including "unchanged").
CREATE TABLE job_partitions (
  job_id        INTEGER NOT NULL REFERENCES jobs(id),
  partition_id  INTEGER NOT NULL REFERENCES partitions(id),
  version       INTEGER NOT NULL,
  change        TEXT NOT NULL CHECK (change IN ('new', 'replaced', 'unchanged')),
  PRIMARY KEY (job_id, partition_id)
);
)sql",
};

}  // namespace

int catalog_schema_version() { return static_cast<int>(kMigrations.size()); }

core::Status migrate_catalog(SqliteDatabase* db) {
  OPTIMA_RETURN_IF_ERROR(db->exec("BEGIN IMMEDIATE"));
  const auto migrate = [db]() -> core::Status {
    OPTIMA_ASSIGN_OR_RETURN(const int64_t version, db->query_int("PRAGMA user_version"));
    if (version > catalog_schema_version()) {
      return core::failed_precondition(fmt::format(
          "{}: catalog schema version {} is newer than this build understands ({}); upgrade "
          "CloudOptima",
          db->path().string(), version, catalog_schema_version()));
    }
    for (auto v = static_cast<size_t>(version); v < kMigrations.size(); ++v) {
      OPTIMA_RETURN_IF_ERROR(db->exec(kMigrations[v]));
    }
    if (version < catalog_schema_version()) {
      OPTIMA_RETURN_IF_ERROR(
          db->exec(fmt::format("PRAGMA user_version = {}", catalog_schema_version())));
    }
    return core::Status::ok();
  };
  core::Status status = migrate();
  if (!status.is_ok()) {
    (void)db->exec("ROLLBACK");
    return status;
  }
  return db->exec("COMMIT");
}

}  // namespace optima::store
