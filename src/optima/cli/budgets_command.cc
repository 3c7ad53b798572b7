// `cloudoptima budgets add|list|status|delete`: budgets kept in <data dir>/state.db, their
// status from the store's current snapshot.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "optima/analysis/budget/budget_json.h"
#include "optima/analysis/budget/budget_repository.h"
#include "optima/analysis/budget/budget_status.h"
#include "optima/analysis/budget/budget_variance.h"
#include "optima/analysis/budget/forecast_spend_projector.h"
#include "optima/analysis/budget/json_fields.h"
#include "optima/cli/commands.h"
#include "optima/cli/state_flags.h"
#include "optima/core/strings.h"
#include "optima/store/store.h"

namespace optima::cli {
namespace {

struct BudgetFlags {
  std::string definition;  // a whole JSON budget, instead of the flags below
  std::string name;
  std::string amount;
  std::string period;
  std::string metric;
  std::string currency;
  std::vector<std::string> filters;
  std::vector<std::string> thresholds;      // "80" or "100:forecast"
  std::vector<std::string> period_amounts;  // "2024-03-01=1200"
  std::string key;                          // id or name (status, delete)
  std::string as_of;
  int variance_periods = 0;
  std::string variance_by = "ServiceName";
};

core::Result<nlohmann::json> budget_document(const BudgetFlags& f) {
  if (!f.definition.empty())
    return analysis::parse_json_text(f.definition, "--definition");
  nlohmann::json doc = nlohmann::json::object();
  set_if_given(&doc, "name", f.name);
  set_if_given(&doc, "amount", f.amount);
  set_if_given(&doc, "period", f.period);
  set_if_given(&doc, "metric", f.metric);
  set_if_given(&doc, "currency", f.currency);
  OPTIMA_ASSIGN_OR_RETURN(doc["scope"], filters_from_flags(f.filters));
  doc["thresholds"] = nlohmann::json::array();
  for (const std::string& t : f.thresholds) {
    const size_t colon = t.find(':');
    nlohmann::json threshold = {{"percent", t.substr(0, colon)}};
    if (colon != std::string::npos)
      threshold["basis"] = t.substr(colon + 1);
    doc["thresholds"].push_back(threshold);
  }
  doc["period_amounts"] = nlohmann::json::array();
  for (const std::string& pa : f.period_amounts) {
    const size_t eq = pa.find('=');
    if (eq == std::string::npos)
      return core::invalid_argument(
          fmt::format("--period-amount: expected PERIOD_START=AMOUNT; found \"{}\"", pa));
    doc["period_amounts"].push_back(
        {{"period_start", pa.substr(0, eq)}, {"amount", pa.substr(eq + 1)}});
  }
  return doc;
}

std::string scope_text(const analysis::Budget& b) {
  if (b.scope.empty())
    return "(all spend)";
  std::string out;
  for (const query::Filter& f : b.scope) {
    if (!out.empty())
      out += " and ";
    out += fmt::format("{} {}", f.dimension.to_string(), query::filter_op_name(f.op));
    if (!f.values.empty())
      out += " " + core::join(f.values, ",");
  }
  return out;
}

int run_add(const GlobalOptions& global, const BudgetFlags& flags) {
  auto doc = budget_document(flags);
  if (!doc.is_ok())
    return report_error(global, doc.status());
  auto budget = analysis::budget_from_json(*doc);
  if (!budget.is_ok())
    return report_error(global, budget.status());
  auto db = open_state(global);
  if (!db.is_ok())
    return report_error(global, db.status());
  auto repo = analysis::BudgetRepository::open(**db);
  if (!repo.is_ok())
    return report_error(global, repo.status());
  auto now = now_or("");
  auto created = repo->create(*budget, *now);
  if (!created.is_ok())
    return report_error(global, created.status());
  if (global.json) {
    print_json(analysis::budget_to_json(*created));
  } else {
    std::printf("Budget %lld \"%s\" created: %s %s per %s period on %s.\n",
                static_cast<long long>(created->id), created->name.c_str(),
                created->amount.to_fixed(2).c_str(), created->metric.to_string().c_str(),
                std::string(analysis::budget_period_name(created->period)).c_str(),
                scope_text(*created).c_str());
  }
  return 0;
}

int run_list(const GlobalOptions& global) {
  auto db = open_state(global);
  if (!db.is_ok())
    return report_error(global, db.status());
  auto repo = analysis::BudgetRepository::open(**db);
  if (!repo.is_ok())
    return report_error(global, repo.status());
  auto budgets = repo->list();
  if (!budgets.is_ok())
    return report_error(global, budgets.status());
  if (global.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& b : *budgets)
      out.push_back(analysis::budget_to_json(b));
    print_json(out);
    return 0;
  }
  if (budgets->empty()) {
    std::printf(
        "No budgets yet. Add one with: cloudoptima budgets add --name NAME --amount AMOUNT\n");
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& b : *budgets) {
    std::string thresholds;
    for (const auto& t : b.thresholds)
      thresholds +=
          fmt::format("{}{}%{}", thresholds.empty() ? "" : " ", t.percent.to_string(),
                      t.basis == analysis::ThresholdBasis::kForecast ? " (forecast)" : "");
    rows.push_back({std::to_string(b.id), b.name,
                    std::string(analysis::budget_period_name(b.period)),
                    b.amount.to_fixed(2) + (b.currency.empty() ? "" : " " + b.currency),
                    b.metric.to_string(), scope_text(b), thresholds});
  }
  print_table({"id", "name", "period", "amount", "metric", "scope", "thresholds"}, rows);
  return 0;
}

int run_status(const GlobalOptions& global, const BudgetFlags& flags) {
  auto now = now_or(flags.as_of);
  if (!now.is_ok())
    return report_error(global, now.status());
  auto db = open_state(global);
  if (!db.is_ok())
    return report_error(global, db.status());
  auto repo = analysis::BudgetRepository::open(**db);
  if (!repo.is_ok())
    return report_error(global, repo.status());
  auto budget = repo->find(flags.key);
  if (!budget.is_ok())
    return report_error(global, budget.status());
  auto store = store::Store::open(data_dir_of(global));
  if (!store.is_ok())
    return report_error(global, store.status());
  auto snapshot = (*store)->snapshot();
  if (!snapshot.is_ok())
    return report_error(global, snapshot.status());
  analysis::ForecastSpendProjector projector;
  auto status = analysis::compute_budget_status(*budget, **snapshot, *now, projector);
  if (!status.is_ok())
    return report_error(global, status.status());
  std::vector<analysis::PeriodVariance> variance;
  if (flags.variance_periods > 0) {
    analysis::VarianceOptions options;
    options.periods = flags.variance_periods;
    auto dimension = query::Dimension::parse(flags.variance_by);
    if (!dimension.is_ok())
      return report_error(global, dimension.status().with_context("--by"));
    options.dimension = *dimension;
    auto v = analysis::compute_budget_variance(*budget, **snapshot, *now, options);
    if (!v.is_ok())
      return report_error(global, v.status());
    variance = std::move(*v);
  }
  if (global.json) {
    nlohmann::json out = analysis::budget_status_to_json(*status);
    if (flags.variance_periods > 0)
      out["variance"] = analysis::budget_variance_to_json(variance);
    print_json(out);
    return 0;
  }
  const std::string cur = status->currency.empty() ? "" : " " + status->currency;
  std::printf("Budget %lld \"%s\", %s (%s to %s)\n", static_cast<long long>(status->budget_id),
              status->budget_name.c_str(), status->period_label.c_str(),
              core::format_date(status->period.start).c_str(),
              core::format_date(status->period.end).c_str());
  print_table({"", "amount"},
              {{"budget", status->amount.to_fixed(2) + cur},
               {"actual to date", fmt::format("{}{} ({}%)", status->actual.to_fixed(2), cur,
                                              status->percent_used.to_fixed(1))},
               {"projected", fmt::format("{}{} ({}%)", status->projected.to_fixed(2), cur,
                                         status->projected_percent.to_fixed(1))},
               {"80% interval", fmt::format("{} .. {}", status->projected_low.to_fixed(2),
                                            status->projected_high.to_fixed(2))}});
  if (!status->thresholds.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& t : status->thresholds)
      rows.push_back({t.threshold.percent.to_string() + "%",
                      std::string(analysis::threshold_basis_name(t.threshold.basis)),
                      t.level.to_fixed(2), t.crossed ? "crossed" : "not crossed",
                      t.on ? core::format_date(*t.on) : ""});
    std::printf("\n");
    print_table({"threshold", "basis", "level", "state", "on"}, rows);
  }
  std::printf("\n%s\n", status->summary.c_str());
  if (!variance.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& v : variance) {
      std::string top;
      for (const auto& c : v.top)
        top += fmt::format("{}{} {}{}", top.empty() ? "" : ", ", c.value.value_or("(null)"),
                           c.contribution.is_negative() ? "" : "+", c.contribution.to_fixed(2));
      rows.push_back(
          {v.label, v.amount.to_fixed(2), v.actual.to_fixed(2),
           fmt::format("{}{}", v.variance.is_negative() ? "" : "+", v.variance.to_fixed(2)),
           v.variance_percent.to_fixed(1) + "%", top});
    }
    std::printf("\nVariance by %s:\n", flags.variance_by.c_str());
    print_table({"period", "budget", "actual", "variance", "%", "top contributors"}, rows);
  }
  return 0;
}

int run_delete(const GlobalOptions& global, const BudgetFlags& flags) {
  auto db = open_state(global);
  if (!db.is_ok())
    return report_error(global, db.status());
  auto repo = analysis::BudgetRepository::open(**db);
  if (!repo.is_ok())
    return report_error(global, repo.status());
  auto budget = repo->find(flags.key);
  if (!budget.is_ok())
    return report_error(global, budget.status());
  if (core::Status s = repo->remove(budget->id); !s.is_ok())
    return report_error(global, s);
  if (global.json) {
    print_json({{"deleted", budget->id}});
  } else {
    std::printf("Budget %lld \"%s\" deleted.\n", static_cast<long long>(budget->id),
                budget->name.c_str());
  }
  return 0;
}

}  // namespace

void add_budgets_command(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<BudgetFlags>();
  CLI::App* budgets =
      app.add_subcommand("budgets", "Budgets per scope: add, list, status, delete.");
  budgets->require_subcommand(1);

  CLI::App* add = budgets->add_subcommand("add", "Add a budget.");
  add_data_option(add, global);
  add->add_option("--name", flags->name, "Budget name (unique)");
  add->add_option("--amount", flags->amount, "Amount per period, e.g. 1000 or 1250.50");
  add->add_option("--period", flags->period, "monthly (default), quarterly or annual");
  add->add_option("--metric", flags->metric, "Money metric (default EffectiveCost)");
  add->add_option("--currency", flags->currency, "Pin the scope to one billing currency, e.g. USD");
  add->add_option("--filter", flags->filters,
                  "Scope filter DIMENSION=V1,V2 or DIMENSION!=V (repeatable; AND-ed), e.g. "
                  "ProviderName=AWS tag:team=payments");
  add->add_option("--threshold", flags->thresholds,
                  "Alert threshold in percent, on actual spend (80) or forecast (100:forecast); "
                  "repeatable");
  add->add_option("--period-amount", flags->period_amounts,
                  "Amount of one period, PERIOD_START=AMOUNT (e.g. 2024-04-01=1500); repeatable");
  add->add_option("--definition", flags->definition, "The whole budget as JSON (instead of flags)");
  add->callback([&global, flags, exit_code] { *exit_code = run_add(global, *flags); });

  CLI::App* list = budgets->add_subcommand("list", "List budgets.");
  add_data_option(list, global);
  list->callback([&global, exit_code] { *exit_code = run_list(global); });

  CLI::App* status = budgets->add_subcommand(
      "status", "Actual to date, projection, thresholds and breach date of a budget.");
  add_data_option(status, global);
  status->add_option("budget", flags->key, "Budget id or name")->required();
  status->add_option("--as-of", flags->as_of, "Evaluate at this date/time (default: now)");
  status->add_option("--variance", flags->variance_periods,
                     "Also show budget vs actual for the N previous periods");
  status->add_option("--by", flags->variance_by,
                     "Dimension explaining the variance (default ServiceName)");
  status->callback([&global, flags, exit_code] { *exit_code = run_status(global, *flags); });

  CLI::App* remove = budgets->add_subcommand("delete", "Delete a budget.");
  add_data_option(remove, global);
  remove->add_option("budget", flags->key, "Budget id or name")->required();
  remove->callback([&global, flags, exit_code] { *exit_code = run_delete(global, *flags); });
}

}  // namespace optima::cli
