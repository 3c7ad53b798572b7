#include "optima/notify/alert_repository.h"

#include <fmt/format.h>

#include "optima/analysis/budget/json_fields.h"
#include "optima/core/strings.h"

namespace optima::notify {
namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS alert_channels (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL,
  config      TEXT NOT NULL,
  secrets     TEXT NOT NULL,   -- webhook key, Slack/Teams URL, SMTP password: never printed
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS alert_rules (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  type        TEXT NOT NULL,
  definition  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS alert_deliveries (
  id                INTEGER PRIMARY KEY,
  rule_id           INTEGER NOT NULL,
  rule_name         TEXT NOT NULL,
  channel_id        INTEGER NOT NULL,
  channel_name      TEXT NOT NULL,
  dedupe_key        TEXT NOT NULL,
  subject           TEXT NOT NULL,
  period            TEXT NOT NULL,
  payload_hash      TEXT NOT NULL,
  attempts          INTEGER NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('delivered', 'failed')),
  response_code     INTEGER,
  error             TEXT NOT NULL,
  first_attempt_at  INTEGER NOT NULL,
  last_attempt_at   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_deliveries_dedupe
  ON alert_deliveries (channel_id, dedupe_key, status);
CREATE TABLE IF NOT EXISTS alert_claims (
  channel_id  INTEGER NOT NULL,
  dedupe_key  TEXT NOT NULL,
  claimed_at  INTEGER NOT NULL,
  delivered   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (channel_id, dedupe_key)
);
)sql";

core::Status name_free(store::SqliteDatabase& db, std::string_view table, std::string_view what,
                       const std::string& name, int64_t id) {
  OPTIMA_ASSIGN_OR_RETURN(
      auto stmt, db.prepare(fmt::format("SELECT id FROM {} WHERE name = ?1 AND id != ?2", table)));
  stmt.bind(1, name).bind(2, id);
  OPTIMA_ASSIGN_OR_RETURN(bool found, stmt.step());
  if (found)
    return core::already_exists(fmt::format("name: {} named \"{}\" already exists (id {})", what,
                                            name, stmt.column_int(0)));
  return core::Status::ok();
}

core::Result<Channel> channel_of_row(int64_t id, const std::string& config,
                                     const std::string& secrets) {
  auto c = analysis::parse_json_text(config, "config");
  auto s = analysis::parse_json_text(secrets, "secrets");
  core::Result<Channel> channel = !c.is_ok()   ? core::Result<Channel>(c.status())
                                  : !s.is_ok() ? core::Result<Channel>(s.status())
                                               : channel_from_stored(*c, *s);
  if (!channel.is_ok())
    return core::data_loss(fmt::format("alert_channels row {}: stored channel is invalid: {}", id,
                                       channel.status().message()));
  channel->id = id;
  return channel;
}

core::Result<AlertRule> rule_of_row(int64_t id, const std::string& definition) {
  auto d = analysis::parse_json_text(definition, "definition");
  core::Result<AlertRule> rule =
      d.is_ok() ? alert_rule_from_json(*d) : core::Result<AlertRule>(d.status());
  if (!rule.is_ok())
    return core::data_loss(
        fmt::format("alert_rules row {}: stored rule is invalid: {}", id, rule.status().message()));
  rule->id = id;
  return rule;
}

std::string rule_definition(const AlertRule& rule) {
  nlohmann::json j = alert_rule_to_json(rule);
  j.erase("id");
  return j.dump();
}

constexpr std::string_view kDeliveryColumns =
    "id, rule_id, rule_name, channel_id, channel_name, dedupe_key, subject, period, payload_hash, "
    "attempts, status, response_code, error, first_attempt_at, last_attempt_at";

DeliveryRecord delivery_of_row(const store::SqliteStatement& s) {
  DeliveryRecord r;
  r.id = s.column_int(0);
  r.rule_id = s.column_int(1);
  r.rule_name = s.column_text(2);
  r.channel_id = s.column_int(3);
  r.channel_name = s.column_text(4);
  r.dedupe_key = s.column_text(5);
  r.subject = s.column_text(6);
  r.period = s.column_text(7);
  r.payload_hash = s.column_text(8);
  r.attempts = static_cast<int>(s.column_int(9));
  r.status =
      s.column_text(10) == "delivered" ? DeliveryStatus::kDelivered : DeliveryStatus::kFailed;
  if (!s.column_is_null(11))
    r.response_code = static_cast<int>(s.column_int(11));
  r.error = s.column_text(12);
  r.first_attempt_at = {s.column_int(13)};
  r.last_attempt_at = {s.column_int(14)};
  return r;
}

}  // namespace

core::Result<AlertRepository> AlertRepository::open(store::SqliteDatabase& db) {
  OPTIMA_RETURN_IF_ERROR(db.exec(kSchema));
  return AlertRepository(&db);
}

core::Result<Channel> AlertRepository::create_channel(Channel channel, core::Timestamp now) {
  channel.id = 0;
  OPTIMA_RETURN_IF_ERROR(validate_channel(channel));
  OPTIMA_RETURN_IF_ERROR(name_free(*db_, "alert_channels", "a channel", channel.name, 0));
  OPTIMA_ASSIGN_OR_RETURN(
      auto stmt,
      db_->prepare("INSERT INTO alert_channels (name, kind, config, secrets, created_at, "
                   "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)"));
  stmt.bind(1, channel.name)
      .bind(2, channel_kind_name(channel.kind))
      .bind(3, channel_config_to_json(channel).dump())
      .bind(4, channel_secrets_to_json(channel).dump())
      .bind(5, now.unix_seconds);
  OPTIMA_RETURN_IF_ERROR(stmt.run());
  channel.id = db_->last_insert_rowid();
  return channel;
}

core::Result<std::vector<Channel>> AlertRepository::list_channels() {
  OPTIMA_ASSIGN_OR_RETURN(
      auto stmt, db_->prepare("SELECT id, config, secrets FROM alert_channels ORDER BY id"));
  std::vector<Channel> out;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row)
      break;
    OPTIMA_ASSIGN_OR_RETURN(
        Channel c, channel_of_row(stmt.column_int(0), stmt.column_text(1), stmt.column_text(2)));
    out.push_back(std::move(c));
  }
  return out;
}

core::Result<Channel> AlertRepository::get_channel(int64_t id) {
  OPTIMA_ASSIGN_OR_RETURN(auto stmt,
                          db_->prepare("SELECT config, secrets FROM alert_channels WHERE id = ?1"));
  stmt.bind(1, id);
  OPTIMA_ASSIGN_OR_RETURN(bool found, stmt.step());
  if (!found)
    return core::not_found(fmt::format("no channel with id {}", id));
  return channel_of_row(id, stmt.column_text(0), stmt.column_text(1));
}

core::Result<Channel> AlertRepository::find_channel(std::string_view key) {
  if (auto id = core::parse_int64(key))
    return get_channel(*id);
  OPTIMA_ASSIGN_OR_RETURN(auto stmt, db_->prepare("SELECT id FROM alert_channels WHERE name = ?1"));
  stmt.bind(1, key);
  OPTIMA_ASSIGN_OR_RETURN(bool found, stmt.step());
  if (!found)
    return core::not_found(fmt::format("no channel named \"{}\"", key));
  return get_channel(stmt.column_int(0));
}

core::Status AlertRepository::remove_channel(int64_t id) {
  OPTIMA_RETURN_IF_ERROR(get_channel(id).status());
  OPTIMA_ASSIGN_OR_RETURN(std::vector<AlertRule> rules, list_rules());
  for (const AlertRule& rule : rules)
    for (int64_t channel_id : rule.channel_ids)
      if (channel_id == id)
        return core::failed_precondition(
            fmt::format("channel {} is used by rule {} (\"{}\"); delete or change the rule first",
                        id, rule.id, rule.name));
  OPTIMA_ASSIGN_OR_RETURN(auto stmt, db_->prepare("DELETE FROM alert_channels WHERE id = ?1"));
  stmt.bind(1, id);
  return stmt.run();
}

core::Status AlertRepository::check_rule_channels(const AlertRule& rule) {
  for (size_t i = 0; i < rule.channel_ids.size(); ++i) {
    auto channel = get_channel(rule.channel_ids[i]);
    if (channel.status().code() == core::StatusCode::kNotFound)
      return core::invalid_argument(
          fmt::format("channels[{}]: no channel with id {}", i, rule.channel_ids[i]));
    OPTIMA_RETURN_IF_ERROR(channel.status());
  }
  return core::Status::ok();
}

core::Result<AlertRule> AlertRepository::create_rule(AlertRule rule, core::Timestamp now) {
  rule.id = 0;
  OPTIMA_RETURN_IF_ERROR(validate_alert_rule(rule));
  OPTIMA_RETURN_IF_ERROR(check_rule_channels(rule));
  OPTIMA_RETURN_IF_ERROR(name_free(*db_, "alert_rules", "a rule", rule.name, 0));
  OPTIMA_ASSIGN_OR_RETURN(
      auto stmt, db_->prepare("INSERT INTO alert_rules (name, type, definition, created_at, "
                              "updated_at) VALUES (?1, ?2, ?3, ?4, ?4)"));
  stmt.bind(1, rule.name)
      .bind(2, alert_rule_type_name(rule.type))
      .bind(3, rule_definition(rule))
      .bind(4, now.unix_seconds);
  OPTIMA_RETURN_IF_ERROR(stmt.run());
  rule.id = db_->last_insert_rowid();
  return rule;
}

core::Result<AlertRule> AlertRepository::update_rule(const AlertRule& rule, core::Timestamp now) {
  OPTIMA_RETURN_IF_ERROR(validate_alert_rule(rule));
  OPTIMA_RETURN_IF_ERROR(get_rule(rule.id).status());
  OPTIMA_RETURN_IF_ERROR(check_rule_channels(rule));
  OPTIMA_RETURN_IF_ERROR(name_free(*db_, "alert_rules", "a rule", rule.name, rule.id));
  OPTIMA_ASSIGN_OR_RETURN(
      auto stmt, db_->prepare("UPDATE alert_rules SET name = ?1, type = ?2, definition = ?3, "
                              "updated_at = ?4 WHERE id = ?5"));
  stmt.bind(1, rule.name)
      .bind(2, alert_rule_type_name(rule.type))
      .bind(3, rule_definition(rule))
      .bind(4, now.unix_seconds)
      .bind(5, rule.id);
  OPTIMA_RETURN_IF_ERROR(stmt.run());
  return rule;
}

core::Result<std::vector<AlertRule>> AlertRepository::list_rules() {
  OPTIMA_ASSIGN_OR_RETURN(auto stmt,
                          db_->prepare("SELECT id, definition FROM alert_rules ORDER BY id"));
  std::vector<AlertRule> out;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row)
      break;
    OPTIMA_ASSIGN_OR_RETURN(AlertRule r, rule_of_row(stmt.column_int(0), stmt.column_text(1)));
    out.push_back(std::move(r));
  }
  return out;
}

core::Result<AlertRule> AlertRepository::get_rule(int64_t id) {
  OPTIMA_ASSIGN_OR_RETURN(auto stmt,
                          db_->prepare("SELECT definition FROM alert_rules WHERE id = ?1"));
  stmt.bind(1, id);
  OPTIMA_ASSIGN_OR_RETURN(bool found, stmt.step());
  if (!found)
    return core::not_found(fmt::format("no alert rule with id {}", id));
  return rule_of_row(id, stmt.column_text(0));
}

core::Result<AlertRule> AlertRepository::find_rule(std::string_view key) {
  if (auto id = core::parse_int64(key))
    return get_rule(*id);
  OPTIMA_ASSIGN_OR_RETURN(auto stmt,
                          db_->prepare("SELECT id, definition FROM alert_rules WHERE name = ?1"));
  stmt.bind(1, key);
  OPTIMA_ASSIGN_OR_RETURN(bool found, stmt.step());
  if (!found)
    return core::not_found(fmt::format("no alert rule named \"{}\"", key));
  return rule_of_row(stmt.column_int(0), stmt.column_text(1));
}

core::Status AlertRepository::remove_rule(int64_t id) {
  OPTIMA_RETURN_IF_ERROR(get_rule(id).status());
  OPTIMA_ASSIGN_OR_RETURN(auto stmt, db_->prepare("DELETE FROM alert_rules WHERE id = ?1"));
  stmt.bind(1, id);
  return stmt.run();
}

core::Result<DeliveryRecord> AlertRepository::record_delivery(DeliveryRecord r) {
  OPTIMA_ASSIGN_OR_RETURN(
      auto stmt,
      db_->prepare("INSERT INTO alert_deliveries (rule_id, rule_name, channel_id, channel_name, "
                   "dedupe_key, subject, period, payload_hash, attempts, status, response_code, "
                   "error, first_attempt_at, last_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                   "?8, ?9, ?10, ?11, ?12, ?13, ?14)"));
  stmt.bind(1, r.rule_id)
      .bind(2, r.rule_name)
      .bind(3, r.channel_id)
      .bind(4, r.channel_name)
      .bind(5, r.dedupe_key)
      .bind(6, r.subject)
      .bind(7, r.period)
      .bind(8, r.payload_hash)
      .bind(9, static_cast<int64_t>(r.attempts))
      .bind(10, delivery_status_name(r.status))
      .bind(11, r.response_code ? std::optional<int64_t>(*r.response_code) : std::nullopt)
      .bind(12, r.error)
      .bind(13, r.first_attempt_at.unix_seconds)
      .bind(14, r.last_attempt_at.unix_seconds);
  OPTIMA_RETURN_IF_ERROR(stmt.run());
  r.id = db_->last_insert_rowid();
  return r;
}

core::Result<bool> AlertRepository::was_delivered(int64_t channel_id, std::string_view dedupe_key) {
  OPTIMA_ASSIGN_OR_RETURN(auto stmt,
                          db_->prepare("SELECT 1 FROM alert_deliveries WHERE channel_id = ?1 AND "
                                       "dedupe_key = ?2 AND status = 'delivered' LIMIT 1"));
  stmt.bind(1, channel_id).bind(2, dedupe_key);
  return stmt.step();
}

core::Result<bool> AlertRepository::claim_delivery(int64_t channel_id, std::string_view dedupe_key,
                                                   core::Timestamp now) {
  OPTIMA_ASSIGN_OR_RETURN(bool delivered, was_delivered(channel_id, dedupe_key));
  if (delivered)
    return false;
  // One statement, so two runners racing for the same key cannot both win: the insert, or the
  // takeover of a claim abandoned longer than kClaimLifetime ago, changes one row or none.
  OPTIMA_ASSIGN_OR_RETURN(
      auto stmt,
      db_->prepare("INSERT INTO alert_claims (channel_id, dedupe_key, claimed_at) "
                   "VALUES (?1, ?2, ?3) ON CONFLICT (channel_id, dedupe_key) DO UPDATE SET "
                   "claimed_at = excluded.claimed_at WHERE alert_claims.delivered = 0 AND "
                   "alert_claims.claimed_at <= ?4"));
  stmt.bind(1, channel_id)
      .bind(2, dedupe_key)
      .bind(3, now.unix_seconds)
      .bind(4, now.unix_seconds - kClaimLifetimeSeconds);
  OPTIMA_RETURN_IF_ERROR(stmt.run());
  return db_->changes() == 1;
}

core::Status AlertRepository::finish_claim(int64_t channel_id, std::string_view dedupe_key,
                                           core::Timestamp claimed_at, bool delivered) {
  if (delivered) {
    OPTIMA_ASSIGN_OR_RETURN(auto stmt, db_->prepare("UPDATE alert_claims SET delivered = 1 WHERE "
                                                    "channel_id = ?1 AND dedupe_key = ?2"));
    stmt.bind(1, channel_id).bind(2, dedupe_key);
    return stmt.run();
  }
  OPTIMA_ASSIGN_OR_RETURN(auto stmt,
                          db_->prepare("DELETE FROM alert_claims WHERE channel_id = ?1 AND "
                                       "dedupe_key = ?2 AND claimed_at = ?3 AND delivered = 0"));
  stmt.bind(1, channel_id).bind(2, dedupe_key).bind(3, claimed_at.unix_seconds);
  return stmt.run();
}

core::Result<std::vector<DeliveryRecord>> AlertRepository::list_deliveries(
    size_t limit, std::optional<int64_t> before_id) {
  OPTIMA_ASSIGN_OR_RETURN(
      auto stmt, db_->prepare(fmt::format("SELECT {} FROM alert_deliveries WHERE id < ?1 ORDER BY "
                                          "id DESC LIMIT ?2",
                                          kDeliveryColumns)));
  stmt.bind(1, before_id.value_or(INT64_MAX)).bind(2, static_cast<int64_t>(limit));
  std::vector<DeliveryRecord> out;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row)
      break;
    out.push_back(delivery_of_row(stmt));
  }
  return out;
}

}  // namespace optima::notify
