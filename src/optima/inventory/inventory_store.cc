#include "optima/inventory/inventory_store.h"

#include <unistd.h>

#include <algorithm>
#include <random>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "optima/core/file_io.h"
#include "optima/core/strings.h"
#include "optima/store/sqlite_database.h"

namespace optima::inventory {
namespace {

constexpr int kBusyTimeoutMs = 10000;

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS inventory_snapshots (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  taken_at INTEGER NOT NULL,
  ingested_at INTEGER NOT NULL,
  sources TEXT NOT NULL,
  resource_count INTEGER NOT NULL,
  series_count INTEGER NOT NULL,
  sample_count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS inventory_resources (
  snapshot_id INTEGER NOT NULL REFERENCES inventory_snapshots(id),
  resource_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  native_id TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  zone TEXT NOT NULL,
  type TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at INTEGER,
  tags TEXT NOT NULL,
  attributes TEXT NOT NULL,
  source_file TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, resource_id)
);
CREATE TABLE IF NOT EXISTS inventory_series (
  snapshot_id INTEGER NOT NULL REFERENCES inventory_snapshots(id),
  part INTEGER NOT NULL,
  resource_id TEXT NOT NULL,
  metric TEXT NOT NULL,
  statistic TEXT NOT NULL,
  step_seconds INTEGER NOT NULL,
  sample_count INTEGER NOT NULL,
  first_time INTEGER NOT NULL,
  last_time INTEGER NOT NULL,
  frame_offset INTEGER NOT NULL,
  frame_length INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, part)
);
CREATE INDEX IF NOT EXISTS inventory_series_by_resource
  ON inventory_series (snapshot_id, resource_id, metric, statistic, part);
)sql";

constexpr std::string_view kResourceColumns =
    "resource_id, provider, native_id, name, kind, account_id, region, zone, type, state, created_at, tags, "
    "attributes, source_file";

std::string map_to_json(const std::map<std::string, std::string>& map) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : map) j[k] = v;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

core::Result<std::map<std::string, std::string>> map_from_json(const std::string& text, std::string_view what) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return core::data_loss(fmt::format("state.db: inventory {} is not a JSON object", what));
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : j.items()) {
    if (!v.is_string()) return core::data_loss(fmt::format("state.db: inventory {} value is not a string", what));
    out[k] = v.get<std::string>();
  }
  return out;
}

core::Result<Resource> resource_from_row(const store::SqliteStatement& row) {
  Resource r;
  r.resource_id = row.column_text(0);
  r.provider = row.column_text(1);
  r.native_id = row.column_text(2);
  r.name = row.column_text(3);
  const std::optional<ResourceKind> kind = parse_resource_kind(row.column_text(4));
  if (!kind) return core::data_loss(fmt::format("state.db: unknown resource kind '{}'", row.column_text(4)));
  r.kind = *kind;
  r.account_id = row.column_text(5);
  r.region = row.column_text(6);
  r.zone = row.column_text(7);
  r.type = row.column_text(8);
  r.state = row.column_text(9);
  if (!row.column_is_null(10)) r.created_at = core::Timestamp{row.column_int(10)};
  OPTIMA_ASSIGN_OR_RETURN(r.tags, map_from_json(row.column_text(11), "tags"));
  OPTIMA_ASSIGN_OR_RETURN(r.attributes, map_from_json(row.column_text(12), "attributes"));
  r.source_file = row.column_text(13);
  return r;
}

// Concatenates parts of the same (metric, statistic), which arrive adjacent, and restores
// ascending unique times.
std::vector<MetricSeries> merge_parts(std::vector<MetricSeries> parts) {
  std::vector<MetricSeries> out;
  for (MetricSeries& part : parts) {
    if (!out.empty() && out.back().metric == part.metric && out.back().statistic == part.statistic) {
      MetricSeries& into = out.back();
      const bool in_order = into.samples.empty() || part.samples.empty() ||
                            into.samples.back().time < part.samples.front().time;
      into.samples.insert(into.samples.end(), part.samples.begin(), part.samples.end());
      into.step_seconds = std::min(into.step_seconds, part.step_seconds);
      if (!in_order) {
        std::stable_sort(into.samples.begin(), into.samples.end(),
                         [](const MetricSample& a, const MetricSample& b) { return a.time < b.time; });
        // A later part wins for a duplicate time: keep the last of equal times.
        std::vector<MetricSample> unique;
        for (const MetricSample& s : into.samples) {
          if (!unique.empty() && unique.back().time == s.time) {
            unique.back() = s;
          } else {
            unique.push_back(s);
          }
        }
        into.samples = std::move(unique);
      }
    } else {
      out.push_back(std::move(part));
    }
  }
  return out;
}

std::string random_suffix() {
  std::random_device rd;
  return fmt::format("{:08x}{:08x}", rd(), rd());
}

}  // namespace

SnapshotWriter::~SnapshotWriter() {
  if (file_ != nullptr) {
    (void)file_->finish();
    std::error_code ec;
    std::filesystem::remove(file_->path(), ec);
  }
}

core::Status SnapshotWriter::add_resource(Resource resource) {
  if (resource.resource_id.empty()) {
    return core::invalid_argument(fmt::format("{}: a {} resource has no id", resource.source_file,
                                              resource_kind_name(resource.kind)));
  }
  std::string id = resource.resource_id;
  resources_.insert_or_assign(std::move(id), std::move(resource));
  return core::Status::ok();
}

core::Status SnapshotWriter::add_series(MetricSeries series) {
  if (series.resource_id.empty() || series.metric.empty()) {
    return core::invalid_argument("a metric series has no resource id or metric name");
  }
  if (series.samples.empty()) return core::Status::ok();
  for (size_t i = 1; i < series.samples.size(); ++i) {
    if (!(series.samples[i - 1].time < series.samples[i].time)) {
      return core::invalid_argument(fmt::format("series {} {} of {}: samples not in ascending time at {}",
                                                series.metric, series.statistic, series.resource_id,
                                                core::format_iso8601(series.samples[i].time)));
    }
  }
  OPTIMA_ASSIGN_OR_RETURN(MetricFrameLocation location, file_->append(series));
  IndexEntry entry;
  entry.summary.resource_id = std::move(series.resource_id);
  entry.summary.metric = std::move(series.metric);
  entry.summary.statistic = std::move(series.statistic);
  entry.summary.step_seconds = series.step_seconds;
  entry.summary.sample_count = static_cast<int64_t>(series.samples.size());
  entry.summary.first = series.samples.front().time;
  entry.summary.last = series.samples.back().time;
  entry.location = location;
  index_.push_back(std::move(entry));
  return core::Status::ok();
}

void SnapshotWriter::skip(const std::string& source, const std::string& reason) {
  skipped_.emplace_back(source, reason);
}

void SnapshotWriter::add_source(const std::string& path) {
  if (std::find(sources_.begin(), sources_.end(), path) == sources_.end()) sources_.push_back(path);
}

InventoryStore::InventoryStore(std::filesystem::path data_dir, std::unique_ptr<store::SqliteDatabase> db)
    : data_dir_(std::move(data_dir)), db_(std::move(db)) {}

InventoryStore::~InventoryStore() = default;

core::Result<std::unique_ptr<InventoryStore>> InventoryStore::open(const std::filesystem::path& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir / "inventory", ec);
  if (ec) return core::io_error(fmt::format("{}: cannot create: {}", (data_dir / "inventory").string(), ec.message()));
  OPTIMA_ASSIGN_OR_RETURN(std::unique_ptr<store::SqliteDatabase> db,
                          store::SqliteDatabase::open(data_dir / "state.db", kBusyTimeoutMs));
  OPTIMA_RETURN_IF_ERROR(db->exec("PRAGMA journal_mode = WAL"));
  OPTIMA_RETURN_IF_ERROR(db->exec(kSchema));
  return std::unique_ptr<InventoryStore>(new InventoryStore(data_dir, std::move(db)));
}

std::filesystem::path InventoryStore::metrics_path(int64_t snapshot_id) const {
  return data_dir_ / "inventory" / fmt::format("metrics-{}.bin", snapshot_id);
}

core::Result<std::unique_ptr<SnapshotWriter>> InventoryStore::begin_snapshot(core::Timestamp taken_at) {
  const auto temp = data_dir_ / "inventory" / fmt::format("metrics-{}-{}.tmp", ::getpid(), random_suffix());
  OPTIMA_ASSIGN_OR_RETURN(std::unique_ptr<MetricFileWriter> file, MetricFileWriter::create(temp));
  return std::unique_ptr<SnapshotWriter>(new SnapshotWriter(taken_at, std::move(file)));
}

core::Result<SnapshotInfo> InventoryStore::commit_snapshot(std::unique_ptr<SnapshotWriter> writer,
                                                           core::Timestamp now) {
  OPTIMA_RETURN_IF_ERROR(writer->file_->finish());
  const std::filesystem::path temp = writer->file_->path();
  SnapshotInfo info;
  info.taken_at = writer->taken_at_;
  info.ingested_at = now;
  info.sources = writer->sources_;
  info.resource_count = static_cast<int64_t>(writer->resources_.size());
  info.series_count = static_cast<int64_t>(writer->index_.size());
  for (const auto& entry : writer->index_) info.sample_count += entry.summary.sample_count;

  OPTIMA_RETURN_IF_ERROR(db_->exec("BEGIN IMMEDIATE"));
  std::filesystem::path final_path;
  const auto body = [&]() -> core::Status {
    OPTIMA_ASSIGN_OR_RETURN(store::SqliteStatement insert_snapshot,
                            db_->prepare("INSERT INTO inventory_snapshots (taken_at, ingested_at, sources, "
                                         "resource_count, series_count, sample_count) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    insert_snapshot.bind(1, info.taken_at.unix_seconds)
        .bind(2, info.ingested_at.unix_seconds)
        .bind(3, nlohmann::json(info.sources).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
        .bind(4, info.resource_count)
        .bind(5, info.series_count)
        .bind(6, info.sample_count);
    OPTIMA_RETURN_IF_ERROR(insert_snapshot.run());
    info.id = db_->last_insert_rowid();

    OPTIMA_ASSIGN_OR_RETURN(store::SqliteStatement insert_resource,
                            db_->prepare(fmt::format("INSERT INTO inventory_resources (snapshot_id, {}) VALUES "
                                                     "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                                                     kResourceColumns)));
    for (const auto& [id, r] : writer->resources_) {
      insert_resource.reset()
          .bind(1, info.id)
          .bind(2, r.resource_id)
          .bind(3, r.provider)
          .bind(4, r.native_id)
          .bind(5, r.name)
          .bind(6, resource_kind_name(r.kind))
          .bind(7, r.account_id)
          .bind(8, r.region)
          .bind(9, r.zone)
          .bind(10, r.type)
          .bind(11, r.state)
          .bind(12, r.created_at ? std::optional<int64_t>(r.created_at->unix_seconds) : std::nullopt)
          .bind(13, map_to_json(r.tags))
          .bind(14, map_to_json(r.attributes))
          .bind(15, r.source_file);
      OPTIMA_RETURN_IF_ERROR(insert_resource.run());
    }
    OPTIMA_ASSIGN_OR_RETURN(store::SqliteStatement insert_series,
                            db_->prepare("INSERT INTO inventory_series (snapshot_id, part, resource_id, metric, "
                                         "statistic, step_seconds, sample_count, first_time, last_time, "
                                         "frame_offset, frame_length) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                                         "?10, ?11)"));
    int64_t part = 0;
    for (const auto& entry : writer->index_) {
      const SeriesSummary& s = entry.summary;
      insert_series.reset()
          .bind(1, info.id)
          .bind(2, part++)
          .bind(3, s.resource_id)
          .bind(4, s.metric)
          .bind(5, s.statistic)
          .bind(6, s.step_seconds)
          .bind(7, s.sample_count)
          .bind(8, s.first.unix_seconds)
          .bind(9, s.last.unix_seconds)
          .bind(10, static_cast<int64_t>(entry.location.offset))
          .bind(11, static_cast<int64_t>(entry.location.length));
      OPTIMA_RETURN_IF_ERROR(insert_series.run());
    }
    // The series file takes its final name inside the transaction: a crash before COMMIT leaves
    // a file no snapshot row names, which the next snapshot with this id overwrites.
    final_path = metrics_path(info.id);
    std::error_code ec;
    std::filesystem::rename(temp, final_path, ec);
    if (ec) return core::io_error(fmt::format("{}: cannot rename: {}", temp.string(), ec.message()));
    OPTIMA_RETURN_IF_ERROR(core::fsync_directory(final_path.parent_path()));
    return db_->exec("COMMIT");
  };
  core::Status status = body();
  if (!status.is_ok()) {
    (void)db_->exec("ROLLBACK");
    std::error_code ec;
    if (!final_path.empty()) std::filesystem::remove(final_path, ec);
    return status;
  }
  writer->file_.reset();
  return info;
}

core::Result<SnapshotInfo> InventoryStore::load_snapshot(int64_t snapshot_id) {
  OPTIMA_ASSIGN_OR_RETURN(store::SqliteStatement select,
                          db_->prepare("SELECT id, taken_at, ingested_at, sources, resource_count, series_count, "
                                       "sample_count FROM inventory_snapshots WHERE id = ?1"));
  select.bind(1, snapshot_id);
  OPTIMA_ASSIGN_OR_RETURN(bool found, select.step());
  if (!found) return core::not_found(fmt::format("inventory snapshot {} does not exist", snapshot_id));
  SnapshotInfo info;
  info.id = select.column_int(0);
  info.taken_at = core::Timestamp{select.column_int(1)};
  info.ingested_at = core::Timestamp{select.column_int(2)};
  nlohmann::json sources = nlohmann::json::parse(select.column_text(3), nullptr, false);
  if (!sources.is_array()) return core::data_loss("state.db: inventory snapshot sources are not a JSON array");
  for (const auto& s : sources) {
    if (s.is_string()) info.sources.push_back(s.get<std::string>());
  }
  info.resource_count = select.column_int(4);
  info.series_count = select.column_int(5);
  info.sample_count = select.column_int(6);
  return info;
}

core::Result<std::optional<SnapshotInfo>> InventoryStore::latest_snapshot() {
  OPTIMA_ASSIGN_OR_RETURN(int64_t id, db_->query_int("SELECT COALESCE(MAX(id), 0) FROM inventory_snapshots"));
  if (id == 0) return std::optional<SnapshotInfo>();
  OPTIMA_ASSIGN_OR_RETURN(SnapshotInfo info, load_snapshot(id));
  return std::optional<SnapshotInfo>(std::move(info));
}

core::Result<std::vector<SnapshotInfo>> InventoryStore::snapshots() {
  std::vector<int64_t> ids;
  {
    OPTIMA_ASSIGN_OR_RETURN(store::SqliteStatement select,
                            db_->prepare("SELECT id FROM inventory_snapshots ORDER BY id"));
    while (true) {
      OPTIMA_ASSIGN_OR_RETURN(bool row, select.step());
      if (!row) break;
      ids.push_back(select.column_int(0));
    }
  }
  std::vector<SnapshotInfo> out;
  for (int64_t id : ids) {
    OPTIMA_ASSIGN_OR_RETURN(SnapshotInfo info, load_snapshot(id));
    out.push_back(std::move(info));
  }
  return out;
}

core::Result<std::vector<Resource>> InventoryStore::resources(int64_t snapshot_id, const ResourceFilter& filter) {
  std::string sql = fmt::format("SELECT {} FROM inventory_resources WHERE snapshot_id = ?1", kResourceColumns);
  if (filter.kind) sql += " AND kind = ?2";
  if (!filter.provider.empty()) sql += " AND provider = ?3 COLLATE NOCASE";
  if (!filter.resource_ids.empty()) sql += " AND resource_id = ?4";
  sql += " ORDER BY resource_id";
  OPTIMA_ASSIGN_OR_RETURN(store::SqliteStatement select, db_->prepare(sql));
  std::vector<Resource> out;
  const std::vector<std::string> any_id{std::string()};
  for (const std::string& id : filter.resource_ids.empty() ? any_id : filter.resource_ids) {
    select.reset().bind(1, snapshot_id);
    if (filter.kind) select.bind(2, resource_kind_name(*filter.kind));
    if (!filter.provider.empty()) select.bind(3, filter.provider);
    if (!filter.resource_ids.empty()) select.bind(4, id);
    while (true) {
      OPTIMA_ASSIGN_OR_RETURN(bool row, select.step());
      if (!row) break;
      OPTIMA_ASSIGN_OR_RETURN(Resource r, resource_from_row(select));
      out.push_back(std::move(r));
    }
  }
  return out;
}

core::Result<std::vector<SeriesSummary>> InventoryStore::series_index(int64_t snapshot_id) {
  OPTIMA_ASSIGN_OR_RETURN(store::SqliteStatement select,
                          db_->prepare("SELECT resource_id, metric, statistic, MIN(step_seconds), SUM(sample_count), "
                                       "MIN(first_time), MAX(last_time) FROM inventory_series WHERE snapshot_id = ?1 "
                                       "GROUP BY resource_id, metric, statistic ORDER BY resource_id, metric, statistic"));
  select.bind(1, snapshot_id);
  std::vector<SeriesSummary> out;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(bool row, select.step());
    if (!row) break;
    out.push_back({select.column_text(0), select.column_text(1), select.column_text(2), select.column_int(3),
                   select.column_int(4), core::Timestamp{select.column_int(5)}, core::Timestamp{select.column_int(6)}});
  }
  return out;
}

core::Result<std::vector<MetricSeries>> InventoryStore::series_for(int64_t snapshot_id,
                                                                   const std::string& resource_id) {
  std::vector<MetricSeries> found;
  OPTIMA_RETURN_IF_ERROR(stream_series(snapshot_id, &resource_id,
                                       [&](const std::string&, std::vector<MetricSeries>& series) {
                                         found = std::move(series);
                                         return core::Status::ok();
                                       }));
  return found;
}

core::Status InventoryStore::for_each_series(int64_t snapshot_id, const SeriesCallback& fn) {
  return stream_series(snapshot_id, nullptr, fn);
}

core::Status InventoryStore::stream_series(int64_t snapshot_id, const std::string* only_resource,
                                           const SeriesCallback& fn) {
  std::string sql = "SELECT resource_id, frame_offset, frame_length FROM inventory_series WHERE snapshot_id = ?1";
  if (only_resource != nullptr) sql += " AND resource_id = ?2";
  sql += " ORDER BY resource_id, metric, statistic, part";
  OPTIMA_ASSIGN_OR_RETURN(store::SqliteStatement select, db_->prepare(sql));
  select.bind(1, snapshot_id);
  if (only_resource != nullptr) select.bind(2, *only_resource);
  std::unique_ptr<MetricFileReader> file;
  std::string current;
  std::vector<MetricSeries> pending;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(bool row, select.step());
    if (!row) break;
    std::string id = select.column_text(0);
    if (id != current && !pending.empty()) {
      std::vector<MetricSeries> merged = merge_parts(std::move(pending));
      pending.clear();
      OPTIMA_RETURN_IF_ERROR(fn(current, merged));
    }
    current = std::move(id);
    if (file == nullptr) {
      OPTIMA_ASSIGN_OR_RETURN(file, MetricFileReader::open(metrics_path(snapshot_id)));
    }
    OPTIMA_ASSIGN_OR_RETURN(MetricSeries series,
                            file->read({static_cast<uint64_t>(select.column_int(1)),
                                        static_cast<uint64_t>(select.column_int(2))}));
    pending.push_back(std::move(series));
  }
  if (!pending.empty()) {
    std::vector<MetricSeries> merged = merge_parts(std::move(pending));
    OPTIMA_RETURN_IF_ERROR(fn(current, merged));
  }
  return core::Status::ok();
}

}  // namespace optima::inventory
