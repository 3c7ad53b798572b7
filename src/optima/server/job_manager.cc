// Background ingest jobs.
#include "optima/server/job_manager.h"

#include <chrono>

#include "optima/core/time.h"
#include "optima/ingest/ingest_pipeline.h"

namespace optima::server {
namespace {

constexpr size_t kMaxIssues = 100;

std::string time_text(int64_t seconds) { return core::format_iso8601({seconds}); }

}  // namespace

nlohmann::json job_json(const JobInfo& job) {
  nlohmann::json j = {{"id", job.id},           {"state", job.state},
                      {"source", job.source},   {"files", job.files},
                      {"bytes_done", job.bytes_done}, {"bytes_total", job.bytes_total},
                      {"rows", job.rows},       {"issues", job.issues},
                      {"created_at", time_text(job.created_at)}};
  j["started_at"] = job.started_at ? nlohmann::json(time_text(*job.started_at)) : nullptr;
  if (job.finished_at) j["finished_at"] = time_text(*job.finished_at);
  if (!job.error.empty()) j["error"] = job.error;
  return j;
}

JobManager::JobManager(store::Store& store, EventHub& events, Metrics& metrics,
                       std::function<int64_t()> clock)
    : store_(store), events_(events), metrics_(metrics), clock_(std::move(clock)) {
  worker_ = std::thread([this] { run_loop(); });
}

JobManager::~JobManager() { shutdown(); }

void JobManager::shutdown() {
  std::vector<std::pair<int64_t, IngestJobSpec>> dropped;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& q : queue_) dropped.push_back(std::move(q));
    queue_.clear();
  }
  cv_.notify_all();
  for (auto& [id, spec] : dropped) {
    update(id, [&](JobInfo& j) {
      j.state = "failed";
      j.error = "the server shut down before the job started";
      j.finished_at = clock_();
    });
    std::error_code ec;
    if (!spec.cleanup_dir.empty()) std::filesystem::remove_all(spec.cleanup_dir, ec);
  }
  if (worker_.joinable()) worker_.join();
}

JobInfo JobManager::submit(IngestJobSpec spec) {
  JobInfo job;
  {
    std::lock_guard lock(mutex_);
    job.id = next_id_++;
    job.source = spec.source;
    job.files = spec.file_names;
    job.bytes_total = spec.bytes_total;
    job.created_at = clock_();
    jobs_.push_back(job);
    queue_.emplace_back(job.id, std::move(spec));
  }
  cv_.notify_all();
  publish(job.id);
  return job;
}

std::vector<JobInfo> JobManager::list() const {
  std::lock_guard lock(mutex_);
  return {jobs_.rbegin(), jobs_.rend()};
}

std::optional<JobInfo> JobManager::get(int64_t id) const {
  std::lock_guard lock(mutex_);
  if (id < 1 || id > static_cast<int64_t>(jobs_.size())) return std::nullopt;
  return jobs_[static_cast<size_t>(id - 1)];
}

uint64_t JobManager::data_version() const {
  std::lock_guard lock(mutex_);
  return data_version_;
}

void JobManager::update(int64_t id, const std::function<void(JobInfo&)>& change) {
  {
    std::lock_guard lock(mutex_);
    change(jobs_[static_cast<size_t>(id - 1)]);
  }
  publish(id);
}

void JobManager::publish(int64_t id) {
  if (auto job = get(id)) events_.publish("job", job_json(*job));
}

void JobManager::run_loop() {
  while (true) {
    std::pair<int64_t, IngestJobSpec> next;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping
      next = std::move(queue_.front());
      queue_.pop_front();
    }
    run_job(next.first, next.second);
    std::error_code ec;
    if (!next.second.cleanup_dir.empty()) std::filesystem::remove_all(next.second.cleanup_dir, ec);
  }
}

void JobManager::run_job(int64_t id, const IngestJobSpec& spec) {
  update(id, [&](JobInfo& j) {
    j.state = "running";
    j.started_at = clock_();
  });
  ingest::IngestRequest request;
  request.paths = spec.paths;
  request.source = spec.source;
  auto last_event = std::chrono::steady_clock::now();
  request.on_progress = [&](uint64_t rows) {
    const auto now = std::chrono::steady_clock::now();
    {
      std::lock_guard lock(mutex_);
      jobs_[static_cast<size_t>(id - 1)].rows = rows;
    }
    if (now - last_event >= std::chrono::milliseconds(200)) {
      last_event = now;
      publish(id);
    }
  };
  auto summary = ingest::ingest_paths(store_, request);
  if (!summary.is_ok()) {
    update(id, [&](JobInfo& j) {
      j.state = "failed";
      j.error = summary.status().message();
      j.finished_at = clock_();
    });
    return;
  }
  bool changed = false;
  for (const auto& source : summary->sources) {
    for (const auto& p : source.commit.partitions) {
      changed = changed || p.change != store::PartitionChange::kUnchanged;
    }
  }
  metrics_.add_ingested_rows(summary->rows_accepted);
  const core::Status overall = summary->overall();
  uint64_t version = 0;
  if (changed) {
    std::lock_guard lock(mutex_);
    version = ++data_version_;
  }
  update(id, [&](JobInfo& j) {
    j.state = overall.is_ok() ? "succeeded" : "failed";
    if (!overall.is_ok()) j.error = overall.message();
    j.rows = summary->rows_accepted;
    j.bytes_done = j.bytes_total;
    if (j.source.empty() && !summary->sources.empty()) j.source = summary->sources.front().source;
    for (const auto& unit : summary->units) {
      for (const auto& w : unit.report.warnings) {
        if (j.issues.size() < kMaxIssues) j.issues.push_back(w);
      }
      for (const auto& issue : unit.report.issues) {
        if (j.issues.size() < kMaxIssues) j.issues.push_back(issue.message());
      }
    }
    for (const auto& note : summary->notes) {
      if (j.issues.size() < kMaxIssues) j.issues.push_back(note);
    }
    j.finished_at = clock_();
  });
  if (changed) events_.publish("data", {{"version", version}});
}

}  // namespace optima::server
