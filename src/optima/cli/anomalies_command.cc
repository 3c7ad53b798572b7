// `cloudoptima anomalies score|detect|list|feedback`: the streaming detector on a
// timestamp,value CSV (NAB's format), the cost anomaly scan of the store with root causes
// (recorded in <data_dir>/state.db), and the user's verdicts on what it found.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "optima/analysis/anomaly/anomaly_json.h"
#include "optima/analysis/anomaly/anomaly_scan.h"
#include "optima/analysis/anomaly/anomaly_store.h"
#include "optima/analysis/anomaly/stream_scorer.h"
#include "optima/analysis/anomaly/value_series_csv.h"
#include "optima/cli/commands.h"
#include "optima/cli/state_flags.h"
#include "optima/core/file_io.h"
#include "optima/core/strings.h"
#include "optima/store/store.h"

namespace optima::cli {
namespace {

struct AnomalyFlags {
  std::string series;
  std::string out;
  std::string granularity = "day";
  std::string dimensions;
  std::string metric = "BilledCost";
  std::string start;
  std::string end;
  bool no_record = false;
  std::string status;
  size_t limit = 100;
  std::string id;
  bool expected = false;
  bool unexpected = false;
  std::string note;
};

int run_score(const GlobalOptions& global, const AnomalyFlags& flags) {
  auto series = analysis::read_value_series_csv(flags.series);
  if (!series.is_ok()) return report_error(global, series.status());
  const std::vector<double> scores = analysis::score_series(series->values);
  core::Status written = core::write_file_atomic(flags.out, analysis::format_scored_csv(*series, scores));
  if (!written.is_ok()) return report_error(global, written);
  if (global.json) {
    print_json({{"rows", series->values.size()}, {"out", flags.out}});
  } else {
    std::printf("scored %zu rows -> %s\n", series->values.size(), flags.out.c_str());
  }
  return 0;
}

core::Result<analysis::ScanOptions> scan_options_of(const AnomalyFlags& flags) {
  analysis::ScanOptions o;
  if (flags.granularity == "day") {
    o.granularity = query::Granularity::kDay;
  } else if (flags.granularity == "hour") {
    o.granularity = query::Granularity::kHour;
  } else {
    return core::invalid_argument(
        fmt::format("--granularity: expected day or hour; found {}", core::quote_for_message(flags.granularity)));
  }
  auto metric = query::Metric::parse(flags.metric);
  if (!metric.is_ok()) return metric.status().with_context("--metric");
  if (!metric->is_money()) {
    return core::invalid_argument(fmt::format("--metric: expected a cost column; found {}", flags.metric));
  }
  o.metric = *metric;
  if (!flags.dimensions.empty()) {
    o.dimensions.clear();
    for (std::string_view d : core::split(flags.dimensions, ',')) {
      auto dim = query::Dimension::parse(core::trim(d));
      if (!dim.is_ok()) return dim.status().with_context("--dimensions");
      o.dimensions.push_back(*dim);
    }
  }
  if (!flags.start.empty() || !flags.end.empty()) {
    if (flags.start.empty() || flags.end.empty()) return core::invalid_argument("--start and --end go together");
    OPTIMA_ASSIGN_OR_RETURN(core::Timestamp start, core::timestamp_from_string(flags.start));
    OPTIMA_ASSIGN_OR_RETURN(core::Timestamp end, core::timestamp_from_string(flags.end));
    if (!(start < end)) return core::invalid_argument("--start must be before --end");
    o.time_range = core::Period{start, end};
  }
  return o;
}

void print_anomalies(const std::vector<analysis::Anomaly>& anomalies,
                     const std::vector<std::string>& statuses) {
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < anomalies.size(); ++i) {
    const analysis::Anomaly& a = anomalies[i];
    rows.push_back({a.id, std::string(analysis::severity_name(a.severity)), statuses[i],
                    analysis::format_money(a.impact, a.currency), a.summary});
  }
  print_table({"ID", "SEVERITY", "STATUS", "IMPACT", "SUMMARY"}, rows);
}

int run_detect(const GlobalOptions& global, const AnomalyFlags& flags) {
  auto options = scan_options_of(flags);
  if (!options.is_ok()) return report_error(global, options.status());
  const std::string dir = data_dir_of(global);
  auto store = store::Store::open(dir);
  if (!store.is_ok()) return report_error(global, store.status());
  auto snapshot = (*store)->snapshot();
  if (!snapshot.is_ok()) return report_error(global, snapshot.status());
  auto found = analysis::scan_anomalies(**snapshot, *options);
  if (!found.is_ok()) return report_error(global, found.status());
  std::vector<analysis::Anomaly> anomalies = std::move(*found);
  if (!flags.no_record) {
    auto state = analysis::AnomalyStore::open(std::filesystem::path(dir) / "state.db");
    if (!state.is_ok()) return report_error(global, state.status());
    auto recorded = (*state)->record(std::move(anomalies));
    if (!recorded.is_ok()) return report_error(global, recorded.status());
    anomalies = std::move(*recorded);
  }
  if (global.json) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& a : anomalies) items.push_back(analysis::anomaly_to_json(a));
    print_json({{"anomalies", items}});
    return 0;
  }
  std::vector<std::string> statuses;
  for (const auto& a : anomalies) statuses.push_back(a.suppressed ? "suppressed" : "open");
  print_anomalies(anomalies, statuses);
  std::printf("%zu anomalies\n", anomalies.size());
  return 0;
}

int run_list(const GlobalOptions& global, const AnomalyFlags& flags) {
  auto state = analysis::AnomalyStore::open(std::filesystem::path(data_dir_of(global)) / "state.db");
  if (!state.is_ok()) return report_error(global, state.status());
  auto listed = (*state)->list(flags.status, flags.limit);
  if (!listed.is_ok()) return report_error(global, listed.status());
  if (global.json) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& s : *listed) {
      nlohmann::json j = analysis::anomaly_to_json(s.anomaly);
      j["status"] = s.status();
      j["note"] = s.note;
      items.push_back(std::move(j));
    }
    print_json({{"anomalies", items}});
    return 0;
  }
  std::vector<analysis::Anomaly> anomalies;
  std::vector<std::string> statuses;
  for (const auto& s : *listed) {
    anomalies.push_back(s.anomaly);
    statuses.push_back(s.status());
  }
  print_anomalies(anomalies, statuses);
  return 0;
}

int run_feedback(const GlobalOptions& global, const AnomalyFlags& flags) {
  if (flags.expected == flags.unexpected) {
    return report_error(global, core::invalid_argument("feedback: give exactly one of --expected, --unexpected"));
  }
  auto state = analysis::AnomalyStore::open(std::filesystem::path(data_dir_of(global)) / "state.db");
  if (!state.is_ok()) return report_error(global, state.status());
  const auto verdict = flags.expected ? analysis::Verdict::kExpected : analysis::Verdict::kUnexpected;
  core::Status s = (*state)->set_feedback(flags.id, verdict, flags.note);
  if (!s.is_ok()) return report_error(global, s);
  if (global.json) {
    print_json({{"id", flags.id}, {"verdict", analysis::verdict_name(verdict)}});
  } else {
    std::printf("%s marked %s\n", flags.id.c_str(), std::string(analysis::verdict_name(verdict)).c_str());
  }
  return 0;
}

}  // namespace

void add_anomalies_command(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<AnomalyFlags>();
  CLI::App* cmd = app.add_subcommand("anomalies", "Cost anomaly detection with root cause, and feedback");
  cmd->require_subcommand(1);

  CLI::App* score = cmd->add_subcommand(
      "score", "Score a timestamp,value CSV; writes timestamp,value,anomaly_score (NAB format, score in [0,1])");
  score->add_option("--series", flags->series, "Input CSV with columns timestamp,value")->required();
  score->add_option("--out", flags->out, "Output CSV")->required();
  score->callback([&global, flags, exit_code] { *exit_code = run_score(global, *flags); });

  CLI::App* detect = cmd->add_subcommand(
      "detect", "Scan every dimension series of the store for spikes, level shifts and drifts; "
                "explain each and record it in <data dir>/state.db");
  add_data_option(detect, global);
  detect->add_option("--granularity", flags->granularity, "day (default) or hour");
  detect->add_option("--dimensions", flags->dimensions,
                     "Comma-separated dimensions (default ServiceName,SubAccountName,RegionId,x_UsageType; "
                     "tag:<key> allowed)");
  detect->add_option("--metric", flags->metric, "Cost column (default BilledCost)");
  detect->add_option("--start", flags->start, "Scan from this date (with --end)");
  detect->add_option("--end", flags->end, "Scan until this date, exclusive");
  detect->add_flag("--no-record", flags->no_record, "Do not record the anomalies in state.db");
  detect->callback([&global, flags, exit_code] { *exit_code = run_detect(global, *flags); });

  CLI::App* list = cmd->add_subcommand("list", "Recorded anomalies with their status");
  add_data_option(list, global);
  list->add_option("--status", flags->status, "open, expected, unexpected or suppressed");
  list->add_option("--limit", flags->limit, "At most this many (default 100)");
  list->callback([&global, flags, exit_code] { *exit_code = run_list(global, *flags); });

  CLI::App* feedback = cmd->add_subcommand(
      "feedback", "Mark an anomaly expected (suppresses similar later ones) or unexpected");
  feedback->add_option("id", flags->id, "Anomaly id (an-…)")->required();
  add_data_option(feedback, global);
  feedback->add_flag("--expected", flags->expected, "It was expected");
  feedback->add_flag("--unexpected", flags->unexpected, "It was not expected");
  feedback->add_option("--note", flags->note, "Why");
  feedback->callback([&global, flags, exit_code] { *exit_code = run_feedback(global, *flags); });
}

}  // namespace optima::cli
