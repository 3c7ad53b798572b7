// `cloudoptima recommend [--data DIR] [--profile aws-like|azure-like|gcp-like|FILE] [--csv]
//                        [--category C] [--inventory PATH]...`            the list and totals
// `cloudoptima recommend show ID`                                          evidence and formula
// `cloudoptima recommend accept|dismiss|snooze|implemented ID [--reason R] [--until DATE]`
// `cloudoptima recommend vote ID up|down`                                  feedback
// `cloudoptima recommend verify`                                           realised savings
// `cloudoptima recommend rules`                                            the registry
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "optima/cli/commands.h"
#include "optima/cli/state_flags.h"
#include "optima/core/strings.h"
#include "optima/recommend/recommend_service.h"
#include "optima/recommend/recommendation_json.h"
#include "optima/recommend/registry.h"

namespace optima::cli {
namespace {

struct RecommendFlags {
  std::string profile = "aws-like";
  std::string category;
  std::vector<std::string> inventory;
  std::string now;
  bool csv = false;
  bool all = false;
  std::string id;
  std::string reason;
  std::string until;
  std::string vote;
};

core::Result<recommend::ServiceOptions> service_options(const GlobalOptions& global,
                                                        const RecommendFlags& f) {
  recommend::ServiceOptions o;
  o.data_dir = data_dir_of(global);
  o.profile = f.profile;
  if (!f.category.empty()) {
    auto c = recommend::parse_category(f.category);
    if (!c) {
      return core::invalid_argument(fmt::format(
          "--category: expected compute, storage, network, database, commitment, licensing or "
          "schedule, found '{}'",
          f.category));
    }
    o.category = *c;
  }
  for (const auto& p : f.inventory) o.inventory_paths.emplace_back(p);
  if (!f.now.empty()) {
    auto t = core::timestamp_from_string(f.now);
    if (!t.is_ok()) return t.status().with_context("--now");
    o.now = *t;
  }
  return o;
}

std::string money(core::Decimal d) { return "$" + d.to_fixed(2); }

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

int run_list(const GlobalOptions& global, const RecommendFlags& flags) {
  auto options = service_options(global, flags);
  if (!options.is_ok()) return report_error(global, options.status());
  auto result = recommend::run_service(*options);
  if (!result.is_ok()) return report_error(global, result.status());
  std::vector<recommend::Recommendation> shown;
  for (const auto& r : result->run.recommendations) {
    if (flags.all || recommend::is_active(r)) shown.push_back(r);
  }
  if (global.json) {
    auto j = recommend::to_json(result->summary, shown);
    j["profile"] = result->profile.name;
    j["inventory"] = result->inventory_source;
    j["billing_window"] = {core::format_iso8601(result->billing_window.start),
                           core::format_iso8601(result->billing_window.end)};
    print_json(j);
    return 0;
  }
  if (flags.csv) {
    std::printf("id,recommender,category,provider,account_id,team,resource_id,resource_type,action,"
                "monthly_savings,confidence,risk,effort,status,formula\n");
    for (const auto& r : shown) {
      const auto team = r.tags.count("team") ? r.tags.at("team") : std::string();
      std::printf("%s\n", core::join({r.id, r.recommender, std::string(recommend::category_name(r.category)),
                                      csv_cell(r.provider), csv_cell(r.account_id), csv_cell(team),
                                      csv_cell(r.resource_id), csv_cell(r.resource_type),
                                      csv_cell(r.action), r.savings.monthly.to_fixed(2),
                                      fmt::format("{:.2f}", r.confidence),
                                      std::string(recommend::level_name(r.risk)),
                                      std::string(recommend::level_name(r.effort)),
                                      std::string(recommend::status_name(r.status)),
                                      csv_cell(r.savings.formula)},
                                     ",")
                              .c_str());
    }
    return 0;
  }
  const auto& s = result->summary;
  std::printf("Profile %s; inventory %s; billing %s..%s\n", result->profile.name.c_str(),
              result->inventory_source.c_str(), core::format_date(result->billing_window.start).c_str(),
              core::format_date(result->billing_window.end).c_str());
  std::printf("Potential savings: %s/month from %zu recommendations (%zu conflicting alternatives "
              "not counted; %zu hidden by feedback; %zu dismissed, snoozed or implemented)\n\n",
              money(s.total_monthly).c_str(), s.counted,
              result->run.raw_recommendations - result->run.recommendations.size(), s.hidden,
              s.inactive);
  auto print_totals = [](const char* title, const auto& items) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& [k, v] : items) rows.push_back({k, money(v)});
    std::printf("%s\n", title);
    print_table({"", "$/month"}, rows);
    std::printf("\n");
  };
  print_totals("By category", s.by_category);
  print_totals("By account", s.by_account);
  print_totals("By team", s.by_team);
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : shown) {
    rows.push_back({r.id, std::string(recommend::category_name(r.category)), r.recommender,
                    r.resource_name.empty() ? r.resource_id : r.resource_name, r.action,
                    r.savings.monthly.to_fixed(2),
                    std::string(recommend::level_name(r.confidence_level)),
                    std::string(recommend::status_name(r.status))});
  }
  print_table({"ID", "CATEGORY", "RECOMMENDER", "RESOURCE", "ACTION", "$/MONTH", "CONFIDENCE",
               "STATUS"},
              rows);
  return 0;
}

int run_show(const GlobalOptions& global, const RecommendFlags& flags) {
  auto options = service_options(global, flags);
  if (!options.is_ok()) return report_error(global, options.status());
  auto result = recommend::run_service(*options);
  if (!result.is_ok()) return report_error(global, result.status());
  const auto* r = recommend::find_recommendation(result->run.recommendations, flags.id);
  if (r == nullptr) {
    return report_error(global, core::not_found(fmt::format("no recommendation with id '{}'", flags.id)));
  }
  if (global.json) {
    print_json(recommend::to_json(*r, recommend::JsonDetail::kFull));
    return 0;
  }
  std::printf("%s  %s\n", r->id.c_str(), r->title.c_str());
  std::printf("recommender %s (%s, %s), profile %s, status %s%s\n", r->recommender.c_str(),
              std::string(recommend::category_name(r->category)).c_str(),
              std::string(recommend::pillar_name(r->pillar)).c_str(), r->profile.c_str(),
              std::string(recommend::status_name(r->status)).c_str(),
              r->status_reason.empty() ? "" : (" (" + r->status_reason + ")").c_str());
  std::printf("resource %s %s (%s) account %s region %s\n", r->resource_kind.c_str(),
              r->resource_id.c_str(), r->resource_type.c_str(), r->account_id.c_str(),
              r->region.c_str());
  std::printf("action %s\n%s\n\n", r->action.c_str(), r->detail.c_str());
  std::printf("rule: %s\n", r->evidence.rule.c_str());
  for (const auto& m : r->evidence.metrics) {
    std::printf("  %s (%s) %s..%s: %lld samples of %lld (coverage %.0f%%), mean %.2f, p95 %.2f "
                "(nearest rank), max %.2f, idle fraction %.4f below %.2f\n",
                m.metric.c_str(), m.statistic.c_str(), core::format_iso8601(m.window.start).c_str(),
                core::format_iso8601(m.window.end).c_str(), static_cast<long long>(m.samples),
                static_cast<long long>(m.expected_samples), m.coverage() * 100, m.mean, m.p95, m.max,
                m.idle_fraction, m.idle_threshold);
  }
  for (const auto& [k, v] : r->evidence.facts) std::printf("  %s: %s\n", k.c_str(), v.c_str());
  std::printf("\nsavings: %s\n", r->savings.formula.c_str());
  for (const auto& t : r->savings.terms) {
    std::printf("  %s%s: %s %s × %s %s — rate source: %s\n", t.sign < 0 ? "− " : "+ ",
                t.label.c_str(), t.rate.to_string().c_str(), t.rate_unit.c_str(),
                t.quantity.to_string().c_str(), t.quantity_unit.c_str(), t.rate_source.c_str());
  }
  std::printf("confidence %.2f (%s): %s; risk %s, effort %s\n", r->confidence,
              std::string(recommend::level_name(r->confidence_level)).c_str(),
              r->confidence_note.c_str(), std::string(recommend::level_name(r->risk)).c_str(),
              std::string(recommend::level_name(r->effort)).c_str());
  for (const auto& a : r->alternatives) {
    std::printf("alternative %s  %s: %s/month\n", a.id.c_str(), a.title.c_str(),
                money(a.savings.monthly).c_str());
  }
  return 0;
}

int run_action(const GlobalOptions& global, const RecommendFlags& flags, recommend::Action action) {
  auto options = service_options(global, flags);
  if (!options.is_ok()) return report_error(global, options.status());
  std::optional<core::Timestamp> until;
  if (!flags.until.empty()) {
    auto t = core::timestamp_from_string(flags.until);
    if (!t.is_ok()) return report_error(global, t.status().with_context("--until"));
    until = *t;
  }
  auto rec = recommend::act_on(*options, flags.id, action, flags.reason, until);
  if (!rec.is_ok()) return report_error(global, rec.status());
  if (global.json) {
    print_json(recommend::to_json(*rec));
  } else {
    std::printf("%s: %s\n", rec->id.c_str(), std::string(recommend::status_name(rec->status)).c_str());
  }
  return 0;
}

int run_vote(const GlobalOptions& global, const RecommendFlags& flags) {
  if (flags.vote != "up" && flags.vote != "down") {
    return report_error(global, core::invalid_argument(
                                    fmt::format("vote: expected up or down, found '{}'", flags.vote)));
  }
  auto options = service_options(global, flags);
  if (!options.is_ok()) return report_error(global, options.status());
  const core::Status s = recommend::vote_on(*options, flags.id, flags.vote == "up" ? 1 : -1);
  if (!s.is_ok()) return report_error(global, s);
  if (!global.json) std::printf("%s: thumbs %s recorded\n", flags.id.c_str(), flags.vote.c_str());
  return 0;
}

int run_verify(const GlobalOptions& global, const RecommendFlags& flags) {
  auto options = service_options(global, flags);
  if (!options.is_ok()) return report_error(global, options.status());
  auto checked = recommend::verify_implemented(*options);
  if (!checked.is_ok()) return report_error(global, checked.status());
  if (global.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : *checked) {
      out.push_back({{"id", v.id}, {"resource_id", v.resource_id}, {"verified", v.verified},
                     {"expected_monthly", v.expected_monthly.to_fixed(2)},
                     {"realised_monthly", v.realised_monthly.to_fixed(2)},
                     {"cost_before", v.cost_before.to_string()}, {"days_before", v.days_before},
                     {"cost_after", v.cost_after.to_string()}, {"days_after", v.days_after},
                     {"note", v.note}});
    }
    print_json({{"verifications", out}});
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : *checked) {
    rows.push_back({v.id, v.resource_id, v.verified ? "verified" : "pending",
                    money(v.expected_monthly), v.verified ? money(v.realised_monthly) : "", v.note});
  }
  print_table({"ID", "RESOURCE", "STATE", "EXPECTED", "REALISED", "HOW"}, rows);
  return 0;
}

void print_rules() {
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : recommend::recommender_registry()) {
    rows.push_back({std::string(r.id), std::string(recommend::category_name(r.category)),
                    std::string(recommend::pillar_name(r.pillar)), std::string(r.applies_to),
                    std::string(r.summary)});
  }
  print_table({"ID", "CATEGORY", "PILLAR", "APPLIES TO", "RULE"}, rows);
}

}  // namespace

void add_recommend_command(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<RecommendFlags>();
  CLI::App* rec = app.add_subcommand(
      "recommend", "Cost recommendations with evidence, savings formulas and a lifecycle");
  rec->fallthrough();
  rec->require_subcommand(0, 1);
  add_data_option(rec, global);
  rec->add_option("--profile", flags->profile, "aws-like, azure-like, gcp-like or a JSON file")
      ->capture_default_str();
  rec->add_option("--category", flags->category,
                  "compute, storage, network, database, commitment, licensing or schedule");
  rec->add_option("--inventory", flags->inventory,
                  "Inventory/utilization files or folders to read instead of the stored snapshot");
  rec->add_option("--now", flags->now, "Time to evaluate at (default: the inventory's time)");
  rec->add_flag("--csv", flags->csv, "CSV output");
  rec->add_flag("--all", flags->all, "Also list dismissed, snoozed, implemented and hidden ones");
  rec->callback([rec, &global, flags, exit_code] {
    if (rec->get_subcommands().empty()) *exit_code = run_list(global, *flags);
  });

  CLI::App* show = rec->add_subcommand("show", "Evidence, window, rate sources and formula");
  show->add_option("id", flags->id, "Recommendation id (or a unique prefix)")->required();
  show->callback([&global, flags, exit_code] { *exit_code = run_show(global, *flags); });

  for (const char* name : {"accept", "dismiss", "snooze", "implemented"}) {
    CLI::App* act = rec->add_subcommand(name, fmt::format("Mark a recommendation {}", name));
    act->add_option("id", flags->id, "Recommendation id")->required();
    act->add_option("--reason", flags->reason, "Why (required to dismiss)");
    act->add_option("--until", flags->until, "Snooze until this date");
    const recommend::Action action = *recommend::parse_action(name);
    act->callback([&global, flags, exit_code, action] {
      *exit_code = run_action(global, *flags, action);
    });
  }
  CLI::App* vote = rec->add_subcommand("vote", "Thumbs up or down: adjusts similar recommendations");
  vote->add_option("id", flags->id, "Recommendation id")->required();
  vote->add_option("direction", flags->vote, "up or down")->required();
  vote->callback([&global, flags, exit_code] { *exit_code = run_vote(global, *flags); });

  CLI::App* verify = rec->add_subcommand("verify", "Check implemented recommendations against later bills");
  verify->callback([&global, flags, exit_code] { *exit_code = run_verify(global, *flags); });

  CLI::App* rules = rec->add_subcommand("rules", "List the recommenders");
  rules->callback([exit_code] {
    print_rules();
    *exit_code = 0;
  });
}

}  // namespace optima::cli
