#include "optima/notify/http_client.h"

#include <gtest/gtest.h>

#include "notify_test_support.h"
#include "optima/notify/hmac_signature.h"
#include "optima/notify/url.h"

namespace optima::notify {
namespace {

using testing::LocalTestServer;
using testing::NotifyTempDir;

TEST(HttpClientTest, PostsToARealServerAndReadsTheStatus) {
  NotifyTempDir dir("http");
  LocalTestServer receiver("http_receiver.py", dir.path(), {"--fail", "1", "--fail-status", "429"});
  ASSERT_GT(receiver.port(), 0);
  HttpRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(receiver.port()) + "/hooks/optima?x=1";
  request.headers = {{"Content-Type", "application/json"}, {"X-Test", "yes"}};
  request.body = R"({"hello":"world"})";
  auto first = send_http(request, {});
  ASSERT_TRUE(first.is_ok()) << first.status().to_string();
  EXPECT_EQ(first->status, 429);
  auto second = send_http(request, {});
  ASSERT_TRUE(second.is_ok()) << second.status().to_string();
  EXPECT_EQ(second->status, 200);
  EXPECT_EQ(second->body, "ok");
  const auto recorded = testing::notify_recorded_requests(dir.path());
  ASSERT_EQ(recorded.size(), 2u);
  EXPECT_EQ(recorded[1]["method"], "POST");
  EXPECT_EQ(recorded[1]["path"], "/hooks/optima?x=1");
  EXPECT_EQ(recorded[1]["body"], R"({"hello":"world"})");
  EXPECT_EQ(recorded[1]["headers"]["X-Test"], "yes");
  EXPECT_EQ(recorded[1]["headers"]["Content-Type"], "application/json");
}

TEST(HttpClientTest, ReceiverDownIsAnIoError) {
  HttpRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(testing::notify_unused_port()) + "/";
  auto r = send_http(request, {});
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kIoError);
  EXPECT_NE(r.status().message().find("connect to 127.0.0.1:"), std::string::npos)
      << r.status().message();
}

TEST(HttpClientTest, HttpsVerifiesTheCertificate) {
  // A plain-HTTP server on the https port: the TLS handshake fails cleanly.
  NotifyTempDir dir("https");
  LocalTestServer receiver("http_receiver.py", dir.path());
  HttpRequest request;
  request.url = "https://127.0.0.1:" + std::to_string(receiver.port()) + "/";
  HttpClientOptions options;
  options.timeout = std::chrono::milliseconds(3000);
  auto r = send_http(request, options);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("TLS handshake"), std::string::npos) << r.status().message();
}

TEST(UrlTest, ParsesHttpAndHttpsUrls) {
  auto u = parse_url("https://hooks.slack.com/services/T0/B0/xyz");
  ASSERT_TRUE(u.is_ok());
  EXPECT_TRUE(u->https);
  EXPECT_EQ(u->host, "hooks.slack.com");
  EXPECT_EQ(u->port, "443");
  EXPECT_EQ(u->target, "/services/T0/B0/xyz");
  auto v = parse_url("http://127.0.0.1:8080?a=b");
  ASSERT_TRUE(v.is_ok());
  EXPECT_EQ(v->port, "8080");
  EXPECT_EQ(v->target, "/?a=b");
  EXPECT_FALSE(parse_url("ftp://x/").is_ok());
  EXPECT_FALSE(parse_url("http://x:99999/").is_ok());
  EXPECT_FALSE(parse_url("http://user:pw@x/").is_ok());
  EXPECT_FALSE(parse_url("http://x/a b").is_ok());
  EXPECT_EQ(redact_url("https://hooks.slack.com/services/T0/B0/xyz"), "https://hooks.slack.com/[redacted]");
}

TEST(HmacSignatureTest, MatchesTheRfc4231TestVector) {
  // RFC 4231 test case 2.
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  const std::string sig = webhook_signature("key", 1700000000, "{}");
  EXPECT_EQ(sig, "sha256=" + hmac_sha256_hex("key", "1700000000.{}"));
  EXPECT_TRUE(verify_webhook_signature("key", 1700000000, "{}", sig));
  EXPECT_FALSE(verify_webhook_signature("key", 1700000001, "{}", sig));
  EXPECT_FALSE(verify_webhook_signature("other", 1700000000, "{}", sig));
}

}  // namespace
}  // namespace optima::notify
