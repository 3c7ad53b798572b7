// End to end: budgets, rules and channels in a real state.db, billing rows in memory, a real
// HTTP receiver and a real SMTP server on loopback.
#include "optima/notify/alert_runner.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "notify_test_support.h"
#include "optima/notify/state_database.h"
#include "unit/analysis/budget_test_support.h"

namespace optima::notify {
namespace {

using analysis::testing::budget_daily_rows;
using analysis::testing::budget_day;
using analysis::testing::budget_source;
using testing::LocalTestServer;
using testing::NotifyTempDir;

class AlertRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(open_state_database(dir_.path() / "data").value());
    alerts_.emplace(std::move(AlertRepository::open(*db_).value()));
    budgets_.emplace(std::move(analysis::BudgetRepository::open(*db_).value()));
    // 20 a day from February 1st; as of March 11th: 200 spent in March, 620 projected.
    source_ = budget_source(budget_daily_rows(budget_day(2024, 2, 1), 40, [](int) { return "20"; }));
  }

  DeliveryOptions options() {
    DeliveryOptions o;
    o.retry.max_attempts = 3;
    o.retry.initial_delay = std::chrono::milliseconds(5);
    o.retry.max_delay = std::chrono::milliseconds(10);
    o.clock = [this] { return now_; };
    o.seed = 7;
    return o;
  }

  Channel add_webhook(int port) {
    Channel c;
    c.name = "hook";
    c.kind = ChannelKind::kWebhook;
    c.url = "http://127.0.0.1:" + std::to_string(port) + "/optima";
    c.secret = "a-signing-key-of-some-length";
    return alerts_->create_channel(c, now_).value();
  }

  analysis::Budget add_budget() {
    analysis::Budget b;
    b.name = "platform";
    b.amount = core::Decimal::from_int(250);
    b.thresholds = {{core::Decimal::from_int(50), analysis::ThresholdBasis::kActual},
                    {core::Decimal::from_int(100), analysis::ThresholdBasis::kActual},
                    {core::Decimal::from_int(100), analysis::ThresholdBasis::kForecast}};
    return budgets_->create(b, now_).value();
  }

  NotifyTempDir dir_{"runner"};
  core::Timestamp now_ = budget_day(2024, 3, 11);
  std::unique_ptr<store::SqliteDatabase> db_;
  std::optional<AlertRepository> alerts_;
  std::optional<analysis::BudgetRepository> budgets_;
  std::shared_ptr<store::InMemoryTableSource> source_;
  analysis::DailyPaceProjector projector_;
};

TEST_F(AlertRunnerTest, DeliversEachCrossedThresholdOnceAndLogsIt) {
  NotifyTempDir received("runner-http");
  LocalTestServer receiver("http_receiver.py", received.path());
  const Channel hook = add_webhook(receiver.port());
  const analysis::Budget budget = add_budget();
  AlertRule actual;
  actual.name = "platform actual";
  actual.type = AlertRuleType::kBudgetThreshold;
  actual.budget_id = budget.id;
  actual.channel_ids = {hook.id};
  ASSERT_TRUE(alerts_->create_rule(actual, now_).is_ok());
  AlertRule forecast = actual;
  forecast.name = "platform forecast";
  forecast.basis = analysis::ThresholdBasis::kForecast;
  ASSERT_TRUE(alerts_->create_rule(forecast, now_).is_ok());

  Deliverer deliverer(options());
  auto first = run_alerts(*alerts_, *budgets_, *source_, {}, projector_, deliverer);
  ASSERT_TRUE(first.is_ok()) << first.status().to_string();
  EXPECT_TRUE(first->errors.empty());
  EXPECT_EQ(first->rules, 2u);
  EXPECT_EQ(first->notifications, 2u);  // actual 50% (200 ≥ 125) and forecast 100% (620 ≥ 250)
  EXPECT_EQ(first->delivered, 2u);
  EXPECT_EQ(first->failed, 0u);
  const auto requests = testing::notify_recorded_requests(received.path());
  ASSERT_EQ(requests.size(), 2u);
  const auto body0 = nlohmann::json::parse(std::string(requests[0]["body"]));
  EXPECT_EQ(body0["subject"], fmt::format("budget:{}:actual:50", budget.id));
  EXPECT_EQ(body0["period"], "2024-03");
  const auto body1 = nlohmann::json::parse(std::string(requests[1]["body"]));
  EXPECT_EQ(body1["subject"], fmt::format("budget:{}:forecast:100", budget.id));
  EXPECT_EQ(body1["severity"], "critical");

  // The same rules, subjects and period: nothing is sent again.
  now_ = budget_day(2024, 3, 11);
  auto second = run_alerts(*alerts_, *budgets_, *source_, {}, projector_, deliverer);
  ASSERT_TRUE(second.is_ok());
  EXPECT_EQ(second->notifications, 2u);
  EXPECT_EQ(second->duplicates, 2u);
  EXPECT_EQ(second->delivered, 0u);
  EXPECT_EQ(testing::notify_recorded_requests(received.path()).size(), 2u);

  auto log = alerts_->list_deliveries(10);
  ASSERT_TRUE(log.is_ok());
  ASSERT_EQ(log->size(), 2u);
  const DeliveryRecord& row = (*log)[1];  // newest first
  EXPECT_EQ(row.rule_name, "platform actual");
  EXPECT_EQ(row.channel_id, hook.id);
  EXPECT_EQ(row.channel_name, "hook");
  EXPECT_EQ(row.status, DeliveryStatus::kDelivered);
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.response_code, 200);
  EXPECT_EQ(row.payload_hash.size(), 64u);
  EXPECT_EQ(row.first_attempt_at, budget_day(2024, 3, 11));
  EXPECT_EQ(row.period, "2024-03");
}

TEST_F(AlertRunnerTest, FailedDeliveryIsLoggedAndRetriedOnTheNextRun) {
  const int port = testing::notify_unused_port();
  const Channel hook = add_webhook(port);
  AlertRule rule;
  rule.name = "anomalies";
  rule.type = AlertRuleType::kAnomaly;
  rule.min_severity = AnomalySeverity::kHigh;
  rule.channel_ids = {hook.id};
  ASSERT_TRUE(alerts_->create_rule(rule, now_).is_ok());
  const std::vector<AnomalyEvent> anomalies = {
      {"ServiceName=AmazonEC2", budget_day(2024, 3, 10), core::Decimal::from_int(812), "USD",
       AnomalySeverity::kCritical, "EC2 cost 3.2x its usual level on 2024-03-10 (+812.00 USD)"},
      {"ServiceName=AmazonS3", budget_day(2024, 3, 10), core::Decimal::from_int(5), "USD",
       AnomalySeverity::kMedium, "S3 slightly up"}};
  Deliverer deliverer(options());
  auto down = run_alerts(*alerts_, *budgets_, *source_, anomalies, projector_, deliverer);
  ASSERT_TRUE(down.is_ok()) << down.status().to_string();
  EXPECT_EQ(down->notifications, 1u);  // medium is below the rule's minimum
  EXPECT_EQ(down->failed, 1u);
  ASSERT_EQ(down->deliveries.size(), 1u);
  EXPECT_EQ(down->deliveries[0].attempts, 3);
  EXPECT_NE(down->deliveries[0].error.find("Connection refused"), std::string::npos);

  // The receiver comes up on that port: the failed notification goes out on the next run.
  NotifyTempDir received("runner-up");
  LocalTestServer receiver("http_receiver.py", received.path());
  Channel moved = hook;
  moved.url = "http://127.0.0.1:" + std::to_string(receiver.port()) + "/optima";
  // Channels are immutable in the repository's API: point the rule at a new channel.
  moved.name = "hook up";
  const Channel up = alerts_->create_channel(moved, now_).value();
  AlertRule changed = alerts_->find_rule("anomalies").value();
  changed.channel_ids = {up.id};
  ASSERT_TRUE(alerts_->update_rule(changed, now_).is_ok());
  auto again = run_alerts(*alerts_, *budgets_, *source_, anomalies, projector_, deliverer);
  ASSERT_TRUE(again.is_ok());
  EXPECT_EQ(again->delivered, 1u);
  const auto requests = testing::notify_recorded_requests(received.path());
  ASSERT_EQ(requests.size(), 1u);
  const auto body = nlohmann::json::parse(std::string(requests[0]["body"]));
  EXPECT_EQ(body["subject"], "anomaly:ServiceName=AmazonEC2");
  EXPECT_EQ(body["period"], "2024-03-10");
  EXPECT_EQ(body["text"], "EC2 cost 3.2x its usual level on 2024-03-10 (+812.00 USD)");
  EXPECT_EQ(alerts_->list_deliveries(10)->size(), 2u);
}

TEST_F(AlertRunnerTest, ForecastAndSpendChangeRulesFireOnTheirScope) {
  NotifyTempDir received("runner-rules");
  LocalTestServer receiver("http_receiver.py", received.path());
  const Channel hook = add_webhook(receiver.port());
  AlertRule forecast;
  forecast.name = "march forecast";
  forecast.type = AlertRuleType::kForecast;
  forecast.amount = core::Decimal::from_int(600);  // 620 projected
  forecast.channel_ids = {hook.id};
  ASSERT_TRUE(alerts_->create_rule(forecast, now_).is_ok());
  AlertRule quiet = forecast;
  quiet.name = "generous forecast";
  quiet.amount = core::Decimal::from_int(700);
  ASSERT_TRUE(alerts_->create_rule(quiet, now_).is_ok());
  AlertRule change;
  change.name = "weekly change";
  change.type = AlertRuleType::kSpendChange;
  change.window_days = 7;
  change.percent = core::Decimal::from_int(10);
  change.channel_ids = {hook.id};
  ASSERT_TRUE(alerts_->create_rule(change, now_).is_ok());

  Deliverer deliverer(options());
  auto flat = run_alerts(*alerts_, *budgets_, *source_, {}, projector_, deliverer);
  ASSERT_TRUE(flat.is_ok());
  EXPECT_TRUE(flat->errors.empty());
  EXPECT_EQ(flat->delivered, 1u);  // the flat series does not change week over week
  auto requests = testing::notify_recorded_requests(received.path());
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(std::string(requests[0]["body"]))["rule"]["name"], "march forecast");

  // Spend doubles over the last week.
  auto rows = budget_daily_rows(budget_day(2024, 2, 1), 32, [](int) { return "20"; });
  auto last_week = budget_daily_rows(budget_day(2024, 3, 4), 7, [](int) { return "40"; });
  rows.insert(rows.end(), last_week.begin(), last_week.end());
  source_ = budget_source(rows);
  auto doubled = run_alerts(*alerts_, *budgets_, *source_, {}, projector_, deliverer);
  ASSERT_TRUE(doubled.is_ok());
  requests = testing::notify_recorded_requests(received.path());
  ASSERT_EQ(requests.size(), 3u);  // the spend change, and the quiet forecast now above 700
  bool saw_change = false;
  for (const auto& r : requests) {
    const auto body = nlohmann::json::parse(std::string(r["body"]));
    if (body["rule"]["name"] != "weekly change") continue;
    saw_change = true;
    EXPECT_EQ(body["period"], "2024-03-04..2024-03-10");
    EXPECT_EQ(body["facts"]["Change"], "+100.0%");
  }
  EXPECT_TRUE(saw_change);
}

TEST_F(AlertRunnerTest, MissingBudgetIsReportedWithoutStoppingOtherRules) {
  NotifyTempDir received("runner-missing");
  LocalTestServer receiver("http_receiver.py", received.path());
  const Channel hook = add_webhook(receiver.port());
  AlertRule orphan;
  orphan.name = "orphan";
  orphan.type = AlertRuleType::kBudgetThreshold;
  orphan.budget_id = 99;
  orphan.channel_ids = {hook.id};
  ASSERT_TRUE(alerts_->create_rule(orphan, now_).is_ok());
  AlertRule forecast;
  forecast.name = "forecast";
  forecast.type = AlertRuleType::kForecast;
  forecast.amount = core::Decimal::from_int(1);
  forecast.channel_ids = {hook.id};
  ASSERT_TRUE(alerts_->create_rule(forecast, now_).is_ok());
  Deliverer deliverer(options());
  auto r = run_alerts(*alerts_, *budgets_, *source_, {}, projector_, deliverer);
  ASSERT_TRUE(r.is_ok());
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_NE(r->errors[0].find("no budget with id 99"), std::string::npos) << r->errors[0];
  EXPECT_EQ(r->delivered, 1u);
}

TEST_F(AlertRunnerTest, TestChannelSendsAndLogs) {
  NotifyTempDir received("runner-test");
  LocalTestServer receiver("http_receiver.py", received.path());
  const Channel hook = add_webhook(receiver.port());
  Deliverer deliverer(options());
  auto record = test_channel(*alerts_, hook, deliverer);
  ASSERT_TRUE(record.is_ok());
  EXPECT_EQ(record->status, DeliveryStatus::kDelivered);
  EXPECT_EQ(record->rule_id, 0);
  EXPECT_EQ(testing::notify_recorded_requests(received.path()).size(), 1u);
  EXPECT_EQ(alerts_->list_deliveries(5)->size(), 1u);
}

}  // namespace
}  // namespace optima::notify
