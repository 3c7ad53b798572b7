#include "optima/recommend/lifecycle_store.h"

#include <gtest/gtest.h>

#include "optima/focus/table_builder.h"
#include "optima/recommend/billing_facts.h"
#include "recommend_test_support.h"
#include "support/shared_data.h"

namespace optima::recommend {
namespace {

using testing::rec_dec;

Recommendation make_rec(const std::string& resource, const std::string& account = "111",
                        const std::string& recommender = "idle_vm") {
  Recommendation r;
  r.recommender = recommender;
  r.resource_id = resource;
  r.account_id = account;
  r.action = "stop_or_terminate";
  r.id = recommendation_id(recommender, resource, r.action);
  r.tags = {{"team", "web"}};
  r.savings = make_savings({SavingsTerm{"x", rec_dec("0.1"), "$/h", rec_dec("730"), "h", "t", 1}});
  r.confidence = 0.9;
  r.confidence_level = Level::kHigh;
  return r;
}

const core::Timestamp kNow = core::make_timestamp({2025, 6, 1});

TEST(LifecycleStoreTest, TransitionsPersistAndInvalidOnesAreRefused) {
  optima::testing::TempDir dir;
  const Recommendation rec = make_rec("i-1");
  {
    auto store = LifecycleStore::open(dir.path()).value();
    ASSERT_TRUE(store->act(rec, Action::kAccept, "", std::nullopt, kNow).is_ok());
    auto again = store->act(rec, Action::kAccept, "", std::nullopt, kNow);
    ASSERT_FALSE(again.is_ok());
    EXPECT_NE(again.message().find("is accepted: cannot accept"), std::string::npos);
    ASSERT_TRUE(store->act(rec, Action::kImplemented, "", std::nullopt, kNow).is_ok());
  }
  auto reopened = LifecycleStore::open(dir.path()).value();
  auto record = reopened->find(rec.id).value();
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->status, Status::kImplemented);
  EXPECT_EQ(record->implemented_at, kNow);
  EXPECT_EQ(record->expected_monthly, rec_dec("73"));
  EXPECT_FALSE(reopened->act(rec, Action::kSnooze, "", kNow, kNow).is_ok());
}

TEST(LifecycleStoreTest, DismissNeedsAReasonAndSnoozeAFutureDate) {
  optima::testing::TempDir dir;
  auto store = LifecycleStore::open(dir.path()).value();
  const Recommendation rec = make_rec("i-2");
  EXPECT_FALSE(store->act(rec, Action::kDismiss, "  ", std::nullopt, kNow).is_ok());
  EXPECT_FALSE(store->act(rec, Action::kSnooze, "", kNow, kNow).is_ok());
  const core::Timestamp until{kNow.unix_seconds + 86400};
  ASSERT_TRUE(store->act(rec, Action::kSnooze, "after freeze", until, kNow).is_ok());
  std::vector<Recommendation> recs{rec};
  ASSERT_TRUE(store->apply(&recs, kNow).is_ok());
  EXPECT_EQ(recs[0].status, Status::kSnoozed);
  recs = {rec};
  ASSERT_TRUE(store->apply(&recs, core::Timestamp{until.unix_seconds + 1}).is_ok());
  EXPECT_EQ(recs[0].status, Status::kOpen);  // the snooze expired
}

TEST(LifecycleStoreTest, DismissalsLowerAndHideSimilarRecommendationsVisibly) {
  optima::testing::TempDir dir;
  auto store = LifecycleStore::open(dir.path()).value();
  ASSERT_TRUE(store->act(make_rec("i-a"), Action::kDismiss, "batch host", std::nullopt, kNow).is_ok());
  std::vector<Recommendation> recs{make_rec("i-b"), make_rec("i-c", "222", "idle_vm"),
                                   make_rec("i-d", "333", "unused_ip")};
  recs[2].tags.clear();
  ASSERT_TRUE(store->apply(&recs, kNow).is_ok());
  // Same recommender and account (and team): lowered by one.
  EXPECT_NEAR(recs[0].confidence, 0.75, 1e-9);
  EXPECT_NE(recs[0].confidence_note.find("lowered by 1"), std::string::npos) << recs[0].confidence_note;
  EXPECT_FALSE(recs[0].hidden);
  // Other account but same team: lowered too.
  EXPECT_NEAR(recs[1].confidence, 0.75, 1e-9);
  // Other recommender: untouched.
  EXPECT_DOUBLE_EQ(recs[2].confidence, 0.9);

  ASSERT_TRUE(store->act(make_rec("i-e"), Action::kDismiss, "x", std::nullopt, kNow).is_ok());
  ASSERT_TRUE(store->vote(make_rec("i-f"), -1, kNow).is_ok());
  recs = {make_rec("i-b")};
  ASSERT_TRUE(store->apply(&recs, kNow).is_ok());
  EXPECT_TRUE(recs[0].hidden);
  EXPECT_NE(recs[0].confidence_note.find("(hidden)"), std::string::npos);

  for (int i = 0; i < 4; ++i) ASSERT_TRUE(store->vote(make_rec("i-g"), +1, kNow).is_ok());
  recs = {make_rec("i-b")};
  ASSERT_TRUE(store->apply(&recs, kNow).is_ok());
  EXPECT_FALSE(recs[0].hidden);
  EXPECT_NEAR(recs[0].confidence, 1.0, 1e-9);
  EXPECT_NE(recs[0].confidence_note.find("raised by 1"), std::string::npos);
}

TEST(LifecycleStoreTest, VerifyComparesTheResourceCostBeforeAndAfterInTheBill) {
  optima::testing::TempDir dir;
  auto store = LifecycleStore::open(dir.path()).value();
  const Recommendation rec = make_rec("i-verify");
  ASSERT_TRUE(store->act(rec, Action::kImplemented, "", std::nullopt, kNow).is_ok());
  // 10.00 per day for 30 days before, 2.50 per day after; another resource keeps costing.
  focus::TableBuilder b;
  for (int day = -30; day < 20; ++day) {
    const core::Timestamp t{kNow.unix_seconds + int64_t{day} * 86400};
    b.set_time(focus::Column::kChargePeriodStart, t);
    b.set_string(focus::Column::kResourceId, "i-verify");
    b.set_decimal(focus::Column::kEffectiveCost, day < 0 ? rec_dec("10") : rec_dec("2.5"));
    b.finish_row();
    b.set_time(focus::Column::kChargePeriodStart, t);
    b.set_string(focus::Column::kResourceId, "i-other");
    b.set_decimal(focus::Column::kEffectiveCost, rec_dec("99"));
    b.finish_row();
  }
  store::InMemoryTableSource source;
  source.add(std::make_shared<const focus::Table>(b.finish()));

  auto early = store->verify(source, core::Timestamp{kNow.unix_seconds + 3 * 86400}).value();
  ASSERT_EQ(early.size(), 1u);
  EXPECT_FALSE(early[0].verified);

  const core::Timestamp later{kNow.unix_seconds + 10 * 86400};
  auto checked = store->verify(source, later).value();
  ASSERT_EQ(checked.size(), 1u);
  ASSERT_TRUE(checked[0].verified);
  EXPECT_EQ(checked[0].cost_before, rec_dec("300"));
  EXPECT_EQ(checked[0].cost_after, rec_dec("25"));
  // (10 − 2.5) × 730 / 24 = 228.125
  EXPECT_EQ(checked[0].realised_monthly, rec_dec("228.125"));
  EXPECT_EQ(store->find(rec.id).value()->status, Status::kVerified);

  // BillingFacts over the same rows: the per-resource cost and no licence part.
  auto facts = BillingFacts::load(source, {core::Timestamp{kNow.unix_seconds - 30 * 86400}, kNow});
  ASSERT_TRUE(facts.is_ok()) << facts.status().to_string();
  ASSERT_NE(facts->find("i-verify"), nullptr);
  EXPECT_EQ(facts->find("i-verify")->cost, rec_dec("300"));
  EXPECT_EQ(facts->hourly_cost("i-verify")->per_unit, core::Decimal::divide(rec_dec("300"), rec_dec("720")));
}

}  // namespace
}  // namespace optima::recommend
