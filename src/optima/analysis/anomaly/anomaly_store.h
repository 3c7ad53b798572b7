// AnomalyStore: the anomalies a scan found and what users said about them, in SQLite
// (<data_dir>/state.db, WAL):
//
//   anomaly_events(id PRIMARY KEY, series_key, currency, direction, start, delta, body JSON,
//                  first_seen, last_seen)
//   anomaly_feedback(anomaly_id PRIMARY KEY, verdict 'expected'|'unexpected', note, created_at)
//
// Ids are stable (anomaly_id), so a re-scan updates the same rows and keeps their feedback.
// A verdict "expected" suppresses similar later anomalies — same series, currency and
// direction, change per period within a factor of two — which are still stored and listed,
// marked suppressed with the id of the anomaly that suppresses them, never dropped silently.
// Not thread-safe (one SQLite connection); open one per thread or serialise calls.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "optima/analysis/anomaly/anomaly.h"
#include "optima/core/status.h"
#include "optima/store/sqlite_database.h"

namespace optima::analysis {

enum class Verdict { kExpected, kUnexpected };
std::string_view verdict_name(Verdict verdict);

struct StoredAnomaly {
  Anomaly anomaly;
  std::optional<Verdict> verdict;
  std::string note;
  int64_t first_seen = 0;  // UTC seconds
  int64_t last_seen = 0;
  // "open", "expected", "unexpected" or "suppressed".
  std::string status() const;
};

class AnomalyStore {
 public:
  // Opens (creating and migrating) the tables in the SQLite file `path` (normally
  // <data_dir>/state.db). `clock` returns UTC seconds; defaults to the system clock.
  // Errors: IoError, DataLoss.
  static core::Result<std::unique_ptr<AnomalyStore>> open(const std::filesystem::path& path,
                                                          std::function<int64_t()> clock = {});

  // Marks each anomaly that an "expected" verdict covers as suppressed (suppressed_by set).
  core::Status apply_suppression(std::vector<Anomaly>& anomalies);

  // apply_suppression, then inserts or updates every anomaly (first_seen kept), in one
  // transaction. Returns the anomalies as stored.
  core::Result<std::vector<Anomaly>> record(std::vector<Anomaly> anomalies);

  // Stored anomalies, newest start first; `status` filters on StoredAnomaly::status() when set.
  core::Result<std::vector<StoredAnomaly>> list(const std::string& status = {}, size_t limit = 1000);

  // Errors: NotFound for an unknown id.
  core::Result<StoredAnomaly> get(const std::string& id);

  // Records (or replaces) the verdict on an anomaly. Errors: NotFound for an unknown id.
  core::Status set_feedback(const std::string& id, Verdict verdict, const std::string& note = {});

 private:
  AnomalyStore(std::unique_ptr<store::SqliteDatabase> db, std::function<int64_t()> clock)
      : db_(std::move(db)), clock_(std::move(clock)) {}
  core::Result<std::vector<StoredAnomaly>> query(const std::string& where_id);

  std::unique_ptr<store::SqliteDatabase> db_;
  std::function<int64_t()> clock_;
};

}  // namespace optima::analysis
