// Targeted behaviour of the azure-cost reader on small exports written by the tests: date
// formats, key/value cells, dialects, the cost rules, bad cells and strictness.
#include "optima/ingest/azure_cost_reader.h"

#include <gtest/gtest.h>

#include "optima/core/file_io.h"

#include "azure_test_support.h"
#include "support/shared_data.h"

namespace optima::ingest {
namespace {

using core::Decimal;
using focus::Column;
using testing::AzureReadResult;

bool has_warning(const ReadReport& report, std::string_view text) {
  for (const auto& w : report.warnings) {
    if (w.find(text) != std::string::npos)
      return true;
  }
  return false;
}

class AzureCostReaderTest : public ::testing::Test {
 protected:
  std::filesystem::path write(const std::string& name, const std::string& content) {
    const auto path = dir_.path() / name;
    testing::write_file(path, content);
    return path;
  }
  AzureReadResult read_csv(const std::string& name, const std::string& content,
                      ReadOptions options = {}) {
    return testing::read_unit(*reader_, {write(name, content)}, options);
  }

  std::unique_ptr<Reader> reader_ = make_azure_cost_reader();
  optima::testing::TempDir dir_;
};

TEST_F(AzureCostReaderTest, ReadsEveryAzureDateFormatAsUtcDays) {
  const char* formats[][3] = {
      {"09/21/2023", "09/01/2023", "09/30/2023"},                             // EA, MCA
      {"9/21/2023", "9/1/2023", "9/30/2023"},                                 // converter fixture
      {"2023-09-21", "2023-09-01", "2023-09-30"},                             // older exports, koku
      {"2023-09-21 00:00:00", "2023-09-01 00:00:00", "2023-09-30 00:00:00"},  // legacy
      {"2023-09-21T00:00:00Z", "2023-09-01T00:00:00Z", "2023-09-30T00:00:00Z"},
  };
  for (const auto& f : formats) {
    auto r = read_csv(
        "dates.csv", std::string("SubscriptionId,Date,CostInBillingCurrency,BillingPeriodStartDate,"
                                 "BillingPeriodEndDate\ns,") +
                         f[0] + ",1," + f[1] + "," + f[2] + "\n");
    ASSERT_TRUE(r.status.is_ok()) << f[0] << ": " << r.status.to_string();
    ASSERT_EQ(r.sink.rows(), 1u) << f[0];
    EXPECT_EQ(r.sink.cell(0, Column::kChargePeriodStart), "2023-09-21T00:00:00Z") << f[0];
    // Daily rows: the charge period ends a day later.
    EXPECT_EQ(r.sink.cell(0, Column::kChargePeriodEnd), "2023-09-22T00:00:00Z") << f[0];
    EXPECT_EQ(r.sink.cell(0, Column::kBillingPeriodStart), "2023-09-01T00:00:00Z") << f[0];
    // BillingPeriodEndDate is the last day, inclusive: FOCUS's exclusive end is the day after.
    EXPECT_EQ(r.sink.cell(0, Column::kBillingPeriodEnd), "2023-10-01T00:00:00Z") << f[0];
  }
}

TEST_F(AzureCostReaderTest, WithoutBillingPeriodColumnsThePeriodIsTheMonthOfDate) {
  auto r = read_csv("legacy.csv",
                    "SubscriptionGuid,UsageDateTime,PreTaxCost\ns,2019-12-31 00:00:00,1\n");
  ASSERT_TRUE(r.status.is_ok());
  EXPECT_EQ(r.sink.cell(0, Column::kBillingPeriodStart), "2019-12-01T00:00:00Z");
  EXPECT_EQ(r.sink.cell(0, Column::kBillingPeriodEnd), "2020-01-01T00:00:00Z");
  EXPECT_TRUE(has_warning(r.report, "1 rows lack billing period dates"));
}

TEST_F(AzureCostReaderTest, TagsWithAndWithoutBracesAndEmptyValues) {
  auto r = read_csv("tags.csv",
                    "SubscriptionId,Date,Cost,Tags\n"
                    "s,2024-01-01,1,\"\"\"CostCenter\"\": \"\"1234\"\",\"\"org\"\": \"\"\"\"\"\n"
                    "s,2024-01-01,1,\"{\"\"project\"\":\"\"p1\"\"}\"\n"
                    "s,2024-01-01,1,\n"
                    "s,2024-01-01,1,\"\"\"n\"\": 2,\"\"b\"\": true\"\n");
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  ASSERT_EQ(r.sink.rows(), 4u);
  EXPECT_EQ(r.sink.tags(0), R"({"CostCenter":"1234","org":""})");
  EXPECT_EQ(r.sink.tags(1), R"({"project":"p1"})");
  EXPECT_EQ(r.sink.tags(2), "{}");
  EXPECT_EQ(r.sink.tags(3), R"({"b":"true","n":"2"})");
}

TEST_F(AzureCostReaderTest, AdditionalInfoBecomesSkuPriceDetailsAndCapacityReservation) {
  auto r = read_csv(
      "info.csv",
      "SubscriptionId,Date,Cost,ChargeType,MeterId,ResourceId,AdditionalInfo\n"
      // Without braces (opencost MissingBrackets.csv), nested value kept as text.
      "s,2024-01-01,1,Usage,m-1,/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/"
      "virtualMachines/vm1,\"\"\"ServiceType\"\": \"\"Standard_DS2_v2\"\", \"\"VCPUs\"\": 2, "
      "\"\"Nested\"\": {\"\"a\"\": 1}, \"\"VMCapacityReservationId\"\": \"\"cr-1\"\"\"\n"
      // Billed to the capacity reservation itself: unused capacity. No meter: no SKU price, so
      // no SkuPriceDetails (FOCUS: null when SkuPriceId is null).
      "s,2024-01-01,1,Usage,,/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/"
      "capacityReservationGroups/grp/capacityReservations/cr,\"{\"\"VMCapacityReservationId\"\":"
      "\"\"cr-1\"\"}\"\n");
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.sink.cell(0, Column::kSkuPriceDetails),
            R"({"x_Nested":"{\"a\":1}","x_ServiceType":"Standard_DS2_v2","x_VCPUs":2,)"
            R"("x_VMCapacityReservationId":"cr-1"})");
  EXPECT_EQ(r.sink.cell(0, Column::kSkuPriceId), "m-1");
  EXPECT_EQ(r.sink.cell(1, Column::kSkuPriceDetails), "");
  EXPECT_EQ(r.sink.cell(0, Column::kCapacityReservationId), "cr-1");
  EXPECT_EQ(r.sink.cell(0, Column::kCapacityReservationStatus), "Used");
  EXPECT_EQ(r.sink.cell(1, Column::kCapacityReservationStatus), "Unused");
  EXPECT_EQ(r.sink.cell(1, Column::kResourceName), "cr");
  EXPECT_EQ(r.sink.extension(1, "x_ResourceType"),
            "microsoft.compute/capacityreservationgroups/capacityreservations");
}

TEST_F(AzureCostReaderTest, GermanHeadersMapThroughTheirEnglishNames) {
  auto r = testing::read_unit(*reader_,
                              {optima::testing::shared_data(
                                  "billing/opencost/azure-billingexports/headersets/German.csv")});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  ASSERT_EQ(r.sink.rows(), 1u);
  EXPECT_EQ(r.sink.cell(0, Column::kSubAccountId), "11111111-12ab-34dc-56ef-123456abcdef");
  EXPECT_EQ(r.sink.cell(0, Column::kSubAccountType), "Subscription");
  EXPECT_EQ(r.sink.cell(0, Column::kBilledCost), "0.075");
  EXPECT_EQ(r.sink.cell(0, Column::kBillingCurrency), "USD");
  EXPECT_EQ(r.sink.cell(0, Column::kChargePeriodStart), "2021-02-02T00:00:00Z");
  EXPECT_EQ(r.sink.cell(0, Column::kRegionId), "eastus");
  EXPECT_EQ(r.sink.cell(0, Column::kRegionName), "East US");
  EXPECT_EQ(r.sink.cell(0, Column::kContractedUnitPrice), "0.025");  // Ressourcensatz
  EXPECT_EQ(r.sink.cell(0, Column::kPricingQuantity), "3");
  EXPECT_EQ(r.sink.cell(0, Column::kPricingUnit), "100 Hours");  // Maßeinheit
  EXPECT_EQ(r.sink.cell(0, Column::kServiceName), "Load Balancer");
  EXPECT_EQ(r.sink.cell(0, Column::kServiceCategory), "Networking");
  EXPECT_EQ(r.sink.cell(0, Column::kResourceType), "Load balancer");
  EXPECT_EQ(r.sink.cell(0, Column::kResourceName), "kubernetes");
  EXPECT_EQ(r.sink.extension(0, "x_ResourceGroupName"), "Example-Resource-Group");
  EXPECT_EQ(r.sink.extension(0, "x_SkuMeterCategory"), "Load Balancer");
  EXPECT_EQ(r.sink.extension(0, "x_SkuTier"), "Std Load Balancer");
}

TEST_F(AzureCostReaderTest, BlockPricedQuantitiesKeepCostEqualToPriceTimesQuantity) {
  // Cost Management counts Quantity in UnitOfMeasure blocks: 0.0004 x "10K" = 4 operations.
  auto r = read_csv("block.csv",
                    "SubscriptionId,Date,CostInBillingCurrency,ChargeType,PricingModel,Quantity,"
                    "UnitOfMeasure,UnitPrice,PayGPrice\n"
                    "s,2024-01-01,0.00004,Usage,OnDemand,0.0004,10K,0.1,0.12\n"
                    "s,2024-01-01,2.64,Usage,OnDemand,24,1 Hour,0.11,0.11\n");
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.sink.cell(0, Column::kPricingQuantity), "0.0004");
  EXPECT_EQ(r.sink.cell(0, Column::kPricingUnit), "10000 Units");
  EXPECT_EQ(r.sink.cell(0, Column::kConsumedQuantity), "4");
  EXPECT_EQ(r.sink.cell(0, Column::kConsumedUnit), "Units");
  EXPECT_EQ(r.sink.extension(0, "x_PricingBlockSize"), "10000");
  EXPECT_EQ(r.sink.extension(0, "x_PricingUnitDescription"), "10K");
  EXPECT_EQ(r.sink.cell(0, Column::kContractedUnitPrice), "0.1");
  EXPECT_EQ(r.sink.cell(0, Column::kContractedCost), "0.00004");
  EXPECT_EQ(r.sink.cell(0, Column::kListUnitPrice), "0.12");
  EXPECT_EQ(r.sink.cell(0, Column::kListCost), "0.000048");
  EXPECT_EQ(r.sink.cell(1, Column::kPricingUnit), "Hours");
  EXPECT_EQ(r.sink.cell(1, Column::kConsumedQuantity), "24");
  EXPECT_EQ(r.sink.cell(1, Column::kContractedCost), "2.64");
}

TEST_F(AzureCostReaderTest, ChargeTypesMapToFocusCategoriesAndCostRules) {
  auto r = read_csv(
      "lone.csv",
      "SubscriptionId,Date,CostInBillingCurrency,ChargeType,PricingModel,Frequency,Quantity,"
      "UnitOfMeasure,UnitPrice,benefitId\n"
      "s,2024-01-01,5,Usage,OnDemand,UsageBased,1,1 Hour,5,\n"
      "s,2024-01-01,7,Purchase,Reservation,OneTime,1,1 Hour,7,/providers/Microsoft.Capacity/ro/1\n"
      "s,2024-01-01,-2,Refund,Reservation,OneTime,1,1 Hour,2,/providers/Microsoft.Capacity/ro/1\n"
      "s,2024-01-01,3,UnusedReservation,Reservation,UsageBased,3,1 "
      "Hour,1,/providers/Microsoft.Capacity/ro/1\n"
      "s,2024-01-01,4,UnusedSavingsPlan,SavingsPlan,UsageBased,4,1 "
      "Hour,1,/providers/Microsoft.BillingBenefits/sp/1\n"
      "s,2024-01-01,-1,Credit,,,,,,\n"
      "s,2024-01-01,0.5,Tax,,,,,0.5,\n"
      "s,2024-01-01,0.01,RoundingAdjustment,,,,,,\n"
      "s,2024-01-01,6,Usage,SavingsPlan,UsageBased,2,1 "
      "Hour,4,/providers/Microsoft.BillingBenefits/sp/1\n");
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  ASSERT_EQ(r.sink.rows(), 9u);
  const char* expected[][6] = {
      // ChargeCategory, ChargeClass, BilledCost, EffectiveCost, CommitmentDiscountStatus,
      // ChargeFrequency
      {"Usage", "", "5", "5", "", "Usage-Based"},
      {"Purchase", "", "7", "7", "", "One-Time"},  // lone export: not amortized
      {"Purchase", "Correction", "-2", "-2", "", "One-Time"},
      {"Usage", "", "0", "3", "Unused", "Usage-Based"},
      {"Usage", "", "0", "4", "Unused", "Usage-Based"},
      {"Credit", "", "-1", "-1", "", ""},
      {"Tax", "", "0.5", "0.5", "", ""},
      {"Adjustment", "", "0.01", "0.01", "", ""},
      {"Usage", "", "0", "6", "Used", "Usage-Based"},
  };
  for (size_t row = 0; row < 9; ++row) {
    EXPECT_EQ(r.sink.cell(row, Column::kChargeCategory), expected[row][0]) << row;
    EXPECT_EQ(r.sink.cell(row, Column::kChargeClass), expected[row][1]) << row;
    EXPECT_EQ(r.sink.cell(row, Column::kBilledCost), expected[row][2]) << row;
    EXPECT_EQ(r.sink.cell(row, Column::kEffectiveCost), expected[row][3]) << row;
    EXPECT_EQ(r.sink.cell(row, Column::kCommitmentDiscountStatus), expected[row][4]) << row;
    EXPECT_EQ(r.sink.cell(row, Column::kChargeFrequency), expected[row][5]) << row;
  }
  // Unused commitment rows consume nothing; Tax rows have no unit prices.
  EXPECT_EQ(r.sink.cell(3, Column::kConsumedQuantity), "");
  EXPECT_EQ(r.sink.cell(3, Column::kPricingQuantity), "3");
  EXPECT_EQ(r.sink.cell(6, Column::kContractedUnitPrice), "");
  EXPECT_EQ(r.sink.cell(6, Column::kPricingCategory), "");
  // Commitment types from the benefit id.
  EXPECT_EQ(r.sink.cell(1, Column::kCommitmentDiscountType), "Reservation");
  EXPECT_EQ(r.sink.cell(1, Column::kCommitmentDiscountCategory), "Usage");
  EXPECT_EQ(r.sink.cell(4, Column::kCommitmentDiscountType), "Savings Plan");
  EXPECT_EQ(r.sink.cell(4, Column::kCommitmentDiscountCategory), "Spend");
  EXPECT_EQ(r.sink.cell(0, Column::kCommitmentDiscountId), "");
  EXPECT_EQ(r.sink.extension(1, "x_AmortizationClass"), "Principal");
  EXPECT_EQ(r.sink.extension(3, "x_AmortizationClass"), "Amortized Charge");
  // Commitment quantities: a reservation's in its pricing unit, a savings plan's in the billing
  // currency; none on corrections.
  EXPECT_EQ(r.sink.cell(1, Column::kCommitmentDiscountQuantity), "1");
  EXPECT_EQ(r.sink.cell(1, Column::kCommitmentDiscountUnit), "Hours");
  EXPECT_EQ(r.sink.cell(2, Column::kCommitmentDiscountQuantity), "");
  EXPECT_EQ(r.sink.cell(3, Column::kCommitmentDiscountQuantity), "3");
  // A savings plan's unit is the billing currency, which this export lacks.
  EXPECT_EQ(r.sink.cell(4, Column::kCommitmentDiscountQuantity), "");
  EXPECT_EQ(r.sink.cell(0, Column::kCommitmentDiscountQuantity), "");
  EXPECT_TRUE(has_warning(r.report, "2 commitment purchase or refund rows read without"));
  EXPECT_TRUE(has_warning(r.report, "3 commitment-covered or unused commitment rows"));
}

// EA exports have no pricing currency: prices are in the billing currency, which FOCUS's
// PricingCurrency columns then repeat. The meter identifies the price (SkuPriceId = SkuId).
TEST_F(AzureCostReaderTest, EaPricesAreInTheBillingCurrency) {
  auto r = read_csv("ea.csv",
                    "SubscriptionId,Date,CostInBillingCurrency,BillingCurrencyCode,ChargeType,"
                    "PricingModel,Quantity,UnitOfMeasure,UnitPrice,PayGPrice,MeterId,benefitId\n"
                    "s,2024-01-01,5,EUR,Usage,OnDemand,1,1 Hour,5,6,m-1,\n"
                    "s,2024-01-01,6,EUR,Usage,SavingsPlan,2,1 Hour,3,4,m-2,"
                    "/providers/Microsoft.BillingBenefits/sp/1\n"
                    "s,2024-01-01,0.5,EUR,Tax,,,,,,,\n");
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.sink.cell(0, Column::kPricingCurrency), "EUR");
  EXPECT_EQ(r.sink.cell(0, Column::kPricingCurrencyContractedUnitPrice), "5");
  EXPECT_EQ(r.sink.cell(0, Column::kPricingCurrencyListUnitPrice), "6");
  EXPECT_EQ(r.sink.cell(0, Column::kPricingCurrencyEffectiveCost), "5");
  EXPECT_EQ(r.sink.cell(0, Column::kSkuPriceId), "m-1");
  EXPECT_EQ(r.sink.cell(1, Column::kCommitmentDiscountQuantity), "6");  // consumed, in EUR
  EXPECT_EQ(r.sink.cell(1, Column::kCommitmentDiscountUnit), "EUR");
  EXPECT_EQ(r.sink.cell(2, Column::kPricingCurrency), "EUR");
  EXPECT_EQ(r.sink.cell(2, Column::kPricingCurrencyListUnitPrice), "");  // Tax: no unit prices
  EXPECT_EQ(r.sink.cell(2, Column::kSkuPriceId), "");
}

TEST_F(AzureCostReaderTest, PricingModelsAreNormalisedIntoPricingCategories) {
  auto r = read_csv("pm.csv",
                    "SubscriptionId,Date,Cost,ChargeType,PricingModel,ReservationId\n"
                    "s,2024-01-01,1,Usage,On Demand,\n"
                    "s,2024-01-01,1,Usage,ondemand,\n"
                    "s,2024-01-01,1,Usage,Spot,\n"
                    "s,2024-01-01,1,Usage,Savings Plan,\n"
                    "s,2024-01-01,1,Usage,Reservation,r1\n"
                    "s,2024-01-01,1,Purchase,Reservation,r1\n"
                    "s,2024-01-01,1,Usage,,\n"
                    "s,2024-01-01,1,Usage,,r1\n"
                    "s,2024-01-01,1,Usage,Barter,\n");
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  const char* expected[] = {"Standard", "Standard", "Dynamic",   "Committed", "Committed",
                            "Standard", "Standard", "Committed", "Other"};
  for (size_t row = 0; row < 9; ++row) {
    EXPECT_EQ(r.sink.cell(row, Column::kPricingCategory), expected[row]) << row;
  }
  // A ReservationId without benefitId (older EA) is a reservation.
  EXPECT_EQ(r.sink.cell(4, Column::kCommitmentDiscountId), "r1");
  EXPECT_EQ(r.sink.cell(4, Column::kCommitmentDiscountType), "Reservation");
  EXPECT_EQ(r.sink.cell(4, Column::kBilledCost), "0");
}

TEST_F(AzureCostReaderTest, McaPricesAreConvertedToTheBillingCurrency) {
  auto r = read_csv(
      "mca.csv",
      "billingAccountId,billingProfileId,billingProfileName,subscriptionId,date,quantity,"
      "unitOfMeasure,unitPrice,PayGPrice,billingCurrency,pricingCurrency,costInBillingCurrency,"
      "costInPricingCurrency,costInUsd,paygCostInBillingCurrency,exchangeRatePricingToBilling,"
      "chargeType,pricingModel,invoiceId,partnerName\n"
      "acct,prof,Profile One,s,01/05/2024,2,1 Hour,2,2.5,EUR,USD,3.6,4,4,4.5,0.9,Usage,OnDemand,"
      "INV-1,Contoso\n"
      "acct,prof,Profile One,s,01/05/2024,2,1 Hour,2,2.5,EUR,USD,3.6,4,4,,,Usage,OnDemand,,\n");
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.sink.cell(0, Column::kBillingAccountId), "prof");
  EXPECT_EQ(r.sink.cell(0, Column::kBillingAccountName), "Profile One");
  EXPECT_EQ(r.sink.cell(0, Column::kBillingAccountType), "Billing Profile");
  EXPECT_EQ(r.sink.extension(0, "x_BillingAccountId"), "acct");
  EXPECT_EQ(r.sink.cell(0, Column::kBillingCurrency), "EUR");
  EXPECT_EQ(r.sink.cell(0, Column::kContractedUnitPrice), "1.8");
  EXPECT_EQ(r.sink.cell(0, Column::kContractedCost), "3.6");
  EXPECT_EQ(r.sink.cell(0, Column::kListUnitPrice), "2.25");
  EXPECT_EQ(r.sink.cell(0, Column::kListCost), "4.5");  // paygCostInBillingCurrency
  EXPECT_EQ(r.sink.cell(0, Column::kPricingCurrency), "USD");
  EXPECT_EQ(r.sink.cell(0, Column::kPricingCurrencyContractedUnitPrice), "2");
  EXPECT_EQ(r.sink.cell(0, Column::kPricingCurrencyListUnitPrice), "2.5");
  EXPECT_EQ(r.sink.cell(0, Column::kPricingCurrencyEffectiveCost), "4");
  EXPECT_EQ(r.sink.cell(0, Column::kInvoiceId), "INV-1");
  EXPECT_EQ(r.sink.cell(0, Column::kInvoiceIssuerName), "Contoso");
  EXPECT_EQ(r.sink.extension(0, "x_BilledCostInUsd"), "4");
  // No exchange rate and different currencies: no converted unit prices, the cost stands in.
  EXPECT_EQ(r.sink.cell(1, Column::kContractedUnitPrice), "");
  EXPECT_EQ(r.sink.cell(1, Column::kContractedCost), "3.6");
  EXPECT_EQ(r.sink.cell(1, Column::kInvoiceIssuerName), "Microsoft");
  EXPECT_TRUE(has_warning(r.report, "1 rows lack exchangeRatePricingToBilling"));
}

TEST_F(AzureCostReaderTest, JoinsActualAndAmortizedAsMicrosoftDoes) {
  const std::string header =
      "BillingAccountId,BillingPeriodStartDate,BillingPeriodEndDate,SubscriptionId,Date,"
      "CostInBillingCurrency,ChargeType,PricingModel,benefitId,Quantity,UnitOfMeasure,UnitPrice\n";
  const std::string sp = "/providers/Microsoft.BillingBenefits/savingsPlanOrders/o/savingsPlans/p";
  const std::string ri = "/providers/Microsoft.Capacity/reservationOrders/o/reservations/r";
  const auto actual = write(
      "2024-01-ActualCost.csv",
      header + "42,01/01/2024,01/31/2024,s,01/03/2024,10,Usage,OnDemand,,10,1 Hour,1\n" +
          "42,01/01/2024,01/31/2024,s,01/03/2024,0,Usage,SavingsPlan," + sp + ",2,1 Hour,2\n" +
          "42,01/01/2024,01/31/2024,s,01/01/2024,100,Purchase,Savings Plan," + sp +
          ",1,1 Hour,100\n" + "42,01/01/2024,01/31/2024,s,01/15/2024,-20,Refund,Reservation," + ri +
          ",1,1 Hour,20\n");
  const auto amortized = write(
      "2024-01-AmortizedCost.csv",
      header + "42,01/01/2024,01/31/2024,s,01/03/2024,10,Usage,OnDemand,,10,1 Hour,1\n" +
          "42,01/01/2024,01/31/2024,s,01/03/2024,3,Usage,SavingsPlan," + sp + ",2,1 Hour,2\n" +
          "42,01/01/2024,01/31/2024,s,01/03/2024,2,UnusedSavingsPlan,SavingsPlan," + sp +
          ",1,1 Hour,2\n");
  std::vector<std::string> notes;
  const auto units = reader_->plan({actual, amortized}, &notes);
  ASSERT_EQ(units.size(), 1u);
  auto r = testing::read_unit(*reader_, units[0].files);
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.report.rows_read, 7u);
  EXPECT_EQ(r.report.rows_accepted, 5u);  // 3 amortized + purchase + refund
  EXPECT_TRUE(has_warning(r.report, "2 actual-cost rows left out"));
  // Billed: on-demand 10 + purchase 100 - refund 20; the covered usage and the unused
  // commitment are billed through the purchase.
  EXPECT_EQ(r.sink.sum(Column::kBilledCost), Decimal::from_int(90));
  // Effective: the amortized view; purchase and refund add nothing.
  EXPECT_EQ(r.sink.sum(Column::kEffectiveCost), Decimal::from_int(15));
  // Rows 3 and 4 come from the actual export.
  EXPECT_EQ(r.sink.cell(3, Column::kChargeCategory), "Purchase");
  EXPECT_EQ(r.sink.cell(3, Column::kEffectiveCost), "0");
  EXPECT_EQ(r.sink.cell(3, Column::kPricingCategory), "Standard");
  EXPECT_EQ(r.sink.cell(3, Column::kCommitmentDiscountId), sp);
  EXPECT_EQ(r.sink.cell(4, Column::kChargeClass), "Correction");
  EXPECT_EQ(r.sink.cell(4, Column::kEffectiveCost), "0");
  EXPECT_EQ(r.sink.cell(4, Column::kCommitmentDiscountType), "Reservation");
  EXPECT_FALSE(has_warning(r.report, "read without"));
}

TEST_F(AzureCostReaderTest, ResourceNamesTypesAndServicesComeFromTheResourceId) {
  auto r = read_csv(
      "res.csv",
      "SubscriptionId,Date,Cost,ConsumedService,ResourceId,ResourceName,MeterCategory\n"
      "s,2024-01-01,1,Microsoft.Sql,/subscriptions/S/resourceGroups/G/providers/Microsoft.Sql/"
      "servers/srv/databases/db1,,SQL Database\n"
      "s,2024-01-01,1,Contoso.Widgets,/subscriptions/S/resourceGroups/G/providers/Contoso.Widgets/"
      "gadgets/g1,explicit-name,Widgets\n"
      "s,2024-01-01,1,,not-an-arm-path,,\n"
      "s,2024-01-01,1,,/providers/Microsoft.Capacity/reservationOrders/o1/reservations/,,\n");
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.sink.cell(0, Column::kResourceName), "db1");
  EXPECT_EQ(r.sink.extension(0, "x_ResourceType"), "microsoft.sql/servers/databases");
  EXPECT_EQ(r.sink.cell(0, Column::kResourceType), "SQL database");
  EXPECT_EQ(r.sink.cell(0, Column::kServiceCategory), "Databases");
  // Unknown to the lookups: the meter category names the service, in category Other.
  EXPECT_EQ(r.sink.cell(1, Column::kResourceName), "explicit-name");
  EXPECT_EQ(r.sink.cell(1, Column::kResourceType), "contoso.widgets/gadgets");
  EXPECT_EQ(r.sink.cell(1, Column::kServiceName), "Widgets");
  EXPECT_EQ(r.sink.cell(1, Column::kServiceCategory), "Other");
  EXPECT_EQ(r.sink.cell(1, Column::kServiceSubcategory), "Other (Other)");
  // Not an ARM path: the id names itself, and there is no resource type.
  EXPECT_EQ(r.sink.cell(2, Column::kResourceName), "not-an-arm-path");
  EXPECT_EQ(r.sink.cell(2, Column::kResourceType), "");
  // Ends in a type segment: the name is the last value segment.
  EXPECT_EQ(r.sink.cell(3, Column::kResourceName), "o1");
  EXPECT_EQ(r.sink.cell(3, Column::kResourceType), "Reservation");
}

TEST_F(AzureCostReaderTest, BadCellsAreReportedWithFileRowLineAndColumn) {
  const std::string content =
      "SubscriptionId,Date,CostInBillingCurrency,Tags\n"
      "s,2024-01-01,1,\n"
      "s,2024-01-01,N/A,\n"
      "s,31/31/2024,1,\n"
      "s,2024-01-01,1,\"not: json\"\n"
      "s,2024-01-01,1,,extra\n"
      "s,2024-01-01,2,\n";
  auto r = read_csv("bad.csv", content);
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.report.rows_read, 6u);
  EXPECT_EQ(r.report.rows_accepted, 2u);
  EXPECT_EQ(r.report.rows_skipped, 4u);
  ASSERT_EQ(r.report.issues.size(), 4u);
  const std::string file = (dir_.path() / "bad.csv").string();
  EXPECT_EQ(r.report.issues[0].message(),
            file + " row 2 (line 3), column CostInBillingCurrency: expected decimal, found 'N/A'");
  EXPECT_EQ(r.report.issues[1].message(),
            file + " row 3 (line 4), column Date: expected date, found '31/31/2024'");
  EXPECT_EQ(r.report.issues[2].message(),
            file + " row 4 (line 5), column Tags: expected JSON object, found 'not: json'");
  EXPECT_EQ(r.report.issues[3].message(),
            file + " row 5 (line 6): expected 4 fields, found '5 fields'");
  EXPECT_EQ(r.sink.sum(Column::kBilledCost), Decimal::from_int(3));
}

TEST_F(AzureCostReaderTest, StrictModeFailsOnTheFirstBadCell) {
  ReadOptions strict;
  strict.strictness = Strictness::kStrict;
  auto r = read_csv("strict.csv",
                    "SubscriptionId,Date,CostInBillingCurrency,Quantity\n"
                    "s,2024-01-01,1,1\n"
                    "s,2024-01-01,1,1,0\n"
                    "s,2024-01-01,1,lots\n",
                    strict);
  // The too-long row fails first.
  ASSERT_FALSE(r.status.is_ok());
  EXPECT_EQ(r.status.code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status.message().find("strict.csv row 2 (line 3): expected 4 fields"),
            std::string::npos)
      << r.status.message();
  EXPECT_EQ(r.report.rows_skipped, 1u);
  EXPECT_EQ(r.report.issues.size(), 1u);

  r = read_csv("strict.csv",
               "SubscriptionId,Date,CostInBillingCurrency,Quantity\n"
               "s,2024-01-01,1,1\n"
               "s,2024-01-01,1,lots\n",
               strict);
  ASSERT_FALSE(r.status.is_ok());
  EXPECT_NE(
      r.status.message().find("row 2 (line 3), column Quantity: expected decimal, found 'lots'"),
      std::string::npos)
      << r.status.message();
  // The same file in lenient mode keeps the good row.
  r = read_csv("strict.csv",
               "SubscriptionId,Date,CostInBillingCurrency,Quantity\n"
               "s,2024-01-01,1,1\n"
               "s,2024-01-01,1,lots\n");
  ASSERT_TRUE(r.status.is_ok());
  EXPECT_EQ(r.report.rows_accepted, 1u);
}

TEST_F(AzureCostReaderTest, LenientModeFailsPastTheBadRowBudget) {
  ReadOptions options;
  options.max_bad_rows = 1;
  auto r = read_csv("budget.csv",
                    "SubscriptionId,Date,CostInBillingCurrency\n"
                    "s,2024-01-01,x\ns,2024-01-01,y\ns,2024-01-01,1\n",
                    options);
  ASSERT_FALSE(r.status.is_ok());
  EXPECT_EQ(r.status.code(), core::StatusCode::kResourceExhausted);
  EXPECT_NE(r.status.message().find("found 'y'"), std::string::npos) << r.status.message();
  EXPECT_EQ(r.report.issues.size(), 2u);
}

TEST_F(AzureCostReaderTest, ProductsOutsideTheDecimalRangeFallBackToTheCost) {
  auto r = read_csv("huge.csv",
                    "SubscriptionId,Date,CostInBillingCurrency,Quantity,UnitOfMeasure,UnitPrice\n"
                    "s,2024-01-01,7,1e17,10K,1e9\n");
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.sink.cell(0, Column::kContractedUnitPrice), "1000000000");
  EXPECT_EQ(r.sink.cell(0, Column::kContractedCost), "7");
  EXPECT_EQ(r.sink.cell(0, Column::kListCost), "7");
  EXPECT_EQ(r.sink.cell(0, Column::kConsumedQuantity), "");
  EXPECT_EQ(r.sink.cell(0, Column::kPricingQuantity), "100000000000000000");
}

TEST_F(AzureCostReaderTest, NullLiteralsAndEmptyCellsAreNull) {
  auto r = read_csv("nulls.csv",
                    "SubscriptionId,Date,CostInBillingCurrency,Quantity,BillingCurrencyCode\n"
                    "s,2024-01-01,NULL,NULL,NULL\n"
                    "s,2024-01-01,1,,EUR\n");
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.sink.cell(0, Column::kBilledCost), "0");
  EXPECT_EQ(r.sink.cell(0, Column::kPricingQuantity), "");
  EXPECT_EQ(r.sink.cell(0, Column::kBillingCurrency), "");
  EXPECT_EQ(r.sink.cell(1, Column::kBillingCurrency), "EUR");
  EXPECT_TRUE(has_warning(r.report, "1 rows have an empty cost cell, read as 0"));
  EXPECT_TRUE(has_warning(r.report, "1 rows have no billing currency"));
}

TEST_F(AzureCostReaderTest, ShortRowsReadMissingTrailingCellsAsEmpty) {
  auto r = read_csv("short.csv",
                    "SubscriptionId,Date,CostInBillingCurrency,Tags,ResourceLocation\n"
                    "s,2024-01-01,1,\"{\"\"a\"\":\"\"b\"\"}\"\n");
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.report.rows_accepted, 1u);
  EXPECT_EQ(r.sink.tags(0), R"({"a":"b"})");
  EXPECT_EQ(r.sink.cell(0, Column::kRegionId), "");
  EXPECT_TRUE(has_warning(r.report, "1 rows have fewer fields than the header"));
}

TEST_F(AzureCostReaderTest, EmitsBatchesOfAtMostBatchRows) {
  std::string content = "SubscriptionId,Date,CostInBillingCurrency\n";
  for (int i = 1; i <= 5; ++i)
    content += "s,2024-01-0" + std::to_string(i) + "," + std::to_string(i) + "\n";
  ReadOptions options;
  options.batch_rows = 2;
  auto r = read_csv("batches.csv", content, options);
  ASSERT_TRUE(r.status.is_ok());
  ASSERT_EQ(r.sink.tables.size(), 3u);
  EXPECT_EQ(r.sink.tables[0].num_rows(), 2u);
  EXPECT_EQ(r.sink.tables[2].num_rows(), 1u);
  EXPECT_EQ(r.sink.sum(Column::kBilledCost), Decimal::from_int(15));
  // Every batch carries the same columns.
  for (const auto& t : r.sink.tables) {
    EXPECT_TRUE(t.present(Column::kCommitmentDiscountId));
    EXPECT_NE(t.extension("x_ResourceType"), nullptr);
  }
}

TEST_F(AzureCostReaderTest, RejectsFilesThatAreNotCostDetailsExports) {
  auto r = read_csv("other.csv", "BilledCost,ChargePeriodStart\n1,2024-01-01\n");
  ASSERT_FALSE(r.status.is_ok());
  EXPECT_EQ(r.status.code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status.message().find("other.csv: not an Azure cost details export"),
            std::string::npos);
  EXPECT_FALSE(reader_->detect(DetectInput{"x.csv", "", {"BilledCost", "ChargePeriodStart"}}));
  EXPECT_TRUE(reader_->detect(
      DetectInput{"x.csv", "", {"SubscriptionGuid", "UsageDateTime", "PreTaxCost"}}));
  EXPECT_EQ(reader_->name(), "azure-cost");
}

// A poor man's fuzz run on real data: every truncation point and a sweep of byte corruptions
// of the EA sample must give a status (never a crash), with consistent counters.
TEST_F(AzureCostReaderTest, SurvivesTruncatedAndCorruptedExports) {
  const char kNoise[] = {'"', ',', '\n', '{', '}', 'x', '9', '\0', '/', '-', 'e', '('};
  size_t reads = 0;
  for (const char* sample : {"ms-finops-toolkit/cost-exports/EA_ActualCost_Small.csv",
                             "ms-finops-toolkit/cost-exports/EA_AmortizedCost_Small.csv",
                             "koku/azure/camel_azure_version_2.csv",
                             "opencost/azure-billingexports/headersets/German.csv"}) {
    auto original = core::read_file(optima::testing::shared_data(std::string("billing/") + sample));
    ASSERT_TRUE(original.is_ok()) << sample;
    const std::string& text = *original;
    const size_t step = text.size() / 100 + 1;  // about 100 mutants per sample
    for (size_t cut = 0; cut < text.size(); cut += step) {
      // Truncate at `cut`, put a noise byte there and, for two cuts in three, keep the rest.
      std::string mutated = text.substr(0, cut);
      mutated += kNoise[(cut / step) % sizeof(kNoise)];
      if (cut % 3 != 0 && cut + 1 < text.size())
        mutated += text.substr(cut + 1);
      auto r = read_csv("mutated.csv", mutated);
      ++reads;
      EXPECT_LE(r.report.rows_accepted + r.report.rows_skipped, r.report.rows_read)
          << sample << " " << cut;
      if (r.status.is_ok()) {
        EXPECT_EQ(r.sink.rows(), r.report.rows_accepted) << sample << " " << cut;
      } else {
        // A failed read (here: the CSV itself is broken) is discarded whole; it still says why.
        EXPECT_FALSE(r.status.message().empty()) << sample << " " << cut;
      }
    }
  }
  EXPECT_GT(reads, 350u);
}

TEST_F(AzureCostReaderTest, LegacyPayAsYouGoUsesItsOwnColumns) {
  auto r = testing::read_unit(
      *reader_, {optima::testing::shared_data(
                    "billing/koku/azure/costreport_a243c6f2-199f-4074-9a2c-40e671cf1584.csv")});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  ASSERT_EQ(r.sink.rows(), 3u);
  EXPECT_EQ(r.sink.cell(1, Column::kChargePeriodStart), "2019-07-28T00:00:00Z");
  EXPECT_EQ(r.sink.cell(1, Column::kContractedUnitPrice), "0.00036");   // ResourceRate
  EXPECT_EQ(r.sink.cell(1, Column::kPricingQuantity), "0.288");         // UsageQuantity
  EXPECT_EQ(r.sink.cell(1, Column::kResourceType), "Storage account");  // ResourceType column
  EXPECT_EQ(r.sink.cell(1, Column::kServiceName), "Storage Accounts");
  EXPECT_EQ(r.sink.cell(1, Column::kRegionId), "eastus2");  // "US East 2"
  EXPECT_EQ(r.sink.cell(1, Column::kPricingCategory), "Standard");
  EXPECT_EQ(r.sink.cell(1, Column::kBillingAccountId), "");
  EXPECT_EQ(r.sink.tags(1), R"({"project":"p1"})");
  EXPECT_TRUE(has_warning(r.report, "no billing account or billing profile"));
}

}  // namespace
}  // namespace optima::ingest
