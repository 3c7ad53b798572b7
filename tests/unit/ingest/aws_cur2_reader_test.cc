// The CUR 2.0 reader on files written here from the documented Data Exports schema (no public
// CUR 2.0 sample exists): fixed snake_case columns plus JSON map columns.
#include "optima/ingest/aws_cur2_reader.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "optima/ingest/aws_cur_detect.h"

#include "aws_cur_test_support.h"
#include "support/shared_data.h"

namespace optima::ingest {
namespace {

using core::Decimal;
using testing::dec;
using testing::sum;

// The COST_AND_USAGE_REPORT columns of a CUR 2.0 export with INCLUDE_RESOURCES (AWS Data Exports
// table dictionary), in the order Data Exports writes them.
const std::vector<std::string> kCur2Header = {
    "bill_bill_type",
    "bill_billing_entity",
    "bill_billing_period_end_date",
    "bill_billing_period_start_date",
    "bill_invoice_id",
    "bill_invoicing_entity",
    "bill_payer_account_id",
    "bill_payer_account_name",
    "cost_category",
    "discount",
    "discount_bundled_discount",
    "discount_total_discount",
    "identity_line_item_id",
    "identity_time_interval",
    "line_item_availability_zone",
    "line_item_blended_cost",
    "line_item_blended_rate",
    "line_item_currency_code",
    "line_item_legal_entity",
    "line_item_line_item_description",
    "line_item_line_item_type",
    "line_item_net_unblended_cost",
    "line_item_net_unblended_rate",
    "line_item_normalization_factor",
    "line_item_normalized_usage_amount",
    "line_item_operation",
    "line_item_product_code",
    "line_item_resource_id",
    "line_item_tax_type",
    "line_item_unblended_cost",
    "line_item_unblended_rate",
    "line_item_usage_account_id",
    "line_item_usage_account_name",
    "line_item_usage_amount",
    "line_item_usage_end_date",
    "line_item_usage_start_date",
    "line_item_usage_type",
    "pricing_currency",
    "pricing_lease_contract_length",
    "pricing_offering_class",
    "pricing_public_on_demand_cost",
    "pricing_public_on_demand_rate",
    "pricing_purchase_option",
    "pricing_rate_code",
    "pricing_rate_id",
    "pricing_term",
    "pricing_unit",
    "product",
    "product_comment",
    "product_fee_code",
    "product_fee_description",
    "product_from_location",
    "product_from_location_type",
    "product_from_region_code",
    "product_instance_family",
    "product_instance_type",
    "product_instancesku",
    "product_location",
    "product_location_type",
    "product_operation",
    "product_pricing_unit",
    "product_product_family",
    "product_region_code",
    "product_servicecode",
    "product_sku",
    "product_to_location",
    "product_to_location_type",
    "product_to_region_code",
    "product_usagetype",
    "reservation_amortized_upfront_cost_for_usage",
    "reservation_amortized_upfront_fee_for_billing_period",
    "reservation_availability_zone",
    "reservation_effective_cost",
    "reservation_end_time",
    "reservation_modification_status",
    "reservation_net_effective_cost",
    "reservation_net_unused_amortized_upfront_fee_for_billing_period",
    "reservation_net_unused_recurring_fee",
    "reservation_normalized_units_per_reservation",
    "reservation_number_of_reservations",
    "reservation_recurring_fee_for_usage",
    "reservation_reservation_a_r_n",
    "reservation_start_time",
    "reservation_subscription_id",
    "reservation_total_reserved_normalized_units",
    "reservation_total_reserved_units",
    "reservation_units_per_reservation",
    "reservation_unused_amortized_upfront_fee_for_billing_period",
    "reservation_unused_normalized_unit_quantity",
    "reservation_unused_quantity",
    "reservation_unused_recurring_fee",
    "reservation_upfront_value",
    "resource_tags",
    "savings_plan_amortized_upfront_commitment_for_billing_period",
    "savings_plan_end_time",
    "savings_plan_instance_type_family",
    "savings_plan_net_savings_plan_effective_cost",
    "savings_plan_offering_type",
    "savings_plan_payment_option",
    "savings_plan_purchase_term",
    "savings_plan_recurring_commitment_for_billing_period",
    "savings_plan_region",
    "savings_plan_savings_plan_a_r_n",
    "savings_plan_savings_plan_effective_cost",
    "savings_plan_savings_plan_rate",
    "savings_plan_start_time",
    "savings_plan_total_commitment_to_date",
    "savings_plan_used_commitment",
    "capacity_reservation_capacity_reservation_arn",
    "capacity_reservation_capacity_reservation_status",
    "capacity_reservation_capacity_reservation_type"};

constexpr const char* kSp = "arn:aws:savingsplans::111122223333:savingsplan/sp-2";
constexpr const char* kCr = "arn:aws:ec2:us-east-1:111122223333:capacity-reservation/cr-1";

using Row = std::map<std::string, std::string>;

Row cur2_row(const std::string& id, const std::string& type, const std::string& cost) {
  return {
      {"bill_bill_type", "Anniversary"},
      {"bill_billing_entity", "AWS"},
      {"bill_billing_period_start_date", "2024-03-01T00:00:00.000Z"},
      {"bill_billing_period_end_date", "2024-04-01T00:00:00.000Z"},
      {"bill_invoicing_entity", "Amazon Web Services EMEA SARL"},
      {"bill_payer_account_id", "111122223333"},
      {"bill_payer_account_name", "Acme Corp"},
      {"identity_line_item_id", id},
      {"identity_time_interval", "2024-03-01T00:00:00Z/2024-03-01T01:00:00Z"},
      {"line_item_currency_code", "EUR"},
      {"line_item_legal_entity", "Amazon Web Services EMEA SARL"},
      {"line_item_line_item_type", type},
      {"line_item_product_code", "AmazonEC2"},
      {"line_item_unblended_cost", cost},
      {"line_item_usage_account_id", "044455556666"},
      {"line_item_usage_account_name", "acme-prod"},
      {"line_item_usage_start_date", "2024-03-01T00:00:00.000Z"},
      {"line_item_usage_end_date", "2024-03-01T01:00:00.000Z"},
      {"product_region_code", "us-east-1"},
      {"product_location", "US East (N. Virginia)"},
      {"product",
       R"({"product_name":"Amazon Elastic Compute Cloud","operating_system":"Linux","vcpu":"2"})"},
      {"resource_tags", "{}"},
      {"cost_category", "{}"},
      {"discount", "{}"}};
}

Row with(Row row, std::initializer_list<std::pair<const std::string, std::string>> more) {
  for (const auto& [k, v] : more)
    row[k] = v;
  return row;
}

std::vector<Row> cur2_rows() {
  return {
      with(cur2_row("usage", "Usage", "0.96"),
           {{"line_item_net_unblended_cost", "0.91"},
            {"line_item_usage_amount", "10"},
            {"line_item_unblended_rate", "0.096"},
            {"line_item_usage_type", "BoxUsage:m5.large"},
            {"pricing_public_on_demand_cost", "0.96"},
            {"pricing_public_on_demand_rate", "0.096"},
            {"pricing_term", "OnDemand"},
            {"pricing_unit", "Hrs"},
            {"pricing_currency", "USD"},
            {"product_instance_type", "m5.large"},
            {"product_sku", "SKU1"},
            {"line_item_resource_id", "i-1"},
            {"resource_tags",
             R"({"user_team":"web","aws_created_by":"IAMUser:alice","user_empty":""})"},
            {"cost_category", R"({"Environment":"prod","Cost Center":"42"})"},
            {"discount", R"({"total_discount":-0.05,"edp_discount":-0.05})"},
            {"discount_total_discount", "-0.05"}}),
      with(cur2_row("sp-used", "SavingsPlanCoveredUsage", "2.00"),
           {{"line_item_net_unblended_cost", "1.90"},
            {"line_item_usage_amount", "10"},
            {"savings_plan_savings_plan_a_r_n", kSp},
            {"savings_plan_savings_plan_effective_cost", "1.20"},
            {"savings_plan_net_savings_plan_effective_cost", "1.14"},
            {"pricing_public_on_demand_cost", "2.00"}}),
      with(cur2_row("sp-neg", "SavingsPlanNegation", "-2.00"),
           {{"line_item_net_unblended_cost", "-1.90"}, {"savings_plan_savings_plan_a_r_n", kSp}}),
      with(cur2_row("sp-fee", "SavingsPlanRecurringFee", "1.50"),
           {{"savings_plan_savings_plan_a_r_n", kSp},
            {"savings_plan_total_commitment_to_date", "1.50"},
            {"savings_plan_used_commitment", "1.20"},
            {"line_item_resource_id", kSp}}),
      with(cur2_row("tax", "Tax", "0.31"), {{"line_item_tax_type", "VAT"}}),
      with(cur2_row("cr-usage", "Usage", "0.50"),
           {{"capacity_reservation_capacity_reservation_arn", kCr},
            {"capacity_reservation_capacity_reservation_status", "Used"},
            {"capacity_reservation_capacity_reservation_type", "Targeted"}}),
  };
}

class AwsCur2ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.path() / "export-00001.csv.gz";
    testing::write_gzip(path_, testing::make_csv(kCur2Header, cur2_rows()));
    result_ = testing::read_with(*make_aws_cur2_reader(), {path_});
    ASSERT_TRUE(result_.status.is_ok()) << result_.status.to_string();
  }
  testing::TextRow row(const std::string& id, size_t n = 0) const {
    size_t seen = 0;
    for (const auto& r : result_.rows) {
      if (r.at("x_LineItemId") == id && seen++ == n)
        return r;
    }
    ADD_FAILURE() << "no row " << id;
    return {};
  }
  optima::testing::TempDir dir_;
  std::filesystem::path path_;
  testing::CurReadResult result_;
};

TEST_F(AwsCur2ReaderTest, ReadsMapColumnsAsTagsCostCategoriesProductAttributesAndDiscounts) {
  ASSERT_EQ(result_.report.warnings.size(), 1u);
  EXPECT_NE(result_.report.warnings[0].find(
                "pricing/currency USD differs from lineItem/CurrencyCode EUR"),
            std::string::npos)
      << result_.report.warnings[0];
  const auto usage = row("usage");
  EXPECT_EQ(usage.at("Tags"), R"({"aws:created_by":"IAMUser:alice","team":"web"})");
  EXPECT_EQ(usage.at("x_CostCategory_Environment"), "prod");
  EXPECT_EQ(usage.at("x_CostCategory_Cost_Center"), "42");
  EXPECT_EQ(usage.at("ServiceName"), "Amazon Elastic Compute Cloud");
  EXPECT_EQ(usage.at("ServiceCategory"), "Compute");
  EXPECT_EQ(usage.at("SkuPriceDetails"),
            R"({"CoreCount":2,"InstanceType":"m5.large","OperatingSystem":"Linux"})");
  EXPECT_EQ(usage.at("SkuId"), "SKU1");
  EXPECT_EQ(usage.at("RegionId"), "us-east-1");
  EXPECT_EQ(usage.at("RegionName"), "US East (N. Virginia)");
  EXPECT_EQ(usage.at("BillingAccountName"), "Acme Corp");
  EXPECT_EQ(usage.at("SubAccountId"), "044455556666");
  EXPECT_EQ(usage.at("SubAccountName"), "acme-prod");
  EXPECT_EQ(usage.at("BillingCurrency"), "EUR");
  EXPECT_EQ(usage.at("PricingCurrency"), "USD");
  EXPECT_EQ(usage.at("InvoiceIssuerName"), "Amazon Web Services EMEA SARL");
  EXPECT_EQ(usage.at("x_Discounts"), R"({"total_discount":-0.05,"edp_discount":-0.05})");
  EXPECT_EQ(usage.at("BilledCost"), "0.91");  // NetUnblendedCost
  EXPECT_EQ(usage.at("EffectiveCost"), "0.91");
  EXPECT_EQ(usage.at("ChargePeriodStart"), "2024-03-01T00:00:00Z");
  EXPECT_EQ(usage.at("BillingPeriodEnd"), "2024-04-01T00:00:00Z");
  const auto cr = row("cr-usage");
  EXPECT_EQ(cr.at("CapacityReservationId"), kCr);
  EXPECT_EQ(cr.at("CapacityReservationStatus"), "Used");
  EXPECT_EQ(row("tax").at("CapacityReservationId"), "");
}

TEST_F(AwsCur2ReaderTest, AmortizesSavingsPlanRowsAndReconcilesWithTheRawExport) {
  ASSERT_EQ(result_.rows.size(), 7u);  // 6 line items + the Unused part of the recurring fee
  EXPECT_EQ(row("sp-used").at("BilledCost"), "1.9");
  EXPECT_EQ(row("sp-used").at("EffectiveCost"), "1.14");  // net Savings Plan effective cost
  EXPECT_EQ(row("sp-used").at("CommitmentDiscountStatus"), "Used");
  EXPECT_EQ(row("sp-neg").at("EffectiveCost"), "0");
  EXPECT_EQ(row("sp-fee").at("EffectiveCost"), "0");
  EXPECT_EQ(row("sp-fee", 1).at("CommitmentDiscountStatus"), "Unused");
  EXPECT_EQ(row("sp-fee", 1).at("EffectiveCost"), "0.3");

  const testing::RawCsv raw = testing::load_raw(path_);
  Decimal billed;
  for (size_t r = 0; r < raw.rows.size(); ++r) {
    const std::string net = raw.get(r, {"line_item_net_unblended_cost"});
    billed += net.empty() ? dec(raw.get(r, {"line_item_unblended_cost"})) : dec(net);
  }
  EXPECT_EQ(sum(result_.rows, "BilledCost"), billed);
  // Net amortized: usage .91 + SP used 1.14 + negation 0 + unused .3 + tax .31 + cr .5.
  EXPECT_EQ(sum(result_.rows, "EffectiveCost"), dec("3.16"));
}

TEST_F(AwsCur2ReaderTest, BadJsonMapCellIsARowIssue) {
  auto rows = cur2_rows();
  rows[0]["resource_tags"] = "{user_team: web";
  const auto path = dir_.path() / "bad.csv";
  testing::write_text(path, testing::make_csv(kCur2Header, rows));
  const auto result = testing::read_with(*make_aws_cur2_reader(), {path});
  ASSERT_TRUE(result.status.is_ok());
  ASSERT_EQ(result.report.issues.size(), 1u);
  EXPECT_EQ(result.report.issues[0].row, 1u);
  EXPECT_EQ(result.report.issues[0].column, "resource_tags");
  EXPECT_EQ(result.report.issues[0].expected, "JSON object");
  EXPECT_EQ(result.report.rows_accepted, 6u);
}

DetectInput header_input(const std::string& path, std::vector<std::string> header) {
  DetectInput input;
  input.path = path;
  input.header = std::move(header);
  return input;
}

TEST(AwsCurDetectTest, TellsCur2FromLegacyAndFromOtherFormats) {
  EXPECT_EQ(detect_cur_dialect(header_input("x.csv", kCur2Header)), CurDialect::kCur2);
  const auto legacy = testing::load_raw(
      optima::testing::shared_data("billing/koku/aws/2022-07-01-alt-columns.csv"));
  EXPECT_EQ(detect_cur_dialect(header_input("x.csv", legacy.header)), CurDialect::kLegacy);
  const auto slash =
      testing::load_raw(optima::testing::shared_data("billing/koku/aws/2023-06-01.csv"));
  EXPECT_EQ(detect_cur_dialect(header_input("x.csv", slash.header)), CurDialect::kLegacy);
  EXPECT_EQ(
      detect_cur_dialect(header_input("x.csv", {"BilledCost", "EffectiveCost", "ChargeCategory"})),
      CurDialect::kNone);
  // A head that ends inside the header line still tells.
  DetectInput partial;
  partial.path = "x.csv";
  partial.head = "bill/BillType,bill/PayerAccountId,lineItem/LineItemType,lineItem/Unbl";
  EXPECT_EQ(detect_cur_dialect(partial), CurDialect::kLegacy);
}

TEST(AwsCurDetectTest, RecognisesManifests) {
  DetectInput legacy;
  legacy.path = "/r/cur/20240101-20240201/cur-Manifest.json";
  legacy.head =
      R"({"assemblyId":"a1","account":"1","columns":[{"category":"identity","name":"LineItemId"}],"reportKeys":[)";
  EXPECT_EQ(detect_cur_dialect(legacy), CurDialect::kLegacy);
  DetectInput cur2;
  cur2.path = "/r/exp/metadata/BILLING_PERIOD=2024-03/exp-Manifest.json";
  cur2.head = R"({"columns":[{"name":"bill_bill_type","type":"string"}],)";
  EXPECT_EQ(detect_cur_dialect(cur2), CurDialect::kCur2);
  DetectInput focus = cur2;
  focus.head = R"({"columns":[{"name":"BilledCost","type":"double"}],"dataFiles":[)";
  EXPECT_EQ(detect_cur_dialect(focus), CurDialect::kNone);
  DetectInput other;
  other.path = "/r/package.json";
  other.head = R"({"name":"x"})";
  EXPECT_EQ(detect_cur_dialect(other), CurDialect::kNone);
}

}  // namespace
}  // namespace optima::ingest
