// `cloudoptima commitments [--data DIR] [--lookback 30] [--term 1y|3y] [--payment P]
// [--months N] [--json]`: commitment coverage, utilization and effective savings rate per
// provider and commitment type, per month, and purchase recommendations.
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "optima/cli/commands.h"
#include "optima/cli/state_flags.h"
#include "optima/cli/format_numbers.h"
#include "optima/core/strings.h"
#include "optima/pricing/monthly.h"
#include "optima/pricing/price_book.h"
#include "optima/recommend/commitments/commitment_json.h"
#include "optima/recommend/commitments/commitment_metrics.h"
#include "optima/recommend/commitments/purchase_recommendation.h"
#include "optima/store/store.h"

namespace optima::cli {
namespace {

using core::Decimal;

std::string money(Decimal value) {
  return value.to_fixed(2);
}

// "n/a" when the export does not amortize the commitment (utilization unknown).
std::string percent(const std::optional<Decimal>& fraction) {
  return fraction ? format_percent(*fraction) : "n/a";
}

std::string last_day(core::Period p) {
  return core::format_date(core::Timestamp{p.end.unix_seconds - 1});
}

struct CommitmentsFlags {
  int lookback = 30;
  std::string term = "1y";
  std::string payment = "no-upfront";
  int months = 3;
};

void print_metrics(const std::vector<recommend::ProviderCommitmentMetrics>& list, bool by_month) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& m : list) {
    std::vector<std::string> row;
    if (by_month)
      row.push_back(core::format_date(m.period.start).substr(0, 7));
    for (const std::string& cell :
         {m.provider, m.currency, money(m.eligible_on_demand_equivalent), percent(m.coverage()),
          percent(m.utilization()), money(m.unused_cost), money(m.savings()),
          percent(m.effective_savings_rate())})
      row.push_back(cell);
    rows.push_back(row);
  }
  std::vector<std::string> headers{"provider", "currency",    "eligible (on-demand eq.)",
                                   "coverage", "utilization", "unused",
                                   "savings",  "ESR"};
  if (by_month)
    headers.insert(headers.begin(), "month");
  print_table(headers, rows);
}

int run_commitments(const GlobalOptions& global, const CommitmentsFlags& flags) {
  if (flags.lookback <= 0)
    return report_error(global,
                        core::invalid_argument("--lookback: expected a positive number of days"));
  recommend::PurchaseOptions options;
  options.lookback_days = flags.lookback;
  auto term = pricing::parse_term(flags.term);
  if (!term.is_ok())
    return report_error(global, term.status().with_context("--term"));
  auto payment = pricing::parse_payment(flags.payment);
  if (!payment.is_ok())
    return report_error(global, payment.status().with_context("--payment"));
  options.term = *term;
  options.payment = *payment;

  auto book = pricing::PriceBook::load_bundled();
  if (!book.is_ok())
    return report_error(global, book.status());
  auto store = store::Store::open(data_dir_of(global));
  if (!store.is_ok())
    return report_error(global, store.status());
  auto snapshot = (*store)->snapshot();
  if (!snapshot.is_ok())
    return report_error(global, snapshot.status());
  const auto span = recommend::data_span(**snapshot);
  const auto billed_end = recommend::billed_days_end(**snapshot);
  if (!span || !billed_end)
    return report_error(global, core::not_found("no billing data in " + data_dir_of(global)));
  // The window ends with the last billed day.
  const core::Timestamp end = *billed_end;

  auto plan = recommend::recommend_commitment_purchases(**snapshot, *book, end, options);
  if (!plan.is_ok())
    return report_error(global, plan.status());
  auto window = recommend::compute_commitment_metrics(**snapshot, plan->lookback);
  if (!window.is_ok())
    return report_error(global, window.status());
  const core::Timestamp months_start = std::max(
      span->start, core::add_months(core::start_of_month(core::Timestamp{end.unix_seconds - 1}),
                                    1 - std::max(flags.months, 1)));
  auto monthly = recommend::compute_commitment_metrics(**snapshot, {months_start, end},
                                                       recommend::MetricsGranularity::kMonth);
  if (!monthly.is_ok())
    return report_error(global, monthly.status());

  if (global.json) {
    nlohmann::json j = recommend::commitment_plan_json(*plan);
    j["lookback"] = nlohmann::json::array();
    for (const auto& m : *window)
      j["lookback"].push_back(recommend::commitment_metrics_json(m));
    j["monthly"] = nlohmann::json::array();
    for (const auto& m : *monthly)
      j["monthly"].push_back(recommend::commitment_metrics_json(m));
    print_json(j);
    return 0;
  }

  std::printf(
      "Commitments over %s..%s (%d days). Coverage = covered / eligible on-demand "
      "equivalent; utilization = used / (used + unused); ESR = savings / on-demand "
      "equivalent, unused commitment counted as cost.\n\n",
      core::format_date(plan->lookback.start).c_str(), last_day(plan->lookback).c_str(),
      flags.lookback);
  print_metrics(*window, false);
  std::vector<std::vector<std::string>> type_rows;
  for (const auto& m : *window)
    for (const auto& t : m.types)
      type_rows.push_back({m.provider, t.type, money(t.covered_on_demand_equivalent),
                           money(t.used_cost), money(t.unused_cost), percent(t.utilization()),
                           money(t.savings()), percent(t.savings_rate()), money(t.purchases)});
  if (!type_rows.empty()) {
    std::printf("\nby commitment type:\n");
    print_table({"provider", "type", "covered (on-demand eq.)", "used", "unused", "utilization",
                 "savings", "savings rate", "purchases billed"},
                type_rows);
  }
  std::printf("\nby month:\n");
  print_metrics(*monthly, true);

  std::printf("\nPurchase recommendations (%s %s; monthly = hourly x %d h):\n",
              std::string(pricing::term_name(options.term)).c_str(),
              std::string(pricing::payment_name(options.payment)).c_str(), pricing::kHoursPerMonth);
  std::vector<std::vector<std::string>> rec_rows;
  for (const auto& r : plan->recommendations)
    rec_rows.push_back(
        {r.provider, r.commitment, r.hourly_commitment.to_string() + "/h",
         percent(r.expected_utilization),
         percent(r.coverage_before) + " -> " + percent(r.coverage_after),
         money(r.monthly_on_demand), money(r.monthly_savings), money(r.yearly_savings),
         money(r.term_savings), money(r.upfront),
         r.break_even_month > 0 ? fmt::format("month {}", r.break_even_month) : "never",
         percent(r.discount.rate)});
  print_table({"provider", "buy", "commitment", "utilization", "coverage", "on-demand/mo",
               "savings/mo", "savings/1y", "savings/term", "upfront", "break-even", "discount"},
              rec_rows);
  for (const auto& r : plan->recommendations)
    std::printf("  %s discount: %s\n", r.provider.c_str(), r.discount.description.c_str());
  if (!plan->reservations.empty()) {
    std::printf(
        "\nOr reserved instances per type (%s; on-demand rate from the bill, reserved rate "
        "from the catalog):\n",
        plan->reservations.front().option.to_string().c_str());
    std::vector<std::vector<std::string>> ri_rows;
    for (const auto& r : plan->reservations)
      ri_rows.push_back(
          {r.provider, r.region, r.instance_type, std::to_string(r.instances),
           r.average_instances.to_fixed(2), r.on_demand_rate.per_unit.to_string(),
           r.reserved_rate.per_unit.to_string(), percent(r.expected_utilization),
           money(r.monthly_savings), money(r.yearly_savings), money(r.upfront),
           r.break_even_month > 0 ? fmt::format("month {}", r.break_even_month) : "never"});
    print_table({"provider", "region", "type", "buy", "avg running", "on-demand/h", "reserved/h",
                 "utilization", "savings/mo", "savings/1y", "upfront", "break-even"},
                ri_rows);
  }
  for (const std::string& note : plan->notes)
    std::printf("note: %s\n", note.c_str());
  return 0;
}

}  // namespace

void add_commitments_command(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<CommitmentsFlags>();
  CLI::App* c = app.add_subcommand(
      "commitments", "Commitment coverage, utilization, ESR and purchase recommendations");
  add_data_option(c, global);
  c->add_option("--lookback", flags->lookback,
                "Days of usage to simulate over: 7, 30 or 60 (default 30)");
  c->add_option("--term", flags->term, "1y or 3y (default 1y)");
  c->add_option("--payment", flags->payment,
                "no-upfront, partial-upfront or all-upfront (default no-upfront)");
  c->add_option("--months", flags->months, "Months shown in the monthly breakdown (default 3)");
  c->callback([&global, flags, exit_code] { *exit_code = run_commitments(global, *flags); });
}

}  // namespace optima::cli
