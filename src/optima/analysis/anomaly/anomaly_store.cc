// Anomalies and feedback in state.db (see anomaly_store.h).
#include "optima/analysis/anomaly/anomaly_store.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "optima/analysis/anomaly/anomaly_json.h"

namespace optima::analysis {
namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS anomaly_events (
  id TEXT PRIMARY KEY,
  series_key TEXT NOT NULL,
  currency TEXT NOT NULL,
  direction TEXT NOT NULL,
  start INTEGER NOT NULL,
  delta TEXT NOT NULL,
  body TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS anomaly_events_series ON anomaly_events(series_key, direction);
CREATE TABLE IF NOT EXISTS anomaly_feedback (
  anomaly_id TEXT PRIMARY KEY REFERENCES anomaly_events(id),
  verdict TEXT NOT NULL CHECK (verdict IN ('expected', 'unexpected')),
  note TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
)sql";

int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

// An expected anomaly covers another of the same series, currency and direction whose change per
// period is within a factor of two of its own.
bool similar(const Anomaly& expected, const Anomaly& a) {
  if (expected.series_key() != a.series_key() || expected.currency != a.currency ||
      expected.direction != a.direction) {
    return false;
  }
  const double x = std::fabs(expected.delta_per_period.to_double());
  const double y = std::fabs(a.delta_per_period.to_double());
  return y <= 2 * x && x <= 2 * y;
}

}  // namespace

std::string_view verdict_name(Verdict verdict) {
  return verdict == Verdict::kExpected ? "expected" : "unexpected";
}

std::string StoredAnomaly::status() const {
  if (verdict) return std::string(verdict_name(*verdict));
  return anomaly.suppressed ? "suppressed" : "open";
}

core::Result<std::unique_ptr<AnomalyStore>> AnomalyStore::open(const std::filesystem::path& path,
                                                               std::function<int64_t()> clock) {
  OPTIMA_ASSIGN_OR_RETURN(auto db, store::SqliteDatabase::open(path, 30000));
  OPTIMA_RETURN_IF_ERROR(db->exec("PRAGMA journal_mode=WAL;"));
  OPTIMA_RETURN_IF_ERROR(db->exec(kSchema));
  if (!clock) clock = system_now;
  return std::unique_ptr<AnomalyStore>(new AnomalyStore(std::move(db), std::move(clock)));
}

core::Status AnomalyStore::apply_suppression(std::vector<Anomaly>& anomalies) {
  OPTIMA_ASSIGN_OR_RETURN(auto stmt, db_->prepare(
      "SELECT e.body FROM anomaly_events e JOIN anomaly_feedback f ON f.anomaly_id = e.id "
      "WHERE f.verdict = 'expected' ORDER BY e.start, e.id"));
  std::vector<Anomaly> expected;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) break;
    const auto json = nlohmann::json::parse(stmt.column_text(0), nullptr, false);
    OPTIMA_ASSIGN_OR_RETURN(Anomaly e, anomaly_from_json(json));
    expected.push_back(std::move(e));
  }
  for (Anomaly& a : anomalies) {
    a.suppressed = false;
    a.suppressed_by.clear();
    for (const Anomaly& e : expected) {
      if (e.id != a.id && e.start < a.start && similar(e, a)) {
        a.suppressed = true;
        a.suppressed_by = e.id;
        break;
      }
    }
  }
  return core::Status::ok();
}

core::Result<std::vector<Anomaly>> AnomalyStore::record(std::vector<Anomaly> anomalies) {
  OPTIMA_RETURN_IF_ERROR(apply_suppression(anomalies));
  const int64_t now = clock_();
  OPTIMA_RETURN_IF_ERROR(db_->exec("BEGIN IMMEDIATE"));
  auto stmt = db_->prepare(
      "INSERT INTO anomaly_events (id, series_key, currency, direction, start, delta, body, first_seen, "
      "last_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) ON CONFLICT(id) DO UPDATE SET "
      "delta = excluded.delta, body = excluded.body, last_seen = excluded.last_seen");
  if (!stmt.is_ok()) {
    (void)db_->exec("ROLLBACK");
    return stmt.status();
  }
  for (const Anomaly& a : anomalies) {
    stmt->reset()
        .bind(1, a.id)
        .bind(2, a.series_key())
        .bind(3, a.currency)
        .bind(4, direction_name(a.direction))
        .bind(5, a.start.unix_seconds)
        .bind(6, a.delta_per_period.to_string())
        .bind(7, anomaly_to_json(a).dump())
        .bind(8, now);
    core::Status s = stmt->run();
    if (!s.is_ok()) {
      (void)db_->exec("ROLLBACK");
      return s;
    }
  }
  OPTIMA_RETURN_IF_ERROR(db_->exec("COMMIT"));
  return anomalies;
}

core::Result<std::vector<StoredAnomaly>> AnomalyStore::query(const std::string& where_id) {
  std::string sql =
      "SELECT e.body, e.first_seen, e.last_seen, f.verdict, f.note FROM anomaly_events e "
      "LEFT JOIN anomaly_feedback f ON f.anomaly_id = e.id";
  if (!where_id.empty()) sql += " WHERE e.id = ?1";
  sql += " ORDER BY e.start DESC, e.id";
  OPTIMA_ASSIGN_OR_RETURN(auto stmt, db_->prepare(sql));
  if (!where_id.empty()) stmt.bind(1, where_id);
  std::vector<StoredAnomaly> out;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) break;
    StoredAnomaly s;
    const auto json = nlohmann::json::parse(stmt.column_text(0), nullptr, false);
    auto a = anomaly_from_json(json);
    if (!a.is_ok()) return a.status().with_context("anomaly_events");
    s.anomaly = std::move(*a);
    s.first_seen = stmt.column_int(1);
    s.last_seen = stmt.column_int(2);
    if (!stmt.column_is_null(3)) {
      s.verdict = stmt.column_text(3) == "expected" ? Verdict::kExpected : Verdict::kUnexpected;
      s.note = stmt.column_text(4);
    }
    out.push_back(std::move(s));
  }
  return out;
}

core::Result<std::vector<StoredAnomaly>> AnomalyStore::list(const std::string& status, size_t limit) {
  OPTIMA_ASSIGN_OR_RETURN(std::vector<StoredAnomaly> all, query({}));
  std::vector<StoredAnomaly> out;
  for (StoredAnomaly& s : all) {
    if (out.size() >= limit) break;
    if (status.empty() || s.status() == status) out.push_back(std::move(s));
  }
  return out;
}

core::Result<StoredAnomaly> AnomalyStore::get(const std::string& id) {
  OPTIMA_ASSIGN_OR_RETURN(std::vector<StoredAnomaly> found, query(id));
  if (found.empty()) return core::not_found(fmt::format("no anomaly with id '{}'", id));
  return std::move(found.front());
}

core::Status AnomalyStore::set_feedback(const std::string& id, Verdict verdict, const std::string& note) {
  OPTIMA_RETURN_IF_ERROR(get(id).status());
  OPTIMA_ASSIGN_OR_RETURN(auto stmt, db_->prepare(
      "INSERT INTO anomaly_feedback (anomaly_id, verdict, note, created_at) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT(anomaly_id) DO UPDATE SET verdict = excluded.verdict, note = excluded.note, "
      "created_at = excluded.created_at"));
  stmt.bind(1, id).bind(2, verdict_name(verdict)).bind(3, note).bind(4, clock_());
  return stmt.run();
}

}  // namespace optima::analysis
