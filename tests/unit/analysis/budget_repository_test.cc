#include "optima/analysis/budget/budget_repository.h"

#include <filesystem>

#include <gtest/gtest.h>

namespace optima::analysis {
namespace {

class BudgetRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("optima-budget-repo-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::move(store::SqliteDatabase::open(dir_ / "state.db", 1000).value());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  static Budget make(const char* name, int64_t amount) {
    Budget b;
    b.name = name;
    b.amount = core::Decimal::from_int(amount);
    b.scope = {{query::Dimension::of_tag("team"), query::FilterOp::kIn, {"payments"}}};
    b.thresholds = {{core::Decimal::from_int(80), ThresholdBasis::kActual}};
    return b;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::SqliteDatabase> db_;
};

TEST_F(BudgetRepositoryTest, StoresListsUpdatesAndDeletes) {
  auto repo = BudgetRepository::open(*db_);
  ASSERT_TRUE(repo.is_ok()) << repo.status().to_string();
  auto a = repo->create(make("payments", 1000), {100});
  ASSERT_TRUE(a.is_ok()) << a.status().to_string();
  auto b = repo->create(make("search", 500), {100});
  ASSERT_TRUE(b.is_ok());
  EXPECT_NE(a->id, b->id);

  // A second connection (another process) sees the same budgets.
  auto other_db = store::SqliteDatabase::open(dir_ / "state.db", 1000);
  ASSERT_TRUE(other_db.is_ok());
  auto other = BudgetRepository::open(**other_db);
  ASSERT_TRUE(other.is_ok());
  auto listed = other->list();
  ASSERT_TRUE(listed.is_ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0], *a);
  EXPECT_EQ((*listed)[1], *b);

  Budget changed = *b;
  changed.amount = core::Decimal::from_int(750);
  ASSERT_TRUE(repo->update(changed, {200}).is_ok());
  auto found = repo->find("search");
  ASSERT_TRUE(found.is_ok());
  EXPECT_EQ(found->amount, core::Decimal::from_int(750));
  EXPECT_EQ(repo->find(std::to_string(a->id))->name, "payments");

  ASSERT_TRUE(repo->remove(a->id).is_ok());
  EXPECT_EQ(repo->get(a->id).status().code(), core::StatusCode::kNotFound);
  EXPECT_EQ(repo->remove(a->id).code(), core::StatusCode::kNotFound);
  EXPECT_EQ(repo->list()->size(), 1u);
}

TEST_F(BudgetRepositoryTest, RejectsDuplicateNamesAndInvalidBudgets) {
  auto repo = BudgetRepository::open(*db_);
  ASSERT_TRUE(repo.is_ok());
  ASSERT_TRUE(repo->create(make("payments", 1000), {1}).is_ok());
  auto duplicate = repo->create(make("payments", 10), {1});
  EXPECT_EQ(duplicate.status().code(), core::StatusCode::kAlreadyExists);
  EXPECT_EQ(duplicate.status().message().rfind("name: ", 0), 0u);
  auto invalid = repo->create(make("zero", 0), {1});
  EXPECT_EQ(invalid.status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_EQ(invalid.status().message(), "amount: expected a positive decimal; found 0");
  EXPECT_EQ(repo->find("nope").status().code(), core::StatusCode::kNotFound);
}

}  // namespace
}  // namespace optima::analysis
