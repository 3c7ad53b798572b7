#include "optima/store/store.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <set>

#include <fmt/format.h>

#include "optima/core/file_io.h"
#include "optima/store/errno_message.h"

namespace optima::store {
namespace {

// How often snapshot() re-reads the catalog when a segment vanished under it (another process
// superseded and deleted it between the catalog read and the open).
constexpr int kSnapshotAttempts = 8;

// Each current partition keeps its segment open (see SegmentReader), so a store with thousands
// of partitions needs more descriptors than the usual soft limit of 1024: raise it to the hard
// limit, as database servers do. Best effort; a failure leaves the limit as it was.
void raise_open_file_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    (void)::setrlimit(RLIMIT_NOFILE, &limit);
  }
}

std::string period_text(const core::Period& period) {
  return fmt::format("[{}, {})", core::format_iso8601(period.start),
                     core::format_iso8601(period.end));
}

}  // namespace

core::Result<std::unique_ptr<Store>> Store::open(const std::filesystem::path& data_dir,
                                                 StoreOptions options) {
  raise_open_file_limit();
  SegmentDirectory segments(data_dir / "segments");
  OPTIMA_RETURN_IF_ERROR(segments.create());
  OPTIMA_ASSIGN_OR_RETURN(auto catalog,
                          Catalog::open(data_dir / "catalog.db", options.busy_timeout_ms));
  OPTIMA_ASSIGN_OR_RETURN(const size_t swept,
                          segments.sweep([&catalog] { return catalog->current_segment_files(); }));
  (void)swept;
  return std::unique_ptr<Store>(new Store(data_dir, std::move(options), std::move(catalog)));
}

Store::Store(std::filesystem::path data_dir, StoreOptions options,
             std::unique_ptr<Catalog> catalog)
    : data_dir_(std::move(data_dir)),
      options_(std::move(options)),
      segments_(data_dir_ / "segments"),
      encode_pool_(std::make_unique<core::ThreadPool>(options_.encode_threads)),
      cache_(std::make_shared<ChunkCache>(options_.cache_bytes)),
      catalog_(std::move(catalog)) {
  options_.segments.pool = encode_pool_.get();
}

Store::~Store() = default;

int64_t Store::now() const {
  if (options_.clock) return options_.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

core::Result<std::unique_ptr<PartitionWriter>> Store::begin_partition(std::string source,
                                                                      core::Period period) {
  if (source.empty()) return core::invalid_argument("a partition needs a source name");
  if (!(period.start < period.end)) {
    return core::invalid_argument(
        fmt::format("partition {} of {}: the period is empty", period_text(period), source));
  }
  OPTIMA_ASSIGN_OR_RETURN(LockedFile file, segments_.create_temp());
  return std::unique_ptr<PartitionWriter>(
      new PartitionWriter(std::move(source), period, std::move(file), options_.segments));
}

core::Result<CommitResult> Store::commit(std::vector<PendingPartition> partitions,
                                         JobRecord job) {
  if (job.source.empty()) return core::invalid_argument("a job needs a source name");
  std::set<std::pair<int64_t, int64_t>> periods;
  for (const PendingPartition& p : partitions) {
    if (!p.file_.fd.valid() || p.committed_) {
      return core::invalid_argument("commit() got a partition that is not pending");
    }
    if (p.source_ != job.source) {
      return core::invalid_argument(fmt::format(
          "partition of source '{}' in a job of source '{}'", p.source_, job.source));
    }
    if (!periods.emplace(p.period_.start.unix_seconds, p.period_.end.unix_seconds).second) {
      return core::invalid_argument(
          fmt::format("partition {} {} appears twice in one commit", job.source,
                      period_text(p.period_)));
    }
  }

  std::lock_guard<std::mutex> lock(mutex_);
  const int64_t now_seconds = now();
  OPTIMA_RETURN_IF_ERROR(catalog_->begin_write());
  CommitResult result;
  std::vector<std::string> superseded;
  std::vector<size_t> renamed;
  const auto write = [&]() -> core::Status {
    OPTIMA_RETURN_IF_ERROR(catalog_->ensure_source(job.source, job.reader, now_seconds));
    OPTIMA_ASSIGN_OR_RETURN(result.job_id, catalog_->insert_job(job));
    for (size_t i = 0; i < partitions.size(); ++i) {
      PendingPartition& p = partitions[i];
      PartitionOutcome outcome;
      outcome.source = p.source_;
      outcome.period = p.period_;
      OPTIMA_ASSIGN_OR_RETURN(outcome.partition_id,
                              catalog_->ensure_partition(p.source_, p.period_, now_seconds));
      OPTIMA_ASSIGN_OR_RETURN(const std::optional<PartitionInfo> current,
                              catalog_->current_version(outcome.partition_id));
      if (current.has_value() && current->content_hash == p.summary_.content_hash &&
          segment_intact(*current)) {
        outcome.change = PartitionChange::kUnchanged;
        outcome.version = current->version;
        outcome.content_hash = current->content_hash;
        outcome.rows = current->rows;
      } else {
        PartitionInfo version;
        version.id = outcome.partition_id;
        OPTIMA_ASSIGN_OR_RETURN(version.version, catalog_->next_version(outcome.partition_id));
        version.segment_file = SegmentDirectory::committed_name(version.id, version.version);
        version.content_hash = p.summary_.content_hash;
        version.rows = p.summary_.rows;
        version.bytes = p.summary_.bytes;
        version.job_id = result.job_id;
        version.created_at = now_seconds;
        // The rename happens under the catalog's write lock and our flock on the file, and
        // before COMMIT: a crash before COMMIT leaves an unreferenced file that sweep() removes.
        const std::filesystem::path target = segments_.path_of(version.segment_file);
        if (std::rename(p.file_.path.c_str(), target.c_str()) != 0) {
          return core::io_error(fmt::format("cannot rename {} to {}: {}", p.file_.path.string(),
                                            target.string(), errno_message(errno)));
        }
        p.file_.path = target;
        renamed.push_back(i);
        if (current.has_value()) {
          OPTIMA_RETURN_IF_ERROR(
              catalog_->supersede(outcome.partition_id, current->version, now_seconds));
          superseded.push_back(current->segment_file);
        }
        OPTIMA_RETURN_IF_ERROR(catalog_->insert_version(version));
        outcome.change = current.has_value() ? PartitionChange::kReplaced : PartitionChange::kNew;
        outcome.version = version.version;
        outcome.content_hash = version.content_hash;
        outcome.rows = version.rows;
      }
      OPTIMA_RETURN_IF_ERROR(catalog_->record_job_partition(result.job_id, outcome.partition_id,
                                                            outcome.version, outcome.change));
      result.partitions.push_back(std::move(outcome));
    }
    if (!renamed.empty()) OPTIMA_RETURN_IF_ERROR(core::fsync_directory(segments_.path()));
    return catalog_->commit_write();
  };
  const core::Status status = write();
  if (!status.is_ok()) {
    // Nothing changed; the renamed files are unreferenced and their PendingPartitions (consumed
    // here) delete them.
    catalog_->rollback_write();
    return status;
  }
  for (const size_t i : renamed) {
    partitions[i].committed_ = true;
    partitions[i].file_.fd.reset();  // releases the flock: the file is now the catalog's
  }
  ++generation_;
  for (const std::string& file : superseded) retire_segment(file);
  return result;
}

bool Store::segment_intact(const PartitionInfo& version) const {
  auto reader = SegmentReader::open(segments_.path_of(version.segment_file), nullptr);
  return reader.is_ok() && (*reader)->file_bytes() == version.bytes &&
         (*reader)->content_hash() == version.content_hash;
}

core::Result<int64_t> Store::record_job(JobRecord job) {
  OPTIMA_ASSIGN_OR_RETURN(CommitResult result, commit({}, std::move(job)));
  return result.job_id;
}

core::Result<bool> Store::was_ingested(std::string_view source,
                                       const std::vector<std::string>& file_sha256s) {
  const std::set<std::string> hashes(file_sha256s.begin(), file_sha256s.end());
  std::lock_guard<std::mutex> lock(mutex_);
  return catalog_->was_ingested(source, hashes);
}

void Store::retire_segment(const std::string& file_name) {
  const auto it = readers_.find(file_name);
  if (it != readers_.end()) {
    if (auto reader = it->second.lock()) {
      reader->delete_file_on_close();
      readers_.erase(it);
      return;
    }
    readers_.erase(it);
  }
  std::error_code ignored;  // a file already gone was deleted by a sweep elsewhere
  std::filesystem::remove(segments_.path_of(file_name), ignored);
}

core::Result<std::shared_ptr<SegmentReader>> Store::open_segment(const std::string& file_name) {
  if (const auto it = readers_.find(file_name); it != readers_.end()) {
    if (auto reader = it->second.lock()) return reader;
  }
  OPTIMA_ASSIGN_OR_RETURN(auto reader, SegmentReader::open(segments_.path_of(file_name), cache_));
  readers_[file_name] = reader;
  return reader;
}

core::Result<std::shared_ptr<const Snapshot>> Store::snapshot() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (int attempt = 0; attempt < kSnapshotAttempts; ++attempt) {
    OPTIMA_ASSIGN_OR_RETURN(const int64_t data_version, catalog_->data_version());
    if (snapshot_ && snapshot_data_version_ == data_version &&
        snapshot_generation_ == generation_) {
      return snapshot_;
    }
    OPTIMA_ASSIGN_OR_RETURN(std::vector<PartitionInfo> current, catalog_->current_partitions());
    std::vector<SnapshotPartition> partitions;
    partitions.reserve(current.size());
    bool vanished = false;
    for (PartitionInfo& info : current) {
      auto reader = open_segment(info.segment_file);
      if (!reader.is_ok()) {
        if (reader.status().code() == core::StatusCode::kNotFound) {
          vanished = true;
          break;
        }
        return reader.status();
      }
      const std::shared_ptr<SegmentReader>& segment = reader.value();
      if (segment->rows() != info.rows || segment->content_hash() != info.content_hash) {
        return core::data_loss(fmt::format(
            "segment {} holds {} rows with hash {}, but the catalog lists partition {} version "
            "{} with {} rows and hash {}",
            segment->path().string(), segment->rows(), segment->content_hash(), info.id,
            info.version, info.rows, info.content_hash));
      }
      partitions.push_back({std::move(info), segment});
    }
    if (vanished) continue;
    // Forget readers no snapshot holds any more.
    for (auto it = readers_.begin(); it != readers_.end();) {
      it = it->second.expired() ? readers_.erase(it) : std::next(it);
    }
    snapshot_ = std::make_shared<const Snapshot>(std::move(partitions));
    snapshot_generation_ = generation_;
    snapshot_data_version_ = data_version;
    return snapshot_;
  }
  return core::io_error(fmt::format(
      "segments in {} kept disappearing while taking a snapshot; is another process sweeping?",
      segments_.path().string()));
}

core::Result<std::vector<SourceInfo>> Store::sources() {
  std::lock_guard<std::mutex> lock(mutex_);
  return catalog_->sources();
}

core::Result<std::vector<PartitionInfo>> Store::partitions() {
  std::lock_guard<std::mutex> lock(mutex_);
  return catalog_->current_partitions();
}

core::Result<std::vector<PartitionInfo>> Store::partition_history(int64_t partition_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  OPTIMA_ASSIGN_OR_RETURN(auto history, catalog_->partition_history(partition_id));
  if (history.empty()) return core::not_found(fmt::format("no partition {}", partition_id));
  return history;
}

core::Result<std::vector<JobRecord>> Store::jobs(size_t limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  return catalog_->jobs(limit);
}

core::Result<std::string> Store::check_catalog() {
  std::lock_guard<std::mutex> lock(mutex_);
  return catalog_->integrity_check();
}

}  // namespace optima::store
