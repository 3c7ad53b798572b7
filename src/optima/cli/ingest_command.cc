// `cloudoptima ingest [--source NAME] [--format NAME] [--strict] PATH...`
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "optima/cli/commands.h"
#include "optima/cli/format_numbers.h"
#include "optima/ingest/ingest_pipeline.h"
#include "optima/ingest/registry.h"

namespace optima::cli {
namespace {

struct IngestFlags {
  std::vector<std::string> paths;
  std::string source;
  std::string format;
  bool strict = false;
  uint64_t max_bad_rows = 1000;
  bool skip_unrecognized = false;
};

std::string period_label(const core::Period& p) {
  const core::CivilDate s = core::date_of(p.start);
  if (p.end == core::add_months(p.start, 1) && p.start == core::start_of_month(p.start)) {
    return fmt::format("{:04d}-{:02d}", s.year, s.month);
  }
  return core::format_iso8601(p.start) + ".." + core::format_iso8601(p.end);
}

nlohmann::json summary_json(const ingest::IngestSummary& s) {
  nlohmann::json out;
  out["rows_read"] = s.rows_read;
  out["rows_accepted"] = s.rows_accepted;
  out["rows_skipped"] = s.rows_skipped;
  out["input_bytes"] = s.input_bytes;
  out["seconds"] = s.seconds;
  out["notes"] = s.notes;
  out["errors"] = s.errors;
  out["units"] = nlohmann::json::array();
  for (const auto& u : s.units) {
    nlohmann::json unit = {{"reader", u.unit.reader}, {"source", u.source}, {"label", u.unit.label},
                           {"rows_read", u.report.rows_read},
                           {"rows_accepted", u.report.rows_accepted},
                           {"rows_skipped", u.report.rows_skipped},
                           {"warnings", u.report.warnings}};
    unit["files"] = nlohmann::json::array();
    for (const auto& f : u.unit.files) unit["files"].push_back(f.string());
    unit["issues"] = nlohmann::json::array();
    for (const auto& issue : u.report.issues) unit["issues"].push_back(issue.message());
    if (!u.status.is_ok()) unit["error"] = u.status.message();
    out["units"].push_back(std::move(unit));
  }
  out["sources"] = nlohmann::json::array();
  for (const auto& src : s.sources) {
    nlohmann::json j = {{"source", src.source}, {"reader", src.reader},
                        {"already_ingested", src.already_ingested},
                        {"rows_accepted", src.rows_accepted}};
    if (!src.status.is_ok()) j["error"] = src.status.message();
    j["job_id"] = src.commit.job_id;
    j["partitions"] = nlohmann::json::array();
    for (const auto& p : src.commit.partitions) {
      j["partitions"].push_back({{"id", p.partition_id}, {"period", period_label(p.period)},
                                 {"change", std::string(store::partition_change_name(p.change))},
                                 {"version", p.version}, {"rows", p.rows}});
    }
    out["sources"].push_back(std::move(j));
  }
  return out;
}

void print_summary(const ingest::IngestSummary& s) {
  const double mb = static_cast<double>(s.input_bytes) / 1e6;
  std::printf("Read %s rows (%s accepted, %s skipped) from %s of input in %.2f s (%.0f MB/s)\n",
              group_digits(s.rows_read).c_str(), group_digits(s.rows_accepted).c_str(),
              group_digits(s.rows_skipped).c_str(), format_bytes(s.input_bytes).c_str(), s.seconds,
              s.seconds > 0 ? mb / s.seconds : 0.0);
  for (const auto& src : s.sources) {
    if (src.already_ingested) {
      std::printf("source %s: these files were already ingested; nothing changed\n",
                  src.source.c_str());
      continue;
    }
    if (!src.status.is_ok()) {
      std::printf("source %s: FAILED, nothing committed (previous data kept): %s\n",
                  src.source.c_str(), src.status.message().c_str());
      continue;
    }
    size_t fresh = 0, replaced = 0, unchanged = 0;
    for (const auto& p : src.commit.partitions) {
      if (p.change == store::PartitionChange::kNew) ++fresh;
      if (p.change == store::PartitionChange::kReplaced) ++replaced;
      if (p.change == store::PartitionChange::kUnchanged) ++unchanged;
    }
    std::printf("source %s (%s): %zu partitions: %zu new, %zu replaced, %zu unchanged (job %lld)\n",
                src.source.c_str(), src.reader.c_str(), src.commit.partitions.size(), fresh,
                replaced, unchanged, static_cast<long long>(src.commit.job_id));
  }
  constexpr size_t kShown = 10;  // the rest are in --json
  size_t warnings = 0;
  size_t issues = 0;
  for (const auto& u : s.units) {
    for (const auto& w : u.report.warnings) {
      if (warnings++ < kShown) std::printf("warning: %s\n", w.c_str());
    }
    for (const auto& issue : u.report.issues) {
      if (issues++ < kShown) std::printf("skipped: %s\n", issue.message().c_str());
    }
  }
  if (warnings > kShown) std::printf("... and %zu more warnings (see --json)\n", warnings - kShown);
  if (issues > kShown) std::printf("... and %zu more row issues (see --json)\n", issues - kShown);
  for (const auto& n : s.notes) std::printf("note: %s\n", n.c_str());
}

int run_ingest(const GlobalOptions& global, const IngestFlags& flags) {
  auto store = store::Store::open(data_dir_of(global));
  if (!store.is_ok()) return report_error(global, store.status());
  ingest::IngestRequest request;
  for (const auto& p : flags.paths) request.paths.emplace_back(p);
  request.source = flags.source;
  request.format = flags.format;
  request.read_options.strictness =
      flags.strict ? ingest::Strictness::kStrict : ingest::Strictness::kLenient;
  request.read_options.max_bad_rows = flags.max_bad_rows;
  request.skip_unrecognized = flags.skip_unrecognized;
  auto summary = ingest::ingest_paths(**store, request);
  if (!summary.is_ok()) return report_error(global, summary.status());
  const core::Status overall = summary->overall();
  if (global.json) {
    print_json(summary_json(*summary));
    return core::exit_code_for(overall);
  }
  if (!summary->errors.empty()) {
    // Nothing was read: say which files and how to proceed.
    for (const auto& e : summary->errors) std::fprintf(stderr, "error: %s\n", e.c_str());
    std::fprintf(stderr, "nothing ingested; pass --format NAME or --skip-unrecognized\n");
    return core::exit_code_for(overall);
  }
  print_summary(*summary);
  return core::exit_code_for(overall);
}

}  // namespace

void add_ingest_command(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<IngestFlags>();
  std::string formats;
  for (const auto& r : ingest::all_readers()) {
    formats += fmt::format("\n  {:<16} {}", r->name(), r->description());
  }
  CLI::App* cmd = app.add_subcommand(
      "ingest", "Ingest billing exports (files, folders, .gz; format auto-detected)." + formats);
  cmd->add_option("paths", flags->paths, "Files or folders")->required();
  cmd->add_option("--source", flags->source,
                  "Source name the partitions belong to (default: the reader name)");
  cmd->add_option("--format", flags->format, "Force a reader instead of detecting");
  cmd->add_flag("--strict", flags->strict, "Fail on the first bad row (default: skip and report)");
  cmd->add_option("--max-bad-rows", flags->max_bad_rows,
                  "Lenient mode fails after this many bad rows")->capture_default_str();
  cmd->add_flag("--skip-unrecognized", flags->skip_unrecognized,
                "Skip files no reader recognises instead of failing");
  cmd->callback([&global, flags, exit_code] { *exit_code = run_ingest(global, *flags); });
}

}  // namespace optima::cli
