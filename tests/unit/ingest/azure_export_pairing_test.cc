#include "optima/ingest/azure_export_pairing.h"

#include <gtest/gtest.h>

#include "optima/ingest/azure_cost_dataset.h"

#include "azure_test_support.h"
#include "support/shared_data.h"

namespace optima::ingest {
namespace {

namespace fs = std::filesystem;
using optima::testing::TempDir;

const char kHeader[] =
    "BillingAccountId,BillingPeriodStartDate,BillingPeriodEndDate,SubscriptionId,Date,"
    "CostInBillingCurrency\n";

std::string export_in(const fs::path& path, const std::string& account, const std::string& month) {
  fs::create_directories(path.parent_path());
  return testing::write_file(path, std::string(kHeader) + account + "," + month + "/01/2024," +
                                       month + "/28/2024,sub-1," + month + "/05/2024,1.5\n");
}

TEST(AzureCostDatasetTest, ReadsTheDatasetFromFileThenFolderNames) {
  EXPECT_EQ(azure_cost_dataset_of("EA_ActualCost_Small.csv"), AzureCostDataset::kActual);
  EXPECT_EQ(azure_cost_dataset_of("/x/EA_AmortizedCost_Small.csv"), AzureCostDataset::kAmortized);
  EXPECT_EQ(azure_cost_dataset_of("/x/monthly-amortised.csv.gz"), AzureCostDataset::kAmortized);
  EXPECT_EQ(azure_cost_dataset_of("/exports/ACTUALCOST/20240101-20240131/run-1/part_0_0001.csv"),
            AzureCostDataset::kActual);
  EXPECT_EQ(azure_cost_dataset_of("/exports/amortized/20240101-20240131/run-1/part_0_0001.csv"),
            AzureCostDataset::kAmortized);
  // Further than three folders up is not the export's name.
  EXPECT_EQ(azure_cost_dataset_of("/actual/a/b/c/part_0_0001.csv"), AzureCostDataset::kUnknown);
  EXPECT_EQ(azure_cost_dataset_of("/x/costreport.csv"), AzureCostDataset::kUnknown);
  EXPECT_EQ(azure_cost_dataset_of("/x/actual-vs-amortized.csv"), AzureCostDataset::kUnknown);
}

TEST(AzureExportPairingTest, ScopeIsBillingAccountAndMonthOfTheFirstRow) {
  auto scope = read_azure_export_scope(optima::testing::shared_data(
      "billing/ms-finops-toolkit/cost-exports/EA_ActualCost_Small.csv"));
  ASSERT_TRUE(scope.is_ok()) << scope.status().to_string();
  EXPECT_EQ(scope->billing_account, "8611537");
  EXPECT_EQ(scope->period, "2023-09");
  // MCA: the billing profile; no billing period columns: the month of Date.
  scope = read_azure_export_scope(
      optima::testing::shared_data("billing/koku/azure/camel_azure_version_2.csv"));
  ASSERT_TRUE(scope.is_ok());
  EXPECT_EQ(scope->billing_account, "NF5V-BI6B-BG7-PGB");
  EXPECT_EQ(scope->period, "2023-08");
  // Legacy: the subscription.
  scope = read_azure_export_scope(optima::testing::shared_data(
      "billing/opencost/azure-billingexports/headersets/PayAsYouGo.csv"));
  ASSERT_TRUE(scope.is_ok());
  EXPECT_EQ(scope->billing_account, "11111111-12ab-34dc-56ef-123456abcdef");
  EXPECT_EQ(scope->period, "2021-02");
  // No data row.
  scope = read_azure_export_scope(
      optima::testing::shared_data("billing/ms-finops-toolkit/cost-exports/EA_NoRows.csv"));
  ASSERT_TRUE(scope.is_ok());
  EXPECT_EQ(scope->period, "");
}

TEST(AzureExportPairingTest, PartitionedExportsOfOneScopeFormOneUnit) {
  TempDir dir;
  const auto a1 =
      export_in(dir.path() / "ea-actual/20240101-20240131/r1/part_0_0001.csv", "42", "01");
  const auto a2 =
      export_in(dir.path() / "ea-actual/20240101-20240131/r1/part_0_0002.csv", "42", "01");
  const auto m1 =
      export_in(dir.path() / "ea-amortized/20240101-20240131/r1/part_0_0001.csv", "42", "01");
  std::vector<std::string> notes;
  const auto units = plan_azure_units({a1, m1, a2}, "azure-cost", &notes);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].reader, "azure-cost");
  ASSERT_EQ(units[0].files.size(), 3u);
  EXPECT_EQ(units[0].files[0], m1);  // amortized parts first, then actual parts
  EXPECT_EQ(units[0].label, "Azure cost details 42 2024-01: 1 amortized + 2 actual file(s)");
  EXPECT_TRUE(notes.empty());
}

TEST(AzureExportPairingTest, DifferentPeriodsOrAccountsAreNotPaired) {
  TempDir dir;
  const auto jan_actual = export_in(dir.path() / "jan-actual.csv", "42", "01");
  const auto feb_amortized = export_in(dir.path() / "feb-amortized.csv", "42", "02");
  const auto other_account = export_in(dir.path() / "other-amortized.csv", "7", "01");
  std::vector<std::string> notes;
  const auto units =
      plan_azure_units({jan_actual, feb_amortized, other_account}, "azure-cost", &notes);
  ASSERT_EQ(units.size(), 3u);
  for (const auto& unit : units)
    EXPECT_EQ(unit.files.size(), 1u);
  ASSERT_EQ(notes.size(), 3u);
  EXPECT_NE(notes[0].find("actual cost export without a matching amortized export (billing "
                          "account 42, period 2024-01)"),
            std::string::npos)
      << notes[0];
}

TEST(AzureExportPairingTest, UnlabelledAndUnreadableFilesStandAlone) {
  TempDir dir;
  const auto unlabelled = export_in(dir.path() / "costreport.csv", "42", "01");
  const auto empty_actual = testing::write_file(dir.path() / "empty-actual.csv", kHeader);
  const auto amortized = export_in(dir.path() / "x-amortized.csv", "42", "01");
  std::vector<std::string> notes;
  const auto units = plan_azure_units({unlabelled, empty_actual, amortized}, "azure-cost", &notes);
  ASSERT_EQ(units.size(), 3u);
  EXPECT_EQ(units[0].files[0], unlabelled);
  EXPECT_EQ(units[1].files[0], empty_actual);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_NE(notes[0].find("could not be read (no data row)"), std::string::npos) << notes[0];
  EXPECT_NE(notes[1].find("amortized cost export without a matching actual export"),
            std::string::npos)
      << notes[1];
}

}  // namespace
}  // namespace optima::ingest
