// `cloudoptima sources` and `cloudoptima partitions [--history ID]`.
#include <map>
#include <string>

#include <fmt/format.h>

#include "optima/cli/commands.h"
#include "optima/cli/format_numbers.h"
#include "optima/store/store.h"

namespace optima::cli {
namespace {

std::string period_text(const core::Period& p) {
  return core::format_iso8601(p.start) + " .. " + core::format_iso8601(p.end);
}

std::string time_text(int64_t seconds) { return core::format_iso8601({seconds}); }

int run_sources(const GlobalOptions& global) {
  auto store = store::Store::open(data_dir_of(global));
  if (!store.is_ok()) return report_error(global, store.status());
  auto sources = (*store)->sources();
  if (!sources.is_ok()) return report_error(global, sources.status());
  auto partitions = (*store)->partitions();
  if (!partitions.is_ok()) return report_error(global, partitions.status());
  struct Totals {
    size_t partitions = 0;
    uint64_t rows = 0;
    uint64_t bytes = 0;
  };
  std::map<std::string, Totals> totals;
  for (const auto& p : *partitions) {
    Totals& t = totals[p.source];
    ++t.partitions;
    t.rows += p.rows;
    t.bytes += p.bytes;
  }
  if (global.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : *sources) {
      const Totals& t = totals[s.name];
      out.push_back({{"name", s.name}, {"reader", s.reader}, {"created_at", time_text(s.created_at)},
                     {"partitions", t.partitions}, {"rows", t.rows}, {"bytes", t.bytes}});
    }
    print_json(out);
    return 0;
  }
  if (sources->empty()) {
    std::printf("No sources yet. Ingest billing exports with: cloudoptima ingest PATH...\n");
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : *sources) {
    const Totals& t = totals[s.name];
    rows.push_back({s.name, s.reader, std::to_string(t.partitions), group_digits(t.rows),
                    format_bytes(t.bytes), time_text(s.created_at)});
  }
  print_table({"source", "reader", "partitions", "rows", "stored", "created"}, rows);
  return 0;
}

int run_partitions(const GlobalOptions& global, int64_t history_id) {
  auto store = store::Store::open(data_dir_of(global));
  if (!store.is_ok()) return report_error(global, store.status());
  auto partitions =
      history_id > 0 ? (*store)->partition_history(history_id) : (*store)->partitions();
  if (!partitions.is_ok()) return report_error(global, partitions.status());
  if (global.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : *partitions) out.push_back(store::partition_json(p));
    print_json(out);
    return 0;
  }
  if (partitions->empty()) {
    std::printf("No partitions yet. Ingest billing exports with: cloudoptima ingest PATH...\n");
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : *partitions) {
    std::vector<std::string> row = {std::to_string(p.id), p.source, period_text(p.period),
                                    std::to_string(p.version), group_digits(p.rows),
                                    format_bytes(p.bytes), time_text(p.created_at),
                                    p.content_hash.substr(0, 12)};
    if (history_id > 0) row.push_back(p.superseded_at ? time_text(*p.superseded_at) : "current");
    rows.push_back(std::move(row));
  }
  std::vector<std::string> headers = {"id", "source", "billing period", "version", "rows",
                                      "stored", "committed", "content"};
  if (history_id > 0) headers.emplace_back("superseded");
  print_table(headers, rows);
  return 0;
}

}  // namespace

void add_catalog_commands(CLI::App& app, GlobalOptions& global, int* exit_code) {
  CLI::App* sources = app.add_subcommand("sources", "List billing sources and what they hold.");
  sources->callback([&global, exit_code] { *exit_code = run_sources(global); });

  auto history = std::make_shared<int64_t>(0);
  CLI::App* partitions = app.add_subcommand(
      "partitions", "List current partitions (source x billing period), or one's restatements.");
  partitions->add_option("--history", *history, "Show every version of partition ID");
  partitions->callback(
      [&global, history, exit_code] { *exit_code = run_partitions(global, *history); });
}

}  // namespace optima::cli
