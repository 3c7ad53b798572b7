#include "optima/store/catalog.h"

#include <fmt/format.h>

#include "optima/store/catalog_schema.h"

namespace optima::store {
namespace {

constexpr std::string_view kVersionColumns =
    "SELECT p.id, p.source, p.period_start, p.period_end, v.version, v.segment_file, "
    "v.content_hash, v.rows, v.bytes, v.job_id, v.created_at, v.superseded_at "
    "FROM partition_versions v JOIN partitions p ON p.id = v.partition_id ";

PartitionInfo version_from_row(const SqliteStatement& row) {
  PartitionInfo info;
  info.id = row.column_int(0);
  info.source = row.column_text(1);
  info.period.start = core::Timestamp{row.column_int(2)};
  info.period.end = core::Timestamp{row.column_int(3)};
  info.version = row.column_int(4);
  info.segment_file = row.column_text(5);
  info.content_hash = row.column_text(6);
  info.rows = static_cast<uint64_t>(row.column_int(7));
  info.bytes = static_cast<uint64_t>(row.column_int(8));
  info.job_id = row.column_int(9);
  info.created_at = row.column_int(10);
  if (!row.column_is_null(11)) info.superseded_at = row.column_int(11);
  return info;
}

}  // namespace

core::Result<std::unique_ptr<Catalog>> Catalog::open(const std::filesystem::path& path,
                                                     int busy_timeout_ms) {
  OPTIMA_ASSIGN_OR_RETURN(auto db, SqliteDatabase::open(path, busy_timeout_ms));
  // WAL: readers in other processes never block the writer nor see a half-done commit.
  // synchronous=FULL: a commit that returned survives power loss, not only a process crash.
  OPTIMA_RETURN_IF_ERROR(db->exec("PRAGMA journal_mode = WAL"));
  OPTIMA_RETURN_IF_ERROR(db->exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON"));
  OPTIMA_RETURN_IF_ERROR(migrate_catalog(db.get()));
  return std::unique_ptr<Catalog>(new Catalog(std::move(db)));
}

core::Status Catalog::begin_write() { return db_->exec("BEGIN IMMEDIATE"); }
core::Status Catalog::commit_write() { return db_->exec("COMMIT"); }
void Catalog::rollback_write() { (void)db_->exec("ROLLBACK"); }

core::Status Catalog::ensure_source(std::string_view name, std::string_view reader,
                                    int64_t now) {
  OPTIMA_ASSIGN_OR_RETURN(
      auto insert,
      db_->prepare("INSERT INTO sources (name, reader, created_at) VALUES (?1, ?2, ?3) "
                   "ON CONFLICT (name) DO NOTHING"));
  return insert.bind(1, name).bind(2, reader).bind(3, now).run();
}

core::Result<int64_t> Catalog::insert_job(const JobRecord& job) {
  OPTIMA_ASSIGN_OR_RETURN(
      auto insert,
      db_->prepare("INSERT INTO jobs (source, reader, started_at, finished_at, status, rows_read, "
                   "rows_accepted, rows_skipped, issues_json, message) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
  OPTIMA_RETURN_IF_ERROR(insert.bind(1, job.source)
                             .bind(2, job.reader)
                             .bind(3, job.started_at)
                             .bind(4, job.finished_at)
                             .bind(5, job_status_name(job.status))
                             .bind(6, static_cast<int64_t>(job.rows_read))
                             .bind(7, static_cast<int64_t>(job.rows_accepted))
                             .bind(8, static_cast<int64_t>(job.rows_skipped))
                             .bind(9, job.issues_json)
                             .bind(10, job.message)
                             .run());
  const int64_t job_id = db_->last_insert_rowid();
  OPTIMA_ASSIGN_OR_RETURN(
      auto insert_file,
      db_->prepare("INSERT INTO job_files (job_id, position, path, sha256) VALUES (?1, ?2, ?3, ?4)"));
  for (size_t i = 0; i < job.files.size(); ++i) {
    OPTIMA_RETURN_IF_ERROR(insert_file.reset()
                               .bind(1, job_id)
                               .bind(2, static_cast<int64_t>(i))
                               .bind(3, job.files[i].path)
                               .bind(4, job.files[i].sha256)
                               .run());
  }
  return job_id;
}

core::Result<int64_t> Catalog::ensure_partition(std::string_view source,
                                                const core::Period& period, int64_t now) {
  OPTIMA_ASSIGN_OR_RETURN(
      auto insert, db_->prepare("INSERT INTO partitions (source, period_start, period_end, "
                                "created_at) VALUES (?1, ?2, ?3, ?4) "
                                "ON CONFLICT (source, period_start, period_end) DO NOTHING"));
  OPTIMA_RETURN_IF_ERROR(insert.bind(1, source)
                             .bind(2, period.start.unix_seconds)
                             .bind(3, period.end.unix_seconds)
                             .bind(4, now)
                             .run());
  OPTIMA_ASSIGN_OR_RETURN(auto select,
                          db_->prepare("SELECT id FROM partitions WHERE source = ?1 AND "
                                       "period_start = ?2 AND period_end = ?3"));
  select.bind(1, source).bind(2, period.start.unix_seconds).bind(3, period.end.unix_seconds);
  OPTIMA_ASSIGN_OR_RETURN(const bool found, select.step());
  if (!found) return core::internal_error("partition row vanished inside a transaction");
  return select.column_int(0);
}

core::Result<int64_t> Catalog::next_version(int64_t partition_id) {
  OPTIMA_ASSIGN_OR_RETURN(auto select,
                          db_->prepare("SELECT COALESCE(MAX(version), 0) + 1 FROM "
                                       "partition_versions WHERE partition_id = ?1"));
  select.bind(1, partition_id);
  OPTIMA_ASSIGN_OR_RETURN(const bool found, select.step());
  if (!found) return core::internal_error("MAX() returned no row");
  return select.column_int(0);
}

core::Status Catalog::supersede(int64_t partition_id, int64_t version, int64_t now) {
  OPTIMA_ASSIGN_OR_RETURN(auto update,
                          db_->prepare("UPDATE partition_versions SET superseded_at = ?3 WHERE "
                                       "partition_id = ?1 AND version = ?2"));
  return update.bind(1, partition_id).bind(2, version).bind(3, now).run();
}

core::Status Catalog::insert_version(const PartitionInfo& v) {
  OPTIMA_ASSIGN_OR_RETURN(
      auto insert,
      db_->prepare("INSERT INTO partition_versions (partition_id, version, segment_file, "
                   "content_hash, rows, bytes, job_id, created_at, superseded_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL)"));
  return insert.bind(1, v.id)
      .bind(2, v.version)
      .bind(3, v.segment_file)
      .bind(4, v.content_hash)
      .bind(5, static_cast<int64_t>(v.rows))
      .bind(6, static_cast<int64_t>(v.bytes))
      .bind(7, v.job_id == 0 ? std::optional<int64_t>() : std::optional<int64_t>(v.job_id))
      .bind(8, v.created_at)
      .run();
}

core::Status Catalog::record_job_partition(int64_t job_id, int64_t partition_id, int64_t version,
                                           PartitionChange change) {
  OPTIMA_ASSIGN_OR_RETURN(auto insert,
                          db_->prepare("INSERT INTO job_partitions (job_id, partition_id, "
                                       "version, change) VALUES (?1, ?2, ?3, ?4)"));
  return insert.bind(1, job_id)
      .bind(2, partition_id)
      .bind(3, version)
      .bind(4, partition_change_name(change))
      .run();
}

core::Result<std::vector<PartitionInfo>> Catalog::query_versions(std::string_view where,
                                                                 int64_t arg, bool bind_arg) {
  OPTIMA_ASSIGN_OR_RETURN(auto select, db_->prepare(std::string(kVersionColumns) +
                                                    std::string(where)));
  if (bind_arg) select.bind(1, arg);
  std::vector<PartitionInfo> out;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(const bool row, select.step());
    if (!row) break;
    out.push_back(version_from_row(select));
  }
  return out;
}

core::Result<std::optional<PartitionInfo>> Catalog::current_version(int64_t partition_id) {
  OPTIMA_ASSIGN_OR_RETURN(
      auto rows, query_versions("WHERE v.partition_id = ?1 AND v.superseded_at IS NULL",
                                partition_id, true));
  if (rows.empty()) return std::optional<PartitionInfo>();
  return std::optional<PartitionInfo>(std::move(rows.front()));
}

core::Result<std::vector<PartitionInfo>> Catalog::current_partitions() {
  return query_versions(
      "WHERE v.superseded_at IS NULL ORDER BY p.source, p.period_start, p.period_end", 0, false);
}

core::Result<std::vector<PartitionInfo>> Catalog::partition_history(int64_t partition_id) {
  return query_versions("WHERE v.partition_id = ?1 ORDER BY v.version", partition_id, true);
}

core::Result<std::vector<SourceInfo>> Catalog::sources() {
  OPTIMA_ASSIGN_OR_RETURN(auto select,
                          db_->prepare("SELECT name, reader, created_at FROM sources ORDER BY name"));
  std::vector<SourceInfo> out;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(const bool row, select.step());
    if (!row) break;
    out.push_back({select.column_text(0), select.column_text(1), select.column_int(2)});
  }
  return out;
}

core::Status Catalog::load_job_files(JobRecord* job) {
  OPTIMA_ASSIGN_OR_RETURN(
      auto select,
      db_->prepare("SELECT path, sha256 FROM job_files WHERE job_id = ?1 ORDER BY position"));
  select.bind(1, job->id);
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(const bool row, select.step());
    if (!row) break;
    job->files.push_back({select.column_text(0), select.column_text(1)});
  }
  return core::Status::ok();
}

core::Result<std::vector<JobRecord>> Catalog::jobs(size_t limit) {
  OPTIMA_ASSIGN_OR_RETURN(
      auto select,
      db_->prepare("SELECT id, source, reader, started_at, finished_at, status, rows_read, "
                   "rows_accepted, rows_skipped, issues_json, message FROM jobs "
                   "ORDER BY id DESC LIMIT ?1"));
  select.bind(1, static_cast<int64_t>(std::min<size_t>(limit, INT64_MAX)));
  std::vector<JobRecord> out;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(const bool row, select.step());
    if (!row) break;
    JobRecord job;
    job.id = select.column_int(0);
    job.source = select.column_text(1);
    job.reader = select.column_text(2);
    job.started_at = select.column_int(3);
    job.finished_at = select.column_int(4);
    job.status = select.column_text(5) == "succeeded" ? JobStatus::kSucceeded : JobStatus::kFailed;
    job.rows_read = static_cast<uint64_t>(select.column_int(6));
    job.rows_accepted = static_cast<uint64_t>(select.column_int(7));
    job.rows_skipped = static_cast<uint64_t>(select.column_int(8));
    job.issues_json = select.column_text(9);
    job.message = select.column_text(10);
    out.push_back(std::move(job));
  }
  for (JobRecord& job : out) OPTIMA_RETURN_IF_ERROR(load_job_files(&job));
  return out;
}

core::Result<bool> Catalog::was_ingested(std::string_view source,
                                         const std::set<std::string>& file_sha256s) {
  if (file_sha256s.empty()) return false;
  // Candidates: succeeded jobs of the source that read the first file; newest first.
  OPTIMA_ASSIGN_OR_RETURN(
      auto candidates,
      db_->prepare("SELECT DISTINCT j.id FROM jobs j JOIN job_files f ON f.job_id = j.id "
                   "WHERE j.source = ?1 AND j.status = 'succeeded' AND f.sha256 = ?2 "
                   "ORDER BY j.id DESC"));
  candidates.bind(1, source).bind(2, *file_sha256s.begin());
  std::vector<int64_t> job_ids;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(const bool row, candidates.step());
    if (!row) break;
    job_ids.push_back(candidates.column_int(0));
  }
  for (const int64_t job_id : job_ids) {
    OPTIMA_ASSIGN_OR_RETURN(auto files,
                            db_->prepare("SELECT sha256 FROM job_files WHERE job_id = ?1"));
    files.bind(1, job_id);
    std::set<std::string> hashes;
    while (true) {
      OPTIMA_ASSIGN_OR_RETURN(const bool row, files.step());
      if (!row) break;
      hashes.insert(files.column_text(0));
    }
    if (hashes != file_sha256s) continue;
    OPTIMA_ASSIGN_OR_RETURN(
        auto stale,
        db_->prepare("SELECT COUNT(*) FROM job_partitions jp LEFT JOIN partition_versions v ON "
                     "v.partition_id = jp.partition_id AND v.superseded_at IS NULL "
                     "WHERE jp.job_id = ?1 AND (v.version IS NULL OR v.version != jp.version)"));
    stale.bind(1, job_id);
    OPTIMA_ASSIGN_OR_RETURN(const bool row, stale.step());
    if (row && stale.column_int(0) == 0) return true;
  }
  return false;
}

core::Result<std::set<std::string>> Catalog::current_segment_files() {
  OPTIMA_ASSIGN_OR_RETURN(
      auto select,
      db_->prepare("SELECT segment_file FROM partition_versions WHERE superseded_at IS NULL"));
  std::set<std::string> out;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(const bool row, select.step());
    if (!row) break;
    out.insert(select.column_text(0));
  }
  return out;
}

core::Result<int64_t> Catalog::data_version() { return db_->query_int("PRAGMA data_version"); }

core::Result<std::string> Catalog::integrity_check() {
  OPTIMA_ASSIGN_OR_RETURN(auto select, db_->prepare("PRAGMA integrity_check"));
  std::string out;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(const bool row, select.step());
    if (!row) break;
    if (!out.empty()) out += "\n";
    out += select.column_text(0);
  }
  return out;
}

}  // namespace optima::store
