#include <gtest/gtest.h>

#include "optima/recommend/recommendation.h"
#include "recommend_test_support.h"

namespace optima::recommend {
namespace {

using testing::rec_dec;

SavingsTerm term(const char* rate, const char* qty, int sign, const char* label) {
  return SavingsTerm{label, rec_dec(rate), "$/h", rec_dec(qty), "h", std::string("catalog ") + label,
                     sign};
}

TEST(SavingsTest, FactoredFormulaForAResize) {
  const Savings s = make_savings({term("0.096", "730", 1, "m5.large"), term("0.048", "730", -1, "t3.medium")});
  EXPECT_EQ(s.monthly, rec_dec("35.04"));
  EXPECT_EQ(s.formula,
            "(0.096 − 0.048) $/h × 730 h = $35.04/month; rates: m5.large: catalog m5.large; "
            "t3.medium: catalog t3.medium");
}

TEST(SavingsTest, SumOfProductsIsExact) {
  const Savings s = make_savings({term("0.1", "500", 1, "gp2"), term("0.005", "730", 1, "ip")});
  EXPECT_EQ(s.monthly, rec_dec("53.65"));
  EXPECT_EQ(s.monthly, savings_from_terms(s.terms));
  EXPECT_NE(s.formula.find("0.1 $/h × 500 h + 0.005 $/h × 730 h = $53.65/month"), std::string::npos)
      << s.formula;
}

TEST(SavingsTest, RecommendationIdIsStableAndDependsOnAllParts) {
  const std::string a = recommendation_id("idle_vm", "i-1", "stop_or_terminate");
  EXPECT_EQ(a, recommendation_id("idle_vm", "i-1", "stop_or_terminate"));
  EXPECT_EQ(a.size(), 16u);
  EXPECT_NE(a, recommendation_id("idle_vm", "i-2", "stop_or_terminate"));
  EXPECT_NE(a, recommendation_id("vm_rightsizing", "i-1", "stop_or_terminate"));
  EXPECT_NE(a, recommendation_id("idle_vm", "i-1", "resize:m5.large"));
}

TEST(SavingsTest, ConfidenceCombinesCoverageAndMargin) {
  Recommendation r;
  set_confidence(&r, 1, 1, "");
  EXPECT_DOUBLE_EQ(r.confidence, 1);
  EXPECT_EQ(r.confidence_level, Level::kHigh);
  set_confidence(&r, 0.5, 0, "");
  EXPECT_DOUBLE_EQ(r.confidence, 0.25);
  EXPECT_EQ(r.confidence_level, Level::kLow);
  set_confidence(&r, 2, -1, "");  // clamped
  EXPECT_DOUBLE_EQ(r.confidence, 0.5);
  EXPECT_EQ(r.confidence_level, Level::kMedium);
}

}  // namespace
}  // namespace optima::recommend
