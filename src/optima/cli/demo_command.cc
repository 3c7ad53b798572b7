// `cloudoptima demo generate --out DIR --rows N --seed S [--end DATE] [--formats native|focus]`
#include <cstdio>
#include <string>

#include <fmt/format.h>

#include "optima/cli/commands.h"
#include "optima/cli/format_numbers.h"
#include "optima/demo/generate.h"

namespace optima::cli {
namespace {

struct DemoFlags {
  std::string out;
  uint64_t rows = 200000;
  uint64_t seed = 42;
  std::string end;
  std::string formats = "native";
  std::string granularity;
  int months = 13;
};

int run_demo_generate(const GlobalOptions& global, const DemoFlags& flags) {
  demo::GenerateOptions options;
  options.out_dir = flags.out;
  options.rows = flags.rows;
  options.seed = flags.seed;
  options.months = flags.months;
  options.formats = flags.formats == "focus" ? demo::OutputFormats::kFocus
                                             : demo::OutputFormats::kNative;
  if (!flags.granularity.empty()) {
    options.granularity =
        flags.granularity == "hourly" ? demo::Granularity::kHourly : demo::Granularity::kDaily;
  }
  if (!flags.end.empty()) {
    auto end = core::timestamp_from_string(flags.end);
    if (!end.is_ok()) return report_error(global, end.status().with_context("--end"));
    options.end_date = *end;
  }
  auto summary = demo::generate(options);
  if (!summary.is_ok()) return report_error(global, summary.status());
  if (global.json) {
    nlohmann::json out = {{"out", flags.out},
                          {"billing_rows", summary->billing_rows},
                          {"superseded_rows", summary->superseded_rows},
                          {"start", core::format_iso8601(summary->start)},
                          {"end", core::format_iso8601(summary->end)},
                          {"bytes", summary->total_bytes},
                          {"seconds", summary->seconds}};
    out["providers"] = nlohmann::json::array();
    for (const auto& p : summary->providers) {
      out["providers"].push_back({{"provider", p.provider}, {"rows", p.rows},
                                  {"billed_cost", p.billed_cost.to_string()},
                                  {"effective_cost", p.effective_cost.to_string()},
                                  {"list_cost", p.list_cost.to_string()}});
    }
    out["files"] = nlohmann::json::array();
    for (const auto& f : summary->files) {
      out["files"].push_back({{"path", f.path.string()}, {"bytes", f.bytes}, {"rows", f.rows}});
    }
    print_json(out);
    return 0;
  }
  std::printf("Demo estate %s .. %s: %s billing rows in %zu files (%s) in %.1f s -> %s\n",
              core::format_date(summary->start).c_str(), core::format_date(summary->end).c_str(),
              group_digits(summary->billing_rows).c_str(), summary->files.size(),
              format_bytes(summary->total_bytes).c_str(), summary->seconds, flags.out.c_str());
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : summary->providers) {
    rows.push_back({p.provider, group_digits(p.rows), p.billed_cost.to_fixed(2),
                    p.effective_cost.to_fixed(2)});
  }
  print_table({"provider", "rows", "BilledCost USD", "EffectiveCost USD"}, rows);
  return 0;
}

}  // namespace

void add_demo_command(CLI::App& app, GlobalOptions& global, int* exit_code) {
  CLI::App* demo = app.add_subcommand("demo", "The demo estate.");
  demo->require_subcommand(1);
  auto flags = std::make_shared<DemoFlags>();
  CLI::App* gen = demo->add_subcommand(
      "generate",
      "Write a deterministic multi-cloud estate in the providers' native formats (AWS CUR "
      "delivery, Azure EA/MCA exports, Google BigQuery JSON lines, FOCUS), with inventory, "
      "utilization, a Kubernetes cluster and the truth of planted anomalies (docs/demo-estate.md).");
  gen->add_option("--out", flags->out, "Output directory")->required();
  gen->add_option("--rows", flags->rows, "Billing rows over all files (about)")->capture_default_str();
  gen->add_option("--seed", flags->seed, "Random seed")->capture_default_str();
  gen->add_option("--end", flags->end, "Data ends at this date, exclusive (default: today UTC)");
  gen->add_option("--months", flags->months, "Billing months")->capture_default_str();
  gen->add_option("--formats", flags->formats,
                  "native (every provider's own format) or focus (FOCUS 1.2 CSV only)")
      ->check(CLI::IsMember({"native", "focus"}))
      ->capture_default_str();
  gen->add_option("--granularity", flags->granularity, "daily or hourly (default: by size)")
      ->check(CLI::IsMember({"daily", "hourly"}));
  gen->callback([&global, flags, exit_code] { *exit_code = run_demo_generate(global, *flags); });
}

}  // namespace optima::cli
