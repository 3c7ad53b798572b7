// Channels and alert rules: JSON forms, validation messages, secrets kept out of display JSON,
// and the repository's checks.
#include <gtest/gtest.h>

#include "notify_test_support.h"
#include "optima/notify/alert_repository.h"
#include "optima/notify/alert_rule.h"
#include "optima/notify/channel.h"
#include "optima/notify/state_database.h"

namespace optima::notify {
namespace {

using nlohmann::json;

TEST(ChannelTest, DisplayJsonNeverHoldsSecrets) {
  auto email = channel_from_json(json::parse(R"({
    "name": "finops", "kind": "email", "from": "alerts@x.test", "to": ["a@x.test"],
    "smtp": {"host": "mail.x.test", "port": 587, "security": "starttls",
             "username": "bot", "password": "hunter2-password"}})"));
  ASSERT_TRUE(email.is_ok()) << email.status().to_string();
  const std::string shown = channel_to_json(*email).dump();
  EXPECT_EQ(shown.find("hunter2"), std::string::npos) << shown;
  EXPECT_EQ(channel_to_json(*email)["smtp"]["password_set"], true);
  EXPECT_EQ(channel_to_json(*email)["smtp"]["security"], "starttls");

  auto slack = channel_from_json(json::parse(
      R"({"name": "chat", "kind": "slack", "url": "https://hooks.slack.com/services/T0/B0/secrettoken"})"));
  ASSERT_TRUE(slack.is_ok());
  EXPECT_EQ(channel_to_json(*slack).dump().find("secrettoken"), std::string::npos);
  EXPECT_EQ(channel_config_to_json(*slack).dump().find("secrettoken"), std::string::npos);

  auto hook = channel_from_json(json::parse(
      R"({"name": "h", "kind": "webhook", "url": "https://x.test/h", "secret": "0123456789abcdefXYZ"})"));
  ASSERT_TRUE(hook.is_ok());
  EXPECT_EQ(channel_to_json(*hook).dump().find("0123456789abcdefXYZ"), std::string::npos);
  EXPECT_EQ(channel_to_json(*hook)["secret_set"], true);
  // Stored form: config and secrets join back into the same channel.
  auto back = channel_from_stored(channel_config_to_json(*email), channel_secrets_to_json(*email));
  ASSERT_TRUE(back.is_ok()) << back.status().to_string();
  EXPECT_EQ(*back, *email);
}

TEST(ChannelTest, ValidationNamesTheField) {
  auto error = [](const char* text) {
    auto c = channel_from_json(json::parse(text));
    return c.is_ok() ? std::string("ok") : c.status().message();
  };
  EXPECT_EQ(error(R"({"name": "h", "kind": "webhook", "url": "https://x.test/h"})"),
            "secret: required for a webhook channel (the HMAC-SHA256 signing key, at least 16 "
            "characters)");
  EXPECT_EQ(error(R"({"name": "h", "kind": "pager", "url": "https://x.test/h"})"),
            "kind: expected one of webhook, slack, teams, email; found \"pager\"");
  EXPECT_EQ(error(R"({"name": "m", "kind": "email", "from": "a@x.test", "to": ["ok@x.test", "bad"], "smtp": {"host": "h"}})"),
            "to[1]: expected an email address such as alerts@example.com; found \"bad\"");
  EXPECT_EQ(error(R"({"name": "m", "kind": "email", "from": "a@x.test", "to": ["b@x.test"], "smtp": {"host": "h", "security": "ssl"}})"),
            "smtp.security: expected none, starttls or tls; found \"ssl\"");
  EXPECT_EQ(error(R"({"name": "s", "kind": "slack", "url": "ftp://x"})").rfind("url: expected an http", 0), 0u);
}

TEST(AlertRuleTest, RoundTripsEachType) {
  for (const char* text : {
           R"({"name": "a", "type": "budget_threshold", "channels": [1], "budget_id": 3, "basis": "forecast", "percent": "90"})",
           R"({"name": "b", "type": "anomaly", "channels": [1, 2], "min_severity": "critical", "min_impact": "100"})",
           R"({"name": "c", "type": "forecast", "channels": [1], "amount": "5000", "period": "quarterly",
               "scope": [{"dimension": "tag:team", "op": "in", "values": ["payments"]}], "currency": "EUR"})",
           R"({"name": "d", "type": "spend_change", "channels": [1], "window_days": 1, "percent": "25",
               "absolute": "100", "direction": "any"})"}) {
    auto rule = alert_rule_from_json(json::parse(text));
    ASSERT_TRUE(rule.is_ok()) << text << ": " << rule.status().to_string();
    auto again = alert_rule_from_json(alert_rule_to_json(*rule));
    ASSERT_TRUE(again.is_ok()) << again.status().to_string();
    EXPECT_EQ(*again, *rule);
  }
}

TEST(AlertRuleTest, ErrorsNameTheField) {
  auto error = [](const char* text) {
    auto r = alert_rule_from_json(json::parse(text));
    return r.is_ok() ? std::string("ok") : r.status().message();
  };
  EXPECT_EQ(error(R"({"name": "a", "type": "anomaly", "channels": [1], "min_severity": "huge"})"),
            "min_severity: expected one of low, medium, high, critical; found \"huge\"");
  EXPECT_EQ(error(R"({"name": "a", "type": "anomaly", "channels": [1], "amount": "5"})"),
            "amount: unknown field for a anomaly rule; expected one of id, name, type, channels, "
            "enabled, min_severity, min_impact");
  EXPECT_EQ(error(R"({"name": "a", "type": "forecast", "channels": []})"),
            "channels: expected at least one channel id");
  EXPECT_EQ(error(R"({"name": "a", "type": "forecast", "channels": [1]})"),
            "amount: expected a positive decimal; found 0");
  EXPECT_EQ(error(R"({"name": "a", "type": "spend_change", "channels": [1]})"),
            "percent: expected percent, absolute or both for a spend_change rule");
  EXPECT_EQ(error(R"({"name": "a", "type": "tomorrow", "channels": [1]})"),
            "type: expected one of budget_threshold, anomaly, forecast, spend_change; found "
            "\"tomorrow\"");
}

TEST(AlertRepositoryTest, RulesNeedExistingChannelsAndChannelsInUseStay) {
  testing::NotifyTempDir dir("repo");
  auto db = open_state_database(dir.path());
  ASSERT_TRUE(db.is_ok()) << db.status().to_string();
  EXPECT_EQ(std::filesystem::status(dir.path() / "state.db").permissions() &
                std::filesystem::perms::group_all,
            std::filesystem::perms::none);
  auto repo = AlertRepository::open(**db);
  ASSERT_TRUE(repo.is_ok());
  AlertRule rule = alert_rule_from_json(json::parse(
      R"({"name": "a", "type": "anomaly", "channels": [5]})")).value();
  auto missing = repo->create_rule(rule, {1});
  EXPECT_EQ(missing.status().message(), "channels[0]: no channel with id 5");

  Channel c = channel_from_json(json::parse(
      R"({"name": "h", "kind": "webhook", "url": "http://127.0.0.1:1/h", "secret": "0123456789abcdef"})")).value();
  auto stored = repo->create_channel(c, {1});
  ASSERT_TRUE(stored.is_ok());
  EXPECT_EQ(repo->create_channel(c, {1}).status().code(), core::StatusCode::kAlreadyExists);
  rule.channel_ids = {stored->id};
  auto created = repo->create_rule(rule, {1});
  ASSERT_TRUE(created.is_ok()) << created.status().to_string();
  EXPECT_EQ(repo->find_rule("a")->id, created->id);
  EXPECT_EQ(repo->find_channel("h")->secret, "0123456789abcdef");
  const core::Status in_use = repo->remove_channel(stored->id);
  EXPECT_EQ(in_use.code(), core::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(repo->remove_rule(created->id).is_ok());
  EXPECT_TRUE(repo->remove_channel(stored->id).is_ok());
  EXPECT_TRUE(repo->list_channels()->empty());
}

TEST(RetryPolicyTest, BackoffDoublesUpToTheCapAndHonoursRetryAfter) {
  RetryPolicy p;
  p.initial_delay = std::chrono::milliseconds(100);
  p.max_delay = std::chrono::milliseconds(1000);
  p.jitter = 0;
  std::mt19937_64 rng(1);
  EXPECT_EQ(backoff_delay(p, 1, rng).count(), 100);
  EXPECT_EQ(backoff_delay(p, 2, rng).count(), 200);
  EXPECT_EQ(backoff_delay(p, 4, rng).count(), 800);
  EXPECT_EQ(backoff_delay(p, 5, rng).count(), 1000);
  EXPECT_EQ(backoff_delay(p, 60, rng).count(), 1000);
  EXPECT_EQ(backoff_delay(p, 1, rng, 0).count(), 0);
  EXPECT_EQ(backoff_delay(p, 1, rng, 120).count(), 1000);
  EXPECT_TRUE(is_retryable_http_status(429));
  EXPECT_TRUE(is_retryable_http_status(502));
  EXPECT_FALSE(is_retryable_http_status(400));
  EXPECT_FALSE(is_retryable_http_status(404));
}

}  // namespace
}  // namespace optima::notify
