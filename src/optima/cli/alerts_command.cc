// `cloudoptima alerts rules add|list|delete`, `alerts channels add|list|test|delete`,
// `alerts run` (evaluate every rule now and deliver) and `alerts deliveries` (the log).
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "optima/analysis/budget/budget_repository.h"
#include "optima/analysis/budget/forecast_spend_projector.h"
#include "optima/analysis/budget/json_fields.h"
#include "optima/cli/commands.h"
#include "optima/cli/state_flags.h"
#include "optima/core/strings.h"
#include "optima/notify/alert_repository.h"
#include "optima/notify/alert_runner.h"
#include "optima/store/store.h"

namespace optima::cli {
namespace {

struct AlertFlags {
  std::string definition;  // whole JSON (rule or channel), instead of the flags
  std::string name;
  std::string key;  // id or name
  // Channels.
  std::string kind;
  std::string url;
  std::string secret_env;  // environment variable holding the webhook signing key
  std::string smtp_host;
  int smtp_port = 0;
  std::string smtp_security;
  std::string smtp_user;
  std::string smtp_password_env;  // environment variable holding the SMTP password
  std::string from;
  std::vector<std::string> to;
  // Rules.
  std::string type;
  std::vector<int64_t> channels;
  int64_t budget_id = -1;
  std::string basis;
  std::string percent;
  std::string min_severity;
  std::string min_impact;
  std::string amount;
  std::string period;
  std::string metric;
  std::string currency;
  std::vector<std::string> filters;
  int window_days = 0;
  std::string absolute;
  std::string direction;
  // Run, deliveries.
  std::string as_of;
  int limit = 50;
};

// Reads a secret from the environment variable `name` (so it stays out of shell history and
// process listings).
core::Result<std::string> secret_from_env(const std::string& name, std::string_view flag) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr || *value == '\0')
    return core::invalid_argument(
        fmt::format("{}: environment variable {} is not set", flag, name));
  return std::string(value);
}

core::Result<nlohmann::json> channel_document(const AlertFlags& f) {
  if (!f.definition.empty())
    return analysis::parse_json_text(f.definition, "--definition");
  nlohmann::json doc = nlohmann::json::object();
  set_if_given(&doc, "name", f.name);
  set_if_given(&doc, "kind", f.kind);
  set_if_given(&doc, "url", f.url);
  if (!f.secret_env.empty()) {
    OPTIMA_ASSIGN_OR_RETURN(doc["secret"], secret_from_env(f.secret_env, "--secret-env"));
  }
  if (!f.smtp_host.empty()) {
    nlohmann::json smtp = {{"host", f.smtp_host}};
    if (f.smtp_port != 0)
      smtp["port"] = f.smtp_port;
    set_if_given(&smtp, "security", f.smtp_security);
    set_if_given(&smtp, "username", f.smtp_user);
    if (!f.smtp_password_env.empty()) {
      OPTIMA_ASSIGN_OR_RETURN(smtp["password"],
                              secret_from_env(f.smtp_password_env, "--smtp-password-env"));
    }
    doc["smtp"] = smtp;
  }
  set_if_given(&doc, "from", f.from);
  if (!f.to.empty())
    doc["to"] = f.to;
  return doc;
}

core::Result<nlohmann::json> rule_document(const AlertFlags& f) {
  if (!f.definition.empty())
    return analysis::parse_json_text(f.definition, "--definition");
  nlohmann::json doc = nlohmann::json::object();
  set_if_given(&doc, "name", f.name);
  set_if_given(&doc, "type", f.type);
  doc["channels"] = f.channels;
  if (f.budget_id >= 0)
    doc["budget_id"] = f.budget_id;
  set_if_given(&doc, "basis", f.basis);
  set_if_given(&doc, "percent", f.percent);
  set_if_given(&doc, "min_severity", f.min_severity);
  set_if_given(&doc, "min_impact", f.min_impact);
  set_if_given(&doc, "amount", f.amount);
  set_if_given(&doc, "period", f.period);
  set_if_given(&doc, "metric", f.metric);
  set_if_given(&doc, "currency", f.currency);
  if (!f.filters.empty()) {
    OPTIMA_ASSIGN_OR_RETURN(doc["scope"], filters_from_flags(f.filters));
  }
  if (f.window_days != 0)
    doc["window_days"] = f.window_days;
  set_if_given(&doc, "absolute", f.absolute);
  set_if_given(&doc, "direction", f.direction);
  return doc;
}

// The state database and the alert repository, or the exit code of the error.
struct State {
  std::unique_ptr<store::SqliteDatabase> db;
  std::optional<notify::AlertRepository> alerts;
};

core::Result<State> open_alerts(const GlobalOptions& global) {
  State s;
  OPTIMA_ASSIGN_OR_RETURN(s.db, open_state(global));
  OPTIMA_ASSIGN_OR_RETURN(notify::AlertRepository repo, notify::AlertRepository::open(*s.db));
  s.alerts.emplace(std::move(repo));
  return s;
}

std::string delivery_outcome(const notify::DeliveryRecord& d) {
  if (d.status == notify::DeliveryStatus::kDelivered)
    return d.response_code ? fmt::format("delivered (HTTP {})", *d.response_code) : "delivered";
  return "failed: " + d.error;
}

int run_channels_add(const GlobalOptions& global, const AlertFlags& flags) {
  auto doc = channel_document(flags);
  if (!doc.is_ok())
    return report_error(global, doc.status());
  auto channel = notify::channel_from_json(*doc);
  if (!channel.is_ok())
    return report_error(global, channel.status());
  auto state = open_alerts(global);
  if (!state.is_ok())
    return report_error(global, state.status());
  auto created = state->alerts->create_channel(*channel, *now_or(""));
  if (!created.is_ok())
    return report_error(global, created.status());
  if (global.json) {
    print_json(notify::channel_to_json(*created));
  } else {
    std::printf("Channel %lld \"%s\" (%s) created.\n", static_cast<long long>(created->id),
                created->name.c_str(),
                std::string(notify::channel_kind_name(created->kind)).c_str());
  }
  return 0;
}

int run_channels_list(const GlobalOptions& global) {
  auto state = open_alerts(global);
  if (!state.is_ok())
    return report_error(global, state.status());
  auto channels = state->alerts->list_channels();
  if (!channels.is_ok())
    return report_error(global, channels.status());
  if (global.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : *channels)
      out.push_back(notify::channel_to_json(c));
    print_json(out);
    return 0;
  }
  if (channels->empty()) {
    std::printf(
        "No channels yet. Add one with: cloudoptima alerts channels add --name NAME --kind webhook "
        "--url URL --secret-env VAR\n");
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : *channels) {
    const nlohmann::json shown = notify::channel_to_json(c);
    const std::string target =
        c.kind == notify::ChannelKind::kEmail
            ? fmt::format("{} via {}:{}", core::join(c.to, ","), c.smtp.host, c.smtp.port)
            : std::string(shown["url"]);
    rows.push_back({std::to_string(c.id), c.name, std::string(notify::channel_kind_name(c.kind)),
                    target, c.enabled ? "yes" : "no"});
  }
  print_table({"id", "name", "kind", "target", "enabled"}, rows);
  return 0;
}

int run_channels_test(const GlobalOptions& global, const AlertFlags& flags) {
  auto state = open_alerts(global);
  if (!state.is_ok())
    return report_error(global, state.status());
  auto channel = state->alerts->find_channel(flags.key);
  if (!channel.is_ok())
    return report_error(global, channel.status());
  notify::Deliverer deliverer({});
  auto record = notify::test_channel(*state->alerts, *channel, deliverer);
  if (!record.is_ok())
    return report_error(global, record.status());
  if (global.json) {
    print_json(notify::delivery_to_json(*record));
  } else {
    std::printf("Channel \"%s\": %s after %d attempt%s.\n", channel->name.c_str(),
                delivery_outcome(*record).c_str(), record->attempts,
                record->attempts == 1 ? "" : "s");
  }
  return record->status == notify::DeliveryStatus::kDelivered ? 0 : 1;
}

int run_channels_delete(const GlobalOptions& global, const AlertFlags& flags) {
  auto state = open_alerts(global);
  if (!state.is_ok())
    return report_error(global, state.status());
  auto channel = state->alerts->find_channel(flags.key);
  if (!channel.is_ok())
    return report_error(global, channel.status());
  if (core::Status s = state->alerts->remove_channel(channel->id); !s.is_ok())
    return report_error(global, s);
  if (global.json) {
    print_json({{"deleted", channel->id}});
  } else {
    std::printf("Channel %lld \"%s\" deleted.\n", static_cast<long long>(channel->id),
                channel->name.c_str());
  }
  return 0;
}

int run_rules_add(const GlobalOptions& global, const AlertFlags& flags) {
  auto doc = rule_document(flags);
  if (!doc.is_ok())
    return report_error(global, doc.status());
  auto rule = notify::alert_rule_from_json(*doc);
  if (!rule.is_ok())
    return report_error(global, rule.status());
  auto state = open_alerts(global);
  if (!state.is_ok())
    return report_error(global, state.status());
  auto created = state->alerts->create_rule(*rule, *now_or(""));
  if (!created.is_ok())
    return report_error(global, created.status());
  if (global.json) {
    print_json(notify::alert_rule_to_json(*created));
  } else {
    std::printf("Alert rule %lld \"%s\" (%s) created.\n", static_cast<long long>(created->id),
                created->name.c_str(),
                std::string(notify::alert_rule_type_name(created->type)).c_str());
  }
  return 0;
}

int run_rules_list(const GlobalOptions& global) {
  auto state = open_alerts(global);
  if (!state.is_ok())
    return report_error(global, state.status());
  auto rules = state->alerts->list_rules();
  if (!rules.is_ok())
    return report_error(global, rules.status());
  if (global.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : *rules)
      out.push_back(notify::alert_rule_to_json(r));
    print_json(out);
    return 0;
  }
  if (rules->empty()) {
    std::printf(
        "No alert rules yet. Add one with: cloudoptima alerts rules add --name NAME --type TYPE "
        "--channel ID ...\n");
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : *rules) {
    nlohmann::json j = notify::alert_rule_to_json(r);
    for (const char* common : {"id", "name", "type", "channels", "enabled"})
      j.erase(common);
    std::string channels;
    for (int64_t id : r.channel_ids)
      channels += (channels.empty() ? "" : ",") + std::to_string(id);
    rows.push_back({std::to_string(r.id), r.name, std::string(notify::alert_rule_type_name(r.type)),
                    channels, r.enabled ? "yes" : "no", j.dump()});
  }
  print_table({"id", "name", "type", "channels", "enabled", "settings"}, rows);
  return 0;
}

int run_rules_delete(const GlobalOptions& global, const AlertFlags& flags) {
  auto state = open_alerts(global);
  if (!state.is_ok())
    return report_error(global, state.status());
  auto rule = state->alerts->find_rule(flags.key);
  if (!rule.is_ok())
    return report_error(global, rule.status());
  if (core::Status s = state->alerts->remove_rule(rule->id); !s.is_ok())
    return report_error(global, s);
  if (global.json) {
    print_json({{"deleted", rule->id}});
  } else {
    std::printf("Alert rule %lld \"%s\" deleted.\n", static_cast<long long>(rule->id),
                rule->name.c_str());
  }
  return 0;
}

int run_run(const GlobalOptions& global, const AlertFlags& flags) {
  auto now = now_or(flags.as_of);
  if (!now.is_ok())
    return report_error(global, now.status());
  auto state = open_alerts(global);
  if (!state.is_ok())
    return report_error(global, state.status());
  auto budgets = analysis::BudgetRepository::open(*state->db);
  if (!budgets.is_ok())
    return report_error(global, budgets.status());
  auto store = store::Store::open(data_dir_of(global));
  if (!store.is_ok())
    return report_error(global, store.status());
  auto snapshot = (*store)->snapshot();
  if (!snapshot.is_ok())
    return report_error(global, snapshot.status());
  notify::DeliveryOptions options;
  if (!flags.as_of.empty())
    options.clock = [t = *now] {
      return t;
    };
  notify::Deliverer deliverer(std::move(options));
  analysis::ForecastSpendProjector projector;
  // Anomaly events come from the anomaly detector once it is wired in; none here yet.
  auto report = notify::run_alerts(*state->alerts, *budgets, **snapshot, {}, projector, deliverer);
  if (!report.is_ok())
    return report_error(global, report.status());
  if (global.json) {
    print_json(notify::alert_run_report_to_json(*report));
  } else {
    std::printf(
        "%zu rules evaluated, %zu notifications: %zu delivered, %zu failed, %zu already "
        "delivered.\n",
        report->rules, report->notifications, report->delivered, report->failed,
        report->duplicates);
    for (const auto& d : report->deliveries)
      std::printf("  rule \"%s\" -> channel \"%s\" (%s %s): %s\n", d.rule_name.c_str(),
                  d.channel_name.c_str(), d.subject.c_str(), d.period.c_str(),
                  delivery_outcome(d).c_str());
    for (const auto& e : report->errors)
      std::fprintf(stderr, "warning: %s\n", e.c_str());
  }
  return report->failed == 0 && report->errors.empty() ? 0 : 1;
}

int run_deliveries(const GlobalOptions& global, const AlertFlags& flags) {
  auto state = open_alerts(global);
  if (!state.is_ok())
    return report_error(global, state.status());
  if (flags.limit < 1 || flags.limit > 1000)
    return report_error(global, core::invalid_argument(fmt::format(
                                    "--limit: expected 1 to 1000; found {}", flags.limit)));
  auto log = state->alerts->list_deliveries(static_cast<size_t>(flags.limit));
  if (!log.is_ok())
    return report_error(global, log.status());
  if (global.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : *log)
      out.push_back(notify::delivery_to_json(d));
    print_json(out);
    return 0;
  }
  if (log->empty()) {
    std::printf("No deliveries yet.\n");
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& d : *log)
    rows.push_back({std::to_string(d.id), core::format_iso8601(d.last_attempt_at), d.rule_name,
                    d.channel_name, d.subject, d.period, std::to_string(d.attempts),
                    delivery_outcome(d), d.payload_hash.substr(0, 12)});
  print_table(
      {"id", "time", "rule", "channel", "subject", "period", "attempts", "outcome", "payload"},
      rows);
  return 0;
}

}  // namespace

void add_alerts_command(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto f = std::make_shared<AlertFlags>();
  CLI::App* alerts = app.add_subcommand(
      "alerts",
      "Alert rules, notification channels (webhook, Slack, Teams, email), runs and deliveries.");
  alerts->require_subcommand(1);

  CLI::App* channels = alerts->add_subcommand("channels", "Notification channels.");
  channels->require_subcommand(1);
  CLI::App* cadd = channels->add_subcommand("add", "Add a channel.");
  add_data_option(cadd, global);
  cadd->add_option("--name", f->name, "Channel name (unique)");
  cadd->add_option("--kind", f->kind, "webhook, slack, teams or email");
  cadd->add_option("--url", f->url, "Webhook URL (http or https)");
  cadd->add_option("--secret-env", f->secret_env,
                   "Environment variable holding the webhook's HMAC-SHA256 signing key");
  cadd->add_option("--smtp-host", f->smtp_host, "SMTP server");
  cadd->add_option("--smtp-port", f->smtp_port, "SMTP port (default 25)");
  cadd->add_option("--smtp-security", f->smtp_security, "none (default), starttls or tls");
  cadd->add_option("--smtp-user", f->smtp_user, "SMTP user for AUTH");
  cadd->add_option("--smtp-password-env", f->smtp_password_env,
                   "Environment variable holding the SMTP password");
  cadd->add_option("--from", f->from, "Sender address");
  cadd->add_option("--to", f->to, "Recipient address (repeatable)");
  cadd->add_option("--definition", f->definition, "The whole channel as JSON (instead of flags)");
  cadd->callback([&global, f, exit_code] { *exit_code = run_channels_add(global, *f); });
  CLI::App* clist = channels->add_subcommand("list", "List channels (secrets are never shown).");
  add_data_option(clist, global);
  clist->callback([&global, exit_code] { *exit_code = run_channels_list(global); });
  CLI::App* ctest = channels->add_subcommand("test", "Send a test notification to a channel.");
  add_data_option(ctest, global);
  ctest->add_option("channel", f->key, "Channel id or name")->required();
  ctest->callback([&global, f, exit_code] { *exit_code = run_channels_test(global, *f); });
  CLI::App* cdel = channels->add_subcommand("delete", "Delete a channel no rule uses.");
  add_data_option(cdel, global);
  cdel->add_option("channel", f->key, "Channel id or name")->required();
  cdel->callback([&global, f, exit_code] { *exit_code = run_channels_delete(global, *f); });

  CLI::App* rules = alerts->add_subcommand("rules", "Alert rules.");
  rules->require_subcommand(1);
  CLI::App* radd = rules->add_subcommand("add", "Add an alert rule.");
  add_data_option(radd, global);
  radd->add_option("--name", f->name, "Rule name (unique)");
  radd->add_option("--type", f->type, "budget_threshold, anomaly, forecast or spend_change");
  radd->add_option("--channel", f->channels, "Channel id to notify (repeatable)");
  radd->add_option("--budget", f->budget_id, "budget_threshold: budget id (0 = every budget)");
  radd->add_option("--basis", f->basis, "budget_threshold: actual (default) or forecast");
  radd->add_option("--percent", f->percent,
                   "budget_threshold: only this threshold; spend_change: minimum change in %");
  radd->add_option("--min-severity", f->min_severity,
                   "anomaly: low, medium, high (default), critical");
  radd->add_option("--min-impact", f->min_impact, "anomaly: minimum cost impact");
  radd->add_option("--amount", f->amount, "forecast: notify when the projected spend exceeds this");
  radd->add_option("--period", f->period, "forecast: monthly (default), quarterly, annual");
  radd->add_option("--metric", f->metric,
                   "forecast, spend_change: money metric (default EffectiveCost)");
  radd->add_option("--currency", f->currency, "forecast, spend_change: billing currency");
  radd->add_option("--filter", f->filters,
                   "forecast, spend_change: scope filter DIMENSION=V1,V2 (repeatable)");
  radd->add_option("--window-days", f->window_days, "spend_change: days per window (default 7)");
  radd->add_option("--absolute", f->absolute, "spend_change: minimum change in money");
  radd->add_option("--direction", f->direction,
                   "spend_change: increase (default), decrease or any");
  radd->add_option("--definition", f->definition, "The whole rule as JSON (instead of flags)");
  radd->callback([&global, f, exit_code] { *exit_code = run_rules_add(global, *f); });
  CLI::App* rlist = rules->add_subcommand("list", "List alert rules.");
  add_data_option(rlist, global);
  rlist->callback([&global, exit_code] { *exit_code = run_rules_list(global); });
  CLI::App* rdel = rules->add_subcommand("delete", "Delete an alert rule.");
  add_data_option(rdel, global);
  rdel->add_option("rule", f->key, "Rule id or name")->required();
  rdel->callback([&global, f, exit_code] { *exit_code = run_rules_delete(global, *f); });

  CLI::App* run =
      alerts->add_subcommand("run", "Evaluate every rule now and deliver notifications.");
  add_data_option(run, global);
  run->add_option("--as-of", f->as_of, "Evaluate as of this date/time (default: now)");
  run->callback([&global, f, exit_code] { *exit_code = run_run(global, *f); });

  CLI::App* deliveries = alerts->add_subcommand("deliveries", "The delivery log, newest first.");
  add_data_option(deliveries, global);
  deliveries->add_option("--limit", f->limit, "Rows to show (default 50)");
  deliveries->callback([&global, f, exit_code] { *exit_code = run_deliveries(global, *f); });
}

}  // namespace optima::cli
