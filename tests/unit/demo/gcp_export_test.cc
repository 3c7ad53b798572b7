// Google Cloud billing export as BigQuery JSON lines.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "demo_test_support.h"
#include "optima/core/strings.h"

namespace optima::demo {
namespace {

using testing::SharedEstate;

using Line = testing::GcpLine;

const std::vector<Line>& lines() { return testing::gcp_lines(); }

core::Decimal number(const nlohmann::json& j) { return testing::json_decimal(j); }

core::Timestamp bigquery_time(const std::string& text) {
  // "2025-05-01 07:00:00 UTC"
  EXPECT_TRUE(text.ends_with(" UTC")) << text;
  core::Timestamp t;
  EXPECT_TRUE(core::parse_timestamp(text.substr(0, 19), &t)) << text;
  return t;
}

class GcpExportTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(SharedEstate::get().ok) << SharedEstate::get().error; }
};

TEST_F(GcpExportTest, EveryLineIsANestedBillingExportRow) {
  ASSERT_GT(lines().size(), 30000U);
  std::set<std::string> folders;
  for (const Line& l : lines()) {
    const auto& r = l.row;
    folders.insert(l.month_folder);
    ASSERT_TRUE(r["billing_account_id"].is_string());
    ASSERT_TRUE(r["service"]["id"].is_string() && r["service"]["description"].is_string());
    ASSERT_TRUE(r["sku"]["id"].is_string() && r["sku"]["description"].is_string());
    ASSERT_TRUE(r["project"]["id"].is_string() && r["project"]["number"].is_string());
    ASSERT_TRUE(r["project"]["labels"].is_array() && r["project"]["ancestors"].is_array());
    ASSERT_TRUE(r["labels"].is_array() && r["system_labels"].is_array() && r["credits"].is_array());
    ASSERT_TRUE((r["cost"].is_string() || r["cost"].is_number()) && r["currency"] == "USD");
    ASSERT_TRUE(r["invoice"]["month"].is_string());
    ASSERT_TRUE(r["cost_type"].is_string());
    for (const auto& label : r["labels"]) ASSERT_TRUE(label["key"].is_string() && label["value"].is_string());
    // BigQuery omits NULL fields rather than writing null.
    for (const auto& [key, value] : r.items()) ASSERT_FALSE(value.is_null()) << key;
  }
  EXPECT_EQ(folders.size(), 13U);
}

TEST_F(GcpExportTest, InvoiceMonthIsTheUsMonthOfTheUsageStart) {
  size_t pacific_days = 0;
  for (const Line& l : lines()) {
    const auto& r = l.row;
    EXPECT_EQ(r["invoice"]["month"], l.month_folder);
    if (r["cost_type"] != "regular") continue;
    const core::Timestamp start = bigquery_time(r["usage_start_time"]);
    auto month = core::pacific_invoice_month(r["invoice"]["month"].get<std::string>());
    ASSERT_TRUE(month.is_ok());
    ASSERT_TRUE(month->contains(start)) << r["usage_start_time"] << " " << r["invoice"]["month"];
    // Daily rows span US Pacific days: they start at 07:00 or 08:00 UTC.
    const int64_t hour = start.unix_seconds % core::kSecondsPerDay / 3600;
    EXPECT_TRUE(hour == 7 || hour == 8) << r["usage_start_time"];
    ++pacific_days;
  }
  EXPECT_GT(pacific_days, 1000U);
}

TEST_F(GcpExportTest, CostPlusCreditsIsTheBilledTotal) {
  Int128 net = 0;
  std::map<std::string, size_t> credit_types;
  std::set<std::string> cost_types;
  for (const Line& l : lines()) {
    net += number(l.row["cost"]).units();
    for (const auto& c : l.row["credits"]) {
      EXPECT_LT(number(c["amount"]).units(), 0);
      ++credit_types[c["type"].get<std::string>()];
      net += number(c["amount"]).units();
    }
    cost_types.insert(l.row["cost_type"].get<std::string>());
  }
  EXPECT_EQ(net, SharedEstate::get().provider("Google Cloud").billed_cost.units());
  EXPECT_GT(credit_types["COMMITTED_USAGE_DISCOUNT"], 100U);
  EXPECT_GT(credit_types["SUSTAINED_USAGE_DISCOUNT"], 10U);
  EXPECT_GT(credit_types["PROMOTION"], 10U);
  EXPECT_EQ(cost_types, (std::set<std::string>{"regular", "tax", "adjustment"}));
}

TEST_F(GcpExportTest, CommittedUseDiscountsNetCoveredUsageToZeroAndChargeAFee) {
  size_t fees = 0;
  for (const Line& l : lines()) {
    const auto& r = l.row;
    if (r.contains("subscription")) {
      ++fees;
      EXPECT_TRUE(r["sku"]["description"].get<std::string>().starts_with("Commitment v1: N2"));
      EXPECT_GT(number(r["cost"]), core::Decimal());
      EXPECT_FALSE(r.contains("resource"));
    }
    for (const auto& c : r["credits"]) {
      if (c["type"] != "COMMITTED_USAGE_DISCOUNT") continue;
      EXPECT_EQ(number(c["amount"]).units(), -number(r["cost"]).units());
      EXPECT_TRUE(c["id"].get<std::string>().find("/commitments/") != std::string::npos);
    }
  }
  EXPECT_GT(fees, 100U);
}

TEST_F(GcpExportTest, UsageIsInUsageUnitsAndPricingUnits) {
  for (const Line& l : lines()) {
    const auto& r = l.row;
    if (r["cost_type"] != "regular" || !r.contains("usage")) continue;
    const auto& u = r["usage"];
    const std::string unit = u["unit"];
    const core::Decimal amount = number(u["amount"]);
    const core::Decimal pricing = number(u["amount_in_pricing_units"]);
    if (unit == "seconds") {
      EXPECT_EQ(amount.units(), pricing.units() * 3600) << r.dump();
    }
    if (unit == "bytes" && u["pricing_unit"] == "gibibyte") {
      EXPECT_EQ(amount.units(), pricing.units() * (int64_t{1} << 30));
    }
  }
}

TEST_F(GcpExportTest, AdjustmentsCorrectAnEarlierMonth) {
  size_t adjustments = 0;
  for (const Line& l : lines()) {
    const auto& r = l.row;
    if (r["cost_type"] != "adjustment") continue;
    ++adjustments;
    EXPECT_LT(number(r["cost"]), core::Decimal());
    EXPECT_EQ(r["adjustment_info"]["type"], "USAGE_CORRECTION");
    auto month = core::pacific_invoice_month(r["invoice"]["month"].get<std::string>());
    ASSERT_TRUE(month.is_ok());
    EXPECT_LT(bigquery_time(r["usage_start_time"]), month->start);
  }
  EXPECT_EQ(adjustments, 1U);
}

}  // namespace
}  // namespace optima::demo
