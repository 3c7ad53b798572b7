// AnomalyStore: persistence with stable ids, feedback, and visible suppression.
#include "optima/analysis/anomaly/anomaly_store.h"

#include <gtest/gtest.h>

#include "optima/analysis/anomaly/anomaly_json.h"
#include "optima/analysis/anomaly/anomaly_scan.h"
#include "support/shared_data.h"

namespace optima::analysis {
namespace {

Anomaly make_anomaly(int day, int64_t delta, AnomalyDirection direction = AnomalyDirection::kIncrease) {
  Anomaly a;
  a.series = {{"ServiceName", "Amazon EC2"}};
  a.dimension = "ServiceName";
  a.value = "Amazon EC2";
  a.currency = "USD";
  a.metric = "BilledCost";
  a.direction = direction;
  a.start = core::make_timestamp({2025, 3, day});
  a.detected_at = a.start;
  a.periods = 2;
  a.expected = core::Decimal::from_int(1000);
  a.delta_per_period = core::Decimal::from_int(delta);
  a.actual = a.expected + a.delta_per_period;
  a.impact = core::Decimal::from_int(2 * delta);
  a.summary = "test";
  a.id = anomaly_id(a);
  return a;
}

TEST(AnomalyStoreTest, ExpectedVerdictSuppressesSimilarLaterAnomaliesVisibly) {
  testing::TempDir dir;
  auto store = AnomalyStore::open(dir.path() / "state.db", [] { return int64_t{1700000000}; });
  ASSERT_TRUE(store.is_ok()) << store.status().to_string();
  const Anomaly first = make_anomaly(1, 300);
  ASSERT_TRUE((*store)->record({first}).is_ok());
  ASSERT_TRUE((*store)->set_feedback(first.id, Verdict::kExpected, "monthly batch").is_ok());

  auto recorded = (*store)->record({make_anomaly(8, 400), make_anomaly(15, 2000),
                                    make_anomaly(22, -300, AnomalyDirection::kDecrease)});
  ASSERT_TRUE(recorded.is_ok()) << recorded.status().to_string();
  EXPECT_TRUE((*recorded)[0].suppressed);
  EXPECT_EQ((*recorded)[0].suppressed_by, first.id);
  EXPECT_FALSE((*recorded)[1].suppressed);  // five times bigger: not similar
  EXPECT_FALSE((*recorded)[2].suppressed);  // other direction

  auto suppressed = (*store)->list("suppressed");
  ASSERT_TRUE(suppressed.is_ok());
  ASSERT_EQ(suppressed->size(), 1u);
  EXPECT_EQ(suppressed->front().anomaly.id, (*recorded)[0].id);
  auto all = (*store)->list();
  ASSERT_TRUE(all.is_ok());
  EXPECT_EQ(all->size(), 4u);
  auto got = (*store)->get(first.id);
  ASSERT_TRUE(got.is_ok());
  EXPECT_EQ(got->status(), "expected");
  EXPECT_EQ(got->note, "monthly batch");
}

TEST(AnomalyStoreTest, RescanKeepsIdsAndFeedback) {
  testing::TempDir dir;
  auto store = AnomalyStore::open(dir.path() / "state.db");
  ASSERT_TRUE(store.is_ok());
  const Anomaly a = make_anomaly(3, 100);
  ASSERT_TRUE((*store)->record({a}).is_ok());
  ASSERT_TRUE((*store)->set_feedback(a.id, Verdict::kUnexpected).is_ok());
  Anomaly again = make_anomaly(3, 120);  // the same event, seen longer
  EXPECT_EQ(again.id, a.id);
  ASSERT_TRUE((*store)->record({again}).is_ok());
  auto all = (*store)->list();
  ASSERT_TRUE(all.is_ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().status(), "unexpected");
  EXPECT_EQ(all->front().anomaly.delta_per_period, core::Decimal::from_int(120));
}

TEST(AnomalyStoreTest, UnknownIdIsNotFound) {
  testing::TempDir dir;
  auto store = AnomalyStore::open(dir.path() / "state.db");
  ASSERT_TRUE(store.is_ok());
  EXPECT_EQ((*store)->get("an-nope").status().code(), core::StatusCode::kNotFound);
  EXPECT_EQ((*store)->set_feedback("an-nope", Verdict::kExpected).code(), core::StatusCode::kNotFound);
}

TEST(AnomalyStoreTest, JsonRoundTripKeepsEveryField) {
  Anomaly a = make_anomaly(5, 250);
  a.root_cause.path = {{"RegionId", "us-east-1"}};
  a.root_cause.explained = 0.9;
  a.root_cause.new_resources = 3;
  a.also_seen_in = {"total"};
  auto back = anomaly_from_json(anomaly_to_json(a));
  ASSERT_TRUE(back.is_ok()) << back.status().to_string();
  EXPECT_EQ(anomaly_to_json(*back), anomaly_to_json(a));
  EXPECT_FALSE(anomaly_from_json(nlohmann::json{{"id", 3}}).is_ok());
}

}  // namespace
}  // namespace optima::analysis
