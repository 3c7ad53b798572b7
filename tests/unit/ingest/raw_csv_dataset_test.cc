#include "optima/ingest/raw_csv_dataset.h"

#include <set>

#include <gtest/gtest.h>
#include <zlib.h>

#include "optima/focus/conformance/conformance_validator.h"

#include "support/shared_data.h"

namespace optima::ingest {
namespace {

using focus::ConformanceReport;
using focus::RuleResult;
using focus::RuleStatus;

std::unique_ptr<RawCsvDataset> from_string(std::string csv, RawCsvOptions options = {}) {
  auto data = RawCsvDataset::from_string(std::move(csv), "test.csv", std::move(options));
  EXPECT_TRUE(data.is_ok()) << data.status().to_string();
  return std::move(data).value();
}

// All cells of a dataset as rows of texts ("<null>" for null), read batch by batch.
std::vector<std::vector<std::string>> read_all(RawCsvDataset& data, std::vector<uint64_t>* lines) {
  std::vector<std::vector<std::string>> rows;
  focus::RowBatch batch;
  while (true) {
    auto more = data.next_batch(&batch);
    EXPECT_TRUE(more.is_ok()) << more.status().to_string();
    if (!more.is_ok() || !*more) {
      break;
    }
    EXPECT_EQ(batch.first_row, rows.size());
    for (size_t r = 0; r < batch.rows; ++r) {
      std::vector<std::string> row;
      for (const focus::ColumnBatch& col : batch.columns) {
        EXPECT_EQ(col.storage, focus::CellStorage::kText);
        row.push_back(col.is_null(r) ? "<null>" : col.text(r));
      }
      rows.push_back(std::move(row));
      if (lines != nullptr) {
        lines->push_back(batch.source_lines[r]);
      }
    }
  }
  return rows;
}

TEST(RawCsvDatasetTest, ReadsRawTextColumnWiseInBatchesWithNullLiterals) {
  RawCsvOptions options;
  options.batch_rows = 2;
  auto data = from_string(
      "\xEF\xBB\xBF"
      "BilledCost,ChargeCategory,Tags\n"
      "1,000,Usage,\"{\"\"a\"\":\"\"b\"\"}\"\n"
      "NULL,null,\n"
      "\"1,000\",\"multi\nline\", \n",
      options);
  EXPECT_EQ(data->column_names(),
            (std::vector<std::string>{"BilledCost", "ChargeCategory", "Tags"}));
  std::vector<uint64_t> lines;
  const auto rows = read_all(*data, &lines);
  ASSERT_EQ(rows.size(), 3u);
  // Row 1 has 4 fields ("1,000" unquoted splits): the extra cell is dropped, with a note.
  EXPECT_EQ(rows[0], (std::vector<std::string>{"1", "000", "Usage"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"<null>", "<null>", "<null>"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"1,000", "multi\nline", " "}));
  EXPECT_EQ(lines, (std::vector<uint64_t>{2, 3, 4}));
  EXPECT_EQ(data->rows_read(), 3u);
  ASSERT_EQ(data->notes().size(), 1u);
  EXPECT_EQ(data->notes()[0], "row 1 (line 2) has 4 fields, the header has 3: extra cells ignored");
}

TEST(RawCsvDatasetTest, ToleratesRaggedRowsBlankLinesAndOddHeadersWithNotes) {
  RawCsvOptions options;
  options.null_literals = {"NULL", "N/A"};
  auto data = from_string(" A ,B,,B,x_C\r\n1,2\r\n\r\nn/a,4,5,6,7\r\n", options);
  EXPECT_EQ(data->column_names(), (std::vector<std::string>{"A", "B", "x_C"}));
  const auto rows = read_all(*data, nullptr);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"1", "2", "<null>"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"<null>", "4", "7"}));
  const auto notes = data->notes();
  ASSERT_EQ(notes.size(), 4u);
  EXPECT_EQ(notes[0], "header ' A ' of column 1 trimmed to 'A'");
  EXPECT_EQ(notes[1], "column 3 has an empty header and is ignored");
  EXPECT_EQ(notes[2], "column 4 repeats the header 'B' and is ignored");
  EXPECT_EQ(notes[3], "row 1 (line 2) has 2 fields, the header has 5: missing cells read as null");
}

TEST(RawCsvDatasetTest, StripsAColumnNamespace) {
  RawCsvOptions options;
  options.column_namespace = "F";
  auto data = from_string("F:ChargeType,F:InvoiceIssuer,Other\na,b,c\n", options);
  EXPECT_EQ(data->column_names(),
            (std::vector<std::string>{"ChargeType", "InvoiceIssuer", "Other"}));
}

TEST(RawCsvDatasetTest, LimitsNotesAndCountsTheRest) {
  RawCsvOptions options;
  options.max_notes = 2;
  auto data = from_string("A,B\n1\n2\n3\n4\n", options);
  read_all(*data, nullptr);
  const auto notes = data->notes();
  ASSERT_EQ(notes.size(), 3u);
  EXPECT_EQ(notes[2], "2 more notes not listed");
}

TEST(RawCsvDatasetTest, ReadsGzipFiles) {
  optima::testing::TempDir dir;
  const std::filesystem::path path = dir.path() / "focus.csv.gz";
  gzFile out = gzopen(path.c_str(), "wb");
  ASSERT_NE(out, nullptr);
  const std::string csv = "BilledCost,ChargeCategory\n1.5,Usage\n,Tax\n";
  ASSERT_EQ(gzwrite(out, csv.data(), static_cast<unsigned>(csv.size())),
            static_cast<int>(csv.size()));
  ASSERT_EQ(gzclose(out), Z_OK);
  auto data = RawCsvDataset::open(path);
  ASSERT_TRUE(data.is_ok()) << data.status().to_string();
  EXPECT_EQ((*data)->description(), path.string());
  const auto rows = read_all(**data, nullptr);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"1.5", "Usage"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"<null>", "Tax"}));
}

TEST(RawCsvDatasetTest, ReportsEmptyFilesBadQuotingAndMissingFiles) {
  auto empty = RawCsvDataset::from_string("", "empty.csv");
  ASSERT_FALSE(empty.is_ok());
  EXPECT_EQ(empty.status().message(), "empty.csv: empty file, expected a header record");

  auto data = from_string("A,B\n1,\"unterminated\n");
  focus::RowBatch batch;
  auto more = data->next_batch(&batch);
  ASSERT_FALSE(more.is_ok());
  EXPECT_EQ(more.status().message().rfind("test.csv: ", 0), 0u) << more.status().message();

  auto missing = RawCsvDataset::open("/nonexistent/dir/file.csv");
  EXPECT_FALSE(missing.is_ok());
}

// --- the FinOps Foundation validator's own samples -------------------------------------------

const focus::ConformanceValidator& validator() {
  static const focus::ConformanceValidator kValidator = [] {
    auto r = focus::ConformanceValidator::bundled();
    OPTIMA_CHECK(r.is_ok());
    return std::move(r).value();
  }();
  return kValidator;
}

ConformanceReport validate_file(const std::filesystem::path& path,
                                const std::vector<std::string>& criteria = {},
                                focus::ColumnScope scope = focus::ColumnScope::kAllColumns,
                                RawCsvOptions csv = {}) {
  auto data = RawCsvDataset::open(path, std::move(csv));
  EXPECT_TRUE(data.is_ok()) << data.status().to_string();
  focus::ValidationOptions options;
  options.applicability_criteria = criteria;
  options.column_scope = scope;
  auto report = validator().validate(**data, options);
  EXPECT_TRUE(report.is_ok()) << report.status().to_string();
  return std::move(report).value();
}

std::filesystem::path sample(const std::string& name) {
  return optima::testing::shared_data("focus/validator-tests/samples/" + name);
}

// Failing rules that judge values, and failing presence rules, separately.
struct Failures {
  std::set<std::string> values;
  std::set<std::string> presence;
};

Failures failures(const ConformanceReport& report) {
  Failures out;
  for (const RuleResult& r : report.rules) {
    if (r.status != RuleStatus::kFail || r.function == "Composite") {
      continue;
    }
    (r.function == "Presence" ? out.presence : out.values).insert(r.rule_id);
  }
  return out;
}

// The presence rules of the FOCUS 1.2 Mandatory columns (CostAndUsage-D-0nn-M).
const std::set<std::string>& mandatory_presence() {
  static const std::set<std::string> kRules = {
      "CostAndUsage-D-005-M", "CostAndUsage-D-006-M", "CostAndUsage-D-008-M",
      "CostAndUsage-D-009-M", "CostAndUsage-D-010-M", "CostAndUsage-D-021-M",
      "CostAndUsage-D-023-M", "CostAndUsage-D-024-M", "CostAndUsage-D-025-M",
      "CostAndUsage-D-026-M", "CostAndUsage-D-028-M", "CostAndUsage-D-030-M",
      "CostAndUsage-D-031-M", "CostAndUsage-D-032-M", "CostAndUsage-D-035-M",
      "CostAndUsage-D-036-M", "CostAndUsage-D-037-M", "CostAndUsage-D-038-M",
      "CostAndUsage-D-040-M", "CostAndUsage-D-041-M", "CostAndUsage-D-068-M"};
  return kRules;
}
// Presence rules of the Recommended columns (ChargeFrequency, InvoiceId, ServiceSubcategory).
const std::set<std::string>& recommended_presence() {
  static const std::set<std::string> kRules = {"CostAndUsage-D-027-O", "CostAndUsage-D-033-O",
                                               "CostAndUsage-D-042-O"};
  return kRules;
}

std::set<std::string> presence_union(const std::set<std::string>& a,
                                     const std::set<std::string>& b) {
  std::set<std::string> out = a;
  out.insert(b.begin(), b.end());
  return out;
}

TEST(ValidatorSamplesTest, AllFailHasNoFocusColumnSoEveryPresenceRuleFails) {
  // all_fail.csv holds only the custom column x_foo.
  const ConformanceReport report = validate_file(sample("all_fail.csv"));
  EXPECT_FALSE(report.summary.conformant);
  const Failures f = failures(report);
  EXPECT_EQ(f.presence, presence_union(mandatory_presence(), recommended_presence()));
  EXPECT_TRUE(f.values.empty());
  EXPECT_EQ(report.summary.all.pass, 0u);
  EXPECT_EQ(report.summary.mandatory.fail, 23u);  // 21 columns + the two dataset composites
  EXPECT_TRUE(report.unknown_columns.empty());    // x_foo is a valid custom column
}

TEST(ValidatorSamplesTest, AllPass05UsesFocus05NamesThatAre12UnknownColumns) {
  // A FOCUS 0.5 file: its InvoiceIssuer, Provider, ChargeType, AmortizedCost... are 1.2's
  // InvoiceIssuerName, ProviderName, ChargeCategory, EffectiveCost.
  const ConformanceReport report = validate_file(sample("all_pass_0.5.csv"));
  EXPECT_EQ(report.unknown_columns,
            (std::vector<std::string>{"InvoiceIssuer", "ResourceID", "ChargeType", "Provider",
                                      "Publisher", "BilledCurrency", "Region", "AmortizedCost"}));
  const Failures f = failures(report);
  EXPECT_TRUE(f.presence.count("CostAndUsage-D-008-M"));   // ChargeCategory
  EXPECT_TRUE(f.presence.count("CostAndUsage-D-021-M"));   // PublisherName
  EXPECT_FALSE(f.presence.count("CostAndUsage-D-006-M"));  // BilledCost is there
  // Its one real value defect under 1.2: Sample-service-1 is in two ServiceCategories.
  EXPECT_EQ(f.values, std::set<std::string>{"ServiceName-C-005-C"});
  const RuleResult* r = report.find("ServiceName-C-005-C");
  ASSERT_EQ(r->samples.size(), 1u);
  EXPECT_EQ(r->samples[0].values[0].value, "Sample-service-1");
  EXPECT_EQ(r->samples[0].detail, "ServiceCategory values: Compute, Media, ...");
  EXPECT_EQ(report.find("BilledCost-C-001-M")->status, RuleStatus::kPass);
  EXPECT_EQ(report.find("BillingPeriodStart-C-002-M")->status, RuleStatus::kPass);
}

TEST(ValidatorSamplesTest, BilledCostTestHasZeroCostsAndNullParties) {
  // Header "BilledCost, ProviderName, InvoiceIssuerName" (spaces) over rows "0.0," (short).
  const ConformanceReport report = validate_file(sample("billedCostTest.csv"));
  EXPECT_EQ(report.columns,
            (std::vector<std::string>{"BilledCost", "ProviderName", "InvoiceIssuerName"}));
  EXPECT_EQ(report.notes[0], "header ' ProviderName' of column 2 trimmed to 'ProviderName'");
  const Failures f = failures(report);
  EXPECT_EQ(f.values, (std::set<std::string>{"InvoiceIssuerName-C-003-M", "ProviderName-C-003-M"}));
  EXPECT_EQ(report.find("ProviderName-C-003-M")->failing_rows, 2u);
  for (const char* id :
       {"BilledCost-C-001-M", "BilledCost-C-002-M", "BilledCost-C-003-M", "BilledCost-C-004-M"}) {
    EXPECT_EQ(report.find(id)->status, RuleStatus::kPass) << id;
  }
  // "BilledCost MUST be 0 for third-party charges": unknown parties select no row.
  const RuleResult* third_party = report.find("BilledCost-C-005-C");
  EXPECT_EQ(third_party->status, RuleStatus::kPass);
  EXPECT_EQ(third_party->checked_rows, 0u);
}

TEST(ValidatorSamplesTest, FailChargeTypeBadValueNamesA05ColumnNotIn12) {
  const ConformanceReport report = validate_file(sample("fail_charge_type_bad_value.csv"));
  EXPECT_EQ(report.unknown_columns, std::vector<std::string>{"ChargeType"});
  EXPECT_TRUE(failures(report).presence.count("CostAndUsage-D-008-M"));
  EXPECT_EQ(report.find("ChargeCategory-C-003-M")->status, RuleStatus::kNotApplicable);
}

TEST(ValidatorSamplesTest, FailInvoiceIssuerFlagsTheThirdPartyChargeWithACost) {
  const ConformanceReport report = validate_file(sample("fail_invoice_issuer.csv"));
  const Failures f = failures(report);
  EXPECT_EQ(f.values, std::set<std::string>{"BilledCost-C-005-C"});
  const RuleResult* r = report.find("BilledCost-C-005-C");
  EXPECT_EQ(r->failing_rows, 1u);
  EXPECT_EQ(r->checked_rows, 1u);  // row 2 has ProviderName == InvoiceIssuerName
  ASSERT_EQ(r->samples.size(), 1u);
  EXPECT_EQ(r->samples[0].row, 1u);
  EXPECT_EQ(r->samples[0].line, 2u);
  ASSERT_EQ(r->samples[0].values.size(), 3u);
  EXPECT_EQ(r->samples[0].values[0].column, "BilledCost");
  EXPECT_EQ(r->samples[0].values[0].value, "0.2");
  EXPECT_EQ(r->samples[0].values[2].value, "test-entity-1");
  EXPECT_EQ(report.unknown_columns, std::vector<std::string>{"ResourceID"});
}

TEST(ValidatorSamplesTest, ListUnitPriceTestIsCheckedOnlyWhenPublicPricesAreSupported) {
  const ConformanceReport none = validate_file(sample("listUnitPriceTest.csv"));
  EXPECT_EQ(none.find("ListUnitPrice-C-001-M")->status, RuleStatus::kNotApplicable);
  EXPECT_EQ(none.notes[0], "column 2 has an empty header and is ignored");
  const ConformanceReport with =
      validate_file(sample("listUnitPriceTest.csv"), {"PUBLIC_PRICE_LIST_SUPPORTED"});
  for (const char* id :
       {"ListUnitPrice-C-001-M", "ListUnitPrice-C-002-M", "ListUnitPrice-C-008-M"}) {
    EXPECT_EQ(with.find(id)->status, RuleStatus::kPass) << id;
  }
  EXPECT_TRUE(failures(with).values.empty());
  // Its presence rule applies now (and passes); other columns' rules stay not applicable.
  EXPECT_EQ(with.find("CostAndUsage-D-004-C")->status, RuleStatus::kPass);
}

TEST(ValidatorSamplesTest, NamespacedSampleMatchesThePlainOneOnceTheNamespaceIsStripped) {
  const ConformanceReport plain = validate_file(sample("multiple_failure_examples.csv"));
  RawCsvOptions ns;
  ns.column_namespace = "F";
  const ConformanceReport spaced = validate_file(sample("multiple_failure_example_namespaced.csv"),
                                                 {}, focus::ColumnScope::kAllColumns, ns);
  EXPECT_EQ(plain.unknown_columns, (std::vector<std::string>{"ChargeType", "InvoiceIssuer"}));
  EXPECT_EQ(spaced.unknown_columns, plain.unknown_columns);
  ASSERT_EQ(spaced.rules.size(), plain.rules.size());
  for (size_t i = 0; i < plain.rules.size(); ++i) {
    EXPECT_EQ(spaced.rules[i].status, plain.rules[i].status) << plain.rules[i].rule_id;
  }
  EXPECT_EQ(failures(plain).presence, presence_union(mandatory_presence(), recommended_presence()));
}

// --- the FOCUS 1.2 specification's example tables ---------------------------------------------

std::filesystem::path spec_example(const std::string& name) {
  return optima::testing::shared_data("billing/focus-spec-examples/v1.2/" + name);
}

// The date/time rules the SaaS examples fail: they write dates for people ("4/1/25").
const std::set<std::string>& display_dates() {
  static const std::set<std::string> kRules = {
      "BillingPeriodStart-C-001-M", "BillingPeriodStart-C-002-M", "BillingPeriodEnd-C-001-M",
      "BillingPeriodEnd-C-002-M",   "ChargePeriodStart-C-001-M",  "ChargePeriodStart-C-002-M",
      "ChargePeriodEnd-C-001-M",    "ChargePeriodEnd-C-002-M"};
  return kRules;
}
// The rules the simple-agreement examples also fail: their amounts are written for people
// ("$10,000.00 "), so costs are not numbers; they leave ServiceSubcategory empty and SkuMeter
// null (a SHOULD) under a SkuId.
const std::set<std::string>& display_amounts() {
  static const std::set<std::string> kRules = {"BilledCost-C-001-M",
                                               "BilledCost-C-002-M",
                                               "BilledCost-C-004-M",
                                               "EffectiveCost-C-001-M",
                                               "EffectiveCost-C-002-M",
                                               "ListCost-C-001-M",
                                               "ListCost-C-002-M",
                                               "ListCost-C-009-C",
                                               "ContractedCost-C-001-M",
                                               "ContractedCost-C-002-M",
                                               "ListUnitPrice-C-001-M",
                                               "ListUnitPrice-C-002-M",
                                               "ListUnitPrice-C-008-M",
                                               "ListUnitPrice-C-010-C",
                                               "ContractedUnitPrice-C-002-M",
                                               "ContractedUnitPrice-C-003-M",
                                               "ContractedUnitPrice-C-009-C",
                                               "ContractedUnitPrice-C-011-C",
                                               "ServiceSubcategory-C-002-M",
                                               "ServiceName-C-008-C",
                                               "SkuMeter-C-005-C"};
  return kRules;
}

std::set<std::string> plus(std::set<std::string> a, const std::set<std::string>& b) {
  a.insert(b.begin(), b.end());
  return a;
}

struct SpecExample {
  const char* file;
  std::set<std::string> failing;  // value rules failing, exactly; each is a defect of the example
};

TEST(SpecExamplesTest, PartialTablesPassEveryApplicableRuleExceptTheirOwnDefects) {
  const std::set<std::string> none;
  const std::vector<SpecExample> examples = {
      {"commitment_discount_flexibility/"
       "one_hundred_percent_utilization_with_commitment_discount_flexibility_with_1_resource.csv",
       none},
      {"commitment_discount_flexibility/"
       "one_hundred_percent_utilization_with_commitment_discount_flexibility_with_2_resources.csv",
       none},
      {"commitment_discount_flexibility/"
       "one_hundred_percent_utilization_without_commitment_discount_flexibility.csv",
       none},
      // Its Unused row has ConsumedQuantity 1.00; FOCUS: null when CommitmentDiscountStatus is
      // "Unused".
      {"commitment_discount_flexibility/"
       "zero_percent_utilization_without_commitment_discount_flexibility.csv",
       {"ConsumedQuantity-C-004-C"}},
      {"commitment_discount_scenarios/commitment_discount_purchase_scenario_1.csv", none},
      // A ChargePeriodEnd of "2023-02-01T30:00:00Z" (hour 30).
      {"commitment_discount_scenarios/commitment_discount_purchase_scenario_2.csv",
       {"ChargePeriodEnd-C-001-M", "ChargePeriodEnd-C-002-M"}},
      {"commitment_discount_scenarios/commitment_discount_purchase_scenario_3.csv",
       {"ChargePeriodEnd-C-001-M", "ChargePeriodEnd-C-002-M"}},
      {"commitment_discount_scenarios/commitment_discount_usage_scenario_1.csv", none},
      {"commitment_discount_scenarios/commitment_discount_usage_scenario_2.csv", none},
      {"commitment_discount_scenarios/commitment_discount_usage_scenario_3.csv", none},
      {"commitment_discount_scenarios/commitment_discount_usage_scenario_4.csv", none},
      {"saas_examples/simple_agreements/simple_saas_agreements_a1.csv",
       plus(plus(display_dates(), display_amounts()), {"EffectiveCost-C-005-C"})},
      {"saas_examples/simple_agreements/simple_saas_agreements_a2.csv",
       plus(plus(display_dates(), display_amounts()), {"EffectiveCost-C-005-C"})},
      {"saas_examples/simple_agreements/simple_saas_agreements_a3.csv",
       plus(plus(display_dates(), display_amounts()), {"EffectiveCost-C-005-C"})},
      {"saas_examples/simple_agreements/simple_saas_agreements_b.csv",
       plus(plus(display_dates(), display_amounts()), {"EffectiveCost-C-005-C"})},
      {"saas_examples/simple_agreements/simple_saas_agreements_c.csv",
       plus(display_dates(), display_amounts())},
      // ServiceCategory "Database" (FOCUS: "Databases"), ServiceSubcategory "No-SQL DB", a
      // Usage row without ConsumedQuantity, SkuMeter null under a SkuId (a SHOULD).
      {"saas_examples/spend_agreements/saas_spend_agreements_a1.csv",
       plus(display_dates(),
            {"ServiceCategory-C-003-M", "ServiceSubcategory-C-003-M", "ServiceSubcategory-C-004-M",
             "ConsumedQuantity-C-006-C", "SkuMeter-C-005-C"})},
      {"saas_examples/spend_agreements/saas_spend_agreements_a2.csv",
       plus(display_dates(),
            {"ServiceCategory-C-003-M", "ServiceSubcategory-C-003-M", "ServiceSubcategory-C-004-M",
             "ConsumedQuantity-C-006-C", "SkuMeter-C-005-C"})},
      // As a1/a2, and some rows leave ServiceName, ServiceCategory, ServiceSubcategory empty.
      {"saas_examples/spend_agreements/saas_spend_agreements_b1.csv",
       plus(display_dates(),
            {"ServiceCategory-C-002-M", "ServiceCategory-C-003-M", "ServiceName-C-003-M",
             "ServiceSubcategory-C-002-M", "ServiceSubcategory-C-003-M",
             "ServiceSubcategory-C-004-M", "ConsumedQuantity-C-006-C", "SkuMeter-C-005-C"})},
      {"saas_examples/spend_agreements/saas_spend_agreements_b2.csv",
       plus(display_dates(),
            {"ServiceCategory-C-002-M", "ServiceCategory-C-003-M", "ServiceName-C-003-M",
             "ServiceSubcategory-C-002-M", "ServiceSubcategory-C-003-M",
             "ServiceSubcategory-C-004-M", "ConsumedQuantity-C-006-C", "SkuMeter-C-005-C"})},
      {"saas_examples/virtual_currency_pricing_model_a1.csv", display_dates()},
      // ConsumedUnit/PricingUnit "Workflow operation": UnitFormat wants capitalised nouns (SHOULD).
      {"saas_examples/virtual_currency_pricing_model_a2.csv",
       plus(display_dates(), {"ConsumedUnit-C-003-O", "PricingUnit-C-003-O"})},
      // EffectiveCost written "0.00 " (trailing space: not NumericFormat).
      {"saas_examples/virtual_currency_pricing_model_b1.csv",
       plus(display_dates(), {"EffectiveCost-C-002-M"})},
      {"saas_examples/virtual_currency_pricing_model_b2.csv",
       plus(display_dates(), {"ConsumedUnit-C-003-O", "PricingUnit-C-003-O"})},
      {"saas_examples/virtual_currency_pricing_model_b3.csv",
       plus(display_dates(), {"ConsumedUnit-C-003-O", "PricingUnit-C-003-O"})},
      {"saas_examples/virtual_currency_pricing_model_c.csv", display_dates()},
  };
  for (const SpecExample& e : examples) {
    const ConformanceReport report =
        validate_file(spec_example(e.file), {"ALL"}, focus::ColumnScope::kPresentColumnsOnly);
    const Failures f = failures(report);
    EXPECT_TRUE(f.presence.empty()) << e.file;
    EXPECT_EQ(f.values, e.failing) << e.file << "\n" << focus::render_text(report);
    EXPECT_EQ(report.summary.conformant,
              std::none_of(e.failing.begin(), e.failing.end(),
                           [&](const std::string& id) { return report.find(id)->mandatory; }))
        << e.file;
  }
}

TEST(SpecExamplesTest, FullDatasetModeFailsPresenceOfTheColumnsAPartialTableLacks) {
  const std::string file = "commitment_discount_scenarios/commitment_discount_usage_scenario_1.csv";
  const ConformanceReport partial =
      validate_file(spec_example(file), {"ALL"}, focus::ColumnScope::kPresentColumnsOnly);
  EXPECT_TRUE(partial.summary.conformant);
  EXPECT_EQ(partial.find("CostAndUsage-D-024-M")->status, RuleStatus::kNotApplicable);
  EXPECT_NE(partial.find("CostAndUsage-D-024-M")->reason.find("only present columns are checked"),
            std::string::npos);

  const ConformanceReport full = validate_file(spec_example(file), {"ALL"});
  EXPECT_FALSE(full.summary.conformant);
  const Failures f = failures(full);
  EXPECT_TRUE(f.values.empty());
  EXPECT_TRUE(f.presence.count("CostAndUsage-D-024-M"));   // BillingAccountId
  EXPECT_FALSE(f.presence.count("CostAndUsage-D-006-M"));  // BilledCost is present
  EXPECT_EQ(full.find("CostAndUsage-D-024-M")->dataset_failures,
            std::vector<std::string>{"column BillingAccountId is not present"});
}

TEST(SpecExamplesTest, LowerCaseNullLiteralsOfTheExamplesAreNull) {
  // The flexibility examples write "null" and have blank lines between rows.
  auto data = RawCsvDataset::open(
      spec_example("commitment_discount_flexibility/"
                   "zero_percent_utilization_without_commitment_discount_flexibility.csv"));
  ASSERT_TRUE(data.is_ok());
  const auto rows = read_all(**data, nullptr);
  ASSERT_EQ(rows.size(), 3u);
  const auto& names = (*data)->column_names();
  const auto status = static_cast<size_t>(
      std::find(names.begin(), names.end(), "CommitmentDiscountStatus") - names.begin());
  EXPECT_EQ(rows[0][status], "<null>");
  EXPECT_EQ(rows[1][status], "Unused");
}

}  // namespace
}  // namespace optima::ingest
