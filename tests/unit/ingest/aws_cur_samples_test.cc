// The legacy CUR reader on every public AWS sample in ../shared/data/billing: rows accepted,
// and totals reconciled exactly against sums computed here from the raw CSV text.
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "optima/ingest/aws_cur_reader.h"

#include "aws_cur_test_support.h"
#include "support/shared_data.h"

namespace optima::ingest {
namespace {

using core::Decimal;
using testing::dec;
using testing::RawCsv;
using testing::sum;

// A raw column under its legacy and its Athena spelling.
struct Col {
  std::string_view slash;
  std::string_view snake;
};
constexpr Col kType{"lineItem/LineItemType", "line_item_line_item_type"};
constexpr Col kUnblended{"lineItem/UnblendedCost", "line_item_unblended_cost"};
constexpr Col kNetUnblended{"lineItem/NetUnblendedCost", "line_item_net_unblended_cost"};
constexpr Col kInvoice{"bill/InvoiceId", "bill_invoice_id"};
constexpr Col kPayer{"bill/PayerAccountId", "bill_payer_account_id"};
constexpr Col kPublicCost{"pricing/publicOnDemandCost", "pricing_public_on_demand_cost"};
constexpr Col kSpEffective{"savingsPlan/SavingsPlanEffectiveCost",
                           "savings_plan_savings_plan_effective_cost"};
constexpr Col kSpTotal{"savingsPlan/TotalCommitmentToDate",
                       "savings_plan_total_commitment_to_date"};
constexpr Col kSpUsed{"savingsPlan/UsedCommitment", "savings_plan_used_commitment"};
constexpr Col kRiEffective{"reservation/EffectiveCost", "reservation_effective_cost"};
constexpr Col kRiUnusedUpfront{"reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
                               "reservation_unused_amortized_upfront_fee_for_billing_period"};
constexpr Col kRiUnusedRecurring{"reservation/UnusedRecurringFee",
                                 "reservation_unused_recurring_fee"};
constexpr Col kRiArn{"reservation/ReservationARN", "reservation_reservation_a_r_n"};

std::string get(const RawCsv& raw, size_t r, Col c) {
  return raw.get(r, {c.slash, c.snake});
}

Decimal raw_billed(const RawCsv& raw, size_t r) {
  const std::string net = get(raw, r, kNetUnblended);
  return net.empty() ? dec(get(raw, r, kUnblended)) : dec(net);
}

// AWS's amortized cost (FOCUS.md §2.1), from the raw cells. The samples have no Net* columns.
Decimal raw_amortized(const RawCsv& raw, size_t r) {
  const std::string type = get(raw, r, kType);
  if (type == "SavingsPlanCoveredUsage")
    return dec(get(raw, r, kSpEffective));
  if (type == "SavingsPlanRecurringFee")
    return dec(get(raw, r, kSpTotal)) - dec(get(raw, r, kSpUsed));
  if (type == "SavingsPlanNegation" || type == "SavingsPlanUpfrontFee")
    return Decimal();
  if (type == "DiscountedUsage")
    return dec(get(raw, r, kRiEffective));
  if (type == "RIFee")
    return dec(get(raw, r, kRiUnusedUpfront)) + dec(get(raw, r, kRiUnusedRecurring));
  if (type == "Fee" && !get(raw, r, kRiArn).empty())
    return Decimal();
  return raw_billed(raw, r);
}

bool is_commitment_type(const std::string& type) {
  return type == "SavingsPlanCoveredUsage" || type == "SavingsPlanRecurringFee" ||
         type == "SavingsPlanNegation" || type == "SavingsPlanUpfrontFee" ||
         type == "DiscountedUsage" || type == "RIFee" || type == "Fee";
}

class AwsCurSampleTest : public ::testing::TestWithParam<const char*> {};

TEST_P(AwsCurSampleTest, AcceptsEveryRowAndReconcilesTotalsWithTheRawFile) {
  const auto path = optima::testing::shared_data(GetParam());
  const RawCsv raw = testing::load_raw(path);
  ASSERT_FALSE(raw.header.empty());
  const auto reader = make_aws_cur_reader();
  const auto result = testing::read_with(*reader, {path});
  ASSERT_TRUE(result.status.is_ok()) << result.status.to_string();

  Decimal billed;
  Decimal amortized;
  size_t splits = 0;
  std::map<std::string, Decimal> per_invoice;
  std::set<std::string> payers;
  for (size_t r = 0; r < raw.rows.size(); ++r) {
    billed += raw_billed(raw, r);
    const Decimal a = raw_amortized(raw, r);
    amortized += a;
    const std::string type = get(raw, r, kType);
    if ((type == "RIFee" || type == "SavingsPlanRecurringFee") && !a.is_zero())
      ++splits;
    per_invoice[get(raw, r, kInvoice)] += raw_billed(raw, r);
    payers.insert(get(raw, r, kPayer));
  }
  EXPECT_EQ(result.report.rows_read, raw.rows.size());
  EXPECT_EQ(result.report.rows_skipped, 0u);
  EXPECT_TRUE(result.report.issues.empty()) << result.report.issues.front().message();
  EXPECT_EQ(result.report.rows_accepted, raw.rows.size() + splits);
  ASSERT_EQ(result.rows.size(), raw.rows.size() + splits);

  EXPECT_EQ(sum(result.rows, "BilledCost").to_string(), billed.to_string());
  EXPECT_EQ(sum(result.rows, "EffectiveCost").to_string(), amortized.to_string());
  std::map<std::string, Decimal> focus_per_invoice;
  std::set<std::string> focus_payers;
  for (const auto& row : result.rows) {
    focus_per_invoice[row.at("InvoiceId")] += dec(row.at("BilledCost"));
    focus_payers.insert(row.at("BillingAccountId"));
    if (!is_commitment_type(row.at("x_LineItemType"))) {
      EXPECT_EQ(row.at("BilledCost"), row.at("EffectiveCost")) << row.at("x_LineItemId");
    }
    EXPECT_EQ(row.at("ProviderName"), "AWS");
    EXPECT_FALSE(row.at("ChargeCategory").empty());
    EXPECT_FALSE(row.at("ServiceName").empty());
    EXPECT_FALSE(row.at("BillingPeriodStart").empty());
    EXPECT_FALSE(row.at("ChargePeriodStart").empty());
  }
  EXPECT_EQ(focus_per_invoice, per_invoice);
  EXPECT_EQ(focus_payers, payers);  // account ids kept verbatim, leading zeros included
}

INSTANTIATE_TEST_SUITE_P(
    Samples, AwsCurSampleTest,
    ::testing::Values(
        "billing/focus-converters/test-fixtures/aws/sample-anonymous-aws-export-dataset.csv",
        "billing/koku/aws/2022-07-01-alt-columns.csv", "billing/koku/aws/2023-06-01-not-final.csv",
        "billing/koku/aws/2023-06-01.csv", "billing/koku/aws/empty_frame.csv"));

bool has_warning(const ReadReport& report, std::string_view needle) {
  for (const std::string& w : report.warnings) {
    if (w.find(needle) != std::string::npos)
      return true;
  }
  return false;
}

TEST(AwsCurReaderTest, MapsTheAnonymousExportUsageAndTaxRows) {
  const auto path = optima::testing::shared_data(
      "billing/focus-converters/test-fixtures/aws/sample-anonymous-aws-export-dataset.csv");
  const auto result = testing::read_with(*make_aws_cur_reader(), {path});
  ASSERT_TRUE(result.status.is_ok()) << result.status.to_string();
  ASSERT_EQ(result.rows.size(), 1281u);
  const RawCsv raw = testing::load_raw(path);
  // ListCost is AWS's publicOnDemandCost on usage rows and the tax itself on tax rows.
  Decimal expected_list;
  for (size_t r = 0; r < raw.rows.size(); ++r) {
    expected_list +=
        get(raw, r, kType) == "Tax" ? raw_billed(raw, r) : dec(get(raw, r, kPublicCost));
  }
  EXPECT_EQ(sum(result.rows, "ListCost").to_string(), expected_list.to_string());

  size_t tax = 0;
  for (const auto& row : result.rows) {
    EXPECT_EQ(row.at("BillingAccountId"), "123412340534");
    EXPECT_EQ(row.at("BillingCurrency"), "USD");
    EXPECT_EQ(row.at("BillingPeriodStart"), "2023-11-01T00:00:00Z");
    EXPECT_EQ(row.at("BillingPeriodEnd"), "2023-12-01T00:00:00Z");
    EXPECT_EQ(row.at("InvoiceId"), "");  // the month is not final yet
    EXPECT_EQ(row.at("InvoiceIssuerName"), "Amazon Web Services Canada, Inc.");
    EXPECT_NE(row.at("ServiceCategory"), "");
    if (row.at("x_LineItemType") == "Tax") {
      ++tax;
      EXPECT_EQ(row.at("ChargeCategory"), "Tax");
      EXPECT_EQ(row.at("PricingCategory"), "");
      EXPECT_EQ(row.at("ListUnitPrice"), "");
      EXPECT_EQ(row.at("ChargePeriodEnd"), "2023-12-01T00:00:00Z");
      EXPECT_EQ(row.at("PricingQuantity"), "");
      EXPECT_EQ(row.at("ConsumedQuantity"), "");
    } else {
      EXPECT_EQ(row.at("ChargeCategory"), "Usage");
      EXPECT_EQ(row.at("ChargeFrequency"), "Usage-Based");
      EXPECT_EQ(row.at("PricingCategory"), "Standard");
      EXPECT_EQ(row.at("ConsumedQuantity"), row.at("PricingQuantity"));
    }
  }
  EXPECT_EQ(tax, 12u);
  // Every product code of the sample has a category (the two missing from the focus_converters
  // table are in data/aws/aws_category_additions.csv).
  EXPECT_FALSE(has_warning(result.report, "has no FOCUS ServiceCategory"))
      << result.report.warnings.front();
  const auto& first = result.rows.front();
  EXPECT_EQ(first.at("ChargePeriodStart"), "2023-11-01T00:00:00Z");
  EXPECT_EQ(first.at("ServiceName"), "AWS CloudTrail");
  EXPECT_EQ(first.at("ServiceCategory"), "Management and Governance");
}

TEST(AwsCurReaderTest, ReadsKokuFinalReportWithHeaderQuirksCostCategoriesAndSavingsPlanRows) {
  const auto path = optima::testing::shared_data("billing/koku/aws/2023-06-01.csv");
  const auto result = testing::read_with(*make_aws_cur_reader(), {path});
  ASSERT_TRUE(result.status.is_ok()) << result.status.to_string();
  ASSERT_EQ(result.rows.size(), 3u);
  // The missing comma and the renamed tag columns are reported, not fatal.
  EXPECT_TRUE(has_warning(result.report,
                          "'pricing/OfferingClasspricing/PurchaseOption' looks like "
                          "'pricing/OfferingClass' and 'pricing/PurchaseOption' merged"));
  EXPECT_TRUE(has_warning(result.report, "13 column(s) of the unknown category 'noTags'"));
  for (const auto& row : result.rows) {
    EXPECT_EQ(row.at("BillingAccountId"), "0099999999999");
    EXPECT_EQ(row.at("SubAccountId"), "0099999999999");
    EXPECT_EQ(row.at("BillingCurrency"), "NOK");
    EXPECT_EQ(row.at("InvoiceId"), "987654321");
    EXPECT_EQ(row.at("InvoiceIssuerName"), "AWS");  // the file has no bill/InvoicingEntity
    EXPECT_EQ(row.at("PublisherName"), "Amazon Web Services, Inc.");
    EXPECT_EQ(row.at("BilledCost"), "10");
    EXPECT_EQ(row.at("EffectiveCost"), "0.1");
    EXPECT_EQ(row.at("ChargeCategory"), "Usage");
    EXPECT_EQ(row.at("PricingCategory"), "Committed");
    EXPECT_EQ(row.at("CommitmentDiscountId"), "");  // the sample's SavingsPlanArn cells are empty
    EXPECT_EQ(row.at("Tags"), "{}");                // noTags/* are not resource tags
    EXPECT_EQ(row.at("x_CostCategory_cost_env"), "prod");
    EXPECT_EQ(row.at("x_CostCategory_name"), "compute");
    EXPECT_EQ(row.at("x_CostCategory_qe_source"), "aws-single");
    EXPECT_EQ(row.at("x_CostCategory_Charge_type"), "");
    EXPECT_EQ(row.at("RegionId"), "us-west-1");
    EXPECT_EQ(row.at("RegionName"), "US West (N. California)");
    EXPECT_EQ(row.at("SkuPriceDetails"),
              R"({"CoreCount":2,"InstanceType":"m5.large","OperatingSystem":"Linux"})");
    EXPECT_EQ(row.at("ServiceName"), "Amazon Elastic Compute Cloud");
    EXPECT_EQ(row.at("ServiceCategory"), "Compute");
  }
  EXPECT_EQ(result.rows[0].at("ChargePeriodStart"), "2023-06-01T00:00:00Z");
  EXPECT_EQ(result.rows[0].at("ChargePeriodEnd"), "2023-06-01T01:00:00Z");
}

TEST(AwsCurReaderTest, NotFinalReportHasNoInvoiceIdAndTheFinalOneRestatesTheSameLineItems) {
  const auto reader = make_aws_cur_reader();
  const auto draft = testing::read_with(
      *reader, {optima::testing::shared_data("billing/koku/aws/2023-06-01-not-final.csv")});
  const auto final = testing::read_with(
      *reader, {optima::testing::shared_data("billing/koku/aws/2023-06-01.csv")});
  ASSERT_TRUE(draft.status.is_ok());
  ASSERT_TRUE(final.status.is_ok());
  ASSERT_EQ(draft.rows.size(), final.rows.size());
  for (size_t i = 0; i < draft.rows.size(); ++i) {
    EXPECT_EQ(draft.rows[i].at("InvoiceId"), "");
    EXPECT_EQ(final.rows[i].at("InvoiceId"), "987654321");
    EXPECT_EQ(draft.rows[i].at("x_LineItemId"), final.rows[i].at("x_LineItemId"));
    EXPECT_EQ(draft.rows[i].at("BillingAccountId"), "9999999999999");
  }
  EXPECT_EQ(sum(draft.rows, "BilledCost").to_string(), sum(final.rows, "BilledCost").to_string());
}

TEST(AwsCurReaderTest, EmptyFrameYieldsNoRowsAndNoError) {
  const auto result = testing::read_with(
      *make_aws_cur_reader(), {optima::testing::shared_data("billing/koku/aws/empty_frame.csv")});
  ASSERT_TRUE(result.status.is_ok()) << result.status.to_string();
  EXPECT_EQ(result.report.rows_read, 0u);
  EXPECT_EQ(result.report.rows_accepted, 0u);
  EXPECT_TRUE(result.tables.empty());
}

TEST(AwsCurReaderTest, ReadsAthenaSnakeCaseColumnsAndMarketplaceRows) {
  const auto result = testing::read_with(
      *make_aws_cur_reader(),
      {optima::testing::shared_data("billing/koku/aws/2022-07-01-alt-columns.csv")});
  ASSERT_TRUE(result.status.is_ok()) << result.status.to_string();
  ASSERT_EQ(result.rows.size(), 2u);
  EXPECT_TRUE(has_warning(result.report,
                          "2 column(s) outside the CUR categories are not read: year, month"));
  EXPECT_TRUE(has_warning(result.report, "product code 'mra' has no FOCUS ServiceCategory"));
  const auto& row = result.rows[0];
  EXPECT_EQ(row.at("ChargePeriodStart"), "2022-07-01T00:00:00Z");
  EXPECT_EQ(row.at("ChargePeriodEnd"), "2022-07-01T01:00:00Z");
  EXPECT_EQ(row.at("BillingPeriodStart"), "2022-07-01T00:00:00Z");
  EXPECT_EQ(row.at("BillingPeriodEnd"), "2022-08-01T00:00:00Z");
  EXPECT_EQ(row.at("BillingAccountId"), "999999");
  EXPECT_EQ(row.at("InvoiceId"), "1");
  EXPECT_EQ(row.at("PublisherName"), "Red Hat, Inc.");
  EXPECT_EQ(row.at("InvoiceIssuerName"), "Amazon Web Services, Inc.");
  EXPECT_EQ(row.at("x_BillingEntity"), "AWS Marketplace");
  EXPECT_EQ(row.at("ServiceName"), "Red Hat® Enterprise Linux®");
  EXPECT_EQ(row.at("ServiceCategory"), "Other");
  EXPECT_EQ(row.at("Tags"), R"({"aws:created_by":"IAMUser:fake:and"})");
  EXPECT_EQ(row.at("SkuPriceId"), "52KUDV3HNNAWJGTF.4799GE89SK.6YS6EN2CT7");
  EXPECT_EQ(row.at("ResourceId"),
            "arn:aws:ec2:us-east-1:589173575009:instance/i-055386473d0b3fc65");
  EXPECT_EQ(row.at("PricingCategory"), "Standard");
}

}  // namespace
}  // namespace optima::ingest
