// The per-provider declaration of applicability criteria and known gaps
// (data/focus/provider_conformance.json) and its checks against the requirements model.
#include <gtest/gtest.h>

#include "optima/focus/conformance/provider_conformance.h"

namespace optima::focus {
namespace {

std::shared_ptr<const RuleModel> model() {
  auto m = RuleModel::bundled();
  EXPECT_TRUE(m.is_ok()) << m.status().to_string();
  return *m;
}

// A declaration for one provider: `yes` declared, every other model criterion not declared.
std::string one_provider(const std::string& yes, const std::string& gaps = "[]") {
  std::string no;
  for (const ApplicabilityCriterion& c : model()->applicability_criteria()) {
    if (c.name != yes)
      no += (no.empty() ? "" : ",") + ("\"" + c.name + "\":\"why not\"");
  }
  return R"({"ModelVersion":"1.2","Providers":{"P":{"ApplicabilityCriteria":{")" + yes +
         R"(":"why"},"NotDeclared":{)" + no + R"(},"KnownGaps":)" + gaps + "}}}";
}

TEST(ProviderConformanceTest, BundledDeclarationCoversTheEstateProviders) {
  auto declared = ProviderConformance::bundled();
  ASSERT_TRUE(declared.is_ok()) << declared.status().to_string();
  std::vector<std::string> providers;
  for (const ProviderCriteria& p : (*declared)->criteria())
    providers.push_back(p.provider);
  EXPECT_EQ(providers, (std::vector<std::string>{"AWS", "Microsoft", "Google Cloud", "Oracle"}));
  const ProviderCriteria& azure = (*declared)->criteria()[1];
  EXPECT_NE(std::find(azure.criteria.begin(), azure.criteria.end(),
                      "MULTIPLE_BILLING_ACCOUNT_TYPES_SUPPORTED"),
            azure.criteria.end());
  for (const ProviderCriteria& p : (*declared)->criteria()) {
    EXPECT_EQ(std::find(p.criteria.begin(), p.criteria.end(), "VIRTUAL_CURRENCY_SUPPORTED"),
              p.criteria.end())
        << p.provider;
  }
}

TEST(ProviderConformanceTest, ReadsCriteriaAndKnownGaps) {
  auto declared = ProviderConformance::parse(
      one_provider("TAGGING_SUPPORTED", R"([{"RuleId":"BilledCost-C-005-C","Reason":"r"}])"),
      "p.json", *model());
  ASSERT_TRUE(declared.is_ok()) << declared.status().to_string();
  ASSERT_EQ(declared->criteria().size(), 1u);
  EXPECT_EQ(declared->criteria()[0].criteria, std::vector<std::string>{"TAGGING_SUPPORTED"});
  ASSERT_EQ(declared->known_gaps().size(), 1u);
  EXPECT_EQ(declared->known_gaps()[0].provider, "P");
  EXPECT_EQ(declared->known_gaps()[0].rule_id, "BilledCost-C-005-C");
}

TEST(ProviderConformanceTest, EveryCriterionMustBeDecidedWithAReason) {
  auto undecided = ProviderConformance::parse(
      R"({"ModelVersion":"1.2","Providers":{"P":{"ApplicabilityCriteria":{},"NotDeclared":{}}}})",
      "p.json", *model());
  ASSERT_FALSE(undecided.is_ok());
  EXPECT_NE(undecided.status().message().find("is neither declared nor not declared"),
            std::string::npos)
      << undecided.status().message();
  auto unknown = ProviderConformance::parse(one_provider("NO_SUCH_SUPPORTED"), "p.json", *model());
  ASSERT_FALSE(unknown.is_ok());
  EXPECT_NE(
      unknown.status().message().find("unknown applicability criterion \"NO_SUCH_SUPPORTED\""),
      std::string::npos);
  auto bad_gap = ProviderConformance::parse(
      one_provider("TAGGING_SUPPORTED", R"([{"RuleId":"X-C-001-M","Reason":"r"}])"), "p.json",
      *model());
  ASSERT_FALSE(bad_gap.is_ok());
  EXPECT_NE(bad_gap.status().message().find("p.json: Providers[\"P\"].KnownGaps[0]: unknown rule"),
            std::string::npos)
      << bad_gap.status().message();
  auto no_reason = ProviderConformance::parse(
      one_provider("TAGGING_SUPPORTED", R"([{"RuleId":"BilledCost-C-005-C","Reason":""}])"),
      "p.json", *model());
  EXPECT_FALSE(no_reason.is_ok());
}

}  // namespace
}  // namespace optima::focus
