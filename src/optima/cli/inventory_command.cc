// `cloudoptima inventory ingest|list|metrics`: inventory snapshots and utilization metrics.
//
//   inventory ingest PATH... [--prometheus URL ...] [--since 1h] [--step 60s] [--prometheus-map FILE]
//                    [--taken-at TIME]
//   inventory list [--kind K] [--provider P] [--snapshot ID]    (with last-30-day cost per resource)
//   inventory metrics RESOURCE_ID [--snapshot ID]
//
// The cost join lives here, the first level that sees both the inventory store and the billing
// query engine: resource_costs() sums EffectiveCost per FOCUS ResourceId over a period.
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "optima/cli/commands.h"
#include "optima/cli/format_numbers.h"
#include "optima/core/decimal.h"
#include "optima/core/strings.h"
#include "optima/inventory/inventory_loader.h"
#include "optima/inventory/inventory_store.h"
#include "optima/inventory/prometheus_reader.h"
#include "optima/query/executor.h"
#include "optima/store/store.h"

namespace optima::cli {
namespace {

constexpr int64_t kCostWindowDays = 30;

core::Timestamp now_utc() {
  return core::Timestamp{
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count()};
}

struct InventoryFlags {
  std::vector<std::string> paths;
  std::vector<std::string> prometheus;
  std::string prometheus_map;
  std::string since = "1h";
  std::string step = "60s";
  std::string taken_at;
  std::string kind;
  std::string provider;
  int64_t snapshot = 0;
  std::string resource_id;
};

// EffectiveCost per ResourceId over `period` from the billing store; empty when the data
// directory holds no billing data.
core::Result<std::map<std::string, core::Decimal>> resource_costs(const std::string& data_dir,
                                                                  core::Period period) {
  std::map<std::string, core::Decimal> out;
  OPTIMA_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> billing, store::Store::open(data_dir));
  OPTIMA_ASSIGN_OR_RETURN(std::shared_ptr<const store::Snapshot> snapshot, billing->snapshot());
  if (snapshot->partitions().empty()) return out;
  query::Query q;
  q.time_range = period;
  q.metrics = {query::Metric::of_column(focus::Column::kEffectiveCost)};
  q.group_by = {query::Dimension::of_column(focus::Column::kResourceId)};
  q.filters = {{query::Dimension::of_column(focus::Column::kResourceId), query::FilterOp::kNotNull, {}}};
  OPTIMA_ASSIGN_OR_RETURN(query::QueryResult result, query::execute(q, *snapshot));
  for (const query::ResultRow& row : result.rows) {
    const auto* id = std::get_if<std::string>(&row.values[0]);
    const auto* cost = std::get_if<core::Decimal>(&row.values[1]);
    if (id != nullptr && cost != nullptr) out[*id] = *cost;
  }
  return out;
}

core::Result<inventory::SnapshotInfo> snapshot_of(inventory::InventoryStore* store, int64_t requested) {
  if (requested > 0) {
    OPTIMA_ASSIGN_OR_RETURN(std::vector<inventory::SnapshotInfo> all, store->snapshots());
    for (auto& s : all) {
      if (s.id == requested) return s;
    }
    return core::not_found(fmt::format("inventory snapshot {} does not exist", requested));
  }
  OPTIMA_ASSIGN_OR_RETURN(std::optional<inventory::SnapshotInfo> latest, store->latest_snapshot());
  if (!latest) return core::not_found("no inventory yet: run `cloudoptima inventory ingest PATH...`");
  return *latest;
}

nlohmann::json resource_json(const inventory::Resource& r) {
  nlohmann::json j = {{"resource_id", r.resource_id},
                      {"provider", r.provider},
                      {"kind", std::string(inventory::resource_kind_name(r.kind))},
                      {"name", r.name},
                      {"native_id", r.native_id},
                      {"account_id", r.account_id},
                      {"region", r.region},
                      {"zone", r.zone},
                      {"type", r.type},
                      {"state", r.state},
                      {"tags", r.tags},
                      {"attributes", r.attributes},
                      {"source_file", r.source_file}};
  j["created_at"] = r.created_at ? nlohmann::json(core::format_iso8601(*r.created_at)) : nlohmann::json(nullptr);
  return j;
}

int run_ingest(const GlobalOptions& global, const InventoryFlags& flags) {
  if (flags.paths.empty() && flags.prometheus.empty()) {
    return report_error(global, core::invalid_argument("give PATH... and/or --prometheus URL"));
  }
  const core::Timestamp now = now_utc();
  core::Timestamp taken_at = now;
  if (!flags.taken_at.empty()) {
    auto parsed = core::timestamp_from_string(flags.taken_at);
    if (!parsed.is_ok()) return report_error(global, parsed.status().with_context("--taken-at"));
    taken_at = *parsed;
  }
  auto store = inventory::InventoryStore::open(data_dir_of(global));
  if (!store.is_ok()) return report_error(global, store.status());
  auto writer = (*store)->begin_snapshot(taken_at);
  if (!writer.is_ok()) return report_error(global, writer.status());
  if (!flags.paths.empty()) {
    std::vector<std::filesystem::path> paths(flags.paths.begin(), flags.paths.end());
    core::Status loaded = inventory::load_inventory(paths, writer->get());
    if (!loaded.is_ok()) return report_error(global, loaded.with_context("nothing ingested"));
  }
  if (!flags.prometheus.empty()) {
    const std::optional<int64_t> since = inventory::parse_duration_seconds(flags.since);
    const std::optional<int64_t> step = inventory::parse_duration_seconds(flags.step);
    if (!since) return report_error(global, core::invalid_argument("--since: expected a duration such as 1h"));
    if (!step) return report_error(global, core::invalid_argument("--step: expected a duration such as 60s"));
    inventory::PrometheusQuery query;
    query.end = now;
    query.start = core::Timestamp{now.unix_seconds - *since};
    query.step_seconds = *step;
    if (!flags.prometheus_map.empty()) {
      auto mapping = inventory::read_instance_mapping(flags.prometheus_map);
      if (!mapping.is_ok()) return report_error(global, mapping.status());
      query.instance_to_resource = std::move(*mapping);
    }
    for (const std::string& url : flags.prometheus) {
      query.url = url;
      core::Status pulled = inventory::read_prometheus(query, writer->get());
      if (!pulled.is_ok()) return report_error(global, pulled.with_context("nothing ingested"));
    }
  }
  const auto skipped = (*writer)->skipped();
  auto info = (*store)->commit_snapshot(std::move(*writer), now);
  if (!info.is_ok()) return report_error(global, info.status());
  if (global.json) {
    nlohmann::json out = {{"snapshot", info->id},
                          {"taken_at", core::format_iso8601(info->taken_at)},
                          {"resources", info->resource_count},
                          {"series", info->series_count},
                          {"samples", info->sample_count},
                          {"sources", info->sources.size()}};
    out["skipped"] = nlohmann::json::array();
    for (const auto& [source, reason] : skipped) out["skipped"].push_back({{"source", source}, {"reason", reason}});
    print_json(out);
    return 0;
  }
  std::printf("Inventory snapshot %lld: %s resources, %s metric series (%s samples) from %zu sources\n",
              static_cast<long long>(info->id), group_digits(static_cast<uint64_t>(info->resource_count)).c_str(),
              group_digits(static_cast<uint64_t>(info->series_count)).c_str(),
              group_digits(static_cast<uint64_t>(info->sample_count)).c_str(), info->sources.size());
  if (!skipped.empty()) {
    std::printf("Skipped %zu (not inventory):\n", skipped.size());
    for (const auto& [source, reason] : skipped) std::printf("  %s: %s\n", source.c_str(), reason.c_str());
  }
  return 0;
}

int run_list(const GlobalOptions& global, const InventoryFlags& flags) {
  inventory::ResourceFilter filter;
  if (!flags.kind.empty()) {
    filter.kind = inventory::parse_resource_kind(flags.kind);
    if (!filter.kind) {
      return report_error(global, core::invalid_argument(fmt::format(
                                      "--kind {}: expected virtual_machine, scale_set, disk, snapshot, public_ip, "
                                      "load_balancer, nat_gateway, database, object_bucket, kubernetes_node or other",
                                      core::quote_for_message(flags.kind))));
    }
  }
  filter.provider = flags.provider;
  const std::string data_dir = data_dir_of(global);
  auto store = inventory::InventoryStore::open(data_dir);
  if (!store.is_ok()) return report_error(global, store.status());
  auto snapshot = snapshot_of(store->get(), flags.snapshot);
  if (!snapshot.is_ok()) return report_error(global, snapshot.status());
  auto resources = (*store)->resources(snapshot->id, filter);
  if (!resources.is_ok()) return report_error(global, resources.status());
  // The 30 days up to the end of the snapshot's day.
  const core::Timestamp end{core::start_of_day(snapshot->taken_at).unix_seconds + core::kSecondsPerDay};
  const core::Period window{core::Timestamp{end.unix_seconds - kCostWindowDays * core::kSecondsPerDay}, end};
  auto costs = resource_costs(data_dir, window);
  if (!costs.is_ok()) return report_error(global, costs.status().with_context("billing"));
  const bool have_costs = !costs->empty();
  if (global.json) {
    nlohmann::json out = {{"snapshot", snapshot->id}, {"taken_at", core::format_iso8601(snapshot->taken_at)}};
    out["cost_period"] = have_costs ? nlohmann::json({{"start", core::format_iso8601(window.start)},
                                                      {"end", core::format_iso8601(window.end)}})
                                    : nlohmann::json(nullptr);
    out["resources"] = nlohmann::json::array();
    for (const auto& r : *resources) {
      nlohmann::json j = resource_json(r);
      auto cost = costs->find(r.resource_id);
      j["effective_cost_30d"] = cost == costs->end() ? nlohmann::json(nullptr) : nlohmann::json(cost->second.to_string());
      out["resources"].push_back(std::move(j));
    }
    print_json(out);
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : *resources) {
    std::vector<std::string> row = {r.resource_id, r.provider, std::string(inventory::resource_kind_name(r.kind)),
                                    r.type, r.region, r.state};
    if (have_costs) {
      auto cost = costs->find(r.resource_id);
      row.push_back(cost == costs->end() ? "" : cost->second.to_fixed(2));
    }
    rows.push_back(std::move(row));
  }
  std::vector<std::string> headers = {"resource_id", "provider", "kind", "type", "region", "state"};
  if (have_costs) headers.push_back("cost_30d");
  print_table(headers, rows);
  std::printf("%zu resources in snapshot %lld (%s)\n", resources->size(), static_cast<long long>(snapshot->id),
              core::format_iso8601(snapshot->taken_at).c_str());
  return 0;
}

int run_metrics(const GlobalOptions& global, const InventoryFlags& flags) {
  auto store = inventory::InventoryStore::open(data_dir_of(global));
  if (!store.is_ok()) return report_error(global, store.status());
  auto snapshot = snapshot_of(store->get(), flags.snapshot);
  if (!snapshot.is_ok()) return report_error(global, snapshot.status());
  auto series = (*store)->series_for(snapshot->id, flags.resource_id);
  if (!series.is_ok()) return report_error(global, series.status());
  if (series->empty()) {
    return report_error(global, core::not_found(fmt::format("no metric series for {} in snapshot {}",
                                                            core::quote_for_message(flags.resource_id), snapshot->id)));
  }
  if (global.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : *series) {
      nlohmann::json samples = nlohmann::json::array();
      for (const auto& sample : s.samples) samples.push_back({core::format_iso8601(sample.time), sample.value});
      out.push_back({{"resource_id", s.resource_id},
                     {"metric", s.metric},
                     {"statistic", s.statistic},
                     {"step_seconds", s.step_seconds},
                     {"samples", std::move(samples)}});
    }
    print_json(out);
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : *series) {
    double sum = 0;
    double max = s.samples.front().value;
    for (const auto& sample : s.samples) {
      sum += sample.value;
      max = std::max(max, sample.value);
    }
    rows.push_back({s.metric, s.statistic, std::to_string(s.step_seconds), std::to_string(s.samples.size()),
                    core::format_iso8601(s.samples.front().time), core::format_iso8601(s.samples.back().time),
                    fmt::format("{:.2f}", sum / static_cast<double>(s.samples.size())), fmt::format("{:.2f}", max)});
  }
  print_table({"metric", "statistic", "step_s", "samples", "first", "last", "mean", "max"}, rows);
  return 0;
}

}  // namespace

void add_inventory_command(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<InventoryFlags>();
  CLI::App* inv = app.add_subcommand("inventory", "Cloud inventory and utilization metrics.");
  inv->require_subcommand(1);

  CLI::App* ingest = inv->add_subcommand(
      "ingest", "Read inventory and metrics (AWS API recordings, Azure Resource Graph, GCP asset export, "
                "Azure Monitor, Cloud Monitoring, utilization CSV, Prometheus) into one snapshot.");
  ingest->add_option("paths", flags->paths, "Files or folders");
  ingest->add_option("--prometheus", flags->prometheus, "Prometheus base URL (http://host:9090), repeatable");
  ingest->add_option("--since", flags->since, "Prometheus range, back from now")->capture_default_str();
  ingest->add_option("--step", flags->step, "Prometheus resolution")->capture_default_str();
  ingest->add_option("--prometheus-map", flags->prometheus_map, "CSV instance,resource_id");
  ingest->add_option("--taken-at", flags->taken_at, "When the inventory was observed (default: now)");
  ingest->add_option("--data", global.data_dir, "Data directory");
  ingest->callback([&global, flags, exit_code] { *exit_code = run_ingest(global, *flags); });

  CLI::App* list = inv->add_subcommand("list", "Resources of the latest snapshot, with last-30-day cost.");
  list->add_option("--kind", flags->kind, "Resource kind (virtual_machine, disk, …)");
  list->add_option("--provider", flags->provider, "Provider (AWS, Microsoft, Google Cloud, …)");
  list->add_option("--snapshot", flags->snapshot, "Snapshot id (default: latest)");
  list->add_option("--data", global.data_dir, "Data directory");
  list->callback([&global, flags, exit_code] { *exit_code = run_list(global, *flags); });

  CLI::App* metrics = inv->add_subcommand("metrics", "Metric series of one resource.");
  metrics->add_option("resource_id", flags->resource_id, "Resource id")->required();
  metrics->add_option("--snapshot", flags->snapshot, "Snapshot id (default: latest)");
  metrics->add_option("--data", global.data_dir, "Data directory");
  metrics->callback([&global, flags, exit_code] { *exit_code = run_metrics(global, *flags); });
}

}  // namespace optima::cli
