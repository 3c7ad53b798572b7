#include <algorithm>

#include <gtest/gtest.h>

#include "optima/focus/conformance/currency_codes.h"
#include "optima/focus/conformance/rule_model.h"

namespace optima::focus {
namespace {

std::string rule(const std::string& id, const std::string& requirement,
                 const std::string& condition = "{}", const std::string& deps = "[]",
                 const std::string& type = "Static");

// A minimal model document around the given ModelRules JSON object body (plus the dynamic
// attribute rule its CheckFunctions section names).
std::string model_json(const std::string& rules, const std::string& roots = R"(["R-D-000-M"])") {
  return R"({"Details":{"ModelVersion":"1.2","FOCUSVersion":"1.2"},
    "ApplicabilityCriteria":{"A_SUPPORTED":{"Description":"a"}},
    "CheckFunctions":{"AND":{"Arguments":["Items"]},"CheckValue":{"Arguments":["ColumnName","Value"]},
      "FormatNumeric":{"Arguments":["ColumnName"],"FormatAttributes":["NumericFormat-A-000-M"]}},
    "ModelDatasets":{"CostAndUsage":{"ModelRules":)" +
         roots + R"(}},
    "ModelRules":{)" +
         rules + "," + rule("NumericFormat-A-000-M", "{}", "{}", "[]", "Dynamic") + "}}";
}

std::string rule(const std::string& id, const std::string& requirement,
                 const std::string& condition, const std::string& deps, const std::string& type) {
  return "\"" + id + R"(":{"Function":"Validation","Reference":"X","EntityType":"Column",
    "Notes":null,"ModelVersionIntroduced":"1.2","Status":"Active","ApplicabilityCriteria":[],
    "Type":")" +
         type + R"(","ValidationCriteria":{"MustSatisfy":"X MUST be 1.","Keyword":"MUST",
    "Requirement":)" +
         requirement + R"(,"Condition":)" + condition + R"(,"Dependencies":)" + deps + "}}";
}

TEST(RuleModelTest, LoadsTheBundledFocus12Model) {
  auto model = RuleModel::bundled(ModelErrata::kNone);
  ASSERT_TRUE(model.is_ok()) << model.status().to_string();
  const RuleModel& m = **model;
  EXPECT_EQ(m.model_version(), "1.2");
  EXPECT_EQ(m.focus_version(), "1.2");
  EXPECT_EQ(m.rules().size(), 621u);
  EXPECT_EQ(std::count_if(m.rules().begin(), m.rules().end(),
                          [](const ModelRule& r) { return r.type == RuleType::kStatic; }),
            420);
  EXPECT_EQ(m.applicability_criteria().size(), 18u);
  EXPECT_EQ(m.datasets().at("CostAndUsage"), std::vector<std::string>{"CostAndUsage-D-000-M"});
  EXPECT_TRUE(m.errata().empty());

  const ModelRule* r = m.find("BilledCost-C-005-C");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->function, "Validation");
  EXPECT_EQ(r->entity_type, "Column");
  EXPECT_EQ(r->keyword, "MUST");
  EXPECT_TRUE(r->mandatory());
  EXPECT_EQ(r->id_suffix(), 'C');
  ASSERT_TRUE(r->requirement && r->condition);
  EXPECT_EQ(r->requirement->function, CheckFunction::kCheckValue);
  EXPECT_EQ(r->requirement->value.kind, CheckLiteral::Kind::kNumber);
  EXPECT_TRUE(r->requirement->value.number.is_zero());
  EXPECT_EQ(r->condition->function, CheckFunction::kCheckNotSameValue);
  EXPECT_EQ(r->condition->columns, (std::vector<std::string>{"ProviderName", "InvoiceIssuerName"}));
  EXPECT_EQ(r->dependencies.size(), 2u);

  const ModelRule* composite = m.find("BilledCost-C-000-M");
  ASSERT_NE(composite, nullptr);
  EXPECT_TRUE(composite->is_composite());
  const ModelRule* dynamic = m.find("BilledCost-C-006-M");
  ASSERT_NE(dynamic, nullptr);
  EXPECT_EQ(dynamic->type, RuleType::kDynamic);
  EXPECT_FALSE(dynamic->requirement.has_value());
  EXPECT_EQ(m.format_attributes(CheckFunction::kFormatNumeric),
            std::vector<std::string>{"NumericFormat-A-000-M"});
}

TEST(RuleModelTest, ReadsThePublishedModelsMalformedConditionsAndSaysSo) {
  auto model = RuleModel::bundled(ModelErrata::kNone);
  ASSERT_TRUE(model.is_ok());
  const ModelRule* status = (*model)->find("CapacityReservationStatus-C-004-C");
  ASSERT_TRUE(status && status->condition);
  EXPECT_EQ(status->condition->function, CheckFunction::kAnd);
  EXPECT_EQ(status->condition->items.size(), 2u);
  const ModelRule* type = (*model)->find("ResourceType-C-005-C");
  ASSERT_TRUE(type && type->condition);
  EXPECT_EQ(type->condition->columns, std::vector<std::string>{"ResourceId"});
  const auto& warnings = (*model)->warnings();
  auto mentions = [&](const std::string& text) {
    return std::any_of(warnings.begin(), warnings.end(),
                       [&](const std::string& w) { return w.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(
      mentions("ModelRules[\"CapacityReservationStatus-C-003-C\"].ValidationCriteria.Condition"));
  EXPECT_TRUE(mentions(
      "ModelRules[\"ResourceId-C-006-C\"].ValidationCriteria.Condition: \"CheckCondition\""));
}

TEST(RuleModelTest, BundledErrataCorrectRulesThatContradictTheirOwnText) {
  auto model = RuleModel::bundled();
  ASSERT_TRUE(model.is_ok()) << model.status().to_string();
  EXPECT_EQ((*model)->errata().size(), 7u);
  const ModelRule* allowed = (*model)->find("CommitmentDiscountStatus-C-005-M");
  ASSERT_TRUE(allowed && allowed->requirement);
  ASSERT_EQ(allowed->requirement->items.size(), 2u);
  EXPECT_EQ(allowed->requirement->items[0].value.text, "Used");
  EXPECT_EQ(allowed->requirement->items[1].value.text, "Unused");
  auto published = RuleModel::bundled(ModelErrata::kNone);
  ASSERT_TRUE(published.is_ok());
  EXPECT_EQ(
      (*published)->find("CommitmentDiscountStatus-C-005-M")->requirement->items[0].value.text,
      "Active");
}

TEST(RuleModelTest, ParsesAMinimalModelAndResolvesReferences) {
  const std::string json = model_json(
      rule(
          "R-D-000-M",
          R"({"CheckFunction":"AND","Items":[{"CheckFunction":"CheckModelRule","ModelRuleId":"R-C-001-M"}]})") +
      "," + rule("R-C-001-M", R"({"CheckFunction":"FormatNumeric","ColumnName":"X"})"));
  auto model = RuleModel::parse(json, "mini.json");
  ASSERT_TRUE(model.is_ok()) << model.status().to_string();
  EXPECT_EQ(model->rules().size(), 3u);  // with the attribute rule
  EXPECT_EQ(model->index_of("R-C-001-M"), 1);
  EXPECT_EQ(model->find("nope"), nullptr);
  std::vector<std::string> refs;
  model->find("R-D-000-M")->requirement->collect_rule_references(&refs);
  EXPECT_EQ(refs, std::vector<std::string>{"R-C-001-M"});
}

struct BadModelCase {
  const char* name;
  std::string json;
  const char* expected;  // substring of the error message
};

TEST(RuleModelTest, ErrorsNameTheJsonPath) {
  const std::string ok_rule =
      rule("R-D-000-M", R"({"CheckFunction":"CheckValue","ColumnName":"X","Value":1})");
  const std::vector<BadModelCase> cases = {
      {"not json", "{", "mini.json: not valid JSON"},
      {"unknown function",
       model_json(rule("R-D-000-M", R"({"CheckFunction":"CheckMagic","ColumnName":"X"})")),
       "ModelRules[\"R-D-000-M\"].ValidationCriteria.Requirement.CheckFunction: unknown check "
       "function \"CheckMagic\""},
      {"missing argument",
       model_json(rule("R-D-000-M", R"({"CheckFunction":"CheckValue","ColumnName":"X"})")),
       "ModelRules[\"R-D-000-M\"].ValidationCriteria.Requirement: missing \"Value\""},
      {"wrong type",
       model_json(rule(
           "R-D-000-M",
           R"({"CheckFunction":"AND","Items":[{"CheckFunction":"FormatNumeric","ColumnName":7}]})")),
       "Requirement.Items[0].ColumnName: expected string, found number"},
      {"empty items", model_json(rule("R-D-000-M", R"({"CheckFunction":"AND","Items":[]})")),
       "Requirement.Items: AND needs at least one item"},
      {"unknown reference",
       model_json(rule("R-D-000-M",
                       R"({"CheckFunction":"CheckModelRule","ModelRuleId":"Ghost-C-001-M"})")),
       "Requirement.ModelRuleId: unknown rule \"Ghost-C-001-M\""},
      {"unknown dependency",
       model_json(rule("R-D-000-M", R"({"CheckFunction":"CheckValue","ColumnName":"X","Value":1})",
                       "{}", R"(["Ghost"])")),
       "ValidationCriteria.Dependencies[0]: unknown rule \"Ghost\""},
      {"mixed composite",
       model_json(rule(
           "R-D-000-M",
           R"({"CheckFunction":"AND","Items":[{"CheckFunction":"CheckModelRule","ModelRuleId":"R-D-000-M"},{"CheckFunction":"CheckValue","ColumnName":"X","Value":1}]})")),
       "may hold only AND, OR and CheckModelRule, found CheckValue"},
      {"static without requirement", model_json(rule("R-D-000-M", "{}")),
       "Requirement: a Static rule needs a Requirement"},
      {"bad type", model_json(rule("R-D-000-M", "{}", "{}", "[]", "Sometimes")),
       ".Type: expected \"Static\" or \"Dynamic\""},
      {"unknown root", model_json(ok_rule, R"(["Nope"])"),
       "ModelDatasets.CostAndUsage.ModelRules[0]: unknown rule \"Nope\""},
      {"cycle",
       model_json(
           rule("R-D-000-M", R"({"CheckFunction":"CheckModelRule","ModelRuleId":"R-C-001-M"})") +
           "," +
           rule("R-C-001-M", R"({"CheckFunction":"CheckValue","ColumnName":"X","Value":1})", "{}",
                R"(["R-D-000-M"])")),
       "dependency cycle: R-D-000-M -> R-C-001-M -> R-D-000-M"},
      {"distinct count nested",
       model_json(rule(
           "R-D-000-M",
           R"({"CheckFunction":"OR","Items":[{"CheckFunction":"CheckDistinctCount","ColumnAName":"A","ColumnBName":"B","ExpectedCount":1}]})")),
       "CheckDistinctCount is supported only as a rule's whole Requirement"},
  };
  for (const BadModelCase& c : cases) {
    auto model = RuleModel::parse(c.json, "mini.json");
    ASSERT_FALSE(model.is_ok()) << c.name;
    EXPECT_EQ(model.status().code(), core::StatusCode::kInvalidArgument) << c.name;
    EXPECT_NE(model.status().message().find(c.expected), std::string::npos)
        << c.name << ": " << model.status().message();
  }
}

TEST(RuleModelTest, ErrataReplaceARuleAndReportErrors) {
  const std::string json =
      model_json(rule("R-D-000-M", R"({"CheckFunction":"CheckValue","ColumnName":"X","Value":1})"));
  const std::string errata = R"({"ModelVersion":"1.2","Errata":[{"RuleId":"R-D-000-M",
      "Field":"Requirement","Reason":"text says 2",
      "Value":{"CheckFunction":"CheckValue","ColumnName":"X","Value":2}}]})";
  auto model = RuleModel::parse(json, "mini.json", errata, "errata.json");
  ASSERT_TRUE(model.is_ok()) << model.status().to_string();
  EXPECT_EQ(model->find("R-D-000-M")->requirement->value.text, "2");
  ASSERT_EQ(model->errata().size(), 1u);
  EXPECT_EQ(model->errata()[0].reason, "text says 2");

  auto bad_rule = RuleModel::parse(
      json, "mini.json",
      R"({"ModelVersion":"1.2","Errata":[{"RuleId":"Ghost","Field":"Condition","Reason":"r","Value":{}}]})",
      "errata.json");
  ASSERT_FALSE(bad_rule.is_ok());
  EXPECT_NE(bad_rule.status().message().find("errata.json: Errata[0].RuleId: no rule \"Ghost\""),
            std::string::npos)
      << bad_rule.status().message();
  auto bad_version =
      RuleModel::parse(json, "mini.json", R"({"ModelVersion":"1.1","Errata":[]})", "errata.json");
  ASSERT_FALSE(bad_version.is_ok());
  EXPECT_NE(bad_version.status().message().find("errata.json: ModelVersion"), std::string::npos);
  // A replacement is checked like any rule: a broken one is reported at the rule's path.
  auto broken = RuleModel::parse(
      json, "mini.json",
      R"({"ModelVersion":"1.2","Errata":[{"RuleId":"R-D-000-M","Field":"Requirement","Reason":"r","Value":{"CheckFunction":"Nope"}}]})",
      "errata.json");
  ASSERT_FALSE(broken.is_ok());
  EXPECT_NE(broken.status().message().find("unknown check function \"Nope\""), std::string::npos);
}

TEST(CurrencyCodesTest, LoadsTheBundledIsoList) {
  auto codes = CurrencyCodes::bundled();
  ASSERT_TRUE(codes.is_ok()) << codes.status().to_string();
  EXPECT_EQ((*codes)->size(), 180u);
  EXPECT_TRUE((*codes)->contains("USD"));
  EXPECT_TRUE((*codes)->contains("EUR"));
  EXPECT_FALSE((*codes)->contains("usd"));
  EXPECT_FALSE((*codes)->contains("MC"));
}

TEST(CurrencyCodesTest, ReportsTheOffendingLine) {
  auto codes = CurrencyCodes::parse(",currency_codes\n0,USD\n1,dollars\n", "codes.csv");
  ASSERT_FALSE(codes.is_ok());
  EXPECT_NE(codes.status().message().find("codes.csv line 3"), std::string::npos);
}

}  // namespace
}  // namespace optima::focus
