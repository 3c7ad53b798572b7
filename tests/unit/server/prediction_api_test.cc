// Forecasts, budgets, alert rules, channels and deliveries against a real server over the small
// FOCUS store of server_test_support.h (12.00 EffectiveCost a day on Jan 1–5 and Feb 1–5 2024).
#include <gtest/gtest.h>

#include "server_test_support.h"

namespace optima::server::testing {
namespace {

class PredictionApiTest : public ::testing::Test {
 protected:
  PredictionApiTest() : token_(s_.token()), client_(s_.port()) {}
  // The server's "now": 2024-02-04T00:00:00Z, inside the data.
  static constexpr int64_t kNow = 1707004800;

  ServerTestResponse create_budget(const std::string& body) {
    return client_.post("/api/v1/budgets", body, bearer(token_));
  }

  ServerTestInstance s_{[](ServerOptions& o) { o.clock = [] { return kNow; }; }};
  std::string token_;
  ServerTestClient client_;
};

TEST_F(PredictionApiTest, ForecastReturnsHistoryForecastIntervalsAndComponents) {
  auto res = client_.post("/api/v1/forecasts", R"({
    "query": {"time_range": {"start": "2024-01-01", "end": "2024-02-06"}, "granularity": "day",
              "metrics": ["EffectiveCost"]},
    "horizon": 7})", bearer(token_));
  ASSERT_EQ(res.status, 200u) << res.body;
  const nlohmann::json j = res.json();
  EXPECT_EQ(j["currency"], "USD");
  ASSERT_EQ(j["series"].size(), 1u) << res.body;
  const nlohmann::json& series = j["series"][0];
  EXPECT_EQ(series["key"], "total");
  EXPECT_FALSE(series["model"].get<std::string>().empty());
  EXPECT_EQ(series["history"].front()["t"], "2024-01-01T00:00:00Z");
  EXPECT_EQ(series["history"].front()["value"], "12");
  EXPECT_TRUE(series["history"][10]["value"].is_null()) << "Jan 11 has no data";
  ASSERT_EQ(series["forecast"].size(), 7u);
  for (const auto& p : series["forecast"]) {
    for (const char* k : {"mean", "lo80", "hi80", "lo95", "hi95"}) ASSERT_TRUE(p[k].is_string()) << p;
    EXPECT_LE(std::stod(p["lo95"].get<std::string>()), std::stod(p["lo80"].get<std::string>()));
    EXPECT_LE(std::stod(p["lo80"].get<std::string>()), std::stod(p["mean"].get<std::string>()));
    EXPECT_LE(std::stod(p["mean"].get<std::string>()), std::stod(p["hi80"].get<std::string>()));
    EXPECT_LE(std::stod(p["hi80"].get<std::string>()), std::stod(p["hi95"].get<std::string>()));
  }
  EXPECT_EQ(series["forecast"][0]["t"], "2024-02-06T00:00:00Z");
  EXPECT_TRUE(series["components"].contains("level"));
}

TEST_F(PredictionApiTest, ForecastPerServiceWithMonthEndProjection) {
  auto res = client_.post("/api/v1/forecasts", R"({
    "query": {"time_range": {"start": "2024-01-01", "end": "2024-02-06"}, "granularity": "day",
              "metrics": ["EffectiveCost"], "group_by": ["ServiceName"]},
    "horizon": 3, "month_end": true, "as_of": "2024-02-04"})", bearer(token_));
  ASSERT_EQ(res.status, 200u) << res.body;
  const nlohmann::json j = res.json();
  ASSERT_EQ(j["series"].size(), 2u);
  ASSERT_TRUE(j.contains("month_end")) << res.body;
  ASSERT_EQ(j["month_end"]["series"].size(), 2u);
  for (const auto& p : j["month_end"]["series"]) {
    if (p["key"] == "Compute") {
      EXPECT_EQ(p["actual_to_date"], "30.75");  // 3 days x 10.25
    }
  }
}

TEST_F(PredictionApiTest, ForecastValidationErrorsHaveTheErrorShape) {
  struct Case {
    const char* body;
    const char* names;
  } cases[] = {
      {R"({"query":{"granularity":"day","metrics":["EffectiveCost"]},"horizon":0})", "horizon"},
      {R"({"query":{"metrics":["EffectiveCost"]}})", "granularity"},
      {R"({"query":{"granularity":"day","metrics":["EffectiveCost"]},"colour":1})", "colour"},
      {R"({"horizon":3})", "query"},
      {R"({"query":{"granularity":"day","metrics":["EffectiveCost","BilledCost"]}})", "metric"},
  };
  for (const Case& c : cases) {
    auto res = client_.post("/api/v1/forecasts", c.body, bearer(token_));
    EXPECT_EQ(res.status, 400u) << c.body;
    EXPECT_EQ(res.error_code(), "invalid_argument") << res.body;
    EXPECT_NE(res.json()["error"]["message"].get<std::string>().find(c.names), std::string::npos)
        << res.body;
    EXPECT_TRUE(res.json()["error"].contains("trace_id"));
  }
}

TEST_F(PredictionApiTest, BudgetLifecycleWithStatusAndVariance) {
  auto created = create_budget(R"({"name":"all-spend","amount":"100",
      "thresholds":[{"percent":"30","basis":"actual"}]})");
  ASSERT_EQ(created.status, 201u) << created.body;
  const int64_t id = created.json()["id"];
  const std::string path = "/api/v1/budgets/" + std::to_string(id);

  auto list = client_.get("/api/v1/budgets", bearer(token_));
  ASSERT_EQ(list.status, 200u);
  ASSERT_EQ(list.json()["budgets"].size(), 1u);
  EXPECT_EQ(list.json()["budgets"][0]["name"], "all-spend");

  auto status = client_.get(path + "/status?as_of=2024-02-04&variance_periods=1", bearer(token_));
  ASSERT_EQ(status.status, 200u) << status.body;
  const nlohmann::json st = status.json();
  EXPECT_EQ(st["actual"], "36");  // Feb 1–3, 12.00 a day
  EXPECT_EQ(st["percent_used"], "36");
  ASSERT_EQ(st["thresholds"].size(), 1u);
  EXPECT_TRUE(st["thresholds"][0]["crossed"]) << status.body;
  ASSERT_EQ(st["variance"].size(), 1u) << status.body;
  EXPECT_EQ(st["variance"][0]["actual"], "60");  // January: 5 days x 12.00

  auto patched = client_.send(http::verb::patch, path, R"({"amount":"250"})", bearer(token_));
  ASSERT_EQ(patched.status, 200u) << patched.body;
  EXPECT_EQ(patched.json()["amount"], "250");
  EXPECT_EQ(patched.json()["name"], "all-spend");
  EXPECT_EQ(client_.get(path, bearer(token_)).json()["amount"], "250");

  EXPECT_EQ(client_.send(http::verb::delete_, path, "", bearer(token_)).status, 204u);
  EXPECT_EQ(client_.get(path, bearer(token_)).status, 404u);
}

TEST_F(PredictionApiTest, BudgetValidationNamesTheField) {
  auto unknown = create_budget(R"({"name":"x","amount":"10","colour":"red"})");
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_EQ(unknown.json()["error"]["details"][0]["path"], "/colour") << unknown.body;
  auto bad_amount = create_budget(R"({"name":"x","amount":"-5"})");
  EXPECT_EQ(bad_amount.status, 400u);
  EXPECT_NE(bad_amount.body.find("amount"), std::string::npos) << bad_amount.body;
  ASSERT_EQ(create_budget(R"({"name":"dup","amount":"10"})").status, 201u);
  EXPECT_EQ(create_budget(R"({"name":"dup","amount":"20"})").status, 409u);
  EXPECT_EQ(client_.get("/api/v1/budgets/999/status", bearer(token_)).status, 404u);
  EXPECT_EQ(client_.get("/api/v1/budgets/abc", bearer(token_)).status, 404u);
}

TEST_F(PredictionApiTest, ViewerReadsButCannotChangeBudgetsOrRules) {
  ASSERT_EQ(create_budget(R"({"name":"team","amount":"10"})").status, 201u);
  const std::string viewer = s_.user_token("vera", "viewer");
  auto denied = client_.post("/api/v1/budgets", R"({"name":"v","amount":"1"})", bearer(viewer));
  EXPECT_EQ(denied.status, 403u);
  EXPECT_EQ(denied.error_code(), "permission_denied");
  EXPECT_EQ(client_.get("/api/v1/budgets", bearer(viewer)).status, 200u);
  EXPECT_EQ(client_.send(http::verb::delete_, "/api/v1/budgets/1", "", bearer(viewer)).status, 403u);
  EXPECT_EQ(client_.post("/api/v1/alerts/run", "", bearer(viewer)).status, 403u);
  EXPECT_EQ(client_.post("/api/v1/channels", R"({"name":"c","kind":"slack"})", bearer(viewer)).status,
            403u);
}

TEST_F(PredictionApiTest, ChannelSecretsAreNeverReturned) {
  auto created = client_.post("/api/v1/channels",
                              R"({"name":"hook","kind":"webhook","url":"http://127.0.0.1:9/hook",
                                  "secret":"s3cret-signing-key"})",
                              bearer(token_));
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.body.find("s3cret-signing-key"), std::string::npos) << created.body;
  auto list = client_.get("/api/v1/channels", bearer(token_));
  ASSERT_EQ(list.status, 200u);
  ASSERT_EQ(list.json()["channels"].size(), 1u);
  EXPECT_EQ(list.body.find("s3cret-signing-key"), std::string::npos) << list.body;
}

TEST_F(PredictionApiTest, AlertRuleCrudAndRunLogsDeliveries) {
  auto channel = client_.post("/api/v1/channels",
                              R"({"name":"hook","kind":"webhook","url":"http://127.0.0.1:9/hook",
                                  "secret":"a-signing-key-of-24-chars"})",
                              bearer(token_));
  ASSERT_EQ(channel.status, 201u) << channel.body;
  const int64_t channel_id = channel.json()["id"];
  ASSERT_EQ(create_budget(R"({"name":"tiny","amount":"1",
      "thresholds":[{"percent":"50","basis":"actual"}]})").status, 201u);
  auto rule = client_.post("/api/v1/alert-rules",
                           nlohmann::json{{"name", "over"},
                                          {"type", "budget_threshold"},
                                          {"channels", {channel_id}}}
                               .dump(),
                           bearer(token_));
  ASSERT_EQ(rule.status, 201u) << rule.body;
  const std::string path = "/api/v1/alert-rules/" + std::to_string(rule.json()["id"].get<int64_t>());
  auto unknown = client_.post("/api/v1/alert-rules", R"({"name":"x","type":"anomaly","channels":[1],"severity":"x"})",
                              bearer(token_));
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_NE(unknown.body.find("severity"), std::string::npos);

  auto disabled = client_.send(http::verb::patch, path, R"({"enabled":false})", bearer(token_));
  ASSERT_EQ(disabled.status, 200u) << disabled.body;
  EXPECT_EQ(disabled.json()["enabled"], false);
  EXPECT_EQ(disabled.json()["name"], "over");
  ASSERT_EQ(client_.send(http::verb::patch, path, R"({"enabled":true})", bearer(token_)).status, 200u);
  ASSERT_EQ(client_.get("/api/v1/alert-rules", bearer(token_)).json()["rules"].size(), 1u);

  // The budget is far over (the whole of February's spend against 1.00); the webhook's port 9
  // refuses, so the delivery is logged as failed.
  auto run = client_.post("/api/v1/alerts/run", "", bearer(token_));
  ASSERT_EQ(run.status, 200u) << run.body;
  EXPECT_EQ(run.json()["rules"], 1);
  EXPECT_GE(run.json()["notifications"].get<int>(), 1) << run.body;
  EXPECT_EQ(run.json()["failed"], run.json()["notifications"]) << run.body;
  auto deliveries = client_.get("/api/v1/deliveries?limit=10", bearer(token_));
  ASSERT_EQ(deliveries.status, 200u);
  ASSERT_GE(deliveries.json()["deliveries"].size(), 1u) << deliveries.body;
  EXPECT_EQ(deliveries.json()["deliveries"].size(), run.json()["deliveries"].size());

  EXPECT_EQ(client_.send(http::verb::delete_, path, "", bearer(token_)).status, 204u);
  EXPECT_EQ(client_.get(path, bearer(token_)).status, 404u);
}

TEST_F(PredictionApiTest, OpenApiDescribesTheNewRoutes) {
  auto res = client_.get("/api/v1/openapi.json");
  ASSERT_EQ(res.status, 200u);
  const nlohmann::json paths = res.json()["paths"];
  for (const char* p : {"/api/v1/forecasts", "/api/v1/budgets", "/api/v1/budgets/{id}/status",
                        "/api/v1/alert-rules/{id}", "/api/v1/deliveries", "/api/v1/alerts/run",
                        "/api/v1/recommendations/{id}/actions", "/api/v1/inventory"}) {
    EXPECT_TRUE(paths.contains(p)) << p;
  }
}

}  // namespace
}  // namespace optima::server::testing
