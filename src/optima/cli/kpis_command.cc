// `cloudoptima kpis [--as-of DATE] [--metric M] [--owner-tag T] [--currency C]`: the overview
// numbers (query::compute_kpis) as a table or, with --json, as the API returns them.
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "optima/cli/commands.h"
#include "optima/query/kpis.h"
#include "optima/store/store.h"

namespace optima::cli {
namespace {

struct KpiFlags {
  std::string as_of;
  std::string metric = "EffectiveCost";
  std::string owner_tag = "team";
  std::string currency;
};

core::Result<query::KpiOptions> options_of(const KpiFlags& flags) {
  query::KpiOptions options;
  if (!flags.as_of.empty()) {
    auto as_of = core::timestamp_from_string(flags.as_of);
    if (!as_of.is_ok()) return as_of.status().with_context("--as-of");
    options.as_of = *as_of;
  }
  auto metric = query::Metric::parse(flags.metric);
  if (!metric.is_ok()) return metric.status().with_context("--metric");
  if (!metric->is_money()) return core::invalid_argument("--metric: expected a cost column, found " + flags.metric);
  options.metric = *metric;
  options.owner_tag = flags.owner_tag;
  if (!flags.currency.empty()) options.currency = flags.currency;
  return options;
}

int run_kpis(const GlobalOptions& global, const KpiFlags& flags) {
  auto options = options_of(flags);
  if (!options.is_ok()) return report_error(global, options.status());
  auto store = store::Store::open(data_dir_of(global));
  if (!store.is_ok()) return report_error(global, store.status());
  auto snapshot = (*store)->snapshot();
  if (!snapshot.is_ok()) return report_error(global, snapshot.status());
  auto kpis = query::compute_kpis(**snapshot, *options);
  if (!kpis.is_ok()) return report_error(global, kpis.status());
  if (global.json) {
    print_json(nlohmann::json::parse(query::kpis_to_json(*kpis, *options)));
    return 0;
  }
  const query::Kpis& k = *kpis;
  if (k.currency.empty()) {
    fmt::print("No billing data yet: run `cloudoptima ingest PATH` first.\n");
    return 0;
  }
  auto money = [&](core::Decimal d) { return fmt::format("{} {}", d.to_fixed(2), k.currency); };
  fmt::print("{} as of {}\n", options->metric.to_string(), core::format_iso8601(k.as_of));
  print_table({"KPI", "value"},
              {{"month to date", money(k.month_to_date)},
               {"same days last month", money(k.previous_month_to_date)},
               {"change", k.change_percent ? k.change_percent->to_fixed(2) + " %" : "n/a"},
               {"last month", money(k.last_month)},
               {"run rate (this month)", money(k.run_rate)},
               {"allocated (tag:" + options->owner_tag + ")",
                k.allocation_percent ? k.allocation_percent->to_fixed(2) + " %" : "n/a"},
               {"untagged cost", money(k.untagged)},
               {"commitment savings", money(k.commitment_savings)}});
  std::vector<std::vector<std::string>> movers;
  for (const query::Mover& m : k.top_movers) {
    movers.push_back({m.value.value_or("(null)"), m.current.to_fixed(2), m.previous.to_fixed(2),
                      m.change().to_fixed(2)});
  }
  fmt::print("\nTop movers by {} (month to date vs same days last month)\n",
             options->movers_dimension.to_string());
  print_table({options->movers_dimension.to_string(), "current", "previous", "change"}, movers);
  if (!k.other_currencies.empty()) {
    fmt::print("\nAlso billed in: {} (use --currency)\n", fmt::join(k.other_currencies, ", "));
  }
  return 0;
}

}  // namespace

void add_kpis_command(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<KpiFlags>();
  CLI::App* cmd = app.add_subcommand("kpis", "Overview KPIs: month to date, run rate, movers, allocation");
  cmd->add_option("--as-of", flags->as_of, "End of the window (exclusive); default: end of the data");
  cmd->add_option("--metric", flags->metric, "Cost column (default EffectiveCost)");
  cmd->add_option("--owner-tag", flags->owner_tag, "Tag key that names the owner (default team)");
  cmd->add_option("--currency", flags->currency, "Billing currency (default: the one with most rows)");
  cmd->callback([&global, flags, exit_code] { *exit_code = run_kpis(global, *flags); });
}

}  // namespace optima::cli
