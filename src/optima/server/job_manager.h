// JobManager: background ingest jobs started through the API (uploads, registered folders).
//
// Jobs run one at a time on the manager's own thread through ingest::ingest_paths (the store's
// encode pool does the parallel work), so API threads never block on ingestion. While a job runs,
// `job` events with its progress go to the EventHub (at most every 200 ms); when a commit makes
// new data visible, a `data` event carries the new data version. Jobs are kept in memory for the
// life of the process (the store's catalog keeps the durable job records). Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "optima/server/event_hub.h"
#include "optima/server/metrics.h"
#include "optima/store/store.h"

namespace optima::server {

struct IngestJobSpec {
  std::vector<std::filesystem::path> paths;
  std::string source;                    // empty: one source per reader
  std::vector<std::string> file_names;   // as shown to users
  uint64_t bytes_total = 0;
  std::filesystem::path cleanup_dir;     // removed when the job ends (uploaded files), or empty
};

struct JobInfo {
  int64_t id = 0;
  std::string state = "queued";  // queued, running, succeeded, failed
  std::string source;
  std::vector<std::string> files;
  uint64_t bytes_done = 0;
  uint64_t bytes_total = 0;
  uint64_t rows = 0;
  std::vector<std::string> issues;  // row issues and warnings (at most 100)
  std::string error;                // failed jobs
  int64_t created_at = 0;
  std::optional<int64_t> started_at;
  std::optional<int64_t> finished_at;
};

// The API form of a job (docs/api.md, "Data").
nlohmann::json job_json(const JobInfo& job);

class JobManager {
 public:
  JobManager(store::Store& store, EventHub& events, Metrics& metrics,
             std::function<int64_t()> clock);
  ~JobManager();
  JobManager(const JobManager&) = delete;
  JobManager& operator=(const JobManager&) = delete;

  // Queues a job; returns it as queued.
  JobInfo submit(IngestJobSpec spec);
  std::vector<JobInfo> list() const;  // newest first
  std::optional<JobInfo> get(int64_t id) const;
  // Increases each time a job's commit makes new data visible.
  uint64_t data_version() const;
  // Lets the running job finish, fails the queued ones, and joins the thread. Idempotent.
  void shutdown();

 private:
  void run_loop();
  void run_job(int64_t id, const IngestJobSpec& spec);
  void publish(int64_t id);
  void update(int64_t id, const std::function<void(JobInfo&)>& change);

  store::Store& store_;
  EventHub& events_;
  Metrics& metrics_;
  std::function<int64_t()> clock_;

  mutable std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  int64_t next_id_ = 1;
  uint64_t data_version_ = 0;
  std::vector<JobInfo> jobs_;  // by id - 1
  std::deque<std::pair<int64_t, IngestJobSpec>> queue_;
  std::thread worker_;
};

}  // namespace optima::server
