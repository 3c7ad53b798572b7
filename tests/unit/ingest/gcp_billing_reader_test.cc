#include "optima/ingest/gcp_billing_reader.h"

#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <zlib.h>

#include "optima/core/file_io.h"

#include "support/shared_data.h"
#include "unit/ingest/gcp_test_support.h"

namespace optima::ingest {
namespace {

using focus::Column;
using testing::CollectingSink;

// One row of the detailed usage cost export as BigQuery writes it to JSON lines. Each member
// holds raw JSON text, so tests can write numbers exactly as they want them spelled.
struct ExportRow {
  std::string billing_account_id = R"("012345-6789AB-CDEF01")";
  std::string service = R"({"id":"6F81-5844-456A","description":"Compute Engine"})";
  std::string sku =
      R"({"id":"CF4E-A0C7-E3BF","description":"E2 Instance Core running in Americas"})";
  std::string usage_start_time = R"("2024-03-10 08:00:00 UTC")";
  std::string usage_end_time = R"("2024-03-10 09:00:00 UTC")";
  std::string project =
      R"({"id":"shop-prod","number":"123456789012","name":"Shop Prod","labels":[{"key":"team","value":"web"},{"key":"env","value":"prod"}],"ancestry_numbers":"/111/123456789012/"})";
  std::string labels = R"([{"key":"env","value":"canary"},{"key":"app","value":"checkout"}])";
  std::string system_labels =
      R"([{"key":"compute.googleapis.com/machine_spec","value":"e2-standard-2"},{"key":"cores","value":"2"}])";
  std::string location =
      R"({"location":"us-central1","country":"US","region":"us-central1","zone":"us-central1-a"})";
  std::string resource =
      R"({"name":"web-1","global_name":"//compute.googleapis.com/projects/shop-prod/zones/us-central1-a/instances/4711"})";
  std::string tags =
      R"([{"key":"cost-center","value":"cc-7","inherited":true,"namespace":"123456789"}])";
  std::string export_time = R"("2024-03-10 12:00:00.250 UTC")";
  std::string cost = "1.5";
  std::string currency = R"("USD")";
  std::string currency_conversion_rate = "1.0";
  std::string cost_at_list = "2.0";
  std::string usage =
      R"({"amount":7200.0,"unit":"seconds","amount_in_pricing_units":2.0,"pricing_unit":"hour"})";
  std::string credits = "[]";
  std::string invoice = R"({"month":"202403"})";
  std::string cost_type = R"("regular")";
  std::string adjustment_info = "null";
  std::string transaction_type = R"("GOOGLE")";
  std::string seller_name = R"("Google")";
  std::string price =
      R"({"effective_price":0.75,"tier_start_amount":0,"unit":"hour","pricing_unit_quantity":1})";
  std::string subscription = R"({"instance_id":null})";

  std::string json() const {
    const std::pair<const char*, const std::string*> members[] = {
        {"billing_account_id", &billing_account_id},
        {"service", &service},
        {"sku", &sku},
        {"usage_start_time", &usage_start_time},
        {"usage_end_time", &usage_end_time},
        {"project", &project},
        {"labels", &labels},
        {"system_labels", &system_labels},
        {"location", &location},
        {"resource", &resource},
        {"tags", &tags},
        {"export_time", &export_time},
        {"cost", &cost},
        {"currency", &currency},
        {"currency_conversion_rate", &currency_conversion_rate},
        {"cost_at_list", &cost_at_list},
        {"usage", &usage},
        {"credits", &credits},
        {"invoice", &invoice},
        {"cost_type", &cost_type},
        {"adjustment_info", &adjustment_info},
        {"transaction_type", &transaction_type},
        {"seller_name", &seller_name},
        {"price", &price},
        {"subscription", &subscription},
    };
    std::string out = "{";
    for (const auto& [name, value] : members) {
      if (out.size() > 1) out += ",";
      out += "\"" + std::string(name) + "\":" + *value;
    }
    return out + "}";
  }
};

std::string lines(const std::vector<ExportRow>& rows) {
  std::string out;
  for (const auto& r : rows) out += r.json() + "\n";
  return out;
}

std::filesystem::path write_text(const std::filesystem::path& dir, const std::string& name,
                                 const std::string& content) {
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

std::filesystem::path write_gzip(const std::filesystem::path& dir, const std::string& name,
                                 const std::string& content) {
  const auto path = dir / name;
  gzFile gz = gzopen(path.string().c_str(), "wb");
  gzwrite(gz, content.data(), static_cast<unsigned>(content.size()));
  gzclose(gz);
  return path;
}

struct ReadResult {
  core::Status status;
  ReadReport report;
  CollectingSink sink;
};

ReadResult read_files(const std::vector<std::filesystem::path>& files, ReadOptions options = {}) {
  GcpBillingReader reader;
  ReadResult result;
  const auto units = reader.plan(files, nullptr);
  EXPECT_EQ(units.size(), 1u);
  result.status = reader.read(units.at(0), options, result.sink, &result.report);
  return result;
}

ReadResult read_rows(const std::vector<ExportRow>& rows, ReadOptions options = {}) {
  optima::testing::TempDir dir;
  return read_files({write_text(dir.path(), "export.jsonl", lines(rows))}, options);
}

TEST(GcpBillingReaderTest, MapsADetailedExportRowToFocus) {
  ReadResult r = read_rows({ExportRow{}});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.report.rows_read, 1u);
  EXPECT_EQ(r.report.rows_accepted, 1u);
  ASSERT_EQ(r.sink.rows(), 1u);
  const CollectingSink& s = r.sink;
  EXPECT_EQ(s.cell(0, Column::kBilledCost), "1.5");
  EXPECT_EQ(s.cell(0, Column::kEffectiveCost), "1.5");
  EXPECT_EQ(s.cell(0, Column::kContractedCost), "1.5");
  EXPECT_EQ(s.cell(0, Column::kListCost), "2");
  EXPECT_EQ(s.cell(0, Column::kContractedUnitPrice), "0.75");
  EXPECT_EQ(s.cell(0, Column::kListUnitPrice), "1");  // cost_at_list 2.0 for 2 hours
  EXPECT_EQ(s.cell(0, Column::kPricingQuantity), "2");
  EXPECT_EQ(s.cell(0, Column::kPricingUnit), "hour");
  EXPECT_EQ(s.cell(0, Column::kConsumedQuantity), "7200");
  EXPECT_EQ(s.cell(0, Column::kConsumedUnit), "seconds");
  EXPECT_EQ(s.cell(0, Column::kBillingAccountId), "012345-6789AB-CDEF01");
  EXPECT_EQ(s.cell(0, Column::kBillingCurrency), "USD");
  EXPECT_EQ(s.cell(0, Column::kBillingPeriodStart), "2024-03-01T08:00:00Z");
  EXPECT_EQ(s.cell(0, Column::kBillingPeriodEnd), "2024-04-01T07:00:00Z");
  EXPECT_EQ(s.cell(0, Column::kChargePeriodStart), "2024-03-10T08:00:00Z");
  EXPECT_EQ(s.cell(0, Column::kChargePeriodEnd), "2024-03-10T09:00:00Z");
  EXPECT_EQ(s.cell(0, Column::kChargeCategory), "Usage");
  EXPECT_EQ(s.cell(0, Column::kChargeClass), "");
  EXPECT_EQ(s.cell(0, Column::kChargeFrequency), "Usage-Based");
  EXPECT_EQ(s.cell(0, Column::kChargeDescription), "E2 Instance Core running in Americas");
  EXPECT_EQ(s.cell(0, Column::kPricingCategory), "Standard");
  EXPECT_EQ(s.cell(0, Column::kCommitmentDiscountId), "");
  EXPECT_EQ(s.cell(0, Column::kProviderName), "Google Cloud");
  EXPECT_EQ(s.cell(0, Column::kPublisherName), "Google Cloud");
  EXPECT_EQ(s.cell(0, Column::kInvoiceIssuerName), "Google Cloud");
  EXPECT_EQ(s.cell(0, Column::kRegionId), "us-central1");
  EXPECT_EQ(s.cell(0, Column::kRegionName), "Iowa");
  EXPECT_EQ(s.cell(0, Column::kAvailabilityZone), "us-central1-a");
  EXPECT_EQ(s.cell(0, Column::kResourceId),
            "//compute.googleapis.com/projects/shop-prod/zones/us-central1-a/instances/4711");
  EXPECT_EQ(s.cell(0, Column::kResourceName), "web-1");
  EXPECT_EQ(s.cell(0, Column::kResourceType), "compute.googleapis.com/instances");
  EXPECT_EQ(s.cell(0, Column::kServiceName), "Compute Engine");
  EXPECT_EQ(s.cell(0, Column::kServiceCategory), "Compute");
  EXPECT_EQ(s.cell(0, Column::kServiceSubcategory), "Virtual Machines");
  EXPECT_EQ(s.cell(0, Column::kCommitmentDiscountQuantity), "");
  EXPECT_EQ(s.cell(0, Column::kSkuId), "CF4E-A0C7-E3BF");
  EXPECT_EQ(s.cell(0, Column::kSkuPriceId), "CF4E-A0C7-E3BF");
  EXPECT_EQ(s.cell(0, Column::kSkuMeter), "E2 Instance Core running in Americas");
  EXPECT_EQ(s.cell(0, Column::kSubAccountId), "shop-prod");
  EXPECT_EQ(s.cell(0, Column::kSubAccountName), "Shop Prod");
  EXPECT_EQ(s.cell(0, Column::kSubAccountType), "Project");
  EXPECT_EQ(s.extension(0, "x_Credits"), "");
  EXPECT_EQ(s.extension(0, "x_CostType"), "regular");
  EXPECT_EQ(s.extension(0, "x_CurrencyConversionRate"), "1");
  EXPECT_EQ(s.extension(0, "x_ExportTime"), "2024-03-10T12:00:00Z");
  EXPECT_EQ(s.extension(0, "x_Location"), "us-central1");
  EXPECT_EQ(s.extension(0, "x_ProjectNumber"), "123456789012");
  EXPECT_EQ(s.extension(0, "x_ServiceId"), "6F81-5844-456A");
  EXPECT_EQ(s.extension(0, "x_InvoiceMonth"), "202403");
  EXPECT_TRUE(r.report.warnings.empty());
}

TEST(GcpBillingReaderTest, TagsMergeLabelsOverProjectLabelsWithSystemLabelsAndTags) {
  ReadResult r = read_rows({ExportRow{}});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  // env: the resource label "canary" overrides the project label "prod"; team is inherited
  // from the project; system labels keep Google's namespace or get "goog-"; Resource Manager
  // tags are "namespace/key".
  EXPECT_EQ(r.sink.tags(0),
            R"({"123456789/cost-center":"cc-7","app":"checkout",)"
            R"("compute.googleapis.com/machine_spec":"e2-standard-2","env":"canary",)"
            R"("goog-cores":"2","team":"web"})");
}

TEST(GcpBillingReaderTest, NetsCudSudAndPromotionCreditsIntoBilledAndEffectiveCost) {
  ExportRow row;
  row.cost = "10.0";
  row.subscription = R"({"instance_id":"projects/shop-prod/regions/us-central1/commitments/c1"})";
  row.credits =
      R"([{"name":"Committed use discount: CPU","amount":-6.25,"full_name":"Committed use discount: CPU 1 year","id":"CommittedUsageDiscount:9a","type":"COMMITTED_USAGE_DISCOUNT"},)"
      R"({"name":"Sustained usage discount","amount":-1.5,"full_name":null,"id":"SustainedUsageDiscount:7","type":"SUSTAINED_USAGE_DISCOUNT"},)"
      R"({"name":"Free trial","amount":-0.05,"full_name":null,"id":"FreeTrial:1","type":"PROMOTION"}])";
  ReadResult r = read_rows({row});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  const CollectingSink& s = r.sink;
  EXPECT_EQ(s.cell(0, Column::kBilledCost), "2.2");
  EXPECT_EQ(s.cell(0, Column::kEffectiveCost), "2.2");
  EXPECT_EQ(s.cell(0, Column::kContractedCost), "10");
  EXPECT_EQ(s.cell(0, Column::kChargeCategory), "Usage");
  EXPECT_EQ(s.cell(0, Column::kPricingCategory), "Committed");
  EXPECT_EQ(s.cell(0, Column::kCommitmentDiscountId),
            "projects/shop-prod/regions/us-central1/commitments/c1");
  EXPECT_EQ(s.cell(0, Column::kCommitmentDiscountCategory), "Usage");
  EXPECT_EQ(s.cell(0, Column::kCommitmentDiscountType), "Committed Use Discount");
  EXPECT_EQ(s.cell(0, Column::kCommitmentDiscountStatus), "Used");
  EXPECT_EQ(s.cell(0, Column::kCommitmentDiscountName), "Committed use discount: CPU 1 year");
  // A resource-based commitment covers the row's pricing units.
  EXPECT_EQ(s.cell(0, Column::kCommitmentDiscountQuantity), "2");
  EXPECT_EQ(s.cell(0, Column::kCommitmentDiscountUnit), "hour");
  EXPECT_EQ(
      s.extension(0, "x_Credits"),
      R"([{"name":"Committed use discount: CPU","amount":-6.25,"full_name":"Committed use discount: CPU 1 year","id":"CommittedUsageDiscount:9a","type":"COMMITTED_USAGE_DISCOUNT"},)"
      R"({"name":"Sustained usage discount","amount":-1.5,"full_name":null,"id":"SustainedUsageDiscount:7","type":"SUSTAINED_USAGE_DISCOUNT"},)"
      R"({"name":"Free trial","amount":-0.05,"full_name":null,"id":"FreeTrial:1","type":"PROMOTION"}])");
}

TEST(GcpBillingReaderTest, SpendBasedCudCreditWithoutSubscriptionUsesTheCreditId) {
  ExportRow row;
  row.credits =
      R"([{"name":"CUD dollar base","amount":-0.5,"full_name":"Spend-based CUD","id":"CommittedUsageDiscountDollarBase:42","type":"COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE"}])";
  ReadResult r = read_rows({row});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.sink.cell(0, Column::kBilledCost), "1");
  EXPECT_EQ(r.sink.cell(0, Column::kCommitmentDiscountId), "CommittedUsageDiscountDollarBase:42");
  EXPECT_EQ(r.sink.cell(0, Column::kCommitmentDiscountCategory), "Spend");
  EXPECT_EQ(r.sink.cell(0, Column::kPricingCategory), "Committed");
  // A spend-based commitment consumed the credited amount, in the billing currency.
  EXPECT_EQ(r.sink.cell(0, Column::kCommitmentDiscountQuantity), "0.5");
  EXPECT_EQ(r.sink.cell(0, Column::kCommitmentDiscountUnit), "USD");
}

TEST(GcpBillingReaderTest, SustainedUseAndPromotionCreditsKeepStandardPricing) {
  ExportRow row;
  row.credits =
      R"([{"name":"Sustained usage discount","amount":-0.3,"full_name":null,"id":"s","type":"SUSTAINED_USAGE_DISCOUNT"}])";
  ReadResult r = read_rows({row});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.sink.cell(0, Column::kBilledCost), "1.2");
  EXPECT_EQ(r.sink.cell(0, Column::kPricingCategory), "Standard");
  EXPECT_EQ(r.sink.cell(0, Column::kCommitmentDiscountId), "");
}

TEST(GcpBillingReaderTest, CommitmentFeeRowsArePurchases) {
  ExportRow fee;
  fee.sku = R"({"id":"1A2B-3C4D-5E6F","description":"Commitment v1: Cpu in Americas for 1 Year"})";
  fee.subscription = R"({"instance_id":"projects/shop-prod/regions/us-central1/commitments/c1"})";
  ExportRow spend = fee;
  spend.sku =
      R"({"id":"9F8E-7D6C-5B4A","description":"Commitment - dollar based v1: GCE for 3 years"})";
  spend.subscription = R"({"instance_id":"billingAccounts/012345/commitments/s9"})";
  ReadResult r = read_rows({fee, spend});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(r.sink.cell(i, Column::kChargeCategory), "Purchase");
    EXPECT_EQ(r.sink.cell(i, Column::kChargeFrequency), "Recurring");
    EXPECT_EQ(r.sink.cell(i, Column::kPricingCategory), "Standard");
    EXPECT_EQ(r.sink.cell(i, Column::kConsumedQuantity), "");
    EXPECT_EQ(r.sink.cell(i, Column::kPricingQuantity), "2");
    EXPECT_EQ(r.sink.cell(i, Column::kCommitmentDiscountType), "Committed Use Discount");
    EXPECT_EQ(r.sink.cell(i, Column::kCommitmentDiscountStatus), "");
  }
  EXPECT_EQ(r.sink.cell(0, Column::kCommitmentDiscountCategory), "Usage");
  EXPECT_EQ(r.sink.cell(0, Column::kCommitmentDiscountId),
            "projects/shop-prod/regions/us-central1/commitments/c1");
  EXPECT_EQ(r.sink.cell(1, Column::kCommitmentDiscountCategory), "Spend");
  EXPECT_EQ(r.sink.cell(0, Column::kCommitmentDiscountQuantity), "2");  // its pricing units
  EXPECT_EQ(r.sink.cell(0, Column::kCommitmentDiscountUnit), "hour");
  EXPECT_EQ(r.sink.cell(1, Column::kCommitmentDiscountQuantity), "1.5");  // the fee bought
  EXPECT_EQ(r.sink.cell(1, Column::kCommitmentDiscountUnit), "USD");
}

TEST(GcpBillingReaderTest, ListUnitPriceFallsBackToTheContractedPriceWithoutAListCost) {
  ExportRow row;
  row.cost_at_list = "null";
  row.service = R"({"id":"95FF-2EF5-5EA1","description":"Cloud Scheduler"})";
  ReadResult r = read_rows({row});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.sink.cell(0, Column::kListCost), "1.5");
  EXPECT_EQ(r.sink.cell(0, Column::kListUnitPrice), "0.75");
  EXPECT_EQ(r.sink.cell(0, Column::kServiceSubcategory), "Other (Developer Tools)");
}

TEST(GcpBillingReaderTest, SpotAndPreemptibleSkusAreDynamicPricing) {
  ExportRow spot;
  spot.sku = R"({"id":"A","description":"Spot Preemptible N2 Instance Core running in Americas"})";
  ExportRow preemptible;
  preemptible.sku = R"({"id":"B","description":"Preemptible E2 Instance Ram running in EMEA"})";
  ExportRow look_alike;
  look_alike.sku = R"({"id":"C","description":"Spotlight API calls"})";
  ReadResult r = read_rows({spot, preemptible, look_alike});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.sink.cell(0, Column::kPricingCategory), "Dynamic");
  EXPECT_EQ(r.sink.cell(1, Column::kPricingCategory), "Dynamic");
  EXPECT_EQ(r.sink.cell(2, Column::kPricingCategory), "Standard");
}

TEST(GcpBillingReaderTest, InvoiceMonthsArePacificTimeMonthsInUtc) {
  const struct {
    const char* month;
    const char* start;
    const char* end;
  } cases[] = {
      // March: starts in PST (08:00Z), ends in PDT (07:00Z) after the March DST change.
      {"202403", "2024-03-01T08:00:00Z", "2024-04-01T07:00:00Z"},
      // November: starts in PDT, ends in PST after the November change.
      {"202411", "2024-11-01T07:00:00Z", "2024-12-01T08:00:00Z"},
      // December: PST throughout, across the year end.
      {"202412", "2024-12-01T08:00:00Z", "2025-01-01T08:00:00Z"},
      {"202407", "2024-07-01T07:00:00Z", "2024-08-01T07:00:00Z"},
  };
  std::vector<ExportRow> rows;
  for (const auto& c : cases) {
    ExportRow row;
    row.invoice = std::string(R"({"month":")") + c.month + "\"}";
    rows.push_back(row);
  }
  ReadResult r = read_rows(rows);
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  for (size_t i = 0; i < std::size(cases); ++i) {
    EXPECT_EQ(r.sink.cell(i, Column::kBillingPeriodStart), cases[i].start) << cases[i].month;
    EXPECT_EQ(r.sink.cell(i, Column::kBillingPeriodEnd), cases[i].end) << cases[i].month;
    EXPECT_EQ(r.sink.extension(i, "x_InvoiceMonth"), cases[i].month);
  }
}

TEST(GcpBillingReaderTest, UsageBeforeThePacificMonthStartBelongsToThePreviousInvoice) {
  // 2024-03-01T05:00Z is still February 29 in Los Angeles: Google invoices it in 202402.
  ExportRow row;
  row.usage_start_time = R"("2024-03-01T05:00:00Z")";
  row.usage_end_time = R"("2024-03-01T06:00:00Z")";
  row.invoice = R"({"month":"202402"})";
  ReadResult r = read_rows({row});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.sink.cell(0, Column::kChargePeriodStart), "2024-03-01T05:00:00Z");
  EXPECT_EQ(r.sink.cell(0, Column::kBillingPeriodStart), "2024-02-01T08:00:00Z");
  EXPECT_EQ(r.sink.cell(0, Column::kBillingPeriodEnd), "2024-03-01T08:00:00Z");
}

TEST(GcpBillingReaderTest, TaxAdjustmentAndRoundingRows) {
  ExportRow tax;
  tax.cost_type = R"("tax")";
  tax.service = R"({"id":"TAX-0","description":"Invoice"})";
  tax.cost = "0.42";
  tax.cost_at_list = "null";
  tax.price = "null";
  tax.resource = "null";
  ExportRow adjustment;
  adjustment.cost_type = R"("adjustment")";
  adjustment.cost = "-3.5";
  adjustment.adjustment_info =
      R"({"id":"adj-17","description":"Refund for outage in us-central1","mode":"MANUAL_ADJUSTMENT","type":"GENERAL_ADJUSTMENT"})";
  ExportRow rounding;
  rounding.cost_type = R"("rounding_error")";
  rounding.cost = "-0.000001";
  ReadResult r = read_rows({tax, adjustment, rounding});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  const CollectingSink& s = r.sink;
  EXPECT_EQ(s.cell(0, Column::kChargeCategory), "Tax");
  EXPECT_EQ(s.cell(0, Column::kChargeFrequency), "One-Time");
  EXPECT_EQ(s.cell(0, Column::kBilledCost), "0.42");
  EXPECT_EQ(s.cell(0, Column::kListCost), "0.42");
  // FOCUS 1.2: null on Tax rows.
  EXPECT_EQ(s.cell(0, Column::kPricingCategory), "");
  EXPECT_EQ(s.cell(0, Column::kPricingQuantity), "");
  EXPECT_EQ(s.cell(0, Column::kContractedUnitPrice), "");
  EXPECT_EQ(s.cell(0, Column::kSkuId), "");
  EXPECT_EQ(s.cell(0, Column::kSkuPriceId), "");
  EXPECT_EQ(s.cell(0, Column::kResourceId), "");
  EXPECT_EQ(s.cell(0, Column::kConsumedQuantity), "");
  EXPECT_EQ(s.cell(1, Column::kChargeCategory), "Adjustment");
  EXPECT_EQ(s.cell(1, Column::kChargeClass), "Correction");
  EXPECT_EQ(s.cell(1, Column::kChargeDescription), "Refund for outage in us-central1");
  EXPECT_EQ(s.cell(1, Column::kBilledCost), "-3.5");
  EXPECT_EQ(s.cell(1, Column::kConsumedQuantity), "");
  EXPECT_EQ(s.cell(1, Column::kPricingCategory), "");
  EXPECT_EQ(s.cell(2, Column::kChargeCategory), "Adjustment");
  EXPECT_EQ(s.cell(2, Column::kChargeClass), "");
  EXPECT_EQ(s.cell(2, Column::kBilledCost), "-0.000001");
  EXPECT_EQ(s.extension(2, "x_CostType"), "rounding_error");
  // "Invoice" is not in the category files: Other, with a warning.
  EXPECT_EQ(s.cell(0, Column::kServiceCategory), "Other");
  ASSERT_EQ(r.report.warnings.size(), 1u);
  EXPECT_NE(r.report.warnings[0].find("'Invoice'"), std::string::npos) << r.report.warnings[0];
}

TEST(GcpBillingReaderTest, MarketplaceRowsArePublishedByTheSeller) {
  ExportRow row;
  row.transaction_type = R"("THIRD_PARTY_RESELLER")";
  row.seller_name = R"("Acme Analytics Inc.")";
  row.service = R"({"id":"MKT-1","description":"Acme Analytics SaaS"})";
  ReadResult r = read_rows({row});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.sink.cell(0, Column::kPublisherName), "Acme Analytics Inc.");
  EXPECT_EQ(r.sink.cell(0, Column::kProviderName), "Google Cloud");
  EXPECT_EQ(r.sink.cell(0, Column::kInvoiceIssuerName), "Google Cloud");
  EXPECT_EQ(r.sink.cell(0, Column::kBilledCost), "1.5");
}

TEST(GcpBillingReaderTest, DecimalsAreExactFromTheSourceText) {
  ExportRow tiny;
  tiny.cost = "1.0E-6";
  tiny.credits = R"([{"name":"p","amount":-1E-7,"full_name":null,"id":"p","type":"PROMOTION"}])";
  ExportRow a;
  a.cost = "0.1";
  a.usage_start_time = R"("2024-03-10T09:00:00Z")";
  a.usage_end_time = R"("2024-03-10T10:00:00Z")";
  ExportRow b;
  b.cost = "0.2";
  b.usage_start_time = R"("2024-03-10T10:00:00Z")";
  b.usage_end_time = R"("2024-03-10T11:00:00Z")";
  ExportRow long_digits;
  long_digits.cost = "123456789.123456789012345678";
  long_digits.cost_at_list = "\"0.30000000000000004\"";  // BigQuery NUMERIC as a string
  long_digits.usage_start_time = R"("2024-03-10T11:00:00Z")";
  long_digits.usage_end_time = R"("2024-03-10T12:00:00Z")";
  ReadResult r = read_rows({tiny, a, b, long_digits});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.sink.cell(0, Column::kBilledCost), "0.0000009");
  EXPECT_EQ(r.sink.cell(0, Column::kContractedCost), "0.000001");
  EXPECT_EQ(r.sink.cell(3, Column::kBilledCost), "123456789.123456789012345678");
  EXPECT_EQ(r.sink.cell(3, Column::kListCost), "0.30000000000000004");
  const core::Decimal a_plus_b = r.sink.sum(Column::kBilledCost) -
                                 core::Decimal::from_string("0.0000009").value() -
                                 core::Decimal::from_string("123456789.123456789012345678").value();
  EXPECT_EQ(a_plus_b.to_string(), "0.3");
}

TEST(GcpBillingReaderTest, ReExportedRowsOfTheSameChargeAreAllKeptAndSummed) {
  // The export is append-only: a later row of the same charge adds to the earlier one.
  ExportRow first;
  first.cost = "1.0";
  first.export_time = R"("2024-03-10 12:00:00.100 UTC")";
  ExportRow correction = first;
  correction.cost = "1.25";
  correction.credits =
      R"([{"name":"s","amount":-0.25,"full_name":null,"id":"s","type":"SUSTAINED_USAGE_DISCOUNT"}])";
  correction.export_time = R"("2024-03-11 06:30:00.900 UTC")";
  ExportRow other_label = first;  // a different charge: labels differ
  other_label.labels = R"([{"key":"app","value":"search"}])";
  ExportRow same_time_twin = correction;  // same charge and export_time as the correction
  same_time_twin.cost = "0.5";
  same_time_twin.credits = "[]";
  ReadResult r = read_rows({first, other_label, correction, same_time_twin});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.report.rows_read, 4u);
  EXPECT_EQ(r.report.rows_accepted, 4u);
  EXPECT_EQ(r.report.rows_skipped, 0u);
  EXPECT_TRUE(r.report.warnings.empty());
  ASSERT_EQ(r.sink.rows(), 4u);
  EXPECT_EQ(r.sink.cell(0, Column::kBilledCost), "1");
  EXPECT_EQ(r.sink.extension(0, "x_ExportTime"), "2024-03-10T12:00:00Z");
  EXPECT_EQ(r.sink.cell(2, Column::kBilledCost), "1");  // 1.25 - 0.25
  EXPECT_EQ(r.sink.cell(2, Column::kContractedCost), "1.25");
  EXPECT_EQ(r.sink.extension(2, "x_ExportTime"), "2024-03-11T06:30:00Z");
  EXPECT_EQ(r.sink.cell(3, Column::kBilledCost), "0.5");
  // Σ BilledCost = Σ (cost + Σ credits) over every row: 1.0 + 1.0 + (1.25 - 0.25) + 0.5.
  EXPECT_EQ(r.sink.sum(Column::kBilledCost).to_string(), "3.5");
  EXPECT_EQ(r.sink.sum(Column::kContractedCost).to_string(), "3.75");
}

TEST(GcpBillingReaderTest, RowsOfEveryFileOfTheUnitAreKeptInFileOrder) {
  optima::testing::TempDir dir;
  ExportRow old_row;
  old_row.export_time = R"("2024-03-11 00:00:00 UTC")";
  ExportRow new_row = old_row;
  new_row.cost = "9";
  new_row.export_time = R"("2024-03-12 00:00:00 UTC")";
  // The later export is in the file read first.
  const auto a = write_text(dir.path(), "a.jsonl", lines({new_row}));
  const auto b = write_gzip(dir.path(), "b.jsonl.gz", lines({old_row, old_row}));
  ReadResult r = read_files({b, a});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.report.rows_read, 3u);
  EXPECT_EQ(r.report.rows_accepted, 3u);
  ASSERT_EQ(r.sink.rows(), 3u);
  EXPECT_EQ(r.sink.cell(0, Column::kBilledCost), "9");
  EXPECT_EQ(r.sink.extension(0, "x_ExportTime"), "2024-03-12T00:00:00Z");
  EXPECT_EQ(r.sink.cell(1, Column::kBilledCost), "1.5");
  EXPECT_EQ(r.sink.extension(1, "x_ExportTime"), "2024-03-11T00:00:00Z");
  EXPECT_EQ(r.sink.sum(Column::kBilledCost).to_string(), "12");
}

TEST(GcpBillingReaderTest, BadJsonLineIsReportedWithItsLineAndSkipped) {
  optima::testing::TempDir dir;
  const std::string text = ExportRow{}.json() + "\n\n" + R"({"cost": 1.5 "currency": "USD"})" +
                           "\n" + ExportRow{}.json() + "\n";
  ReadResult r = read_files({write_text(dir.path(), "export.jsonl", text)});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.report.rows_read, 3u);
  EXPECT_EQ(r.report.rows_accepted, 2u);
  EXPECT_EQ(r.report.rows_skipped, 1u);
  ASSERT_EQ(r.report.issues.size(), 1u);
  const RowIssue& issue = r.report.issues[0];
  EXPECT_EQ(issue.row, 2u);
  EXPECT_EQ(issue.line, 3u);
  EXPECT_NE(issue.message().find("export.jsonl row 2 (line 3): invalid JSON at column 14: "
                                 "expected ',' or '}' after object member"),
            std::string::npos)
      << issue.message();
}

TEST(GcpBillingReaderTest, WrongTypeIsReportedWithTheField) {
  ExportRow text_cost;
  text_cost.cost = R"("abc")";
  ExportRow numeric_string;
  numeric_string.cost = R"("2.5")";
  ExportRow bad_credit;
  bad_credit.credits = R"([{"name":"p","amount":"lots","type":"PROMOTION"}])";
  ExportRow object_cost;
  object_cost.cost = R"({"amount":1})";
  ReadResult r = read_rows({text_cost, numeric_string, bad_credit, object_cost});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.report.rows_accepted, 1u);
  EXPECT_EQ(r.sink.cell(0, Column::kBilledCost), "2.5");
  ASSERT_EQ(r.report.issues.size(), 3u);
  EXPECT_EQ(r.report.issues[0].column, "cost");
  EXPECT_NE(r.report.issues[0].message().find("row 1 (line 1), column cost: expected decimal, "
                                              "found 'abc'"),
            std::string::npos)
      << r.report.issues[0].message();
  EXPECT_EQ(r.report.issues[1].column, "credits[0].amount");
  EXPECT_EQ(r.report.issues[1].found, "lots");
  EXPECT_EQ(r.report.issues[2].column, "cost");
  EXPECT_EQ(r.report.issues[2].found, "a JSON object");
}

TEST(GcpBillingReaderTest, MissingRequiredFieldsAndBadValuesAreReported) {
  ExportRow no_cost;
  no_cost.cost = "null";
  ExportRow bad_month;
  bad_month.invoice = R"({"month":"2024-03"})";
  ExportRow unknown_type;
  unknown_type.cost_type = R"("refund")";
  ExportRow bad_time;
  bad_time.usage_start_time = R"("yesterday")";
  ReadResult r = read_rows({no_cost, bad_month, unknown_type, bad_time});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.report.rows_accepted, 0u);
  ASSERT_EQ(r.report.issues.size(), 4u);
  EXPECT_EQ(r.report.issues[0].message().substr(r.report.issues[0].message().find("column")),
            "column cost: required field is missing or null");
  EXPECT_EQ(r.report.issues[1].column, "invoice.month");
  EXPECT_EQ(r.report.issues[1].expected, "an invoice month YYYYMM");
  EXPECT_EQ(r.report.issues[2].column, "cost_type");
  EXPECT_EQ(r.report.issues[2].found, "refund");
  EXPECT_EQ(r.report.issues[3].column, "usage_start_time");
  EXPECT_EQ(r.report.issues[3].expected, "timestamp");
}

// Found while fuzzing (UBSan in the fuzz build): cost + Σ credits overflowed Decimal's 128-bit
// range (undefined behaviour) when the amounts were near its ±1.7e20 limit.
TEST(GcpBillingReaderTest, CreditsWhoseSumWithCostOverflowsAreARowIssue) {
  ExportRow cost_plus_credit;
  cost_plus_credit.cost = "100000000000000000000";
  cost_plus_credit.credits = R"([{"name":"p","amount":100000000000000000000,"type":"PROMOTION"}])";
  ExportRow two_credits;
  two_credits.cost = "-100000000000000000000";
  two_credits.credits = R"([{"name":"a","amount":100000000000000000000,"type":"PROMOTION"},)"
                        R"({"name":"b","amount":100000000000000000000,"type":"PROMOTION"}])";
  ExportRow in_range;
  in_range.cost = "100000000000000000000";
  in_range.credits = R"([{"name":"p","amount":-100000000000000000000,"type":"PROMOTION"}])";
  ReadResult r = read_rows({cost_plus_credit, two_credits, in_range});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.report.rows_accepted, 1u);
  EXPECT_EQ(r.sink.cell(0, Column::kBilledCost), "0");
  ASSERT_EQ(r.report.issues.size(), 2u);
  EXPECT_EQ(r.report.issues[0].row, 1u);
  EXPECT_EQ(r.report.issues[0].column, "credits");
  EXPECT_EQ(r.report.issues[1].row, 2u);
  EXPECT_EQ(r.report.issues[1].column, "credits");
}

TEST(GcpBillingReaderTest, StrictModeFailsOnTheFirstBadRowAndReadsNoFurther) {
  ExportRow bad;
  bad.cost = R"("abc")";
  ReadOptions options;
  options.strictness = Strictness::kStrict;
  options.batch_rows = 1;
  ReadResult r = read_rows({ExportRow{}, bad, ExportRow{}}, options);
  ASSERT_FALSE(r.status.is_ok());
  EXPECT_EQ(r.status.code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status.message().find("row 2 (line 2), column cost: expected decimal, found 'abc'"),
            std::string::npos)
      << r.status.message();
  EXPECT_EQ(r.report.rows_read, 2u);
  // The row before the bad one was emitted; the pipeline discards a failed read as a whole.
  EXPECT_EQ(r.report.rows_accepted, 1u);
  EXPECT_EQ(r.sink.rows(), 1u);
  ASSERT_EQ(r.report.issues.size(), 1u);
}

TEST(GcpBillingReaderTest, LenientModeFailsPastTheBadRowLimit) {
  ExportRow bad;
  bad.cost = R"("abc")";
  ReadOptions options;
  options.max_bad_rows = 2;
  ReadResult ok = read_rows({bad, bad, ExportRow{}}, options);
  EXPECT_TRUE(ok.status.is_ok()) << ok.status.to_string();
  EXPECT_EQ(ok.report.rows_skipped, 2u);
  ReadResult too_many = read_rows({bad, bad, bad, ExportRow{}}, options);
  ASSERT_FALSE(too_many.status.is_ok());
  EXPECT_EQ(too_many.status.code(), core::StatusCode::kResourceExhausted);
  EXPECT_EQ(too_many.sink.rows(), 0u);
}

TEST(GcpBillingReaderTest, ReadsGzipJsonLinesWithCrlfAndBom) {
  optima::testing::TempDir dir;
  std::string text = "\xEF\xBB\xBF" + ExportRow{}.json() + "\r\n" + ExportRow{}.json();
  ReadResult r = read_files({write_gzip(dir.path(), "export.json.gz", text)});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.report.rows_accepted, 2u);
}

TEST(GcpBillingReaderTest, TruncatedGzipFailsWithAClearError) {
  optima::testing::TempDir dir;
  std::string text;
  for (int i = 0; i < 200; ++i) text += ExportRow{}.json() + "\n";
  const auto whole = write_gzip(dir.path(), "whole.jsonl.gz", text);
  std::string bytes = core::read_file(whole).value();
  const auto cut = write_text(dir.path(), "cut.jsonl.gz", bytes.substr(0, bytes.size() / 2));
  ReadResult r = read_files({cut});
  ASSERT_FALSE(r.status.is_ok());
  EXPECT_NE(r.status.message().find("cut.jsonl.gz"), std::string::npos) << r.status.message();
  EXPECT_NE(r.status.message().find("truncated"), std::string::npos) << r.status.message();
  EXPECT_EQ(r.sink.rows(), 0u);
}

TEST(GcpBillingReaderTest, EmitsBatchesOfAtMostBatchRows) {
  std::vector<ExportRow> rows(5);
  for (size_t i = 0; i < rows.size(); ++i) {
    rows[i].usage_start_time = "\"2024-03-10T0" + std::to_string(i) + ":00:00Z\"";
    rows[i].usage_end_time = "\"2024-03-10T0" + std::to_string(i + 1) + ":00:00Z\"";
  }
  ReadOptions options;
  options.batch_rows = 2;
  ReadResult r = read_rows(rows, options);
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  ASSERT_EQ(r.sink.tables.size(), 3u);
  EXPECT_EQ(r.sink.tables[0].num_rows(), 2u);
  EXPECT_EQ(r.sink.tables[2].num_rows(), 1u);
  // Every batch carries the same columns, even where all values are null.
  for (const auto& t : r.sink.tables) {
    EXPECT_TRUE(t.present(Column::kChargeClass));
    EXPECT_NE(t.extension("x_Credits"), nullptr);
  }
}

TEST(GcpBillingReaderTest, StandardExportWithoutResourceOrPriceFields) {
  // The standard usage cost table has no resource, price or cost_at_list fields; ISO times.
  const std::string line =
      R"({"billing_account_id":"01","service":{"id":"S","description":"Cloud Storage"},)"
      R"("sku":{"id":"K","description":"Standard Storage US Multi-region"},)"
      R"("usage_start_time":"2024-01-05T00:00:00Z","usage_end_time":"2024-01-05T01:00:00Z",)"
      R"("project":{"id":"p","name":"P","labels":[]},"labels":[],"system_labels":[],)"
      R"("location":{"location":"us","country":"US","region":null,"zone":null},)"
      R"("cost":0.0123,"currency":"EUR","currency_conversion_rate":0.92,)"
      R"("usage":{"amount":1073741824,"unit":"byte-seconds","amount_in_pricing_units":0.0003,)"
      R"("pricing_unit":"gibibyte month"},"credits":[],"invoice":{"month":"202401"},)"
      R"("cost_type":"regular","some_future_field":{"x":[1,2]}})";
  optima::testing::TempDir dir;
  ReadResult r = read_files({write_text(dir.path(), "standard.json", line + "\n")});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  ASSERT_EQ(r.sink.rows(), 1u);
  EXPECT_EQ(r.sink.cell(0, Column::kListCost), "0.0123");
  EXPECT_EQ(r.sink.cell(0, Column::kContractedUnitPrice), "");
  EXPECT_EQ(r.sink.cell(0, Column::kResourceId), "");
  EXPECT_EQ(r.sink.cell(0, Column::kRegionId), "");
  EXPECT_EQ(r.sink.cell(0, Column::kBillingCurrency), "EUR");
  EXPECT_EQ(r.sink.cell(0, Column::kServiceCategory), "Storage");
  EXPECT_EQ(r.sink.cell(0, Column::kBillingPeriodStart), "2024-01-01T08:00:00Z");
  EXPECT_EQ(r.sink.extension(0, "x_Location"), "us");
  EXPECT_EQ(r.sink.extension(0, "x_CurrencyConversionRate"), "0.92");
  EXPECT_EQ(r.sink.extension(0, "x_ExportTime"), "");
  EXPECT_EQ(r.sink.cell(0, Column::kTags), "");
}

TEST(GcpBillingReaderTest, ContractedUnitPriceIsPerSinglePricingUnit) {
  ExportRow row;
  row.price =
      R"({"effective_price":0.4,"tier_start_amount":0,"unit":"count","pricing_unit_quantity":1000})";
  ReadResult r = read_rows({row});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.sink.cell(0, Column::kContractedUnitPrice), "0.0004");
}

TEST(GcpBillingReaderTest, DetectsJsonLinesExportsOnly) {
  GcpBillingReader reader;
  const std::string line = ExportRow{}.json();
  EXPECT_TRUE(reader.detect({"x.jsonl", line, {}}));
  EXPECT_TRUE(reader.detect({"x.jsonl", "\xEF\xBB\xBF  " + line.substr(0, 200), {}}));
  EXPECT_FALSE(reader.detect({"x.json", R"({"name":"not billing"})", {}}));
  EXPECT_FALSE(reader.detect({"x.json", "[" + line + "]", {}}));
  EXPECT_FALSE(
      reader.detect({"x.csv", "billing_account_id,cost\n", {"billing_account_id", "cost"}}));
}

TEST(GcpBillingReaderTest, PlansOneUnitForAllFiles) {
  GcpBillingReader reader;
  const auto units = reader.plan({"b.jsonl", "a.jsonl.gz"}, nullptr);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].reader, "gcp-billing");
  ASSERT_EQ(units[0].files.size(), 2u);
  EXPECT_EQ(units[0].files[0], "a.jsonl.gz");
  EXPECT_TRUE(reader.plan({}, nullptr).empty());
  EXPECT_EQ(make_gcp_billing_reader()->name(), "gcp-billing");
}

}  // namespace
}  // namespace optima::ingest
