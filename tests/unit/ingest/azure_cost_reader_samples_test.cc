// The azure-cost reader on every Azure cost details sample in shared/data/billing: every row is
// accepted and the cost totals reconcile exactly with the source cost column, summed here from
// the raw CSV text.
#include <gtest/gtest.h>

#include "optima/ingest/azure_cost_reader.h"
#include "optima/ingest/csv_reader.h"

#include "azure_test_support.h"
#include "support/shared_data.h"

namespace optima::ingest {
namespace {

using focus::Column;
using optima::testing::shared_data;
using testing::raw_sum;
using testing::read_unit;

struct Sample {
  std::string path;         // under shared/data/billing
  std::string cost_column;  // the source cost column, as written in the header
  size_t rows;
};

class AzureCostReaderSampleTest : public ::testing::TestWithParam<Sample> {};

TEST_P(AzureCostReaderSampleTest, AcceptsEveryRowAndReconcilesCostExactly) {
  const Sample& sample = GetParam();
  const auto path = shared_data("billing/" + sample.path);
  auto reader = make_azure_cost_reader();

  auto csv = CsvReader::open(path.string());
  ASSERT_TRUE(csv.is_ok());
  std::vector<std::string_view> fields;
  ASSERT_TRUE(*(*csv)->next(&fields));
  EXPECT_TRUE(reader->detect(DetectInput{path, "", {fields.begin(), fields.end()}}));

  auto result = read_unit(*reader, {path});
  ASSERT_TRUE(result.status.is_ok()) << result.status.to_string();
  EXPECT_EQ(result.report.rows_read, sample.rows);
  EXPECT_EQ(result.report.rows_accepted, sample.rows);
  EXPECT_EQ(result.report.rows_skipped, 0u);
  EXPECT_TRUE(result.report.issues.empty());
  ASSERT_EQ(result.sink.rows(), sample.rows);

  const auto raw = raw_sum(path, sample.cost_column);
  ASSERT_TRUE(raw.ok);
  ASSERT_EQ(raw.rows, sample.rows);
  // A lone export (not joined with its amortized pair) bills and amortizes the same cost,
  // except rows billed through a commitment purchase, which none of these samples have.
  EXPECT_EQ(result.sink.sum(Column::kBilledCost).units(), raw.units) << sample.path;
  EXPECT_EQ(result.sink.sum(Column::kEffectiveCost).units(), raw.units) << sample.path;
}

INSTANTIATE_TEST_SUITE_P(
    SharedData, AzureCostReaderSampleTest,
    ::testing::Values(
        Sample{"ms-finops-toolkit/cost-exports/EA_ActualCost_Small.csv", "Cost", 11},
        Sample{"ms-finops-toolkit/cost-exports/EA_NoRows.csv", "Cost", 0},
        Sample{"koku/azure/azure_version_2.csv", "CostInBillingCurrency", 5},
        Sample{"koku/azure/camel_azure_version_2.csv", "costInBillingCurrency", 4},
        Sample{"koku/azure/azure_camelCased.csv", "preTaxCost", 3},
        Sample{"koku/azure/costreport_a243c6f2-199f-4074-9a2c-40e671cf1584.csv", "PreTaxCost", 3},
        Sample{"koku/azure/empty_frame.csv", "PreTaxCost", 0},
        Sample{"opencost/azure-billingexports/headersets/BOM.csv", "PreTaxCost", 1},
        Sample{"opencost/azure-billingexports/headersets/Enterprise.csv", "CostInBillingCurrency",
               1},
        Sample{"opencost/azure-billingexports/headersets/EnterpriseCamel.csv",
               "costInBillingCurrency", 1},
        Sample{"opencost/azure-billingexports/headersets/German.csv", "PreTaxCost (PreTaxCost)", 1},
        Sample{"opencost/azure-billingexports/headersets/PayAsYouGo.csv", "PreTaxCost", 1},
        Sample{"opencost/azure-billingexports/headersets/YA.csv", "costInBillingCurrency", 1},
        Sample{"opencost/azure-billingexports/values/MissingBrackets.csv", "costinbillingcurrency",
               1},
        Sample{"opencost/azure-billingexports/values/Template.csv", "costinbillingcurrency", 87},
        Sample{"opencost/azure-billingexports/values/VirtualMachine.csv", "costinbillingcurrency",
               1},
        Sample{"focus-converters/test-fixtures/azure/sample-anonymous-ea-export-dataset.csv",
               "CostInBillingCurrency", 27}));

const char kActual[] = "billing/ms-finops-toolkit/cost-exports/EA_ActualCost_Small.csv";
const char kAmortized[] = "billing/ms-finops-toolkit/cost-exports/EA_AmortizedCost_Small.csv";

bool has_warning(const ReadReport& report, std::string_view text) {
  for (const auto& w : report.warnings) {
    if (w.find(text) != std::string::npos)
      return true;
  }
  return false;
}

TEST(AzureCostReaderPairTest, PlanPairsTheMicrosoftActualAndAmortizedSample) {
  auto reader = make_azure_cost_reader();
  std::vector<std::string> notes;
  const auto units = reader->plan({shared_data(kActual), shared_data(kAmortized)}, &notes);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].reader, "azure-cost");
  EXPECT_EQ(units[0].files.size(), 2u);
  EXPECT_NE(units[0].label.find("8611537 2023-09"), std::string::npos) << units[0].label;
  EXPECT_TRUE(notes.empty());
}

// Microsoft's recipe on the sample pair: all 28 amortized rows plus the one reservation
// purchase of the actual export.
TEST(AzureCostReaderPairTest, JoinedPairReconcilesEffectiveWithAmortizedAndBilledWithTheRecipe) {
  auto reader = make_azure_cost_reader();
  const auto actual = shared_data(kActual);
  const auto amortized = shared_data(kAmortized);
  auto result = read_unit(*reader, {amortized, actual});
  ASSERT_TRUE(result.status.is_ok()) << result.status.to_string();
  EXPECT_EQ(result.report.rows_read, 39u);
  EXPECT_EQ(result.report.rows_accepted, 29u);
  EXPECT_EQ(result.report.rows_skipped, 0u);
  EXPECT_TRUE(has_warning(result.report, "10 actual-cost rows left out"));

  // Σ EffectiveCost = Σ amortized cost: the purchase adds 0, every amortized row its cost.
  const auto amortized_cost = raw_sum(amortized, "Cost");
  ASSERT_TRUE(amortized_cost.ok);
  EXPECT_EQ(result.sink.sum(Column::kEffectiveCost).units(), amortized_cost.units);

  // Σ BilledCost = amortized on-demand rows + the actual commitment purchase (the covered
  // usage is billed through that purchase).
  const auto amortized_on_demand = raw_sum(amortized, "Cost", "PricingModel", {"OnDemand"});
  const auto actual_purchases = raw_sum(actual, "Cost", "ChargeType", {"Purchase", "Refund"});
  ASSERT_TRUE(amortized_on_demand.ok && actual_purchases.ok);
  EXPECT_EQ(amortized_on_demand.rows, 26u);
  EXPECT_EQ(actual_purchases.rows, 1u);
  EXPECT_EQ(result.sink.sum(Column::kBilledCost).units(),
            amortized_on_demand.units + actual_purchases.units);

  // It does not equal Σ actual cost on this sample, and the recipe is not the reason: the two
  // "Small" files are separate extracts. The amortized file holds 26 on-demand rows, the actual
  // file only 10 of them, so the gap is exactly the 16 on-demand rows missing from the actual
  // extract.
  const auto actual_cost = raw_sum(actual, "Cost");
  const auto actual_on_demand = raw_sum(actual, "Cost", "PricingModel", {"OnDemand"});
  ASSERT_TRUE(actual_cost.ok && actual_on_demand.ok);
  EXPECT_EQ(actual_on_demand.rows, 10u);
  EXPECT_NE(result.sink.sum(Column::kBilledCost).units(), actual_cost.units);
  EXPECT_EQ(result.sink.sum(Column::kBilledCost).units() - actual_cost.units,
            amortized_on_demand.units - actual_on_demand.units);
}

TEST(AzureCostReaderPairTest, LoneAmortizedExportBillsOnlyTheChargesItOwns) {
  auto reader = make_azure_cost_reader();
  const auto amortized = shared_data(kAmortized);
  auto result = read_unit(*reader, {amortized});
  ASSERT_TRUE(result.status.is_ok()) << result.status.to_string();
  EXPECT_EQ(result.report.rows_accepted, 28u);
  const auto cost = raw_sum(amortized, "Cost");
  const auto on_demand = raw_sum(amortized, "Cost", "PricingModel", {"OnDemand"});
  EXPECT_EQ(result.sink.sum(Column::kEffectiveCost).units(), cost.units);
  EXPECT_EQ(result.sink.sum(Column::kBilledCost).units(), on_demand.units);
  EXPECT_TRUE(has_warning(result.report, "2 commitment-covered or unused commitment rows"));
}

TEST(AzureCostReaderPairTest, LoneActualExportKeepsThePurchaseInEffectiveCost) {
  auto reader = make_azure_cost_reader();
  const auto actual = shared_data(kActual);
  auto result = read_unit(*reader, {actual});
  ASSERT_TRUE(result.status.is_ok()) << result.status.to_string();
  const auto cost = raw_sum(actual, "Cost");
  EXPECT_EQ(result.sink.sum(Column::kBilledCost).units(), cost.units);
  EXPECT_EQ(result.sink.sum(Column::kEffectiveCost).units(), cost.units);
  EXPECT_TRUE(has_warning(result.report, "1 commitment purchase or refund rows read without"));
}

}  // namespace
}  // namespace optima::ingest
