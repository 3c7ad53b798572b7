// Anomalies against a real server: a 42-day daily series of one service with a spike in its
// last three days is uploaded, scanned through the API, listed, opened and given feedback.
#include <chrono>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "server_test_support.h"

namespace optima::server::testing {
namespace {

// 2024-03-01 … 2024-04-11: "Db" costs 10.00 a day (a little weekly wiggle), then 250.00 a day
// on the last three days.
std::string anomaly_test_focus_csv() {
  std::string csv =
      "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,"
      "BilledCost,EffectiveCost,BillingCurrency,ServiceName,ProviderName,SubAccountId\n";
  const int64_t march1 = 1709251200;  // 2024-03-01T00:00:00Z
  for (int day = 0; day < 42; ++day) {
    const core::Timestamp start{march1 + day * int64_t{86400}};
    const core::Timestamp end{start.unix_seconds + 3600};
    const bool april = day >= 31;
    const std::string period = april ? "2024-04-01T00:00:00Z,2024-05-01T00:00:00Z"
                                     : "2024-03-01T00:00:00Z,2024-04-01T00:00:00Z";
    const std::string cost = day >= 39 ? "250" : (day % 7 == 0 ? "11" : "10");
    csv += fmt::format("{},{},{},Usage,{},{},USD,Db,AWS,123456789012\n", period,
                       core::format_iso8601(start), core::format_iso8601(end), cost, cost);
  }
  return csv;
}

class AnomalyApiTest : public ::testing::Test {
 protected:
  AnomalyApiTest() : token_(s_.token()), client_(s_.port()) {}

  // Uploads the spike series and waits for its ingest job (30 s at most).
  void upload_spike() {
    auto res = client_.post("/api/v1/uploads?filename=spike.csv&source=spike", anomaly_test_focus_csv(),
                            {{"Authorization", "Bearer " + token_},
                             {"Content-Type", "application/octet-stream"}});
    ASSERT_EQ(res.status, 202u) << res.body;
    const int64_t id = res.json()["job"]["id"];
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    nlohmann::json job;
    while (std::chrono::steady_clock::now() < deadline) {
      job = client_.get("/api/v1/jobs/" + std::to_string(id), bearer(token_)).json();
      if (job.value("state", "") == "succeeded" || job.value("state", "") == "failed") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_EQ(job["state"], "succeeded") << job.dump();
  }

  ServerTestInstance s_;
  std::string token_;
  ServerTestClient client_;
};

TEST_F(AnomalyApiTest, ScanFindsTheSpikeWithARootCauseAndFeedbackChangesItsStatus) {
  upload_spike();
  auto scan = client_.post("/api/v1/anomalies/scan",
                           R"({"granularity":"day","start":"2024-03-01","end":"2024-04-12"})",
                           bearer(token_));
  ASSERT_EQ(scan.status, 200u) << scan.body;
  ASSERT_GE(scan.json()["found"].get<int>(), 1) << scan.body;

  auto list = client_.get("/api/v1/anomalies", bearer(token_));
  ASSERT_EQ(list.status, 200u) << list.body;
  const nlohmann::json listed = list.json();
  nlohmann::json spike;
  for (const auto& a : listed["anomalies"]) {
    if (a["start"] == "2024-04-09T00:00:00Z" && a["direction"] == "increase") spike = a;
  }
  ASSERT_FALSE(spike.is_null()) << list.body;
  EXPECT_EQ(spike["status"], "open");
  EXPECT_FALSE(spike["summary"].get<std::string>().empty());
  EXPECT_NE(spike["summary"].get<std::string>().find("Db"), std::string::npos) << spike.dump();

  const std::string path = "/api/v1/anomalies/" + spike["id"].get<std::string>();
  auto one = client_.get(path, bearer(token_));
  ASSERT_EQ(one.status, 200u) << one.body;
  EXPECT_TRUE(one.json()["root_cause"].contains("path"));

  const std::string viewer = s_.user_token("val", "viewer");
  EXPECT_EQ(client_.post(path + "/feedback", R"({"verdict":"expected"})", bearer(viewer)).status, 403u);
  EXPECT_EQ(client_.post("/api/v1/anomalies/scan", "", bearer(viewer)).status, 403u);
  auto bad = client_.post(path + "/feedback", R"({"verdict":"maybe"})", bearer(token_));
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(bad.error_code(), "invalid_argument");
  auto unknown = client_.post(path + "/feedback", R"({"verdict":"expected","mood":"calm"})", bearer(token_));
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_NE(unknown.body.find("mood"), std::string::npos);

  auto feedback = client_.post(path + "/feedback", R"({"verdict":"expected","note":"load test"})",
                               bearer(token_));
  ASSERT_EQ(feedback.status, 200u) << feedback.body;
  EXPECT_EQ(feedback.json()["status"], "expected");
  EXPECT_EQ(feedback.json()["note"], "load test");
  auto expected = client_.get("/api/v1/anomalies?status=expected", bearer(token_)).json();
  ASSERT_EQ(expected["anomalies"].size(), 1u);
  EXPECT_EQ(expected["anomalies"][0]["id"], spike["id"]);
}

TEST_F(AnomalyApiTest, AlertRunRaisesAnAnomalyRuleOnTheScannedSpike) {
  upload_spike();
  ASSERT_EQ(client_.post("/api/v1/anomalies/scan", "", bearer(token_)).status, 200u);
  auto channel = client_.post("/api/v1/channels",
                              R"({"name":"hook","kind":"webhook","url":"http://127.0.0.1:9/hook",
                                  "secret":"a-signing-key-of-24-chars"})",
                              bearer(token_));
  ASSERT_EQ(channel.status, 201u) << channel.body;
  auto rule = client_.post("/api/v1/alert-rules",
                           nlohmann::json{{"name", "spikes"},
                                          {"type", "anomaly"},
                                          {"min_severity", "low"},
                                          {"channels", {channel.json()["id"]}}}
                               .dump(),
                           bearer(token_));
  ASSERT_EQ(rule.status, 201u) << rule.body;
  auto run = client_.post("/api/v1/alerts/run", "", bearer(token_));
  ASSERT_EQ(run.status, 200u) << run.body;
  EXPECT_GE(run.json()["notifications"].get<int>(), 1) << run.body;
  EXPECT_NE(run.body.find("Db"), std::string::npos) << run.body;
}

TEST_F(AnomalyApiTest, UnknownIdsAndBadFiltersAreErrorsInTheOneShape) {
  EXPECT_EQ(client_.get("/api/v1/anomalies/nope", bearer(token_)).status, 404u);
  auto feedback = client_.post("/api/v1/anomalies/nope/feedback", R"({"verdict":"unexpected"})", bearer(token_));
  EXPECT_EQ(feedback.status, 404u);
  EXPECT_EQ(feedback.error_code(), "not_found");
  auto status = client_.get("/api/v1/anomalies?status=weird", bearer(token_));
  EXPECT_EQ(status.status, 400u);
  EXPECT_TRUE(status.json()["error"].contains("trace_id"));
  EXPECT_EQ(client_.post("/api/v1/anomalies/scan", R"({"granularity":"week"})", bearer(token_)).status, 400u);
  auto empty = client_.get("/api/v1/anomalies", bearer(token_));
  ASSERT_EQ(empty.status, 200u);
  EXPECT_TRUE(empty.json()["anomalies"].is_array());
}

}  // namespace
}  // namespace optima::server::testing
