// `cloudoptima forecast`: forecasts of a CSV series (--series FILE) or of stored billing data
// (--data DIR, one metric by period, optionally per dimension), and the end-of-month
// projection of the current month (--month-end). Money and values print rounded to cents;
// JSON prints them as decimal strings.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "optima/analysis/forecast/forecaster.h"
#include "optima/analysis/forecast/month_end_projection.h"
#include "optima/analysis/forecast/store_forecast.h"
#include "optima/analysis/series/series_builder.h"
#include "optima/analysis/series/series_csv.h"
#include "optima/cli/commands.h"
#include "optima/cli/state_flags.h"
#include "optima/core/strings.h"
#include "optima/store/store.h"

namespace optima::cli {
namespace {

using analysis::Granularity;

struct ForecastFlags {
  std::string series;  // CSV file
  std::string time_col;
  std::string value_col;
  std::string metric = "EffectiveCost";
  std::string group_by;
  std::vector<std::string> filters;  // DIMENSION=V1,V2
  std::string granularity;           // empty: day (store) or detected (CSV)
  int horizon = 0;                   // 0: 30 days' worth (12 months monthly)
  std::string model = "auto";
  std::string as_of;                 // "now" for tests and replays
  bool month_end = false;
};

core::Result<Granularity> granularity_of(const std::string& name) {
  if (name == "hour") return Granularity::kHour;
  if (name == "day") return Granularity::kDay;
  if (name == "week") return Granularity::kWeek;
  if (name == "month") return Granularity::kMonth;
  return core::invalid_argument(fmt::format("--granularity {}: expected hour, day, week or month",
                                            core::quote_for_message(name)));
}

int default_horizon(Granularity g) {
  switch (g) {
    case Granularity::kHour: return 30 * 24;
    case Granularity::kWeek: return 13;
    case Granularity::kMonth: return 12;
    default: return 30;
  }
}

analysis::ModelChoice model_of(const std::string& name) {
  if (name == "ets") return analysis::ModelChoice::kEts;
  if (name == "theta") return analysis::ModelChoice::kTheta;
  if (name == "snaive") return analysis::ModelChoice::kSeasonalNaive;
  if (name == "naive") return analysis::ModelChoice::kNaive;
  return analysis::ModelChoice::kAuto;
}

std::string money(double v) { return analysis::to_cents(v).to_fixed(2); }

std::string period_text(core::Timestamp t, Granularity g) {
  return g == Granularity::kHour ? core::format_iso8601(t) : core::format_date(t);
}

nlohmann::json forecast_json(const std::string& label, const std::string& currency,
                             const analysis::Forecast& f) {
  nlohmann::json j;
  j["label"] = label;
  if (!currency.empty()) j["currency"] = currency;
  j["model"] = f.model;
  j["granularity"] = std::string(query::granularity_name(f.granularity));
  j["observations"] = f.observations;
  j["missing_periods"] = f.missing_periods;
  j["outliers_treated_as_missing"] = f.outliers_removed;
  if (!std::isnan(f.backtest_mase)) j["backtest_scaled_error"] = f.backtest_mase;
  j["candidates"] = f.candidates;
  nlohmann::json c;
  c["model"] = f.components.model;
  c["level"] = money(f.components.level);
  c["trend_per_period"] = money(f.components.trend_per_period);
  c["seasonal_period"] = f.components.seasonal_period;
  if (f.components.weekly_pattern) {
    nlohmann::json week = nlohmann::json::object();
    const char* days[7] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    for (size_t i = 0; i < 7; ++i) week[days[i]] = money((*f.components.weekly_pattern)[i]);
    c["weekly_pattern"] = week;
  }
  if (f.month_start_fee) {
    c["month_start_fee"] = {{"day_of_month", f.month_start_fee->day_of_month},
                            {"amount", money(f.month_start_fee->amount)},
                            {"months_seen", f.month_start_fee->months_seen}};
  }
  j["components"] = c;
  if (f.level_shift) {
    j["level_shift"] = {{"period", period_text(f.level_shift->time, f.granularity)},
                        {"size", money(f.level_shift->size)},
                        {"refitted_on_segment", f.level_shift->refitted_on_segment}};
  }
  if (f.partial_period) {
    j["partial_period"] = {{"period", period_text(f.partial_period->time, f.granularity)},
                           {"value", std::isnan(f.partial_period->value) ? nlohmann::json(nullptr)
                                                                         : nlohmann::json(money(f.partial_period->value))},
                           {"excluded_from_fit", true}};
  }
  nlohmann::json points = nlohmann::json::array();
  for (const auto& p : f.points) {
    points.push_back({{"period", period_text(p.time, f.granularity)}, {"forecast", money(p.mean)},
                      {"lower80", money(p.lower80)}, {"upper80", money(p.upper80)},
                      {"lower95", money(p.lower95)}, {"upper95", money(p.upper95)}});
  }
  j["forecast"] = points;
  return j;
}

void print_forecast_text(const std::string& label, const analysis::Forecast& f) {
  std::printf("%s: %s (%zu periods of data, %zu missing, %zu outliers treated as missing)\n",
              label.c_str(), f.model.c_str(), f.observations, f.missing_periods, f.outliers_removed);
  if (!f.components.model.empty()) {
    std::printf("  level %s, trend %s per period (%s)\n", money(f.components.level).c_str(),
                money(f.components.trend_per_period).c_str(), f.components.model.c_str());
  }
  if (f.components.weekly_pattern) {
    std::string week;
    const char* days[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    for (size_t i = 0; i < 7; ++i) week += fmt::format(" {} {}", days[i], money((*f.components.weekly_pattern)[i]));
    std::printf("  weekly pattern:%s\n", week.c_str());
  }
  if (f.month_start_fee) {
    std::printf("  recurring fee on day %d of the month: %s\n", f.month_start_fee->day_of_month,
                money(f.month_start_fee->amount).c_str());
  }
  if (f.level_shift) {
    std::printf("  level shift of %s at %s%s\n", money(f.level_shift->size).c_str(),
                period_text(f.level_shift->time, f.granularity).c_str(),
                f.level_shift->refitted_on_segment ? " (model fitted on the data since)" : "");
  }
  if (f.partial_period) {
    std::printf("  partial period %s excluded from the fit (so far: %s)\n",
                period_text(f.partial_period->time, f.granularity).c_str(),
                std::isnan(f.partial_period->value) ? "no data" : money(f.partial_period->value).c_str());
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : f.points) {
    rows.push_back({period_text(p.time, f.granularity), money(p.mean),
                    money(p.lower80) + " .. " + money(p.upper80), money(p.lower95) + " .. " + money(p.upper95)});
  }
  print_table({"period", "forecast", "80% interval", "95% interval"}, rows);
}

nlohmann::json projection_json(const std::string& label, const std::string& currency,
                               const analysis::MonthEndProjection& p) {
  nlohmann::json j = {{"label", label},
                      {"month", core::format_date(p.month.start).substr(0, 7)},
                      {"actual_to_date", p.actual_to_date.to_fixed(2)},
                      {"forecast_remaining", p.forecast_remaining.to_fixed(2)},
                      {"projected_total", p.projected_total.to_fixed(2)},
                      {"lower80", p.lower80.to_fixed(2)}, {"upper80", p.upper80.to_fixed(2)},
                      {"lower95", p.lower95.to_fixed(2)}, {"upper95", p.upper95.to_fixed(2)},
                      {"days_complete", p.days_complete}, {"days_remaining", p.days_remaining},
                      {"days_missing", p.days_missing}, {"model", p.model}};
  if (!currency.empty()) j["currency"] = currency;
  return j;
}

core::Result<core::Timestamp> as_of_of(const ForecastFlags& flags) {
  if (!flags.as_of.empty()) {
    auto t = core::timestamp_from_string(flags.as_of);
    if (!t.is_ok()) return t.status().with_context("--as-of");
    return t;
  }
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  return core::Timestamp{now};
}

core::Result<analysis::ForecastOptions> options_of(const ForecastFlags& flags, Granularity g) {
  analysis::ForecastOptions o;
  o.horizon = flags.horizon > 0 ? flags.horizon : default_horizon(g);
  o.model = model_of(flags.model);
  if (flags.horizon < 0 || o.horizon > analysis::kMaxHorizon) {
    return core::invalid_argument(fmt::format("--horizon {}: expected 1 to {} periods", flags.horizon,
                                              analysis::kMaxHorizon));
  }
  return o;
}

int run_csv(const GlobalOptions& global, const ForecastFlags& flags) {
  auto csv = analysis::read_series_csv(flags.series, {flags.time_col, flags.value_col});
  if (!csv.is_ok()) return report_error(global, csv.status());
  Granularity g = Granularity::kDay;
  if (!flags.granularity.empty()) {
    auto parsed = granularity_of(flags.granularity);
    if (!parsed.is_ok()) return report_error(global, parsed.status());
    g = *parsed;
  } else if (csv->has_time_of_day) {
    g = Granularity::kHour;
  } else {
    bool monthly = csv->points.size() >= 2;
    for (const auto& p : csv->points) monthly = monthly && core::date_of(p.time).day == 1;
    if (monthly) g = Granularity::kMonth;
  }
  analysis::RegularizeReport report;
  auto series = analysis::regularize(csv->points, g, analysis::Aggregation::kSum, &report);
  if (!series.is_ok()) return report_error(global, series.status().with_context(flags.series));
  auto options = options_of(flags, g);
  if (!options.is_ok()) return report_error(global, options.status());
  if (!flags.as_of.empty() || flags.month_end) {
    auto as_of = as_of_of(flags);
    if (!as_of.is_ok()) return report_error(global, as_of.status());
    if (flags.month_end) {
      auto p = analysis::project_month_end(*series, *as_of, *options);
      if (!p.is_ok()) return report_error(global, p.status().with_context(flags.series));
      print_json(projection_json(flags.series, "", *p));
      return 0;
    }
    options->as_of = *as_of;
  }
  auto f = analysis::forecast_series(*series, *options);
  if (!f.is_ok()) return report_error(global, f.status().with_context(flags.series));
  if (global.json) {
    nlohmann::json j = forecast_json(csv->value_column, "", *f);
    j["file"] = flags.series;
    j["input"] = {{"rows", report.points}, {"merged_duplicate_periods", report.merged_points},
                  {"missing_periods", report.missing_periods}, {"unsorted", report.was_unsorted},
                  {"time_column", csv->time_column}, {"value_column", csv->value_column}};
    print_json(j);
  } else {
    std::printf("%s: %zu rows (%zu merged into shared periods, %zu periods missing%s)\n",
                flags.series.c_str(), report.points, report.merged_points, report.missing_periods,
                report.was_unsorted ? ", rows were unsorted" : "");
    print_forecast_text(csv->value_column, *f);
  }
  return 0;
}

core::Result<analysis::SeriesQuery> series_query_of(const ForecastFlags& flags) {
  analysis::SeriesQuery q;
  auto metric = query::Metric::parse(flags.metric);
  if (!metric.is_ok()) return metric.status().with_context("--metric");
  q.metric = *metric;
  if (!flags.group_by.empty()) {
    auto d = query::Dimension::parse(flags.group_by);
    if (!d.is_ok()) return d.status().with_context("--group-by");
    q.group_by = *d;
  }
  for (const std::string& f : flags.filters) {
    const size_t eq = f.find('=');
    if (eq == std::string::npos || eq == 0) {
      return core::invalid_argument(
          fmt::format("--filter {}: expected DIMENSION=VALUE[,VALUE...]", core::quote_for_message(f)));
    }
    auto d = query::Dimension::parse(f.substr(0, eq));
    if (!d.is_ok()) return d.status().with_context("--filter " + f);
    query::Filter filter;
    filter.dimension = *d;
    for (auto v : core::split(std::string_view(f).substr(eq + 1), ',')) filter.values.emplace_back(v);
    q.filters.push_back(std::move(filter));
  }
  if (!flags.granularity.empty()) {
    OPTIMA_ASSIGN_OR_RETURN(q.granularity, granularity_of(flags.granularity));
  }
  return q;
}

int run_store(const GlobalOptions& global, const ForecastFlags& flags) {
  auto request = series_query_of(flags);
  if (!request.is_ok()) return report_error(global, request.status());
  auto options = options_of(flags, request->granularity);
  if (!options.is_ok()) return report_error(global, options.status());
  auto as_of = as_of_of(flags);
  if (!as_of.is_ok()) return report_error(global, as_of.status());
  auto store = store::Store::open(data_dir_of(global));
  if (!store.is_ok()) return report_error(global, store.status());
  auto snapshot = (*store)->snapshot();
  if (!snapshot.is_ok()) return report_error(global, snapshot.status());
  if (flags.month_end) {
    auto projections = analysis::project_month_end_query(**snapshot, *request, *as_of, *options);
    if (!projections.is_ok()) return report_error(global, projections.status());
    if (global.json) {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& p : *projections) arr.push_back(projection_json(p.label, p.currency, p.projection));
      print_json({{"metric", flags.metric}, {"as_of", core::format_iso8601(*as_of)}, {"projections", arr}});
    } else {
      std::vector<std::vector<std::string>> rows;
      for (const auto& p : *projections) {
        const auto& m = p.projection;
        rows.push_back({p.label, m.actual_to_date.to_fixed(2), m.forecast_remaining.to_fixed(2),
                        m.projected_total.to_fixed(2), m.lower80.to_fixed(2) + " .. " + m.upper80.to_fixed(2),
                        m.lower95.to_fixed(2) + " .. " + m.upper95.to_fixed(2)});
      }
      std::printf("%s, month of %s as of %s\n", flags.metric.c_str(),
                  core::format_date(core::month_of(*as_of).start).substr(0, 7).c_str(),
                  core::format_iso8601(*as_of).c_str());
      print_table({"series", "month to date", "rest of month", "projected", "80% interval", "95% interval"}, rows);
    }
    return 0;
  }
  options->as_of = *as_of;
  auto forecasts = analysis::forecast_query(**snapshot, *request, *options);
  if (!forecasts.is_ok()) return report_error(global, forecasts.status());
  if (global.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& f : *forecasts) arr.push_back(forecast_json(f.label, f.currency, f.forecast));
    print_json({{"metric", flags.metric}, {"as_of", core::format_iso8601(*as_of)}, {"series", arr}});
  } else {
    for (const auto& f : *forecasts) print_forecast_text(f.label, f.forecast);
  }
  return 0;
}

int run_forecast(const GlobalOptions& global, const ForecastFlags& flags) {
  if (!flags.series.empty()) return run_csv(global, flags);
  return run_store(global, flags);
}

}  // namespace

void add_forecast_command(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<ForecastFlags>();
  CLI::App* cmd = app.add_subcommand(
      "forecast",
      "Forecast a CSV series or stored spend with 80%/95% intervals, e.g.\n"
      "  cloudoptima forecast --series costs.csv --horizon 30 --json\n"
      "  cloudoptima forecast --data DIR --metric EffectiveCost --group-by ServiceName --horizon 30\n"
      "  cloudoptima forecast --data DIR --month-end");
  cmd->add_option("--series", flags->series, "CSV file of (time, value) rows");
  cmd->add_option("--time-col", flags->time_col, "CSV time column (name or 1-based number)");
  cmd->add_option("--value-col", flags->value_col, "CSV value column (name or 1-based number)");
  add_data_option(cmd, global);
  cmd->add_option("--metric", flags->metric, "Metric to forecast from the store")->capture_default_str();
  cmd->add_option("--group-by", flags->group_by, "One series per value of this dimension (e.g. ServiceName, tag:team)");
  cmd->add_option("--filter", flags->filters, "DIMENSION=V1[,V2...]; repeatable");
  cmd->add_option("--granularity", flags->granularity, "hour, day, week or month (default: day; CSV: detected)")
      ->check(CLI::IsMember({"hour", "day", "week", "month"}));
  cmd->add_option("--horizon", flags->horizon, "Periods ahead (default: 30 days, 720 hours, 13 weeks, 12 months)");
  cmd->add_option("--model", flags->model, "auto, ets, theta, snaive or naive")
      ->check(CLI::IsMember({"auto", "ets", "theta", "snaive", "naive"}))
      ->capture_default_str();
  cmd->add_option("--as-of", flags->as_of, "Treat this instant as now (default: the clock)");
  cmd->add_flag("--month-end", flags->month_end, "Project the current month's total (daily data)");
  cmd->callback([&global, flags, exit_code] { *exit_code = run_forecast(global, *flags); });
}

}  // namespace optima::cli
