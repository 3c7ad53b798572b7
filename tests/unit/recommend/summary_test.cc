#include <gtest/gtest.h>

#include "optima/recommend/conflict_groups.h"
#include "optima/recommend/recommendation_json.h"
#include "optima/recommend/summary.h"
#include "recommend_test_support.h"

namespace optima::recommend {
namespace {

using testing::rec_dec;

Recommendation rec(const std::string& id, const std::string& resource, const char* monthly,
                   Category category = Category::kCompute) {
  Recommendation r;
  r.id = id;
  r.recommender = "idle_vm";
  r.resource_id = resource;
  r.account_id = "acct";
  r.category = category;
  r.tags = {{"Team", "web"}};
  r.savings = make_savings({SavingsTerm{"x", rec_dec(monthly), "$/h", rec_dec("1"), "h", "t", 1}});
  return r;
}

TEST(SummaryTest, ConflictsGroupTransitivelyAndTheLargestSavingWins) {
  auto a = rec("a", "vm-1", "10");
  auto b = rec("b", "disk-1", "30", Category::kStorage);
  b.affected_resources = {"vm-2"};
  auto c = rec("c", "vm-2", "20");
  c.affected_resources = {"VM-1"};  // ids match case-insensitively
  auto d = rec("d", "vm-3", "5");
  const auto groups = group_conflicts({a, b, c, d});
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].id, "b");
  ASSERT_EQ(groups[0].alternatives.size(), 2u);
  EXPECT_EQ(groups[0].alternatives[0].id, "c");
  EXPECT_EQ(groups[1].id, "d");
}

TEST(SummaryTest, TotalsLeaveOutHiddenDismissedAndSnoozed) {
  std::vector<Recommendation> recs = {rec("a", "1", "10"), rec("b", "2", "20", Category::kStorage),
                                      rec("c", "3", "40"), rec("d", "4", "80")};
  recs[2].status = Status::kDismissed;
  recs[3].hidden = true;
  recs[1].tags.clear();
  const SavingsSummary s = summarize(recs);
  EXPECT_EQ(s.total_monthly, rec_dec("30"));
  EXPECT_EQ(s.counted, 2u);
  EXPECT_EQ(s.hidden, 1u);
  EXPECT_EQ(s.inactive, 1u);
  ASSERT_EQ(s.by_category.size(), 2u);
  EXPECT_EQ(s.by_category[0].first, "storage");
  ASSERT_EQ(s.by_team.size(), 2u);
  EXPECT_EQ(s.by_team[0].first, "(untagged)");
  EXPECT_EQ(s.by_team[1].first, "web");
}

TEST(SummaryTest, JsonCarriesFormulaTermsAndHeatmapOnRequest) {
  Recommendation r = rec("a", "vm-1", "0.5");
  UtilizationStats st;
  st.metric = "cpu_percent";
  st.samples = 2;
  st.expected_samples = 4;
  st.heatmap_count[3] = 2;
  r.evidence.metrics.push_back(st);
  const auto brief = to_json(r);
  EXPECT_EQ(brief["monthly_savings"], "0.50");
  EXPECT_EQ(brief["savings_terms"][0]["rate_source"], "t");
  EXPECT_EQ(brief["evidence"]["metrics"][0]["coverage"], 0.5);
  EXPECT_FALSE(brief["evidence"]["metrics"][0].contains("heatmap"));
  const auto full = to_json(r, JsonDetail::kFull);
  EXPECT_EQ(full["evidence"]["metrics"][0]["heatmap"]["count"][3], 2);
  const auto list = to_json(summarize({r}), {r});
  EXPECT_EQ(list["total_monthly_savings"], "0.50");
  EXPECT_EQ(list["items"].size(), 1u);
}

}  // namespace
}  // namespace optima::recommend
