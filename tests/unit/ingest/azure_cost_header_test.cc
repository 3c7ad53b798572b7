#include "optima/ingest/azure_cost_header.h"

#include <gtest/gtest.h>

#include "optima/ingest/csv_reader.h"

#include "support/shared_data.h"

namespace optima::ingest {
namespace {

std::vector<std::string> header_of(const std::string& relative) {
  auto reader = CsvReader::open(optima::testing::shared_data(relative).string());
  EXPECT_TRUE(reader.is_ok()) << relative;
  if (!reader.is_ok())
    return {};
  std::vector<std::string_view> fields;
  auto more = (*reader)->next(&fields);
  EXPECT_TRUE(more.is_ok() && *more) << relative;
  return {fields.begin(), fields.end()};
}

struct Dialect {
  std::string path;
  AzureAgreement agreement;
  std::string cost, date, subscription;  // the header names expected to be used
};

class AzureCostHeaderDialectTest : public ::testing::TestWithParam<Dialect> {};

TEST_P(AzureCostHeaderDialectTest, RecognizesTheDialectAndItsKeyColumns) {
  const Dialect& d = GetParam();
  const auto header = AzureCostHeader::recognize(header_of("billing/" + d.path));
  ASSERT_TRUE(header.has_value()) << d.path;
  EXPECT_EQ(header->agreement(), d.agreement) << d.path;
  EXPECT_EQ(header->name(AzureField::kCost), d.cost);
  EXPECT_EQ(header->name(AzureField::kDate), d.date);
  EXPECT_EQ(header->name(AzureField::kSubscriptionId), d.subscription);
}

INSTANTIATE_TEST_SUITE_P(
    SharedData, AzureCostHeaderDialectTest,
    ::testing::Values(
        // EA 2024 (CostInBillingCurrency + BillingCurrencyCode), no BOM.
        Dialect{"focus-converters/test-fixtures/azure/sample-anonymous-ea-export-dataset.csv",
                AzureAgreement::kEnterprise, "CostInBillingCurrency", "Date", "SubscriptionId"},
        // EA FinOps-hub variant (Cost + BillingCurrency), UTF-8 BOM.
        Dialect{"ms-finops-toolkit/cost-exports/EA_ActualCost_Small.csv",
                AzureAgreement::kEnterprise, "Cost", "Date", "SubscriptionId"},
        Dialect{"ms-finops-toolkit/cost-exports/EA_NoRows.csv", AzureAgreement::kEnterprise, "Cost",
                "Date", "SubscriptionId"},
        Dialect{"koku/azure/azure_version_2.csv", AzureAgreement::kEnterprise,
                "CostInBillingCurrency", "Date", "SubscriptionId"},
        // MCA camelCase.
        Dialect{"koku/azure/camel_azure_version_2.csv", AzureAgreement::kCustomerAgreement,
                "costInBillingCurrency", "date", "subscriptionId"},
        Dialect{"opencost/azure-billingexports/headersets/EnterpriseCamel.csv",
                AzureAgreement::kCustomerAgreement, "costInBillingCurrency", "date",
                "SubscriptionId"},
        // Legacy pay-as-you-go, with and without BOM, camelCased.
        Dialect{"opencost/azure-billingexports/headersets/PayAsYouGo.csv",
                AzureAgreement::kLegacyPayAsYouGo, "PreTaxCost", "UsageDateTime",
                "SubscriptionGuid"},
        Dialect{"opencost/azure-billingexports/headersets/BOM.csv",
                AzureAgreement::kLegacyPayAsYouGo, "PreTaxCost", "UsageDateTime",
                "SubscriptionGuid"},
        Dialect{"koku/azure/azure_camelCased.csv", AzureAgreement::kLegacyPayAsYouGo, "preTaxCost",
                "usageDateTime", "subscriptionGuid"},
        // German localised headers: the English name in parentheses.
        Dialect{"opencost/azure-billingexports/headersets/German.csv",
                AzureAgreement::kLegacyPayAsYouGo, "PreTaxCost (PreTaxCost)",
                "UsageDateTime (UsageDateTime)", "Abonnement-GUID (SubscriptionGuid)"},
        // "YA": camelCase, German and PascalCase mixed.
        Dialect{"opencost/azure-billingexports/headersets/YA.csv", AzureAgreement::kEnterprise,
                "costInBillingCurrency", "date", "subscriptionId"},
        // All lower case.
        Dialect{"opencost/azure-billingexports/values/MissingBrackets.csv",
                AzureAgreement::kEnterprise, "costinbillingcurrency", "UsageDateTime",
                "subscriptionid"}));

TEST(AzureCostHeaderTest, LocalisedHeadersMapThroughTheEnglishNameInParentheses) {
  const auto header = AzureCostHeader::recognize(
      header_of("billing/opencost/azure-billingexports/headersets/German.csv"));
  ASSERT_TRUE(header.has_value());
  EXPECT_EQ(header->name(AzureField::kResourceGroup), "Ressourcengruppe (ResourceGroup)");
  EXPECT_EQ(header->name(AzureField::kUnitOfMeasure), "Maßeinheit (UnitOfMeasure)");
  EXPECT_EQ(header->name(AzureField::kQuantity), "UsageQuantity (UsageQuantity)");
  EXPECT_EQ(header->name(AzureField::kUnitPrice), "Ressourcensatz (ResourceRate)");
  EXPECT_EQ(header->name(AzureField::kResourceId), "InstanceId (InstanceId)");
  EXPECT_EQ(header->name(AzureField::kBillingCurrency), "Currency");
}

TEST(AzureCostHeaderTest, HeaderKeyIsCaseInsensitiveAndUsesTheParenthesisedName) {
  EXPECT_EQ(azure_header_key("CostInBillingCurrency"), "costinbillingcurrency");
  EXPECT_EQ(azure_header_key("costinbillingcurrency"), "costinbillingcurrency");
  EXPECT_EQ(azure_header_key("\xEF\xBB\xBF"
                             "BillingAccountId"),
            "billingaccountid");
  EXPECT_EQ(azure_header_key("Abonnement-GUID (SubscriptionGuid)"), "subscriptionguid");
  EXPECT_EQ(azure_header_key(" Tags (Tags) "), "tags");
  EXPECT_EQ(azure_header_key("MeterSubCategory"), "metersubcategory");
}

TEST(AzureCostHeaderTest, MoreSpecificCostSpellingWins) {
  const auto header =
      AzureCostHeader::recognize({"Date", "SubscriptionId", "Cost", "CostInBillingCurrency"});
  ASSERT_TRUE(header.has_value());
  EXPECT_EQ(header->index(AzureField::kCost), 3);
  EXPECT_EQ(header->agreement(), AzureAgreement::kEnterprise);
}

TEST(AzureCostHeaderTest, RejectsHeadersOfOtherFormats) {
  // FOCUS (Azure's own FocusCost export included) belongs to the FOCUS reader.
  EXPECT_FALSE(AzureCostHeader::recognize(
      {"BilledCost", "ChargePeriodStart", "SubAccountId", "Date", "SubscriptionId", "Cost"}));
  EXPECT_FALSE(AzureCostHeader::recognize(
      {"identity/LineItemId", "lineItem/UsageStartDate", "lineItem/UnblendedCost"}));
  EXPECT_FALSE(AzureCostHeader::recognize({"billing_account_id", "cost", "usage_start_time"}));
  // A cost and a date but no subscription: not enough to claim the file.
  EXPECT_FALSE(AzureCostHeader::recognize({"Date", "Cost", "Region"}));
  EXPECT_FALSE(AzureCostHeader::recognize({}));
}

TEST(AzureCostHeaderTest, MissingFieldsReportAbsent) {
  const auto header =
      AzureCostHeader::recognize({"SubscriptionGuid", "UsageDateTime", "PreTaxCost"});
  ASSERT_TRUE(header.has_value());
  EXPECT_FALSE(header->has(AzureField::kTags));
  EXPECT_EQ(header->index(AzureField::kTags), -1);
  EXPECT_EQ(header->name(AzureField::kTags), "");
  EXPECT_EQ(header->column_count(), 3u);
}

}  // namespace
}  // namespace optima::ingest
