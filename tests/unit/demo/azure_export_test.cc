// Azure cost-details exports: EA and MCA dialects, actual vs amortized semantics.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "demo_test_support.h"

namespace optima::demo {
namespace {

using testing::CsvTable;
using testing::dec;
using testing::SharedEstate;

using Export = testing::AzureFile;
using testing::cell;

const std::vector<Export>& exports(const std::string& name) { return testing::azure_export(name); }

Int128 total(const std::string& name, std::string_view cost_column) {
  Int128 sum = 0;
  for (const Export& e : exports(name)) {
    for (const auto& row : e.table.rows) sum += dec(cell(e.table, row, cost_column)).units();
  }
  return sum;
}

class AzureExportTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(SharedEstate::get().ok) << SharedEstate::get().error; }
};

TEST_F(AzureExportTest, WritesActualAndAmortizedExportsForBothAgreementsEveryMonth) {
  for (const char* name : {"northwind-ea-actual", "northwind-ea-amortized", "northwind-mca-actual",
                           "northwind-mca-amortized"}) {
    const auto& files = exports(name);
    ASSERT_EQ(files.size(), 13U) << name;
    EXPECT_EQ(files.front().period, "20240601-20240630");
    EXPECT_EQ(files.back().period, "20250601-20250630");
    for (const Export& e : files) EXPECT_TRUE(e.table.well_formed) << name << " " << e.period;
  }
}

TEST_F(AzureExportTest, EaUsesPascalCaseWithBomAndMcaUsesCamelCase) {
  const CsvTable& ea = exports("northwind-ea-actual").front().table;
  const CsvTable& mca = exports("northwind-mca-actual").front().table;
  EXPECT_TRUE(ea.had_bom);
  EXPECT_FALSE(mca.had_bom);
  ASSERT_EQ(ea.header.size(), 57U);
  ASSERT_EQ(mca.header.size(), 65U);
  EXPECT_EQ(ea.header.front(), "InvoiceSectionName");
  EXPECT_EQ(ea.header.back(), "ResourceLocationNormalized");
  for (const char* c : {"CostInBillingCurrency", "BillingCurrencyCode", "Date", "ChargeType", "PricingModel",
                        "Tags", "benefitId", "PayGPrice", "UnitOfMeasure"}) {
    EXPECT_GE(ea.col(c), 0) << c;
  }
  EXPECT_EQ(mca.header.front(), "invoiceId");
  for (const char* c : {"costInBillingCurrency", "billingCurrency", "pricingCurrency", "costInUsd",
                        "paygCostInBillingCurrency", "exchangeRatePricingToBilling", "date", "tags"}) {
    EXPECT_GE(mca.col(c), 0) << c;
  }
}

TEST_F(AzureExportTest, DatesAreMonthDayYearAndTheBillingPeriodEndIsInclusive) {
  for (const Export& e : exports("northwind-ea-actual")) {
    for (const auto& row : e.table.rows) {
      const std::string date = cell(e.table, row, "Date");
      ASSERT_EQ(date.size(), 10U);
      EXPECT_EQ(date[2], '/');
      EXPECT_EQ(date[5], '/');
      EXPECT_EQ(date.substr(6, 4) + date.substr(0, 2), e.period.substr(0, 6));
      const std::string end = cell(e.table, row, "BillingPeriodEndDate");
      EXPECT_EQ(end.substr(3, 2), e.period.substr(15, 2));  // last day of the month
    }
  }
}

TEST_F(AzureExportTest, TagsAreJsonPairsWithoutOuterBraces) {
  size_t tagged = 0;
  for (const Export& e : exports("northwind-mca-amortized")) {
    for (const auto& row : e.table.rows) {
      const std::string tags = cell(e.table, row, "tags");
      if (tags.empty()) continue;
      ASSERT_NE(tags.front(), '{');
      const auto j = nlohmann::json::parse("{" + tags + "}", nullptr, false);
      ASSERT_FALSE(j.is_discarded()) << tags;
      ASSERT_TRUE(j.is_object());
      ++tagged;
    }
  }
  EXPECT_GT(tagged, 1000U);
}

TEST_F(AzureExportTest, ActualIsBilledCostAndAmortizedIsEffectiveCost) {
  const ProviderSummary& azure = SharedEstate::get().provider("Microsoft");
  EXPECT_EQ(total("northwind-ea-actual", "CostInBillingCurrency") +
                total("northwind-mca-actual", "costInBillingCurrency"),
            azure.billed_cost.units());
  EXPECT_EQ(total("northwind-ea-amortized", "CostInBillingCurrency") +
                total("northwind-mca-amortized", "costInBillingCurrency"),
            azure.effective_cost.units());
}

TEST_F(AzureExportTest, CommitmentsFollowMicrosoftsActualAndAmortizedRules) {
  std::set<std::pair<std::string, std::string>> actual_kinds;
  std::set<std::pair<std::string, std::string>> amortized_kinds;
  for (const char* scope : {"ea", "mca"}) {
    const bool ea = std::string(scope) == "ea";
    const char* type_col = ea ? "ChargeType" : "chargeType";
    const char* model_col = ea ? "PricingModel" : "pricingModel";
    const char* cost_col = ea ? "CostInBillingCurrency" : "costInBillingCurrency";
    for (const Export& e : exports(std::string("northwind-") + scope + "-actual")) {
      for (const auto& row : e.table.rows) {
        const std::string type = cell(e.table, row, type_col);
        const std::string model = cell(e.table, row, model_col);
        actual_kinds.insert({type, model});
        EXPECT_NE(type.rfind("Unused", 0), 0U) << "unused rows belong to the amortized export";
        if (type == "Usage" && model != "OnDemand") {
          EXPECT_TRUE(dec(cell(e.table, row, cost_col)).is_zero());
        }
      }
    }
    for (const Export& e : exports(std::string("northwind-") + scope + "-amortized")) {
      for (const auto& row : e.table.rows) {
        const std::string type = cell(e.table, row, type_col);
        const std::string model = cell(e.table, row, model_col);
        amortized_kinds.insert({type, model});
        EXPECT_NE(type, "Purchase") << "commitment purchases are amortized away";
        EXPECT_NE(type, "Refund");
        if (type == "Usage" && model != "OnDemand") {
          EXPECT_GT(dec(cell(e.table, row, cost_col)), core::Decimal());
        }
      }
    }
  }
  for (const auto& k : {std::pair<std::string, std::string>{"Purchase", "Reservation"},
                        {"Purchase", "SavingsPlan"}, {"Refund", "Reservation"},
                        {"Usage", "Reservation"}, {"Usage", "SavingsPlan"}, {"Usage", "OnDemand"}}) {
    EXPECT_TRUE(actual_kinds.contains(k)) << k.first << "/" << k.second;
  }
  for (const auto& k : {std::pair<std::string, std::string>{"UnusedReservation", "Reservation"},
                        {"UnusedSavingsPlan", "SavingsPlan"}, {"Usage", "Reservation"},
                        {"Usage", "SavingsPlan"}}) {
    EXPECT_TRUE(amortized_kinds.contains(k)) << k.first << "/" << k.second;
  }
}

TEST_F(AzureExportTest, MonthlyReservationPurchasesEqualTheirAmortizedCost) {
  // For monthly-paid benefits in complete months: the actual Purchase row equals the sum of
  // covered usage and unused rows in the amortized export.
  std::map<std::pair<std::string, std::string>, Int128> purchased;
  std::map<std::pair<std::string, std::string>, Int128> amortized;
  for (const char* scope : {"ea", "mca"}) {
    const bool ea = std::string(scope) == "ea";
    const char* benefit = "benefitId";  // same spelling in both dialects
    const char* cost_col = ea ? "CostInBillingCurrency" : "costInBillingCurrency";
    const char* freq_col = ea ? "Frequency" : "frequency";
    for (const Export& e : exports(std::string("northwind-") + scope + "-actual")) {
      for (const auto& row : e.table.rows) {
        if (cell(e.table, row, ea ? "ChargeType" : "chargeType") == "Purchase" && cell(e.table, row, freq_col) == "Recurring") {
          purchased[{cell(e.table, row, benefit), e.period}] += dec(cell(e.table, row, cost_col)).units();
        }
      }
    }
    for (const Export& e : exports(std::string("northwind-") + scope + "-amortized")) {
      for (const auto& row : e.table.rows) {
        const std::string id = cell(e.table, row, benefit);
        if (!id.empty()) amortized[{id, e.period}] += dec(cell(e.table, row, cost_col)).units();
      }
    }
  }
  ASSERT_GE(purchased.size(), 20U);
  for (const auto& [key, amount] : purchased) {
    if (key.second == "20240601-20240630") continue;  // a benefit may start mid-month
    EXPECT_EQ(amortized[key], amount) << key.first << " " << key.second;
  }
}

TEST_F(AzureExportTest, MarketplaceChargesNameTheirPublisher) {
  size_t rows = 0;
  for (const Export& e : exports("northwind-mca-actual")) {
    for (const auto& row : e.table.rows) {
      if (cell(e.table, row, "publisherType") != "Marketplace") continue;
      EXPECT_EQ(cell(e.table, row, "publisherName"), "Acme Observability");
      ++rows;
    }
  }
  EXPECT_GT(rows, 300U);
}

}  // namespace
}  // namespace optima::demo
