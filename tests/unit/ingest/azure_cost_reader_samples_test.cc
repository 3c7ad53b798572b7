// The azure-cost reader on every Azure cost details sample in shared/data/billing: every row is
// accepted and the cost totals reconcile exactly with the source cost column, summed here from
// the raw CSV text.
#include <gtest/gtest.h>

#include "azure_test_support.h"
#include "optima/ingest/azure_cost_reader.h"
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
        Sample{"opencost/azure-billingexports/headersets/Enterprise.csv", "CostInBillingCurrency", 1},
        Sample{"opencost/azure-billingexports/headersets/EnterpriseCamel.csv",
               "costInBillingCurrency", 1},
        Sample{"opencost/azure-billingexports/headersets/German.csv", "PreTaxCost (PreTaxCost)", 1},
        Sample{"opencost/azure-billingexports/headersets/PayAsYouGo.csv", "PreTaxCost", 1},
        Sample{"opencost/azure-billingexports/headersets/YA.csv", "costInBillingCurrency", 1},
        Sample{"opencost/azure-billingexports/values/MissingBrackets.csv", "costinbillingcurrency", 1},
        Sample{"opencost/azure-billingexports/values/Template.csv", "costinbillingcurrency", 87},
        Sample{"opencost/azure-billingexports/values/VirtualMachine.csv", "costinbillingcurrency", 1},
        Sample{"focus-converters/test-fixtures/azure/sample-anonymous-ea-export-dataset.csv",
               "CostInBillingCurrency", 27}));

}  // namespace
}  // namespace optima::ingest
