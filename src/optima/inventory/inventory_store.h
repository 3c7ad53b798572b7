// InventoryStore: inventory snapshots in a data directory. Resources live in SQLite
// (<data_dir>/state.db, tables inventory_*), one row per resource with tags and attributes as
// JSON; metric series live in one file per snapshot (<data_dir>/inventory/metrics-<id>.bin, see
// metric_file.h) indexed in SQLite by (resource, metric, statistic) so consumers stream them one
// resource at a time without loading the whole file.
//
// Writing: begin_snapshot() returns a SnapshotWriter (an InventorySink); readers feed it; commit()
// fsyncs the series file, renames it into place and records the snapshot, its resources and its
// series index in one SQLite transaction. Until commit() nothing is visible; a failed or abandoned
// writer leaves no snapshot and removes its temporary file.
//
// Thread-compatible: one InventoryStore per thread. Several processes may share a data
// directory (SQLite WAL, busy timeout).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "optima/core/status.h"
#include "optima/core/time.h"
#include "optima/inventory/inventory_sink.h"
#include "optima/inventory/metric_file.h"

namespace optima::store {
class SqliteDatabase;
}

namespace optima::inventory {

struct SnapshotInfo {
  int64_t id = 0;
  core::Timestamp taken_at;     // when the inventory was observed
  core::Timestamp ingested_at;  // when it was committed
  std::vector<std::string> sources;  // files the snapshot was read from
  int64_t resource_count = 0;
  int64_t series_count = 0;  // series parts in the index
  int64_t sample_count = 0;
};

// Which resources resources() returns; empty fields match everything.
struct ResourceFilter {
  std::optional<ResourceKind> kind;
  std::string provider;                   // FOCUS ProviderName, compared case-insensitively
  std::vector<std::string> resource_ids;  // any of these
};

// One entry of a snapshot's series index.
struct SeriesSummary {
  std::string resource_id;
  std::string metric;
  std::string statistic;
  int64_t step_seconds = 0;
  int64_t sample_count = 0;
  core::Timestamp first;
  core::Timestamp last;
};

class InventoryStore;

// Collects one snapshot. Resources are kept in memory (deduplicated by resource_id, the later one
// winning); series go straight to the snapshot's temporary series file. Not thread-safe.
class SnapshotWriter final : public InventorySink {
 public:
  ~SnapshotWriter() override;
  SnapshotWriter(const SnapshotWriter&) = delete;
  SnapshotWriter& operator=(const SnapshotWriter&) = delete;

  core::Status add_resource(Resource resource) override;
  // InvalidArgument when the series has no resource_id or metric, or samples are not ascending.
  core::Status add_series(MetricSeries series) override;
  void skip(const std::string& source, const std::string& reason) override;
  void add_source(const std::string& path) override;

  const std::vector<std::pair<std::string, std::string>>& skipped() const { return skipped_; }
  size_t resource_count() const { return resources_.size(); }
  size_t series_count() const { return index_.size(); }

 private:
  friend class InventoryStore;
  struct IndexEntry {
    SeriesSummary summary;
    MetricFrameLocation location;
  };
  SnapshotWriter(core::Timestamp taken_at, std::unique_ptr<MetricFileWriter> file)
      : taken_at_(taken_at), file_(std::move(file)) {}

  core::Timestamp taken_at_;
  std::unique_ptr<MetricFileWriter> file_;
  std::map<std::string, Resource> resources_;
  std::vector<IndexEntry> index_;
  std::vector<std::string> sources_;
  std::vector<std::pair<std::string, std::string>> skipped_;
};

class InventoryStore {
 public:
  // Opens (creating if needed) <data_dir>/state.db and <data_dir>/inventory/, and creates the
  // inventory_* tables. IoError when the directory or database cannot be created.
  static core::Result<std::unique_ptr<InventoryStore>> open(const std::filesystem::path& data_dir);
  ~InventoryStore();
  InventoryStore(const InventoryStore&) = delete;
  InventoryStore& operator=(const InventoryStore&) = delete;

  // Starts a snapshot observed at `taken_at`.
  core::Result<std::unique_ptr<SnapshotWriter>> begin_snapshot(core::Timestamp taken_at);
  // Makes the writer's snapshot visible atomically. `now` is recorded as ingested_at.
  core::Result<SnapshotInfo> commit_snapshot(std::unique_ptr<SnapshotWriter> writer, core::Timestamp now);

  // The snapshot with the highest id, or nullopt when there is none.
  core::Result<std::optional<SnapshotInfo>> latest_snapshot();
  core::Result<std::vector<SnapshotInfo>> snapshots();

  // Resources of `snapshot_id` matching `filter`, ordered by resource_id.
  core::Result<std::vector<Resource>> resources(int64_t snapshot_id, const ResourceFilter& filter);
  // The series index of `snapshot_id`, ordered by resource_id, metric, statistic.
  core::Result<std::vector<SeriesSummary>> series_index(int64_t snapshot_id);
  // All series of one resource (parts of the same metric and statistic merged, ascending time).
  core::Result<std::vector<MetricSeries>> series_for(int64_t snapshot_id, const std::string& resource_id);
  // Calls `fn` once per resource that has series, in resource_id order, with that resource's
  // merged series; only one resource's series are in memory at a time. Stops at and returns the
  // first error `fn` returns.
  using SeriesCallback =
      std::function<core::Status(const std::string& resource_id, std::vector<MetricSeries>& series)>;
  core::Status for_each_series(int64_t snapshot_id, const SeriesCallback& fn);

  const std::filesystem::path& data_dir() const { return data_dir_; }

 private:
  InventoryStore(std::filesystem::path data_dir, std::unique_ptr<store::SqliteDatabase> db);
  std::filesystem::path metrics_path(int64_t snapshot_id) const;
  core::Result<SnapshotInfo> load_snapshot(int64_t snapshot_id);
  // for_each_series over all resources, or only `*only_resource` when not null.
  core::Status stream_series(int64_t snapshot_id, const std::string* only_resource, const SeriesCallback& fn);

  std::filesystem::path data_dir_;
  std::unique_ptr<store::SqliteDatabase> db_;
};

}  // namespace optima::inventory
