// Every CUR line item type on a generated month with one Reserved Instance and one Savings Plan:
// FOCUS categories, AWS amortization and the FOCUS commitment invariants.
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "optima/ingest/aws_cur_reader.h"

#include "aws_cur_test_support.h"
#include "support/shared_data.h"

namespace optima::ingest {
namespace {

using core::Decimal;
using testing::dec;
using testing::sum;
using testing::TextRow;

const std::vector<std::string> kHeader = {"identity/LineItemId",
                                          "bill/InvoiceId",
                                          "bill/BillType",
                                          "bill/PayerAccountId",
                                          "bill/BillingPeriodStartDate",
                                          "bill/BillingPeriodEndDate",
                                          "lineItem/UsageAccountId",
                                          "lineItem/LineItemType",
                                          "lineItem/UsageStartDate",
                                          "lineItem/UsageEndDate",
                                          "lineItem/ProductCode",
                                          "lineItem/UsageType",
                                          "lineItem/ResourceId",
                                          "lineItem/UsageAmount",
                                          "lineItem/CurrencyCode",
                                          "lineItem/UnblendedRate",
                                          "lineItem/UnblendedCost",
                                          "lineItem/LineItemDescription",
                                          "lineItem/TaxType",
                                          "lineItem/LegalEntity",
                                          "product/ProductName",
                                          "pricing/publicOnDemandCost",
                                          "pricing/publicOnDemandRate",
                                          "pricing/term",
                                          "pricing/unit",
                                          "reservation/ReservationARN",
                                          "reservation/EffectiveCost",
                                          "reservation/AmortizedUpfrontFeeForBillingPeriod",
                                          "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
                                          "reservation/UnusedRecurringFee",
                                          "savingsPlan/SavingsPlanARN",
                                          "savingsPlan/SavingsPlanEffectiveCost",
                                          "savingsPlan/TotalCommitmentToDate",
                                          "savingsPlan/UsedCommitment",
                                          "resourceTags/user:team"};

constexpr const char* kRi = "arn:aws:ec2:us-east-1:012345678901:reserved-instances/ri-a";
constexpr const char* kSp = "arn:aws:savingsplans::012345678901:savingsplan/sp-a";

using Row = std::map<std::string, std::string>;

Row base(const std::string& id, const std::string& type, const std::string& cost) {
  return {{"identity/LineItemId", id},
          {"bill/InvoiceId", "INV-1"},
          {"bill/BillType", "Anniversary"},
          {"bill/PayerAccountId", "012345678901"},
          {"bill/BillingPeriodStartDate", "2024-03-01T00:00:00Z"},
          {"bill/BillingPeriodEndDate", "2024-04-01T00:00:00Z"},
          {"lineItem/UsageAccountId", "000000000042"},
          {"lineItem/LineItemType", type},
          {"lineItem/UsageStartDate", "2024-03-01T00:00:00Z"},
          {"lineItem/UsageEndDate", "2024-03-01T01:00:00Z"},
          {"lineItem/ProductCode", "AmazonEC2"},
          {"lineItem/CurrencyCode", "USD"},
          {"lineItem/UnblendedCost", cost},
          {"lineItem/LegalEntity", "Amazon Web Services, Inc."},
          {"product/ProductName", "Amazon Elastic Compute Cloud"}};
}

Row with(Row row, std::initializer_list<std::pair<const std::string, std::string>> more) {
  for (const auto& [k, v] : more)
    row[k] = v;
  return row;
}

std::vector<Row> month() {
  const Row ri = {{"reservation/ReservationARN", kRi}};
  const Row sp = {{"savingsPlan/SavingsPlanARN", kSp}};
  auto ri_row = [&ri](Row r) {
    r.insert(ri.begin(), ri.end());
    return r;
  };
  auto sp_row = [&sp](Row r) {
    r.insert(sp.begin(), sp.end());
    return r;
  };
  return {
      with(base("od", "Usage", "0.96"), {{"lineItem/UsageType", "BoxUsage:m5.large"},
                                         {"lineItem/UsageAmount", "10"},
                                         {"lineItem/UnblendedRate", "0.096"},
                                         {"pricing/publicOnDemandCost", "0.96"},
                                         {"pricing/publicOnDemandRate", "0.096"},
                                         {"pricing/term", "OnDemand"},
                                         {"pricing/unit", "Hrs"},
                                         {"lineItem/ResourceId", "i-1"},
                                         {"resourceTags/user:team", "web"}}),
      with(base("spot", "Usage", "0.30"), {{"lineItem/UsageType", "USE1-SpotUsage:m5.large"},
                                           {"lineItem/UsageAmount", "10"},
                                           {"lineItem/UnblendedRate", "0.03"},
                                           {"pricing/publicOnDemandCost", "0.96"},
                                           {"pricing/publicOnDemandRate", "0.096"},
                                           {"pricing/unit", "Hrs"}}),
      ri_row(with(base("ri-upfront", "Fee", "720"),
                  {{"lineItem/UsageAmount", "1"}, {"lineItem/UnblendedRate", "720"}})),
      ri_row(with(base("ri-monthly", "RIFee", "72"),
                  {{"lineItem/UsageAmount", "720"},
                   {"lineItem/UnblendedRate", "0.1"},
                   {"lineItem/UsageStartDate", "2024-03-01T00:00:00Z"},
                   {"lineItem/UsageEndDate", "2024-04-01T00:00:00Z"},
                   {"lineItem/ResourceId", kRi},
                   {"reservation/AmortizedUpfrontFeeForBillingPeriod", "60"},
                   {"reservation/UnusedAmortizedUpfrontFeeForBillingPeriod", "6"},
                   {"reservation/UnusedRecurringFee", "7.2"}})),
      ri_row(
          with(base("ri-used-1", "DiscountedUsage", "0"), {{"lineItem/UsageAmount", "240"},
                                                           {"lineItem/UnblendedRate", "0"},
                                                           {"pricing/publicOnDemandCost", "23.04"},
                                                           {"pricing/publicOnDemandRate", "0.096"},
                                                           {"pricing/term", "Reserved"},
                                                           {"reservation/EffectiveCost", "40"},
                                                           {"lineItem/ResourceId", "i-2"}})),
      ri_row(
          with(base("ri-used-2", "DiscountedUsage", "0"), {{"lineItem/UsageAmount", "240"},
                                                           {"pricing/publicOnDemandCost", "23.04"},
                                                           {"reservation/EffectiveCost", "40"}})),
      ri_row(
          with(base("ri-used-3", "DiscountedUsage", "0"), {{"lineItem/UsageAmount", "168"},
                                                           {"pricing/publicOnDemandCost", "16.128"},
                                                           {"reservation/EffectiveCost", "38.8"}})),
      sp_row(with(base("sp-upfront", "SavingsPlanUpfrontFee", "100"),
                  {{"lineItem/ProductCode", "ComputeSavingsPlans"}})),
      sp_row(with(base("sp-hour-1", "SavingsPlanRecurringFee", "1.0"),
                  {{"lineItem/ProductCode", "ComputeSavingsPlans"},
                   {"lineItem/ResourceId", kSp},
                   {"savingsPlan/TotalCommitmentToDate", "1.5"},
                   {"savingsPlan/UsedCommitment", "1.2"}})),
      sp_row(with(base("sp-hour-2", "SavingsPlanRecurringFee", "1.0"),
                  {{"lineItem/ProductCode", "ComputeSavingsPlans"},
                   {"lineItem/UsageStartDate", "2024-03-01T01:00:00Z"},
                   {"lineItem/UsageEndDate", "2024-03-01T02:00:00Z"},
                   {"savingsPlan/TotalCommitmentToDate", "1.5"},
                   {"savingsPlan/UsedCommitment", "1.5"}})),
      sp_row(with(base("sp-used-1", "SavingsPlanCoveredUsage", "2.00"),
                  {{"lineItem/UsageAmount", "10"},
                   {"lineItem/UnblendedRate", "0.2"},
                   {"pricing/publicOnDemandCost", "2.00"},
                   {"savingsPlan/SavingsPlanEffectiveCost", "1.2"},
                   {"lineItem/ResourceId", "i-3"}})),
      sp_row(with(base("sp-used-2", "SavingsPlanCoveredUsage", "2.5"),
                  {{"lineItem/UsageAmount", "12.5"},
                   {"lineItem/UnblendedRate", "0.2"},
                   {"pricing/publicOnDemandCost", "2.5"},
                   {"savingsPlan/SavingsPlanEffectiveCost", "1.5"}})),
      sp_row(with(base("sp-neg-1", "SavingsPlanNegation", "-2.00"),
                  {{"lineItem/UsageAmount", "10"},
                   {"lineItem/UnblendedRate", "-0.2"},
                   {"lineItem/ResourceId", "i-3"}})),
      sp_row(with(base("sp-neg-2", "SavingsPlanNegation", "-2.5"),
                  {{"lineItem/UsageAmount", "12.5"}})),
      with(base("tax", "Tax", "5.00"),
           {{"lineItem/TaxType", "VAT"}, {"lineItem/UsageAmount", "1"}}),
      with(base("credit", "Credit", "-10.00"),
           {{"lineItem/LineItemDescription", "AWS Activate credit"}}),
      with(base("refund", "Refund", "-3.00"), {{"bill/BillType", "Refund"}}),
      with(base("tax-refund", "Refund", "-0.50"),
           {{"lineItem/TaxType", "VAT"}, {"bill/BillType", "Refund"}}),
      with(base("edp", "EdpDiscount", "-1.50"), {}),
      with(base("bundled", "BundledDiscount", "-0.20"), {}),
      with(base("domain", "Fee", "12.00"), {{"lineItem/ProductCode", "AmazonRoute53"}}),
      with(base("future", "FancyNewType", "0.42"), {}),
  };
}

class AwsCurLineItemsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.path() / "month.csv";
    testing::write_text(path_, testing::make_csv(kHeader, month()));
    result_ = testing::read_with(*make_aws_cur_reader(), {path_});
    ASSERT_TRUE(result_.status.is_ok()) << result_.status.to_string();
  }
  // The rows made from one line item (two for a split RIFee / SavingsPlanRecurringFee).
  std::vector<TextRow> rows_of(const std::string& id) const {
    std::vector<TextRow> out;
    for (const auto& row : result_.rows) {
      if (row.at("x_LineItemId") == id)
        out.push_back(row);
    }
    return out;
  }
  TextRow one(const std::string& id) const {
    const auto rows = rows_of(id);
    EXPECT_EQ(rows.size(), 1u) << id;
    return rows.empty() ? TextRow() : rows[0];
  }

  optima::testing::TempDir dir_;
  std::filesystem::path path_;
  testing::CurReadResult result_;
};

struct Expected {
  const char* id;
  const char* category;
  const char* charge_class;
  const char* frequency;
  const char* pricing;
  const char* commitment_category;
  const char* status;
  const char* billed;
  const char* effective;
};

TEST_F(AwsCurLineItemsTest, MapsEveryLineItemTypeToFocusCategoriesAndAmortizedCost) {
  const Expected expected[] = {
      {"od", "Usage", "", "Usage-Based", "Standard", "", "", "0.96", "0.96"},
      {"spot", "Usage", "", "Usage-Based", "Dynamic", "", "", "0.3", "0.3"},
      {"ri-upfront", "Purchase", "", "One-Time", "Standard", "Usage", "", "720", "0"},
      {"ri-used-1", "Usage", "", "Usage-Based", "Committed", "Usage", "Used", "0", "40"},
      {"ri-used-3", "Usage", "", "Usage-Based", "Committed", "Usage", "Used", "0", "38.8"},
      {"sp-upfront", "Purchase", "", "One-Time", "Standard", "Spend", "", "100", "0"},
      {"sp-hour-2", "Purchase", "", "Recurring", "Standard", "Spend", "", "1", "0"},
      {"sp-used-1", "Usage", "", "Usage-Based", "Committed", "Spend", "Used", "2", "1.2"},
      {"sp-neg-1", "Usage", "", "Usage-Based", "Committed", "Spend", "Used", "-2", "0"},
      {"tax", "Tax", "", "Usage-Based", "", "", "", "5", "5"},
      {"credit", "Credit", "", "One-Time", "", "", "", "-10", "-10"},
      {"refund", "Usage", "Correction", "One-Time", "", "", "", "-3", "-3"},
      {"tax-refund", "Tax", "Correction", "One-Time", "", "", "", "-0.5", "-0.5"},
      {"edp", "Credit", "", "Usage-Based", "", "", "", "-1.5", "-1.5"},
      {"bundled", "Credit", "", "Usage-Based", "", "", "", "-0.2", "-0.2"},
      {"domain", "Purchase", "", "One-Time", "Standard", "", "", "12", "12"},
      {"future", "Adjustment", "", "One-Time", "", "", "", "0.42", "0.42"},
  };
  for (const Expected& e : expected) {
    const TextRow row = one(e.id);
    SCOPED_TRACE(e.id);
    EXPECT_EQ(row.at("ChargeCategory"), e.category);
    EXPECT_EQ(row.at("ChargeClass"), e.charge_class);
    EXPECT_EQ(row.at("ChargeFrequency"), e.frequency);
    EXPECT_EQ(row.at("PricingCategory"), e.pricing);
    EXPECT_EQ(row.at("CommitmentDiscountCategory"), e.commitment_category);
    EXPECT_EQ(row.at("CommitmentDiscountStatus"), e.status);
    EXPECT_EQ(row.at("BilledCost"), e.billed);
    EXPECT_EQ(row.at("EffectiveCost"), e.effective);
  }
  EXPECT_EQ(one("sp-used-1").at("CommitmentDiscountType"), "Savings Plan");
  EXPECT_EQ(one("ri-used-1").at("CommitmentDiscountType"), "Reserved Instances");
  EXPECT_EQ(one("ri-used-1").at("CommitmentDiscountId"), kRi);
  EXPECT_EQ(one("od").at("Tags"), R"({"team":"web"})");
  EXPECT_TRUE(std::any_of(
      result_.report.warnings.begin(), result_.report.warnings.end(),
      [](const std::string& w) { return w.find("'FancyNewType'") != std::string::npos; }));
}

TEST_F(AwsCurLineItemsTest, SplitsTheUnusedPartOfCommitmentFeesIntoUnusedUsageRows) {
  // 22 line items; RIFee and the first Savings Plan hour have unused commitment, the second hour
  // not.
  EXPECT_EQ(result_.report.rows_read, 22u);
  EXPECT_EQ(result_.report.rows_accepted, 24u);
  EXPECT_EQ(rows_of("sp-hour-2").size(), 1u);
  for (const auto& [id, arn, unused] :
       {std::tuple{"ri-monthly", kRi, "13.2"}, std::tuple{"sp-hour-1", kSp, "0.3"}}) {
    SCOPED_TRACE(id);
    const auto rows = rows_of(id);
    ASSERT_EQ(rows.size(), 2u);
    const TextRow& purchase = rows[0];
    const TextRow& unused_row = rows[1];
    EXPECT_EQ(purchase.at("ChargeCategory"), "Purchase");
    EXPECT_EQ(purchase.at("ChargeFrequency"), "Recurring");
    EXPECT_EQ(purchase.at("EffectiveCost"), "0");
    EXPECT_EQ(purchase.at("CommitmentDiscountStatus"), "");
    EXPECT_EQ(unused_row.at("ChargeCategory"), "Usage");
    EXPECT_EQ(unused_row.at("CommitmentDiscountStatus"), "Unused");
    EXPECT_EQ(unused_row.at("CommitmentDiscountId"), arn);
    EXPECT_EQ(unused_row.at("ResourceId"), arn);
    EXPECT_EQ(unused_row.at("PricingCategory"), "Committed");
    EXPECT_EQ(unused_row.at("BilledCost"), "0");
    EXPECT_EQ(unused_row.at("EffectiveCost"), unused);
    EXPECT_EQ(unused_row.at("ConsumedQuantity"), "");
    EXPECT_EQ(unused_row.at("ListCost"), "0");
    EXPECT_EQ(unused_row.at("ContractedCost"), "0");
  }
  EXPECT_EQ(rows_of("ri-monthly")[0].at("BilledCost"), "72");
}

TEST_F(AwsCurLineItemsTest, HoldsTheFocusCommitmentInvariants) {
  const testing::RawCsv raw = testing::load_raw(path_);
  // Totals equal the raw file: BilledCost = UnblendedCost, EffectiveCost = AWS's amortized cost.
  Decimal unblended;
  for (size_t r = 0; r < raw.rows.size(); ++r)
    unblended += dec(raw.get(r, {"lineItem/UnblendedCost"}));
  EXPECT_EQ(sum(result_.rows, "BilledCost"), unblended);
  // AWS amortized: od .96 + spot .3 + RIFee 13.2 + RI used 118.8 + SP recurring .3 + SP used 2.7
  // + tax 5 - credit 10 - refunds 3.5 - discounts 1.7 + domain 12 + future .42.
  EXPECT_EQ(sum(result_.rows, "EffectiveCost"), dec("138.48"));

  // Per commitment: EffectiveCost of Used + Unused rows = the period's amortized purchase cost.
  Decimal ri_used_unused;
  Decimal sp_used_unused;
  for (const auto& row : result_.rows) {
    const std::string& status = row.at("CommitmentDiscountStatus");
    if (status != "Used" && status != "Unused")
      continue;
    if (row.at("x_LineItemType") == "SavingsPlanNegation")
      continue;  // its EffectiveCost is 0
    if (row.at("CommitmentDiscountId") == kRi)
      ri_used_unused += dec(row.at("EffectiveCost"));
    if (row.at("CommitmentDiscountId") == kSp)
      sp_used_unused += dec(row.at("EffectiveCost"));
  }
  // RI: amortized upfront for the month (60) + the recurring fee (72).
  EXPECT_EQ(ri_used_unused, dec("60") + dec("72"));
  // SP: the commitment of its two hours (TotalCommitmentToDate 1.5 + 1.5).
  EXPECT_EQ(sp_used_unused, dec("3"));

  // BilledCost and EffectiveCost differ only on commitment rows.
  for (const auto& row : result_.rows) {
    if (row.at("BilledCost") != row.at("EffectiveCost")) {
      EXPECT_FALSE(row.at("CommitmentDiscountId").empty()) << row.at("x_LineItemId");
    }
    if (row.at("ChargeCategory") == "Purchase" && !row.at("CommitmentDiscountId").empty()) {
      EXPECT_EQ(row.at("EffectiveCost"), "0")
          << row.at("x_LineItemId");  // FOCUS: purchases amortize
    }
    if (row.at("ChargeCategory") == "Usage" && !row.at("CommitmentDiscountId").empty()) {
      EXPECT_FALSE(row.at("CommitmentDiscountStatus").empty()) << row.at("x_LineItemId");
    }
  }
}

TEST_F(AwsCurLineItemsTest, PricesAndQuantitiesFollowTheRowKind) {
  const TextRow od = one("od");
  EXPECT_EQ(od.at("ListUnitPrice"), "0.096");
  EXPECT_EQ(od.at("ContractedUnitPrice"), "0.096");
  EXPECT_EQ(od.at("ListCost"), "0.96");
  EXPECT_EQ(od.at("ContractedCost"), "0.96");
  EXPECT_EQ(od.at("ConsumedQuantity"), "10");
  EXPECT_EQ(od.at("ConsumedUnit"), "Hrs");
  EXPECT_EQ(od.at("PricingQuantity"), "10");
  EXPECT_EQ(od.at("SubAccountId"), "000000000042");
  const TextRow ri_used = one("ri-used-1");
  EXPECT_EQ(ri_used.at("ListCost"), "23.04");
  EXPECT_EQ(ri_used.at("ContractedCost"), "23.04");
  EXPECT_EQ(ri_used.at("ContractedUnitPrice"), "0.096");
  const TextRow negation = one("sp-neg-1");
  EXPECT_EQ(negation.at("ListCost"), "0");
  EXPECT_EQ(negation.at("ContractedCost"), "0");
  EXPECT_EQ(negation.at("ListUnitPrice"), "0");
  EXPECT_EQ(negation.at("ContractedUnitPrice"), "0");  // not the negative rate of the line
  EXPECT_EQ(negation.at("ConsumedQuantity"), "0");     // the covered usage row counts the usage
  const TextRow tax = one("tax");
  EXPECT_EQ(tax.at("ListUnitPrice"), "");
  EXPECT_EQ(tax.at("PricingQuantity"), "");  // FOCUS: null for Tax
  EXPECT_EQ(tax.at("PricingUnit"), "");
  EXPECT_EQ(tax.at("ListCost"), "5");
  EXPECT_EQ(tax.at("ConsumedQuantity"), "");
  // A discount line is a separate negative amount without SKU, price or consumption: a Credit,
  // whose List and Contracted costs are its billed cost (FOCUS 1.2).
  const TextRow edp = one("edp");
  EXPECT_EQ(edp.at("ListCost"), "-1.5");
  EXPECT_EQ(edp.at("ContractedCost"), "-1.5");
  EXPECT_EQ(edp.at("ConsumedQuantity"), "");
  EXPECT_EQ(edp.at("PricingQuantity"), "");
  EXPECT_EQ(one("domain").at("ServiceCategory"), "Networking");
  EXPECT_EQ(one("sp-upfront").at("ServiceCategory"), "Compute");
  EXPECT_EQ(one("future").at("ServiceCategory"), "Compute");
}

// Commitment rows with the CUR's units: the quantity of commitment each row consumes, buys or
// leaves unused (FOCUS 1.2 CommitmentDiscountQuantity/Unit), and Unused rows priced as the unused
// hours, so that they carry what FOCUS requires of Usage rows.
TEST(AwsCurCommitmentTest, QuantifiesCommitmentsAndPricesUnusedRows) {
  optima::testing::TempDir dir;
  std::vector<std::string> header = kHeader;
  header.push_back("reservation/UnusedQuantity");
  header.push_back("reservation/TotalReservedUnits");
  header.push_back("product/sku");
  const Row ri = {{"reservation/ReservationARN", kRi}, {"pricing/unit", "Hrs"}};
  auto ri_row = [&ri](Row r) {
    r.insert(ri.begin(), ri.end());
    return r;
  };
  const Row sp = {{"savingsPlan/SavingsPlanARN", kSp}, {"pricing/unit", "Hrs"}};
  auto sp_row = [&sp](Row r) {
    r.insert(sp.begin(), sp.end());
    return r;
  };
  const std::vector<Row> rows = {
      ri_row(with(base("ri-upfront", "Fee", "720"), {{"lineItem/UsageAmount", "1"},
                                                     {"lineItem/UnblendedRate", "720"},
                                                     {"reservation/TotalReservedUnits", "8760"}})),
      ri_row(with(base("ri-monthly", "RIFee", "72"),
                  {{"lineItem/UsageAmount", "720"},
                   {"lineItem/UnblendedRate", "0.1"},
                   {"lineItem/ResourceId", kRi},
                   {"reservation/UnusedQuantity", "50"},
                   {"reservation/UnusedAmortizedUpfrontFeeForBillingPeriod", "6"},
                   {"reservation/UnusedRecurringFee", "5"}})),
      ri_row(with(base("ri-used", "DiscountedUsage", "0"),
                  {{"lineItem/UsageAmount", "24"},
                   {"pricing/publicOnDemandRate", "0.096"},
                   {"reservation/EffectiveCost", "4"},
                   {"lineItem/ResourceId", "i-0123456789abcdef0"}})),
      sp_row(with(base("sp-hour", "SavingsPlanRecurringFee", "1.5"),
                  {{"lineItem/ProductCode", "ComputeSavingsPlans"},
                   {"lineItem/UsageAmount", "1"},
                   {"lineItem/UnblendedRate", "1.5"},
                   {"lineItem/ResourceId", kSp},
                   {"savingsPlan/TotalCommitmentToDate", "1.5"},
                   {"savingsPlan/UsedCommitment", "1.2"}})),
      sp_row(with(base("sp-used", "SavingsPlanCoveredUsage", "2.00"),
                  {{"lineItem/UsageAmount", "10"},
                   {"lineItem/UnblendedRate", "0.2"},
                   {"savingsPlan/SavingsPlanEffectiveCost", "1.2"}})),
      with(base("bucket", "Usage", "0.5"), {{"lineItem/ProductCode", "AmazonS3"},
                                            {"lineItem/UsageAmount", "20"},
                                            {"lineItem/UnblendedRate", "0.025"},
                                            {"pricing/unit", "GB-Mo"},
                                            {"lineItem/ResourceId", "my-bucket"}}),
  };
  const auto path = dir.path() / "cur.csv";
  testing::write_text(path, testing::make_csv(header, rows));
  const auto result = testing::read_with(*make_aws_cur_reader(), {path});
  ASSERT_TRUE(result.status.is_ok()) << result.status.to_string();
  std::map<std::string, std::vector<TextRow>> by_id;
  for (const TextRow& row : result.rows)
    by_id[row.at("x_LineItemId")].push_back(row);

  const TextRow& upfront = by_id["ri-upfront"][0];
  EXPECT_EQ(upfront.at("CommitmentDiscountQuantity"), "8760");  // hours reserved for the term
  EXPECT_EQ(upfront.at("CommitmentDiscountUnit"), "Hrs");
  const auto& monthly = by_id["ri-monthly"];
  ASSERT_EQ(monthly.size(), 2u);
  EXPECT_EQ(monthly[0].at("CommitmentDiscountQuantity"), "720");
  const TextRow& ri_unused = monthly[1];
  EXPECT_EQ(ri_unused.at("CommitmentDiscountStatus"), "Unused");
  EXPECT_EQ(ri_unused.at("EffectiveCost"), "11");
  EXPECT_EQ(ri_unused.at("PricingQuantity"), "50");
  EXPECT_EQ(ri_unused.at("PricingUnit"), "Hrs");
  EXPECT_EQ(ri_unused.at("ListUnitPrice"), "0.22");  // amortized cost per unused hour
  EXPECT_EQ(ri_unused.at("ContractedUnitPrice"), "0.22");
  EXPECT_EQ(ri_unused.at("ListCost"), "11");
  EXPECT_EQ(ri_unused.at("ContractedCost"), "11");
  EXPECT_EQ(ri_unused.at("CommitmentDiscountQuantity"), "50");
  EXPECT_EQ(ri_unused.at("CommitmentDiscountUnit"), "Hrs");
  EXPECT_EQ(ri_unused.at("ResourceType"), "ec2:reserved-instances");
  const TextRow& ri_used = by_id["ri-used"][0];
  EXPECT_EQ(ri_used.at("CommitmentDiscountQuantity"), "24");
  EXPECT_EQ(ri_used.at("ResourceType"), "ec2:instance");

  const auto& hour = by_id["sp-hour"];
  ASSERT_EQ(hour.size(), 2u);
  EXPECT_EQ(hour[0].at("CommitmentDiscountQuantity"), "1.5");  // the commitment bought, in USD
  EXPECT_EQ(hour[0].at("CommitmentDiscountUnit"), "USD");
  const TextRow& sp_unused = hour[1];
  EXPECT_EQ(sp_unused.at("EffectiveCost"), "0.3");
  EXPECT_EQ(sp_unused.at("PricingQuantity"), "0.2");  // 0.3 of a 1.5-per-hour commitment
  EXPECT_EQ(sp_unused.at("ListUnitPrice"), "1.5");
  EXPECT_EQ(sp_unused.at("ListCost"), "0.3");
  EXPECT_EQ(sp_unused.at("CommitmentDiscountQuantity"), "0.3");
  EXPECT_EQ(sp_unused.at("CommitmentDiscountUnit"), "USD");
  EXPECT_EQ(sp_unused.at("ResourceType"), "savingsplans:savingsplan");
  EXPECT_EQ(by_id["sp-used"][0].at("CommitmentDiscountQuantity"), "1.2");  // consumed, in USD

  const TextRow& bucket = by_id["bucket"][0];
  EXPECT_EQ(bucket.at("ResourceType"), "s3:bucket");
  EXPECT_EQ(bucket.at("ServiceSubcategory"), "Object Storage");
  EXPECT_EQ(bucket.at("CommitmentDiscountQuantity"), "");
  EXPECT_EQ(upfront.at("ServiceSubcategory"), "Virtual Machines");
}

TEST(AwsCurNetCostTest, UsesNetUnblendedCostAndNetAmortizationTermsWhenPresent) {
  optima::testing::TempDir dir;
  std::vector<std::string> header = kHeader;
  for (const char* extra :
       {"lineItem/NetUnblendedCost", "reservation/NetEffectiveCost",
        "savingsPlan/NetSavingsPlanEffectiveCost", "reservation/NetUnusedRecurringFee"}) {
    header.emplace_back(extra);
  }
  const std::vector<Row> rows = {
      with(base("usage", "Usage", "1.00"), {{"lineItem/NetUnblendedCost", "0.90"}}),
      with(base("ri-used", "DiscountedUsage", "0"), {{"lineItem/NetUnblendedCost", "0"},
                                                     {"reservation/ReservationARN", kRi},
                                                     {"reservation/EffectiveCost", "2.0"},
                                                     {"reservation/NetEffectiveCost", "1.8"}}),
      with(base("sp-used", "SavingsPlanCoveredUsage", "3.0"),
           {{"lineItem/NetUnblendedCost", "2.7"},
            {"savingsPlan/SavingsPlanARN", kSp},
            {"savingsPlan/SavingsPlanEffectiveCost", "2.0"},
            {"savingsPlan/NetSavingsPlanEffectiveCost", "1.8"}}),
      with(base("ri-fee", "RIFee", "10"),
           {{"lineItem/NetUnblendedCost", "9"},
            {"reservation/ReservationARN", kRi},
            {"reservation/UnusedAmortizedUpfrontFeeForBillingPeriod", "0.5"},
            {"reservation/UnusedRecurringFee", "1.0"},
            {"reservation/NetUnusedRecurringFee", "0.9"}}),
      with(base("no-net", "Usage", "4.00"), {}),
  };
  const auto path = dir.path() / "net.csv";
  testing::write_text(path, testing::make_csv(header, rows));
  const auto result = testing::read_with(*make_aws_cur_reader(), {path});
  ASSERT_TRUE(result.status.is_ok()) << result.status.to_string();
  ASSERT_EQ(result.rows.size(), 6u);
  auto row = [&result](const std::string& id, size_t n = 0) {
    size_t seen = 0;
    for (const auto& r : result.rows) {
      if (r.at("x_LineItemId") == id && seen++ == n)
        return r;
    }
    return TextRow();
  };
  EXPECT_EQ(row("usage").at("BilledCost"), "0.9");
  EXPECT_EQ(row("usage").at("EffectiveCost"), "0.9");
  EXPECT_EQ(row("ri-used").at("EffectiveCost"), "1.8");
  EXPECT_EQ(row("sp-used").at("BilledCost"), "2.7");
  EXPECT_EQ(row("sp-used").at("EffectiveCost"), "1.8");
  EXPECT_EQ(row("ri-fee").at("BilledCost"), "9");
  EXPECT_EQ(row("ri-fee", 1).at("EffectiveCost"),
            "1.4");  // gross upfront 0.5 (no net column) + net 0.9
  EXPECT_EQ(row("no-net").at("BilledCost"), "4");
  EXPECT_EQ(sum(result.rows, "BilledCost"), dec("16.6"));
  EXPECT_EQ(sum(result.rows, "EffectiveCost"), dec("9.9"));
}

}  // namespace
}  // namespace optima::ingest

namespace optima::ingest {
namespace {

TEST(AwsCurPeriodTest, ChargePeriodFromTimeIntervalAndBillingPeriodFromTheUsageMonth) {
  optima::testing::TempDir dir;
  const auto path = dir.path() / "minimal.csv";
  testing::write_text(path,
                      "identity/TimeInterval,bill/PayerAccountId,lineItem/LineItemType,"
                      "lineItem/CurrencyCode,lineItem/UnblendedCost\n"
                      "2024-02-29T23:00:00Z/2024-03-01T00:00:00Z,012345678901,Usage,USD,1.5\n");
  const auto result = testing::read_with(*make_aws_cur_reader(), {path});
  ASSERT_TRUE(result.status.is_ok()) << result.status.to_string();
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0].at("ChargePeriodStart"), "2024-02-29T23:00:00Z");
  EXPECT_EQ(result.rows[0].at("ChargePeriodEnd"), "2024-03-01T00:00:00Z");
  EXPECT_EQ(result.rows[0].at("BillingPeriodStart"), "2024-02-01T00:00:00Z");
  EXPECT_EQ(result.rows[0].at("BillingPeriodEnd"), "2024-03-01T00:00:00Z");
  EXPECT_EQ(result.rows[0].at("ServiceName"), "AWS");
  ASSERT_EQ(result.report.warnings.size(), 1u);
  EXPECT_NE(result.report.warnings[0].find("calendar month of lineItem/UsageStartDate"),
            std::string::npos)
      << result.report.warnings[0];
}

}  // namespace
}  // namespace optima::ingest
