#include "optima/ingest/ingest_pipeline.h"

#include <chrono>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "optima/core/file_io.h"
#include "optima/ingest/input_scanner.h"
#include "optima/ingest/partition_router.h"
#include "optima/ingest/registry.h"

namespace optima::ingest {
namespace {

int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

constexpr size_t kIssuesKeptInJob = 20;

std::string issues_json(const std::vector<const UnitOutcome*>& units) {
  nlohmann::json out = nlohmann::json::array();
  for (const UnitOutcome* u : units) {
    for (const RowIssue& issue : u->report.issues) {
      if (out.size() >= kIssuesKeptInJob) break;
      out.push_back(issue.message());
    }
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Reads every unit of one source and commits its partitions; fills *outcome.
void ingest_source(store::Store& store, const IngestRequest& request, const std::string& source,
                   const std::vector<size_t>& unit_indexes, IngestSummary* summary,
                   SourceOutcome* outcome) {
  const int64_t started = unix_now();
  store::JobRecord job;
  job.source = source;
  job.started_at = started;
  std::string reader_names;
  for (size_t i : unit_indexes) {
    const InputUnit& unit = summary->units[i].unit;
    if (reader_names.find(unit.reader) == std::string::npos) {
      reader_names += reader_names.empty() ? unit.reader : "," + unit.reader;
    }
    for (const auto& file : unit.files) {
      auto sha = core::sha256_file(file);
      if (!sha.is_ok()) {
        outcome->status = sha.status();
        return;
      }
      job.files.push_back({file.string(), *sha});
      std::error_code ec;
      summary->input_bytes += std::filesystem::file_size(file, ec);
    }
  }
  job.reader = reader_names;
  outcome->reader = reader_names;

  std::vector<std::string> hashes;
  for (const auto& f : job.files) hashes.push_back(f.sha256);
  auto done_before = store.was_ingested(source, hashes);
  if (!done_before.is_ok()) {
    outcome->status = done_before.status();
    return;
  }
  if (*done_before) {
    outcome->already_ingested = true;
    return;
  }

  PartitionRouter router(store, source, request.on_progress);
  std::vector<const UnitOutcome*> outcomes;
  core::Status failure;
  for (size_t i : unit_indexes) {
    UnitOutcome& u = summary->units[i];
    outcomes.push_back(&u);
    const Reader* reader = find_reader(u.unit.reader);
    if (reader == nullptr) {
      u.status = core::internal_error("no reader named " + u.unit.reader);
    } else {
      u.status = reader->read(u.unit, request.read_options, router, &u.report);
    }
    job.rows_read += u.report.rows_read;
    job.rows_accepted += u.report.rows_accepted;
    job.rows_skipped += u.report.rows_skipped;
    if (!u.status.is_ok()) {
      failure = u.status.with_context(u.unit.label.empty() ? u.unit.files.front().string()
                                                           : u.unit.label);
      break;
    }
  }
  job.issues_json = issues_json(outcomes);
  std::vector<store::PendingPartition> pending;
  if (failure.is_ok()) {
    auto finished = router.finish();
    if (finished.is_ok()) {
      pending = std::move(finished).value();
    } else {
      failure = finished.status();
    }
  }
  job.finished_at = unix_now();
  if (!failure.is_ok()) {
    job.status = store::JobStatus::kFailed;
    job.message = failure.message();
    (void)store.record_job(job);  // best effort: the failure itself is what we report
    outcome->status = failure;
    return;
  }
  auto commit = store.commit(std::move(pending), job);
  if (!commit.is_ok()) {
    outcome->status = commit.status();
    return;
  }
  outcome->commit = std::move(commit).value();
  outcome->rows_accepted = job.rows_accepted;
}

}  // namespace

core::Status IngestSummary::overall() const {
  if (!errors.empty()) return core::invalid_argument(errors.front());
  for (const SourceOutcome& s : sources) {
    if (!s.status.is_ok()) return s.status.with_context("source " + s.source);
  }
  return core::Status::ok();
}

core::Result<IngestSummary> ingest_paths(store::Store& store, const IngestRequest& request) {
  const auto t0 = std::chrono::steady_clock::now();
  IngestSummary summary;
  InputScanner scanner;
  OPTIMA_ASSIGN_OR_RETURN(ScanResult scan, scanner.scan(request.paths, request.format));
  summary.notes = std::move(scan.notes);
  if (!scan.errors.empty()) {
    if (!request.skip_unrecognized) {
      summary.errors = std::move(scan.errors);
      return summary;
    }
    for (auto& e : scan.errors) summary.notes.push_back("skipped " + e);
  }
  // Units grouped by source, in scan order.
  std::map<std::string, std::vector<size_t>> by_source;
  std::vector<std::string> source_order;
  for (auto& unit : scan.units) {
    const std::string source = request.source.empty() ? unit.reader : request.source;
    if (by_source.find(source) == by_source.end()) source_order.push_back(source);
    by_source[source].push_back(summary.units.size());
    summary.units.push_back(UnitOutcome{std::move(unit), source, {}, {}});
  }
  for (const std::string& source : source_order) {
    SourceOutcome outcome;
    outcome.source = source;
    ingest_source(store, request, source, by_source[source], &summary, &outcome);
    summary.sources.push_back(std::move(outcome));
  }
  for (const UnitOutcome& u : summary.units) {
    summary.rows_read += u.report.rows_read;
    summary.rows_accepted += u.report.rows_accepted;
    summary.rows_skipped += u.report.rows_skipped;
  }
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return summary;
}

}  // namespace optima::ingest
