// The bundled FOCUS 1.2 requirements model on a hand-built conformant table (typed and as raw
// text), on targeted breakages of it, and the report renderings.
#include "optima/focus/conformance/conformance_validator.h"

#include <functional>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "optima/focus/conformance/table_dataset.h"

#include "conformance_test_support.h"

namespace optima::focus {
namespace {

using testing::TextDataset;
using Cells = std::vector<std::optional<std::string>>;

const ConformanceValidator& validator() {
  static const ConformanceValidator kValidator = [] {
    auto r = ConformanceValidator::bundled();
    OPTIMA_CHECK(r.is_ok());
    return std::move(r).value();
  }();
  return kValidator;
}

ValidationOptions all_criteria() {
  ValidationOptions options;
  options.applicability_criteria = {"ALL"};
  return options;
}

ConformanceReport validate(ConformanceDataset& data, const ValidationOptions& options,
                           const ConformanceValidator& v = validator()) {
  auto report = v.validate(data, options);
  EXPECT_TRUE(report.is_ok()) << report.status().to_string();
  return std::move(report).value();
}

// The conformant table as raw text rows, as a CSV export of it would read.
struct TextTable {
  std::vector<std::string> columns;
  std::vector<Cells> rows;

  Cells::value_type& cell(size_t row, const std::string& column) {
    const auto it = std::find(columns.begin(), columns.end(), column);
    OPTIMA_CHECK(it != columns.end());
    return rows[row][static_cast<size_t>(it - columns.begin())];
  }
  void drop(const std::string& column) {
    const auto it = std::find(columns.begin(), columns.end(), column);
    const auto index = static_cast<size_t>(it - columns.begin());
    columns.erase(it);
    for (Cells& r : rows) {
      r.erase(r.begin() + static_cast<std::ptrdiff_t>(index));
    }
  }
};

TextTable conformant_text() {
  const Table table = testing::conformant_table();
  TextTable out;
  for (const ColumnInfo& info : all_columns()) {
    out.columns.emplace_back(info.name);
  }
  for (size_t r = 0; r < table.num_rows(); ++r) {
    Cells row;
    for (const ColumnInfo& info : all_columns()) {
      std::string text = table.cell_text(r, info.column);
      row.push_back(text.empty() ? std::nullopt : std::optional<std::string>(std::move(text)));
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

ConformanceReport validate_text(TextTable t, const ValidationOptions& options = all_criteria()) {
  TextDataset data(std::move(t.columns), std::move(t.rows), 3);
  return validate(data, options);
}

// Failing rules that check values themselves (composites only echo their parts).
std::set<std::string> failing_leaves(const ConformanceReport& report) {
  std::set<std::string> out;
  for (const RuleResult& r : report.rules) {
    if (r.status == RuleStatus::kFail && r.function != "Composite") {
      out.insert(r.rule_id);
    }
  }
  return out;
}

TEST(ConformanceValidatorTest, ConformantTablePassesEveryStaticMandatoryRuleWithAllCriteria) {
  TableDataset data({std::make_shared<const Table>(testing::conformant_table())});
  const ConformanceReport report = validate(data, all_criteria());
  EXPECT_TRUE(report.summary.conformant) << render_text(report);
  EXPECT_EQ(report.summary.all.fail, 0u) << render_text(report);
  EXPECT_EQ(report.rows, 8u);
  ASSERT_EQ(report.rules.size(), 621u);
  // Every Static rule was evaluated (none is left not applicable); Dynamic ones are skipped.
  EXPECT_EQ(report.summary.all.not_applicable, 0u);
  EXPECT_EQ(report.summary.all.pass + report.summary.all.skipped, 621u);
  EXPECT_GE(report.summary.all.skipped, 201u);
  const RuleResult* billed = report.find("BilledCost-C-003-M");
  ASSERT_NE(billed, nullptr);
  EXPECT_EQ(billed->checked_rows, 8u);
  EXPECT_TRUE(report.unknown_columns.empty());
}

TEST(ConformanceValidatorTest, ConformantTableReadAsRawTextPassesToo) {
  const ConformanceReport report = validate_text(conformant_text());
  EXPECT_EQ(report.summary.all.fail, 0u) << render_text(report);
  EXPECT_EQ(report.summary.all.not_applicable, 0u);
}

TEST(ConformanceValidatorTest, WithoutCriteriaConditionalColumnsAreNotApplicable) {
  TableDataset data({std::make_shared<const Table>(testing::conformant_table())});
  const ConformanceReport report = validate(data, ValidationOptions());
  EXPECT_TRUE(report.summary.conformant);
  EXPECT_GT(report.summary.all.not_applicable, 0u);
  const RuleResult* list_price = report.find("ListUnitPrice-C-001-M");
  ASSERT_NE(list_price, nullptr);
  EXPECT_EQ(list_price->status, RuleStatus::kNotApplicable);
  EXPECT_NE(list_price->reason.find("PUBLIC_PRICE_LIST_SUPPORTED"), std::string::npos)
      << list_price->reason;
  EXPECT_EQ(report.find("BilledCost-C-001-M")->status, RuleStatus::kPass);
}

struct Breakage {
  const char* name;
  std::function<void(TextTable&)> apply;
  std::set<std::string> failing;  // the value-checking rules expected to fail, exactly
  bool still_conformant = false;
};

TEST(ConformanceValidatorTest, EachBreakageFailsExactlyTheRulesThatDescribeIt) {
  const std::vector<Breakage> cases = {
      {"thousands separator in a cost",
       [](TextTable& t) { t.cell(0, "BilledCost") = "1,000"; },
       {"BilledCost-C-001-M", "BilledCost-C-002-M", "BilledCost-C-004-M"}},
      {"lower-case ChargeCategory (and so \"not Usage\": ConsumedQuantity must be null)",
       [](TextTable& t) { t.cell(0, "ChargeCategory") = "usage"; },
       {"ChargeCategory-C-003-M", "ConsumedQuantity-C-004-C"}},
      {"lower-case currency code",
       [](TextTable& t) { t.cell(0, "BillingCurrency") = "usd"; },
       {"BillingCurrency-C-003-M", "BillingCurrency-C-006-M"}},
      {"date/time without T and Z",
       [](TextTable& t) { t.cell(0, "ChargePeriodStart") = "2024-01-05 10:00:00"; },
       {"ChargePeriodStart-C-002-M"}},
      {"tags not a JSON object",
       [](TextTable& t) { t.cell(0, "Tags") = "team=core"; },
       {"Tags-C-001-M"}},
      {"unit in lower case (a SHOULD)",
       [](TextTable& t) { t.cell(0, "PricingUnit") = "hours"; },
       {"PricingUnit-C-003-O"},
       true},
      {"a service in two categories",
       [](TextTable& t) { t.cell(6, "ServiceCategory") = "Storage"; },
       {"ServiceName-C-005-C", "ServiceSubcategory-C-004-M"}},
      {"list cost not price x quantity",
       [](TextTable& t) { t.cell(0, "ListCost") = "0.03"; },
       {"ListCost-C-009-C", "ListUnitPrice-C-010-C"}},
      {"negative unit price",
       [](TextTable& t) {
         t.cell(0, "ContractedUnitPrice") = "-0.0104";
         t.cell(0, "ContractedCost") = "-0.0208";
       },
       {"ContractedUnitPrice-C-009-C"}},
      {"third-party charge billed by the provider",
       [](TextTable& t) { t.cell(0, "InvoiceIssuerName") = "Marketplace Reseller"; },
       {"BilledCost-C-005-C"}},
      {"commitment usage without status",
       [](TextTable& t) { t.cell(1, "CommitmentDiscountStatus") = std::nullopt; },
       {"CommitmentDiscountStatus-C-004-C"}},
      {"one SkuPriceId under two SkuIds",
       [](TextTable& t) { t.cell(1, "SkuId") = "SKU-OTHER"; },
       {"SkuPriceId-C-008-M"}},
      {"usage-based purchase",
       [](TextTable& t) { t.cell(2, "ChargeFrequency") = "Usage-Based"; },
       {"ChargeFrequency-C-004-C"}},
      {"consumed quantity on tax",
       [](TextTable& t) {
         t.cell(5, "ConsumedQuantity") = "1";
         t.cell(5, "ConsumedUnit") = "Hours";
       },
       {"ConsumedQuantity-C-004-C"}},
      {"missing mandatory column",
       [](TextTable& t) { t.drop("ChargeCategory"); },
       {"CostAndUsage-D-008-M"}},
  };
  for (const Breakage& c : cases) {
    TextTable t = conformant_text();
    c.apply(t);
    const ConformanceReport report = validate_text(std::move(t));
    EXPECT_EQ(failing_leaves(report), c.failing) << c.name << "\n" << render_text(report);
    EXPECT_EQ(report.summary.conformant, c.still_conformant) << c.name;
  }
}

TEST(ConformanceValidatorTest, FailureSamplesNameRowAndOffendingValues) {
  TextTable t = conformant_text();
  t.cell(3, "BilledCost") = "N/A";
  const ConformanceReport report = validate_text(std::move(t));
  const RuleResult* r = report.find("BilledCost-C-001-M");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->status, RuleStatus::kFail);
  EXPECT_EQ(r->failing_rows, 1u);
  EXPECT_EQ(r->checked_rows, 8u);
  ASSERT_EQ(r->samples.size(), 1u);
  EXPECT_EQ(r->samples[0].row, 4u);
  ASSERT_EQ(r->samples[0].values.size(), 1u);
  EXPECT_EQ(r->samples[0].values[0].column, "BilledCost");
  EXPECT_EQ(r->samples[0].values[0].value, "N/A");
  const RuleResult* composite = report.find("BilledCost-C-000-M");
  ASSERT_NE(composite, nullptr);
  EXPECT_EQ(composite->status, RuleStatus::kFail);
  EXPECT_EQ(composite->samples[0].detail, "via BilledCost-C-001-M");
}

TEST(ConformanceValidatorTest, TypedColumnsOfTheWrongTypeFailTypeChecks) {
  const std::string json = R"({"Details":{"ModelVersion":"1.2"},"ApplicabilityCriteria":{},
    "CheckFunctions":{},"ModelDatasets":{"CostAndUsage":{"ModelRules":["T-C-001-M","T-C-002-M"]}},
    "ModelRules":{
      "T-C-001-M":{"Function":"Type","Reference":"BilledCost","EntityType":"Column",
        "ApplicabilityCriteria":[],"Type":"Static","ValidationCriteria":{"MustSatisfy":"s",
        "Keyword":"MUST","Requirement":{"CheckFunction":"TypeString","ColumnName":"BilledCost"},
        "Condition":{},"Dependencies":[]}},
      "T-C-002-M":{"Function":"Type","Reference":"ServiceName","EntityType":"Column",
        "ApplicabilityCriteria":[],"Type":"Static","ValidationCriteria":{"MustSatisfy":"s",
        "Keyword":"MUST","Requirement":{"CheckFunction":"TypeDecimal","ColumnName":"ServiceName"},
        "Condition":{},"Dependencies":[]}}}})";
  auto model = RuleModel::parse(json, "mini.json");
  ASSERT_TRUE(model.is_ok()) << model.status().to_string();
  ConformanceValidator v(std::make_shared<const RuleModel>(std::move(model).value()),
                         std::make_shared<const CurrencyCodes>(CurrencyCodes::of({"USD"})));
  TableDataset data({std::make_shared<const Table>(testing::conformant_table())});
  const ConformanceReport report = validate(data, ValidationOptions(), v);
  EXPECT_EQ(report.find("T-C-001-M")->failing_rows, 8u);
  EXPECT_EQ(report.find("T-C-001-M")->samples[0].values[0].value, "0.0208");
  EXPECT_EQ(report.find("T-C-002-M")->failing_rows, 8u);
}

TEST(ConformanceValidatorTest, ThePublishedModelWithoutErrataRejectsConformantCommitmentRows) {
  auto published = ConformanceValidator::bundled(ModelErrata::kNone);
  ASSERT_TRUE(published.is_ok());
  TableDataset data({std::make_shared<const Table>(testing::conformant_table())});
  const ConformanceReport report = validate(data, all_criteria(), *published);
  EXPECT_EQ(failing_leaves(report), (std::set<std::string>{"CommitmentDiscountStatus-C-003-C",
                                                           "CommitmentDiscountStatus-C-004-C",
                                                           "CommitmentDiscountStatus-C-005-M"}));
  // With the errata the report lists what was corrected.
  TableDataset again({std::make_shared<const Table>(testing::conformant_table())});
  const ConformanceReport corrected = validate(again, all_criteria());
  const auto& notes = corrected.model_notes;
  EXPECT_TRUE(std::any_of(notes.begin(), notes.end(), [](const std::string& n) {
    return n.rfind("erratum applied to CommitmentDiscountStatus-C-005-M Requirement", 0) == 0;
  }));
}

TEST(ConformanceValidatorTest, RendersTextAndJson) {
  TextTable t = conformant_text();
  t.cell(0, "ChargeCategory") = "usage";
  t.columns.emplace_back("Extra");
  for (Cells& r : t.rows) {
    r.emplace_back("1");
  }
  const ConformanceReport report = validate_text(std::move(t));
  EXPECT_EQ(report.unknown_columns, std::vector<std::string>{"Extra"});

  const std::string text = render_text(report);
  EXPECT_NE(text.find("NOT CONFORMANT"), std::string::npos) << text;
  EXPECT_NE(text.find("ChargeCategory-C-003-M"), std::string::npos);
  EXPECT_NE(text.find("row 1: ChargeCategory='usage'"), std::string::npos) << text;
  EXPECT_NE(text.find("nor x_ custom columns: Extra"), std::string::npos);
  // 5 published-model malformations read leniently + 7 errata: counted, listed on request.
  EXPECT_NE(text.find("model notes: 12 "), std::string::npos) << text;
  EXPECT_NE(render_text(report, {false, true}).find("model note: erratum applied to Tags-C-003-C"),
            std::string::npos);
  EXPECT_EQ(text.find("BilledCost-C-001-M"), std::string::npos);  // passes are not listed
  EXPECT_NE(render_text(report, {true}).find("BilledCost-C-001-M"), std::string::npos);

  const auto json = nlohmann::json::parse(render_json(report));
  EXPECT_FALSE(json["summary"]["conformant"].get<bool>());
  EXPECT_EQ(json["summary"]["mandatory"]["fail"].get<uint64_t>(), report.summary.mandatory.fail);
  EXPECT_EQ(json["rows"].get<uint64_t>(), 8u);
  EXPECT_EQ(json["rules"].size(), 621u);
  EXPECT_EQ(json["model_notes"].size(), 12u);
  bool found = false;
  for (const auto& rule : json["rules"]) {
    if (rule["id"] != "ChargeCategory-C-003-M") {
      continue;
    }
    found = true;
    EXPECT_EQ(rule["status"], "fail");
    EXPECT_EQ(rule["keyword"], "MUST");
    EXPECT_TRUE(rule["mandatory"].get<bool>());
    EXPECT_EQ(rule["failing_rows"], 1);
    EXPECT_EQ(rule["samples"][0]["row"], 1);
    EXPECT_EQ(rule["samples"][0]["values"]["ChargeCategory"], "usage");
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace optima::focus
