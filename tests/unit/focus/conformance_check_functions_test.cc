// Each check function of the requirements model, and the rule-tree semantics around them
// (conditions, composites, alternatives, applicability, missing columns), on small models and
// raw-text rows.
#include <gtest/gtest.h>

#include "optima/focus/conformance/conformance_validator.h"

#include "conformance_test_support.h"

namespace optima::focus {
namespace {

using testing::TextDataset;
using Cells = std::vector<std::optional<std::string>>;
constexpr std::nullopt_t kNull = std::nullopt;

struct MiniRule {
  std::string id;
  std::string requirement;
  std::string condition = "{}";
  std::string keyword = "MUST";
  std::string criteria = "[]";
  std::string type = "Static";
  std::string status = "Active";
};

std::string rule_json(const MiniRule& r) {
  return "\"" + r.id + R"(":{"Function":"Validation","Reference":"T","EntityType":"Column",
    "Status":")" +
         r.status + R"(",
    "ApplicabilityCriteria":)" +
         r.criteria + R"(,"Type":")" + r.type + R"(",
    "ValidationCriteria":{"MustSatisfy":")" +
         r.id + R"( text","Keyword":")" + r.keyword + R"(",
    "Requirement":)" +
         r.requirement + R"(,"Condition":)" + r.condition + R"(,"Dependencies":[]}})";
}

std::string ref(const std::string& id) {
  return R"({"CheckFunction":"CheckModelRule","ModelRuleId":")" + id + "\"}";
}

// A model whose dataset root ("Root-D-000-M") is an AND over every rule not referenced by
// another one.
std::shared_ptr<const RuleModel> mini_model(const std::vector<MiniRule>& rules) {
  std::string body;
  std::string items;
  for (const MiniRule& r : rules) {
    body += rule_json(r) + ",";
    bool referenced = false;
    for (const MiniRule& other : rules) {
      referenced = referenced || other.requirement.find("\"" + r.id + "\"") != std::string::npos;
    }
    if (!referenced) {
      items += (items.empty() ? "" : ",") + ref(r.id);
    }
  }
  body += rule_json({"Root-D-000-M", R"({"CheckFunction":"AND","Items":[)" + items + "]}"});
  const std::string json = R"({"Details":{"ModelVersion":"1.2","FOCUSVersion":"1.2"},
    "ApplicabilityCriteria":{"A_SUPPORTED":{},"B_SUPPORTED":{}},"CheckFunctions":{},
    "ModelDatasets":{"CostAndUsage":{"ModelRules":["Root-D-000-M"]}},"ModelRules":{)" +
                           body + "}}";
  auto model = RuleModel::parse(json, "mini.json");
  EXPECT_TRUE(model.is_ok()) << model.status().to_string();
  return std::make_shared<const RuleModel>(std::move(model).value());
}

ConformanceReport run(const std::vector<MiniRule>& rules, std::vector<std::string> columns,
                      std::vector<Cells> rows, const ValidationOptions& options = {}) {
  ConformanceValidator validator(
      mini_model(rules), std::make_shared<const CurrencyCodes>(CurrencyCodes::of({"USD", "EUR"})));
  TextDataset data(std::move(columns), std::move(rows));
  auto report = validator.validate(data, options);
  EXPECT_TRUE(report.is_ok()) << report.status().to_string();
  return std::move(report).value();
}

// The 1-based rows a rule failed on (from its samples) and its status.
std::vector<uint64_t> failing_rows(const ConformanceReport& report, const std::string& id) {
  const RuleResult* r = report.find(id);
  EXPECT_NE(r, nullptr) << id;
  std::vector<uint64_t> rows;
  if (r == nullptr) {
    return rows;
  }
  for (const FailureSample& s : r->samples) {
    rows.push_back(s.row);
  }
  EXPECT_EQ(r->failing_rows, rows.size()) << id;
  EXPECT_EQ(r->status, rows.empty() ? RuleStatus::kPass : RuleStatus::kFail) << id;
  return rows;
}

using Rows = std::vector<uint64_t>;

std::string leaf(const std::string& function, const std::string& column) {
  return R"({"CheckFunction":")" + function + R"(","ColumnName":")" + column + "\"}";
}

std::string value_check(const std::string& function, const std::string& column,
                        const std::string& value_json) {
  return R"({"CheckFunction":")" + function + R"(","ColumnName":")" + column + R"(","Value":)" +
         value_json + "}";
}

TEST(ConformanceCheckFunctionsTest, CheckValueAndCheckNotValueFollowSqlNullSemantics) {
  const auto report =
      run({{"IsNull-C-001-M", value_check("CheckValue", "X", "null")},
           {"NotNull-C-002-M", value_check("CheckNotValue", "X", "null")},
           {"IsA-C-003-M", value_check("CheckValue", "X", "\"a\"")},
           {"NotA-C-004-M", value_check("CheckNotValue", "X", "\"a\"")},
           {"IsZero-C-005-M", value_check("CheckValue", "N", "0")}},
          {"X", "N"}, {{"a", "0"}, {"b", "0.00"}, {kNull, "0.5"}, {"a", "zero"}, {"b", kNull}});
  EXPECT_EQ(failing_rows(report, "IsNull-C-001-M"), (Rows{1, 2, 4, 5}));
  EXPECT_EQ(failing_rows(report, "NotNull-C-002-M"), (Rows{3}));
  EXPECT_EQ(failing_rows(report, "IsA-C-003-M"), (Rows{2, 5}));  // null is no violation
  EXPECT_EQ(failing_rows(report, "NotA-C-004-M"), (Rows{1, 4}));
  EXPECT_EQ(failing_rows(report, "IsZero-C-005-M"), (Rows{3, 4}));  // numeric: "0.00" == 0
}

TEST(ConformanceCheckFunctionsTest, ConditionsSelectRowsAndNullIsNotAnyValue) {
  const std::string y_not_null = value_check("CheckNotValue", "Y", "null");
  const auto report =
      run({{"WhenA-C-001-C", y_not_null, value_check("CheckValue", "X", "\"a\"")},
           {"WhenNotA-C-002-C", y_not_null, value_check("CheckNotValue", "X", "\"a\"")},
           {"WhenXNull-C-003-C", y_not_null, value_check("CheckValue", "X", "null")},
           {"WhenBoth-C-004-C", y_not_null,
            R"({"CheckFunction":"AND","Items":[)" + value_check("CheckNotValue", "X", "null") +
                "," + value_check("CheckNotValue", "X", "\"a\"") + "]}"}},
          {"X", "Y"}, {{"a", kNull}, {"b", kNull}, {kNull, kNull}, {"a", "y"}});
  EXPECT_EQ(failing_rows(report, "WhenA-C-001-C"), (Rows{1}));
  // "X is not 'a'" selects the null X (row 3) as well as 'b' (row 2).
  EXPECT_EQ(failing_rows(report, "WhenNotA-C-002-C"), (Rows{2, 3}));
  EXPECT_EQ(failing_rows(report, "WhenXNull-C-003-C"), (Rows{3}));
  EXPECT_EQ(failing_rows(report, "WhenBoth-C-004-C"), (Rows{2}));
  EXPECT_EQ(report.find("WhenA-C-001-C")->checked_rows, 2u);
}

TEST(ConformanceCheckFunctionsTest, SameValueChecksIgnoreNullsAsRequirementsAndConditions) {
  const std::string same =
      R"({"CheckFunction":"CheckSameValue","ColumnAName":"A","ColumnBName":"B"})";
  const std::string differ =
      R"({"CheckFunction":"CheckNotSameValue","ColumnAName":"A","ColumnBName":"B"})";
  const auto report = run(
      {{"Same-C-001-M", same},
       {"Differ-C-002-M", differ},
       {"ZeroWhenDiffer-C-003-C", value_check("CheckValue", "Cost", "0"), differ}},
      {"A", "B", "Cost"}, {{"p", "p", "5"}, {"p", "q", "0"}, {"p", kNull, "5"}, {"p", "q", "2.5"}});
  EXPECT_EQ(failing_rows(report, "Same-C-001-M"), (Rows{2, 4}));
  EXPECT_EQ(failing_rows(report, "Differ-C-002-M"), (Rows{1}));
  // BilledCost-C-005-C's shape: only rows with two known, different names are judged.
  EXPECT_EQ(failing_rows(report, "ZeroWhenDiffer-C-003-C"), (Rows{4}));
}

TEST(ConformanceCheckFunctionsTest, GreaterOrEqualAndProductCheckNumbers) {
  const auto report = run(
      {{"NonNegative-C-001-M",
        R"({"CheckFunction":"CheckGreaterOrEqualThanValue","ColumnName":"P","Value":0})"},
       {"Product-C-002-M",
        R"({"CheckFunction":"ColumnByColumnEqualsColumnValue","ColumnAName":"P","ColumnBName":"Q","ResultColumnName":"C"})"}},
      {"P", "Q", "C"},
      {{"0.0104", "2", "0.0208"},
       {"-1", "2", "-2"},
       {"abc", "1", "1"},
       {kNull, "3", "4"},
       {"0.0123", "3", "0.04"},
       {"0.0123", "3", "0.0400"},
       {"2", "3", "1E1"}});
  EXPECT_EQ(failing_rows(report, "NonNegative-C-001-M"), (Rows{2, 3}));
  // Row 3: not a number; row 4: null operand is not judged; row 5 matches at 2 decimals;
  // row 6 is written with 4 decimals and does not; row 7: 6 != 10.
  EXPECT_EQ(failing_rows(report, "Product-C-002-M"), (Rows{3, 6, 7}));
}

TEST(ConformanceCheckFunctionsTest, DistinctCountJudgesGroupsAndReportsThem) {
  const auto report = run(
      {{"OneCategory-C-001-M",
        R"({"CheckFunction":"CheckDistinctCount","ColumnAName":"Service","ColumnBName":"Category","ExpectedCount":1})"}},
      {"Service", "Category"},
      {{"EC2", "Compute"},
       {"S3", "Storage"},
       {"EC2", "Compute"},
       {"S3", "Databases"},
       {"Lambda", kNull},
       {kNull, "Other"},
       {"S3", "Storage"}});
  const RuleResult* r = report.find("OneCategory-C-001-M");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->status, RuleStatus::kFail);
  ASSERT_EQ(r->dataset_failures.size(), 1u);
  EXPECT_EQ(r->dataset_failures[0],
            "2 of 3 Service values do not have exactly 1 distinct Category value");
  EXPECT_EQ(r->failing_rows,
            4u);  // the rows of S3 (3) and Lambda (1); the null Service is no group
  ASSERT_EQ(r->samples.size(), 2u);
  EXPECT_EQ(r->samples[0].row, 2u);
  EXPECT_EQ(r->samples[0].values[0].value, "S3");
  EXPECT_EQ(r->samples[0].detail, "Category values: Storage, Databases, ...");
  EXPECT_EQ(r->samples[1].detail, "no non-null Category");
}

TEST(ConformanceCheckFunctionsTest, TypeAndFormatChecksReadTheRawText) {
  const auto report =
      run({{"Str-C-001-M", leaf("TypeString", "S")},
           {"Dec-C-002-M", leaf("TypeDecimal", "N")},
           {"Time-C-003-M", leaf("TypeDateTime", "T")},
           {"Utf8-C-004-M", leaf("FormatString", "S")},
           {"Num-C-005-M", leaf("FormatNumeric", "N")},
           {"Iso-C-006-M", leaf("FormatDateTime", "T")},
           {"Unit-C-007-M", leaf("FormatUnit", "U")},
           {"Cur-C-008-M", leaf("FormatCurrency", "C")},
           {"Kv-C-009-M", leaf("FormatKeyValue", "K")},
           {"Nat-C-010-M", leaf("CheckNationalCurrency", "C")},
           {"Valid-C-011-M", leaf("CheckDecimalValue", "N")}},
          {"S", "N", "T", "U", "C", "K"},
          {{"ok", "12.5", "2024-01-01T00:00:00Z", "GB-Hours", "USD", R"({"a":"b"})"},
           {"bad \xC3", "1,000", "2024-01-01", "gb", "Token", R"({"a":{"b":1}})"},
           {kNull, "+1", "yesterday", "Hours", "usd", "a=b"},
           {"ok", "1e+3", kNull, kNull, kNull, kNull}});
  EXPECT_EQ(failing_rows(report, "Str-C-001-M"), Rows{});  // raw text is always a string
  EXPECT_EQ(failing_rows(report, "Dec-C-002-M"), (Rows{2}));
  EXPECT_EQ(failing_rows(report, "Time-C-003-M"), (Rows{3}));
  EXPECT_EQ(failing_rows(report, "Utf8-C-004-M"), (Rows{2}));
  EXPECT_EQ(failing_rows(report, "Num-C-005-M"), (Rows{2, 3, 4}));
  EXPECT_EQ(failing_rows(report, "Iso-C-006-M"), (Rows{2, 3}));
  EXPECT_EQ(failing_rows(report, "Unit-C-007-M"), (Rows{2}));
  EXPECT_EQ(failing_rows(report, "Cur-C-008-M"), (Rows{3}));  // "Token" is a virtual currency
  EXPECT_EQ(failing_rows(report, "Kv-C-009-M"), (Rows{2, 3}));
  EXPECT_EQ(failing_rows(report, "Nat-C-010-M"), (Rows{2, 3}));
  EXPECT_EQ(failing_rows(report, "Valid-C-011-M"), (Rows{2}));
  const RuleResult* dec = report.find("Dec-C-002-M");
  ASSERT_EQ(dec->samples.size(), 1u);
  ASSERT_EQ(dec->samples[0].values.size(), 1u);
  EXPECT_EQ(dec->samples[0].values[0].column, "N");
  EXPECT_EQ(dec->samples[0].values[0].value, "1,000");
}

TEST(ConformanceCheckFunctionsTest, AndOrRequirementsCombinePerRow) {
  const auto report =
      run({{"Allowed-C-001-M", R"({"CheckFunction":"OR","Items":[)" +
                                   value_check("CheckValue", "X", "\"Usage\"") + "," +
                                   value_check("CheckValue", "X", "\"Tax\"") + "]}"},
           {"Pair-C-002-M", R"({"CheckFunction":"OR","Items":[{"CheckFunction":"AND","Items":[)" +
                                value_check("CheckValue", "X", "\"Usage\"") + "," +
                                value_check("CheckValue", "Y", "\"u\"") +
                                R"(]},{"CheckFunction":"AND","Items":[)" +
                                value_check("CheckValue", "X", "\"Tax\"") + "," +
                                value_check("CheckValue", "Y", "\"t\"") + "]}]}"}},
          {"X", "Y"}, {{"Usage", "u"}, {"Tax", "u"}, {"usage", "u"}, {kNull, "t"}});
  EXPECT_EQ(failing_rows(report, "Allowed-C-001-M"), (Rows{3}));
  EXPECT_EQ(failing_rows(report, "Pair-C-002-M"), (Rows{2, 3}));
}

TEST(ConformanceCheckFunctionsTest, ColumnPresentFailsOrIsNotApplicableForPartialTables) {
  const std::vector<MiniRule> rules = {
      {"HasX-D-001-M", leaf("ColumnPresent", "X")},
      {"HasZ-D-002-M", leaf("ColumnPresent", "Z")},
      {"ZNotNull-C-003-M", value_check("CheckNotValue", "Z", "null")}};
  const auto full = run(rules, {"X"}, {{"1"}});
  EXPECT_EQ(full.find("HasX-D-001-M")->status, RuleStatus::kPass);
  const RuleResult* z = full.find("HasZ-D-002-M");
  EXPECT_EQ(z->status, RuleStatus::kFail);
  EXPECT_EQ(z->dataset_failures, std::vector<std::string>{"column Z is not present"});
  EXPECT_EQ(full.find("ZNotNull-C-003-M")->status, RuleStatus::kNotApplicable);
  EXPECT_EQ(full.find("ZNotNull-C-003-M")->reason, "column Z not present");
  const RuleResult* root = full.find("Root-D-000-M");
  EXPECT_EQ(root->status, RuleStatus::kFail);
  EXPECT_EQ(root->dataset_failures,
            std::vector<std::string>{"HasZ-D-002-M fails: column Z is not present"});

  ValidationOptions partial;
  partial.column_scope = ColumnScope::kPresentColumnsOnly;
  const auto present_only = run(rules, {"X"}, {{"1"}}, partial);
  EXPECT_EQ(present_only.find("HasZ-D-002-M")->status, RuleStatus::kNotApplicable);
  EXPECT_EQ(present_only.find("Root-D-000-M")->status, RuleStatus::kPass);
  EXPECT_TRUE(present_only.summary.conformant);
  EXPECT_TRUE(present_only.present_columns_only);
}

TEST(ConformanceCheckFunctionsTest, CompositesFailWhereAReferencedRuleFailsUnderTheirCondition) {
  // "When X is not null, X adheres to: X is a number; X >= 0".
  const auto report = run(
      {{"X-C-001-C",
        R"({"CheckFunction":"AND","Items":[)" + ref("X-C-002-M") + "," + ref("X-C-003-M") + "]}",
        value_check("CheckNotValue", "X", "null")},
       {"X-C-002-M", leaf("TypeDecimal", "X")},
       {"X-C-003-M",
        R"({"CheckFunction":"CheckGreaterOrEqualThanValue","ColumnName":"X","Value":0})"},
       {"Y-C-004-M", value_check("CheckNotValue", "Y", "null")}},
      {"X", "Y"}, {{"1", "y"}, {"-2", "y"}, {kNull, "y"}, {"abc", kNull}});
  // X-C-003-M alone would fail the null row; under its parent's condition it is not judged.
  EXPECT_EQ(failing_rows(report, "X-C-003-M"), (Rows{2, 4}));
  EXPECT_EQ(report.find("X-C-003-M")->checked_rows, 3u);
  EXPECT_EQ(failing_rows(report, "X-C-002-M"), (Rows{4}));
  EXPECT_EQ(failing_rows(report, "X-C-001-C"), (Rows{2, 4}));
  EXPECT_EQ(report.find("X-C-001-C")->samples[0].detail, "via X-C-003-M");
  EXPECT_EQ(failing_rows(report, "Root-D-000-M"), (Rows{2, 4}));
  EXPECT_EQ(report.find("Root-D-000-M")->samples[1].detail, "via X-C-001-C > X-C-002-M");
}

TEST(ConformanceCheckFunctionsTest, OrAlternativesFailOnlyWhereEveryAlternativeFails) {
  // The model's InvoiceId nullability: null when not invoiced OR not null when invoiced.
  const auto report =
      run({{"Inv-C-001-C", R"({"CheckFunction":"OR","Items":[)" + ref("Inv-C-002-C") + "," +
                               ref("Inv-C-003-C") + "]}"},
           {"Inv-C-002-C", value_check("CheckValue", "InvoiceId", "null")},
           {"Inv-C-003-C", value_check("CheckNotValue", "InvoiceId", "null")},
           {"Kind-C-004-M", R"({"CheckFunction":"OR","Items":[)" + ref("Kind-C-005-M") + "," +
                                ref("Kind-C-006-M") + "]}"},
           {"Kind-C-005-M", value_check("CheckValue", "K", "\"a\"")},
           {"Kind-C-006-M", value_check("CheckValue", "K", "\"b\"")}},
          {"InvoiceId", "K"}, {{"INV-1", "a"}, {kNull, "b"}, {"INV-2", "c"}});
  EXPECT_EQ(failing_rows(report, "Inv-C-002-C"), Rows{});
  EXPECT_EQ(failing_rows(report, "Inv-C-003-C"), Rows{});
  EXPECT_EQ(failing_rows(report, "Inv-C-001-C"), Rows{});
  EXPECT_EQ(failing_rows(report, "Kind-C-005-M"), (Rows{3}));
  EXPECT_EQ(failing_rows(report, "Kind-C-006-M"), (Rows{3}));
  EXPECT_EQ(failing_rows(report, "Kind-C-004-M"), (Rows{3}));
}

TEST(ConformanceCheckFunctionsTest, MandatoryCompositesIgnoreShouldParts) {
  const auto report =
      run({{"Col-C-000-M", R"({"CheckFunction":"AND","Items":[)" + ref("Col-C-001-M") + "," +
                               ref("Col-C-002-O") + "]}"},
           {"Col-C-001-M", value_check("CheckNotValue", "X", "null")},
           {"Col-C-002-O", leaf("FormatUnit", "X"), "{}", "SHOULD"}},
          {"X"}, {{"hours"}});
  EXPECT_EQ(failing_rows(report, "Col-C-002-O"), (Rows{1}));
  EXPECT_EQ(failing_rows(report, "Col-C-000-M"), Rows{});
  EXPECT_TRUE(report.summary.conformant);
  EXPECT_EQ(report.summary.non_mandatory.fail, 1u);
  EXPECT_EQ(report.summary.by_keyword.at("SHOULD").fail, 1u);
}

TEST(ConformanceCheckFunctionsTest, MayRulesAreNeverFailures) {
  const auto report = run({{"Opt-C-001-O", value_check("CheckValue", "X", "null"), "{}", "MAY"}},
                          {"X"}, {{"1"}, {kNull}});
  const RuleResult* r = report.find("Opt-C-001-O");
  EXPECT_EQ(r->status, RuleStatus::kPass);
  EXPECT_EQ(r->reason, "permission not used on 1 of 2 rows");
  EXPECT_FALSE(r->mandatory);
}

TEST(ConformanceCheckFunctionsTest, ApplicabilityCriteriaAreInheritedByReferencedRules) {
  const std::vector<MiniRule> rules = {
      {"Opt-C-000-C", R"({"CheckFunction":"AND","Items":[)" + ref("Opt-C-001-M") + "]}", "{}",
       "MUST", R"(["A_SUPPORTED"])"},
      {"Opt-C-001-M", value_check("CheckNotValue", "X", "null")},
      {"Both-C-002-C", value_check("CheckNotValue", "X", "null"), "{}", "MUST",
       R"(["A_SUPPORTED","B_SUPPORTED"])"}};
  const auto none = run(rules, {"X"}, {{kNull}});
  EXPECT_EQ(none.find("Opt-C-000-C")->status, RuleStatus::kNotApplicable);
  EXPECT_EQ(none.find("Opt-C-000-C")->reason,
            "applies when the provider supports A_SUPPORTED (not in --applicability-criteria)");
  EXPECT_EQ(none.find("Opt-C-001-M")->status, RuleStatus::kNotApplicable);
  EXPECT_NE(none.find("Opt-C-001-M")->reason.find("part of Opt-C-000-C"), std::string::npos);
  EXPECT_EQ(none.find("Both-C-002-C")->status, RuleStatus::kNotApplicable);
  EXPECT_TRUE(none.summary.conformant);

  ValidationOptions b;
  b.applicability_criteria = {"b_supported"};  // names match ignoring case
  const auto with_b = run(rules, {"X"}, {{kNull}}, b);
  EXPECT_EQ(with_b.applicability_criteria, std::vector<std::string>{"B_SUPPORTED"});
  EXPECT_EQ(with_b.find("Opt-C-001-M")->status, RuleStatus::kNotApplicable);
  EXPECT_EQ(with_b.find("Both-C-002-C")->status, RuleStatus::kNotApplicable);

  ValidationOptions all;
  all.applicability_criteria = {"ALL"};
  const auto with_all = run(rules, {"X"}, {{kNull}}, all);
  EXPECT_EQ(with_all.applicability_criteria.size(), 2u);
  EXPECT_EQ(with_all.find("Opt-C-001-M")->status, RuleStatus::kFail);
  EXPECT_EQ(with_all.find("Opt-C-000-C")->status, RuleStatus::kFail);
}

// The model's rules with two criteria all say "when A and B" (e.g. CostAndUsage-D-047-C:
// PricingCurrencyContractedUnitPrice MUST be present when the provider supports virtual currency
// and publishes unit prices); reading them as "A or B" made a provider with a public price list
// and no virtual currency fail the virtual-currency rules.
TEST(ConformanceCheckFunctionsTest, RuleWithTwoCriteriaAppliesOnlyWhenBothAreSelected) {
  const std::vector<MiniRule> rules = {{"Both-C-001-C", value_check("CheckNotValue", "X", "null"),
                                        "{}", "MUST", R"(["A_SUPPORTED","B_SUPPORTED"])"}};
  ValidationOptions a;
  a.applicability_criteria = {"A_SUPPORTED"};
  const auto only_a = run(rules, {"X"}, {{kNull}}, a);
  EXPECT_EQ(only_a.find("Both-C-001-C")->status, RuleStatus::kNotApplicable);
  EXPECT_EQ(only_a.find("Both-C-001-C")->reason,
            "applies when the provider supports A_SUPPORTED and B_SUPPORTED (not in "
            "--applicability-criteria)");
  ValidationOptions both;
  both.applicability_criteria = {"A_SUPPORTED", "B_SUPPORTED"};
  EXPECT_EQ(run(rules, {"X"}, {{kNull}}, both).find("Both-C-001-C")->status, RuleStatus::kFail);
}

TEST(ConformanceCheckFunctionsTest, ProviderCriteriaHoldEachProvidersRowsToItsOwnCriteria) {
  const std::vector<MiniRule> rules = {
      {"Opt-C-000-C", R"({"CheckFunction":"AND","Items":[)" + ref("Opt-C-001-M") + "]}", "{}",
       "MUST", R"(["A_SUPPORTED"])"},
      {"Opt-C-001-M", value_check("CheckNotValue", "X", "null")},
      {"Col-D-001-C", leaf("ColumnPresent", "Z"), "{}", "MUST", R"(["B_SUPPORTED"])"}};
  ValidationOptions options;
  options.provider_criteria = {{"P", {"A_SUPPORTED"}}, {"Q", {"B_SUPPORTED"}}};
  // Rows 1 and 3 (provider P) are held to A; row 2 (Q) and 4 (undeclared R) are not.
  const auto report = run(rules, {"ProviderName", "X"},
                          {{"P", "x"}, {"Q", kNull}, {"P", kNull}, {"R", kNull}}, options);
  EXPECT_EQ(failing_rows(report, "Opt-C-001-M"), (Rows{3}));
  EXPECT_EQ(report.find("Opt-C-001-M")->checked_rows, 2u);
  EXPECT_EQ(report.find("Opt-C-000-C")->status, RuleStatus::kFail);
  // Q declares B and has rows: the presence rule applies to the dataset.
  EXPECT_EQ(report.find("Col-D-001-C")->status, RuleStatus::kFail);
  EXPECT_EQ(report.applicability_criteria,
            (std::vector<std::string>{"A_SUPPORTED", "B_SUPPORTED"}));
  EXPECT_EQ(report.provider_criteria.at("Q"), std::vector<std::string>{"B_SUPPORTED"});
  ASSERT_EQ(report.notes.size(), 1u);
  EXPECT_NE(report.notes[0].find("\"R\" declares no applicability criteria"), std::string::npos);

  // Without rows of Q, B's rules do not apply.
  const auto only_p = run(rules, {"ProviderName", "X"}, {{"P", "x"}}, options);
  EXPECT_EQ(only_p.find("Col-D-001-C")->status, RuleStatus::kNotApplicable);
  EXPECT_NE(only_p.find("Col-D-001-C")->reason.find("(Q); the dataset has none"),
            std::string::npos);
  EXPECT_TRUE(only_p.summary.conformant);
}

TEST(ConformanceCheckFunctionsTest, KnownGapsExcuseOnlyTheirProvidersRows) {
  const std::vector<MiniRule> rules = {
      {"Col-C-000-M", R"({"CheckFunction":"AND","Items":[)" + ref("Col-C-001-M") + "]}"},
      {"Col-C-001-M", value_check("CheckNotValue", "X", "null")}};
  ValidationOptions options;
  options.known_gaps = {{"P", "Col-C-001-M", "P's export has no X"}};
  const auto gap_only = run(rules, {"ProviderName", "X"}, {{"P", kNull}, {"Q", "x"}}, options);
  const RuleResult* leaf_rule = gap_only.find("Col-C-001-M");
  EXPECT_EQ(leaf_rule->status, RuleStatus::kKnownGap);
  EXPECT_EQ(leaf_rule->known_gap_rows, 1u);
  EXPECT_EQ(leaf_rule->failing_rows, 0u);
  EXPECT_EQ(leaf_rule->reason, "known gap; P: P's export has no X");
  ASSERT_EQ(leaf_rule->samples.size(), 1u);
  EXPECT_EQ(gap_only.find("Col-C-000-M")->status, RuleStatus::kKnownGap);
  EXPECT_FALSE(gap_only.summary.conformant);
  EXPECT_TRUE(gap_only.summary.conformant_except_known_gaps);
  EXPECT_EQ(gap_only.summary.mandatory.known_gap, 3u);  // with the dataset root

  // Another provider's failure is a failure.
  const auto mixed = run(rules, {"ProviderName", "X"}, {{"P", kNull}, {"Q", kNull}}, options);
  EXPECT_EQ(mixed.find("Col-C-001-M")->status, RuleStatus::kFail);
  EXPECT_EQ(mixed.find("Col-C-001-M")->failing_rows, 1u);
  EXPECT_EQ(mixed.find("Col-C-001-M")->known_gap_rows, 1u);
  EXPECT_FALSE(mixed.summary.conformant_except_known_gaps);

  ValidationOptions unknown_rule;
  unknown_rule.known_gaps = {{"P", "No-C-999-M", "?"}};
  ConformanceValidator validator(mini_model(rules),
                                 std::make_shared<const CurrencyCodes>(CurrencyCodes::of({"USD"})));
  TextDataset data({"X"}, {{"1"}});
  EXPECT_FALSE(validator.validate(data, unknown_rule).is_ok());
}

TEST(ConformanceCheckFunctionsTest, DynamicRulesAreSkippedNotPassed) {
  const auto report =
      run({{"Col-C-000-M", R"({"CheckFunction":"AND","Items":[)" + ref("Col-C-001-M") + "]}"},
           {"Col-C-001-M", "{}", "{}", "MUST", "[]", "Dynamic"}},
          {"X"}, {{"1"}});
  EXPECT_EQ(report.find("Col-C-001-M")->status, RuleStatus::kSkipped);
  EXPECT_EQ(report.find("Col-C-001-M")->reason, "dynamic rule: not machine-checkable");
  EXPECT_EQ(report.find("Col-C-000-M")->status, RuleStatus::kSkipped);
  EXPECT_EQ(report.summary.all.pass, 0u);
}

TEST(ConformanceCheckFunctionsTest, RulesThatAreNotActiveAreNotApplicable) {
  const auto report = run({{"Old-C-001-M", value_check("CheckNotValue", "X", "null"), "{}", "MUST",
                            "[]", "Static", "Deprecated"}},
                          {"X"}, {{kNull}});
  EXPECT_EQ(report.find("Old-C-001-M")->status, RuleStatus::kNotApplicable);
  EXPECT_EQ(report.find("Old-C-001-M")->reason, "rule status is Deprecated");
}

TEST(ConformanceCheckFunctionsTest, SamplesAreCappedAndRowsNumberedAcrossBatches) {
  std::vector<Cells> rows;
  rows.reserve(9);
  for (int i = 0; i < 9; ++i) {
    rows.push_back({i % 2 == 0 ? std::optional<std::string>() : "x"});
  }
  ValidationOptions options;
  options.max_samples = 3;
  const auto report =
      run({{"NotNull-C-001-M", value_check("CheckNotValue", "X", "null")}}, {"X"}, rows, options);
  const RuleResult* r = report.find("NotNull-C-001-M");
  EXPECT_EQ(r->failing_rows, 5u);
  EXPECT_EQ(r->checked_rows, 9u);
  ASSERT_EQ(r->samples.size(), 3u);
  EXPECT_EQ(r->samples[0].row, 1u);
  EXPECT_EQ(r->samples[2].row, 5u);
  EXPECT_FALSE(r->samples[0].values[0].value.has_value());
  EXPECT_EQ(report.rows, 9u);
}

TEST(ConformanceCheckFunctionsTest, RejectsUnknownCriteriaVersionsAndDatasets) {
  ConformanceValidator validator(
      mini_model({{"A-C-001-M", value_check("CheckNotValue", "X", "null")}}),
      std::make_shared<const CurrencyCodes>(CurrencyCodes::of({"USD"})));
  TextDataset data({"X"}, {{"1"}});
  ValidationOptions bad_criterion;
  bad_criterion.applicability_criteria = {"A_SUPPORTED", "C_SUPPORTED"};
  auto r1 = validator.validate(data, bad_criterion);
  ASSERT_FALSE(r1.is_ok());
  EXPECT_EQ(
      r1.status().message(),
      "unknown applicability criterion \"C_SUPPORTED\"; known: ALL, A_SUPPORTED, B_SUPPORTED");
  ValidationOptions bad_version;
  bad_version.focus_version = "1.1";
  auto r2 = validator.validate(data, bad_version);
  ASSERT_FALSE(r2.is_ok());
  EXPECT_NE(r2.status().message().find("requirements model is for FOCUS 1.2"), std::string::npos);
  ValidationOptions bad_dataset;
  bad_dataset.dataset = "ContractCommitment";
  EXPECT_FALSE(validator.validate(data, bad_dataset).is_ok());
  EXPECT_EQ(parse_criteria_list(" A, ,B "), (std::vector<std::string>{"A", "B"}));
}

}  // namespace
}  // namespace optima::focus
