#include "optima/focus/conformance/conformance_validator.h"

#include <gtest/gtest.h>

#include "conformance_test_support.h"
#include "optima/focus/conformance/table_dataset.h"

namespace optima::focus {
namespace {

ConformanceValidator bundled_validator() {
  auto v = ConformanceValidator::bundled();
  EXPECT_TRUE(v.is_ok()) << v.status().to_string();
  return std::move(v).value();
}

ConformanceReport validate_table(Table table, const std::vector<std::string>& criteria) {
  TableDataset data({std::make_shared<const Table>(std::move(table))});
  ValidationOptions options;
  options.applicability_criteria = criteria;
  auto report = bundled_validator().validate(data, options);
  EXPECT_TRUE(report.is_ok()) << report.status().to_string();
  return std::move(report).value();
}

std::string failures(const ConformanceReport& report) {
  std::string out;
  for (const RuleResult& r : report.rules) {
    if (r.status != RuleStatus::kFail) continue;
    out += r.rule_id + (r.mandatory ? " (mandatory)" : "") + "\n";
  }
  return out.empty() ? "(none)" : out;
}

TEST(ConformanceValidatorTest, ConformantTablePassesEveryStaticMandatoryRuleWithAllCriteria) {
  const ConformanceReport report = validate_table(testing::conformant_table(), {"ALL"});
  EXPECT_TRUE(report.summary.conformant) << render_text(report);
  EXPECT_EQ(report.summary.mandatory.fail, 0u) << failures(report);
  EXPECT_EQ(report.rows, 8u);
  EXPECT_EQ(report.rules.size(), 621u);
}

}  // namespace
}  // namespace optima::focus
