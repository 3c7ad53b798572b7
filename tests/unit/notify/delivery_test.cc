#include "optima/notify/delivery.h"

#include <gtest/gtest.h>

#include "notify_test_support.h"
#include "optima/core/file_io.h"
#include "optima/notify/hmac_signature.h"

namespace optima::notify {
namespace {

using testing::LocalTestServer;
using testing::NotifyTempDir;

constexpr const char* kSecret = "0123456789abcdef-signing-key";

Notification sample() {
  Notification n;
  n.rule_id = 7;
  n.rule_name = "payments 80%";
  n.rule_type = "budget_threshold";
  n.subject = "budget:3:actual:80";
  n.period = "2024-03";
  n.severity = AlertSeverity::kWarning;
  n.title = "Budget \"payments\": 80% of 1000.00 USD reached";
  n.text = "812.40 of 1000.00 USD spent in 2024-03 (81.2%).";
  n.facts = {{"Budget", "1000.00 USD"}, {"Actual", "812.40 USD (81.2%)"}};
  n.created_at = core::make_timestamp({2024, 3, 20}, 9);
  return n;
}

Channel webhook(int port, std::string kind_path = "/hook") {
  Channel c;
  c.id = 1;
  c.name = "ops webhook";
  c.kind = ChannelKind::kWebhook;
  c.url = "http://127.0.0.1:" + std::to_string(port) + kind_path;
  c.secret = kSecret;
  return c;
}

DeliveryOptions fast_options(std::vector<std::chrono::milliseconds>* waits = nullptr) {
  DeliveryOptions o;
  o.retry.max_attempts = 4;
  o.retry.initial_delay = std::chrono::milliseconds(10);
  o.retry.max_delay = std::chrono::milliseconds(40);
  o.clock = [] { return core::make_timestamp({2024, 3, 20}, 9, 30); };
  o.seed = 42;
  if (waits != nullptr) o.sleep = [waits](std::chrono::milliseconds d) { waits->push_back(d); };
  return o;
}

TEST(DeliveryTest, WebhookBodyIsSignedWithTheChannelKey) {
  NotifyTempDir dir("webhook");
  LocalTestServer receiver("http_receiver.py", dir.path());
  Deliverer deliverer(fast_options());
  const DeliveryRecord r = deliverer.deliver(webhook(receiver.port()), sample());
  ASSERT_EQ(r.status, DeliveryStatus::kDelivered) << r.error;
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.response_code, 200);
  const auto requests = testing::notify_recorded_requests(dir.path());
  ASSERT_EQ(requests.size(), 1u);
  const auto& headers = requests[0]["headers"];
  const std::string body = requests[0]["body"];
  const std::string timestamp = headers[std::string(kTimestampHeader)];
  EXPECT_EQ(timestamp, std::to_string(core::make_timestamp({2024, 3, 20}, 9, 30).unix_seconds));
  const std::string signature = headers[std::string(kSignatureHeader)];
  EXPECT_EQ(signature.rfind("sha256=", 0), 0u);
  EXPECT_TRUE(verify_webhook_signature(kSecret, std::stoll(timestamp), body, signature));
  EXPECT_FALSE(verify_webhook_signature("another key of 16+", std::stoll(timestamp), body, signature));
  EXPECT_EQ(r.payload_hash, core::sha256_hex(body));
  const auto payload = nlohmann::json::parse(body);
  EXPECT_EQ(payload["event"], "alert");
  EXPECT_EQ(payload["rule"]["id"], 7);
  EXPECT_EQ(payload["subject"], "budget:3:actual:80");
  EXPECT_EQ(payload["period"], "2024-03");
  EXPECT_EQ(payload["severity"], "warning");
  EXPECT_EQ(payload["facts"]["Budget"], "1000.00 USD");
  EXPECT_EQ(payload["dedupe_key"], "7|budget:3:actual:80|2024-03");
}

TEST(DeliveryTest, RetriesServerErrorsWithGrowingBackoffThenSucceeds) {
  NotifyTempDir dir("retry");
  LocalTestServer receiver("http_receiver.py", dir.path(), {"--fail", "2", "--fail-status", "500"});
  std::vector<std::chrono::milliseconds> waits;
  Deliverer deliverer(fast_options(&waits));
  const DeliveryRecord r = deliverer.deliver(webhook(receiver.port()), sample());
  EXPECT_EQ(r.status, DeliveryStatus::kDelivered) << r.error;
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(r.response_code, 200);
  EXPECT_TRUE(r.error.empty());
  ASSERT_EQ(waits.size(), 2u);
  // Jitter shortens each wait by less than 25%: 10 ms → (7.5, 10], 20 ms → (15, 20].
  EXPECT_GT(waits[0].count(), 7);
  EXPECT_LE(waits[0].count(), 10);
  EXPECT_GT(waits[1].count(), 15);
  EXPECT_LE(waits[1].count(), 20);
  const auto requests = testing::notify_recorded_requests(dir.path());
  ASSERT_EQ(requests.size(), 3u);
  // The same payload on every attempt.
  EXPECT_EQ(requests[0]["body"], requests[2]["body"]);
}

TEST(DeliveryTest, GivesUpAfterMaxAttempts) {
  NotifyTempDir dir("give-up");
  LocalTestServer receiver("http_receiver.py", dir.path(), {"--fail", "10", "--fail-status", "503"});
  std::vector<std::chrono::milliseconds> waits;
  Deliverer deliverer(fast_options(&waits));
  const DeliveryRecord r = deliverer.deliver(webhook(receiver.port()), sample());
  EXPECT_EQ(r.status, DeliveryStatus::kFailed);
  EXPECT_EQ(r.attempts, 4);
  EXPECT_EQ(r.response_code, 503);
  EXPECT_EQ(r.error, "HTTP 503: 'failing on purpose'");
  ASSERT_EQ(waits.size(), 3u);
  EXPECT_LE(waits[2].count(), 40);  // capped by max_delay
  EXPECT_EQ(testing::notify_recorded_requests(dir.path()).size(), 4u);
}

TEST(DeliveryTest, RateLimitedIsRetriedHonouringRetryAfter) {
  NotifyTempDir dir("429");
  LocalTestServer receiver("http_receiver.py", dir.path(), {"--fail", "1", "--fail-status", "429"});
  std::vector<std::chrono::milliseconds> waits;
  Deliverer deliverer(fast_options(&waits));
  const DeliveryRecord r = deliverer.deliver(webhook(receiver.port()), sample());
  EXPECT_EQ(r.status, DeliveryStatus::kDelivered) << r.error;
  EXPECT_EQ(r.attempts, 2);
  ASSERT_EQ(waits.size(), 1u);
  EXPECT_EQ(waits[0].count(), 40);  // Retry-After: 1 s, capped by max_delay
}

TEST(DeliveryTest, ClientErrorsAreNotRetried) {
  NotifyTempDir dir("400");
  LocalTestServer receiver("http_receiver.py", dir.path(), {"--fail", "5", "--fail-status", "400"});
  std::vector<std::chrono::milliseconds> waits;
  Deliverer deliverer(fast_options(&waits));
  const DeliveryRecord r = deliverer.deliver(webhook(receiver.port()), sample());
  EXPECT_EQ(r.status, DeliveryStatus::kFailed);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.response_code, 400);
  EXPECT_TRUE(waits.empty());
  EXPECT_EQ(testing::notify_recorded_requests(dir.path()).size(), 1u);
}

TEST(DeliveryTest, ReceiverDownFailsWithTheNetworkError) {
  std::vector<std::chrono::milliseconds> waits;
  Deliverer deliverer(fast_options(&waits));
  const DeliveryRecord r = deliverer.deliver(webhook(testing::notify_unused_port()), sample());
  EXPECT_EQ(r.status, DeliveryStatus::kFailed);
  EXPECT_EQ(r.attempts, 4);  // connection refused is transient
  EXPECT_FALSE(r.response_code.has_value());
  EXPECT_NE(r.error.find("Connection refused"), std::string::npos) << r.error;
  EXPECT_EQ(r.error.find(kSecret), std::string::npos);
}

TEST(DeliveryTest, SlackAndTeamsGetTheirPayloadShapes) {
  NotifyTempDir dir("chat");
  LocalTestServer receiver("http_receiver.py", dir.path());
  Deliverer deliverer(fast_options());
  Channel slack = webhook(receiver.port(), "/services/T000/B000/XXXXXXXX");
  slack.kind = ChannelKind::kSlack;
  slack.secret.clear();
  Channel teams = webhook(receiver.port(), "/webhookb2/teams-token");
  teams.kind = ChannelKind::kTeams;
  teams.secret.clear();
  ASSERT_EQ(deliverer.deliver(slack, sample()).status, DeliveryStatus::kDelivered);
  ASSERT_EQ(deliverer.deliver(teams, sample()).status, DeliveryStatus::kDelivered);
  const auto requests = testing::notify_recorded_requests(dir.path());
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_FALSE(requests[0]["headers"].contains(std::string(kSignatureHeader)));

  const auto s = nlohmann::json::parse(std::string(requests[0]["body"]));
  ASSERT_TRUE(s["text"].is_string());
  EXPECT_NE(std::string(s["text"]).find("80% of 1000.00 USD"), std::string::npos);
  ASSERT_TRUE(s["blocks"].is_array());
  EXPECT_EQ(s["blocks"][0]["type"], "header");
  EXPECT_EQ(s["blocks"][0]["text"]["type"], "plain_text");
  EXPECT_EQ(s["blocks"][1]["type"], "section");
  EXPECT_EQ(s["blocks"][1]["text"]["type"], "mrkdwn");
  EXPECT_EQ(s["blocks"][2]["fields"][0]["text"], "*Budget*\n1000.00 USD");
  EXPECT_EQ(s["blocks"].back()["type"], "context");

  const auto t = nlohmann::json::parse(std::string(requests[1]["body"]));
  EXPECT_EQ(t["@type"], "MessageCard");
  EXPECT_EQ(t["@context"], "https://schema.org/extensions");
  EXPECT_EQ(t["summary"], sample().title);
  EXPECT_EQ(t["themeColor"], "F2A100");
  EXPECT_EQ(t["sections"][0]["facts"][1]["name"], "Actual");
  EXPECT_EQ(t["sections"][0]["facts"][1]["value"], "812.40 USD (81.2%)");
}

TEST(DeliveryTest, EmailArrivesWithHeadersTextAndHtml) {
  NotifyTempDir dir("mail");
  LocalTestServer sink("smtp_sink.py", dir.path(), {"--user", "optima", "--password", "pw-123"});
  Channel mail;
  mail.id = 3;
  mail.name = "finops mail";
  mail.kind = ChannelKind::kEmail;
  mail.smtp.host = "127.0.0.1";
  mail.smtp.port = static_cast<uint16_t>(sink.port());
  mail.smtp.username = "optima";
  mail.smtp.password = "pw-123";
  mail.from = "alerts@optima.test";
  mail.to = {"finops@example.com"};
  Deliverer deliverer(fast_options());
  const DeliveryRecord r = deliverer.deliver(mail, sample());
  ASSERT_EQ(r.status, DeliveryStatus::kDelivered) << r.error;
  ASSERT_TRUE(testing::notify_wait_for_file(dir.path() / "msg-1.eml"));
  const std::string eml = testing::notify_read_text(dir.path() / "msg-1.eml");
  EXPECT_NE(eml.find("Subject: [CloudOptima] Budget \"payments\": 80% of 1000.00 USD reached\n"),
            std::string::npos) << eml;
  EXPECT_NE(eml.find("From: CloudOptima <alerts@optima.test>\n"), std::string::npos);
  EXPECT_NE(eml.find("To: finops@example.com\n"), std::string::npos);
  EXPECT_NE(eml.find("Date: Wed, 20 Mar 2024 09:30:00 +0000\n"), std::string::npos);
  EXPECT_NE(eml.find("@optima.test>\n"), std::string::npos);  // Message-ID domain
  EXPECT_NE(eml.find("Content-Type: text/plain; charset=utf-8"), std::string::npos);
  EXPECT_NE(eml.find("Content-Type: text/html; charset=utf-8"), std::string::npos);
  EXPECT_NE(eml.find("Actual: 812.40 USD (81.2%)"), std::string::npos);
  EXPECT_NE(eml.find("<th align=3D\"left\">Budget</th>"), std::string::npos);  // quoted-printable
  EXPECT_NE(eml.find("&quot;payments&quot;"), std::string::npos);
}

}  // namespace
}  // namespace optima::notify
