// `cloudoptima query '<json>'` and `cloudoptima export --format focus-csv --out FILE [filters]`.
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "optima/cli/commands.h"
#include "optima/cli/format_numbers.h"
#include "optima/core/file_io.h"
#include "optima/core/strings.h"
#include "optima/query/executor.h"
#include "optima/query/focus_csv_writer.h"
#include "optima/query/query_json.h"
#include "optima/query/result_format.h"
#include "optima/store/store.h"

namespace optima::cli {
namespace {

// The query text: inline JSON, "@file.json", or "-" for standard input.
core::Result<std::string> query_text_of(const std::string& arg) {
  if (arg == "-") {
    std::string text;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof(buf), stdin)) > 0) text.append(buf, n);
    return text;
  }
  if (!arg.empty() && arg[0] == '@') return core::read_file(arg.substr(1));
  return arg;
}

// The current partitions, optionally only those of `source`.
core::Result<std::shared_ptr<const store::Snapshot>> open_snapshot(const GlobalOptions& global,
                                                                  const std::string& source,
                                                                  std::unique_ptr<store::Store>* keep) {
  OPTIMA_ASSIGN_OR_RETURN(*keep, store::Store::open(data_dir_of(global)));
  OPTIMA_ASSIGN_OR_RETURN(auto snapshot, (*keep)->snapshot());
  if (source.empty()) return snapshot;
  bool known = false;
  for (const auto& p : snapshot->partitions()) known = known || p.info.source == source;
  if (!known) return core::not_found(fmt::format("no partitions of source '{}'", source));
  return snapshot->filter([&](const store::PartitionInfo& p) { return p.source == source; });
}

struct QueryFlags {
  std::string query;
  std::string format = "table";
  std::string source;
};

int run_query(const GlobalOptions& global, const QueryFlags& flags) {
  auto text = query_text_of(flags.query);
  if (!text.is_ok()) return report_error(global, text.status());
  auto query = query::parse_query(*text);
  if (!query.is_ok()) return report_error(global, query.status().with_context("query"));
  std::unique_ptr<store::Store> store;
  auto snapshot = open_snapshot(global, flags.source, &store);
  if (!snapshot.is_ok()) return report_error(global, snapshot.status());
  auto result = query::execute(*query, **snapshot);
  if (!result.is_ok()) return report_error(global, result.status());
  const std::string format = global.json ? "json" : flags.format;
  std::string out;
  if (format == "json") {
    out = query::format_json(*result, 2) + "\n";
  } else if (format == "csv") {
    out = query::format_csv(*result);
  } else {
    out = query::format_table(*result);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

struct ExportFlags {
  std::string format = "focus-csv";
  std::string out;
  std::string source;
  std::string start;
  std::string end;
  std::vector<std::string> filters;  // DIMENSION=V1,V2
  std::string query;                 // a query document whose time_range and filters apply
};

core::Result<query::FocusExportFilter> export_filter_of(const ExportFlags& flags) {
  query::FocusExportFilter filter;
  if (!flags.query.empty()) {
    OPTIMA_ASSIGN_OR_RETURN(std::string text, query_text_of(flags.query));
    auto q = query::parse_query(text);
    if (!q.is_ok()) return q.status().with_context("--query");
    filter = query::FocusExportFilter::from_query(*q);
  }
  if (!flags.start.empty() || !flags.end.empty()) {
    if (flags.start.empty() || flags.end.empty()) {
      return core::invalid_argument("--start and --end go together");
    }
    OPTIMA_ASSIGN_OR_RETURN(core::Timestamp start, core::timestamp_from_string(flags.start));
    OPTIMA_ASSIGN_OR_RETURN(core::Timestamp end, core::timestamp_from_string(flags.end));
    if (!(start < end)) return core::invalid_argument("--start must be before --end");
    filter.time_range = core::Period{start, end};
  }
  for (const std::string& f : flags.filters) {
    const size_t eq = f.find('=');
    if (eq == std::string::npos || eq == 0) {
      return core::invalid_argument(
          fmt::format("--filter {}: expected DIMENSION=VALUE[,VALUE...]", core::quote_for_message(f)));
    }
    auto dimension = query::Dimension::parse(f.substr(0, eq));
    if (!dimension.is_ok()) return dimension.status().with_context("--filter " + f);
    query::Filter filter_item;
    filter_item.dimension = *dimension;
    filter_item.op = query::FilterOp::kIn;
    for (auto v : core::split(std::string_view(f).substr(eq + 1), ',')) {
      filter_item.values.emplace_back(v);
    }
    filter.filters.push_back(std::move(filter_item));
  }
  return filter;
}

int run_export(const GlobalOptions& global, const ExportFlags& flags) {
  if (flags.format != "focus-csv") {
    return report_error(global, core::invalid_argument(fmt::format(
                                    "--format {}: the supported format is focus-csv", flags.format)));
  }
  auto filter = export_filter_of(flags);
  if (!filter.is_ok()) return report_error(global, filter.status());
  std::unique_ptr<store::Store> store;
  auto snapshot = open_snapshot(global, flags.source, &store);
  if (!snapshot.is_ok()) return report_error(global, snapshot.status());
  query::FocusExportStats stats;
  core::Status written = query::write_focus_csv_file(**snapshot, *filter, flags.out, &stats);
  if (!written.is_ok()) return report_error(global, written);
  const std::string metadata_path = flags.out + ".metadata.json";
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  core::Status meta = core::write_file_atomic(
      metadata_path, query::focus_metadata_json(stats.focus_columns, stats.extension_columns,
                                                   core::Timestamp{now}));
  if (!meta.is_ok()) return report_error(global, meta);
  if (global.json) {
    print_json({{"out", flags.out}, {"metadata", metadata_path}, {"rows", stats.rows_written},
                {"bytes", stats.bytes_written}, {"extension_columns", stats.extension_columns}});
  } else {
    std::printf("Wrote %s FOCUS 1.2 rows (%s) to %s; metadata in %s\n",
                group_digits(stats.rows_written).c_str(), format_bytes(stats.bytes_written).c_str(),
                flags.out.c_str(), metadata_path.c_str());
  }
  return 0;
}

}  // namespace

void add_query_commands(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto qf = std::make_shared<QueryFlags>();
  CLI::App* query = app.add_subcommand(
      "query",
      "Run a cost query (the JSON query model, docs/query-model.md), e.g.\n"
      "  cloudoptima query '{\"metrics\":[\"EffectiveCost\"],\"group_by\":[\"ServiceName\"],\"top_n\":10}'");
  query->add_option("query", qf->query, "Query JSON, @FILE, or - for standard input")->required();
  query->add_option("--format", qf->format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  query->add_option("--source", qf->source, "Only this source's partitions");
  query->callback([&global, qf, exit_code] { *exit_code = run_query(global, *qf); });

  auto ef = std::make_shared<ExportFlags>();
  CLI::App* exp = app.add_subcommand(
      "export", "Write stored rows back out as FOCUS 1.2 CSV (plus FILE.metadata.json).");
  exp->add_option("--format", ef->format, "Output format")->capture_default_str();
  exp->add_option("--out", ef->out, "Output file")->required();
  exp->add_option("--source", ef->source, "Only this source's partitions");
  exp->add_option("--start", ef->start, "ChargePeriodStart from (inclusive), e.g. 2024-01-01");
  exp->add_option("--end", ef->end, "ChargePeriodStart to (exclusive)");
  exp->add_option("--filter", ef->filters,
                  "DIMENSION=V1[,V2...] (FOCUS column, tag:KEY or x_NAME); repeatable");
  exp->add_option("--query", ef->query, "Apply a query document's time_range and filters");
  exp->callback([&global, ef, exit_code] { *exit_code = run_export(global, *ef); });
}

}  // namespace optima::cli
