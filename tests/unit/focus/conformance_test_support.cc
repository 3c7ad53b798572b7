#include "conformance_test_support.h"

#include <map>

#include <nlohmann/json.hpp>

#include "optima/core/time.h"
#include "optima/focus/table_builder.h"

namespace optima::focus::testing {
namespace {

using Row = std::map<Column, std::string>;

// Cells shared by every row: one AWS-like payer, account, invoice and billing month.
Row common() {
  return {
      {Column::kBillingAccountId, "123456789012"},
      {Column::kBillingAccountName, "Acme Payer"},
      {Column::kBillingAccountType, "Billing Account"},
      {Column::kBillingCurrency, "USD"},
      {Column::kBillingPeriodStart, "2024-01-01T00:00:00Z"},
      {Column::kBillingPeriodEnd, "2024-02-01T00:00:00Z"},
      {Column::kChargePeriodStart, "2024-01-05T10:00:00Z"},
      {Column::kChargePeriodEnd, "2024-01-05T11:00:00Z"},
      {Column::kInvoiceId, "INV-2024-01"},
      {Column::kInvoiceIssuerName, "Amazon Web Services"},
      {Column::kProviderName, "Amazon Web Services"},
      {Column::kPublisherName, "Amazon Web Services"},
      {Column::kSubAccountId, "210987654321"},
      {Column::kSubAccountName, "prod"},
      {Column::kSubAccountType, "Account"},
      {Column::kPricingCurrency, "USD"},
      {Column::kRegionId, "us-east-1"},
      {Column::kRegionName, "US East (N. Virginia)"},
  };
}

Row merge(Row base, const Row& extra) {
  for (const auto& [c, v] : extra) {
    base[c] = v;
  }
  return base;
}

// Prices and costs of `quantity` units at `price` (list = contracted here).
Row priced(const std::string& price, const std::string& quantity, const std::string& cost) {
  return {
      {Column::kListUnitPrice, price},
      {Column::kContractedUnitPrice, price},
      {Column::kPricingCurrencyListUnitPrice, price},
      {Column::kPricingCurrencyContractedUnitPrice, price},
      {Column::kPricingQuantity, quantity},
      {Column::kListCost, cost},
      {Column::kContractedCost, cost},
  };
}

Row ec2_usage() {
  return merge(priced("0.0104", "2", "0.0208"),
               {{Column::kChargeCategory, "Usage"},
                {Column::kChargeDescription, "t3.micro On Demand hours"},
                {Column::kChargeFrequency, "Usage-Based"},
                {Column::kPricingCategory, "Standard"},
                {Column::kPricingUnit, "Hours"},
                {Column::kConsumedQuantity, "2"},
                {Column::kConsumedUnit, "Hours"},
                {Column::kBilledCost, "0.0208"},
                {Column::kEffectiveCost, "0.0208"},
                {Column::kPricingCurrencyEffectiveCost, "0.0208"},
                {Column::kServiceName, "Amazon EC2"},
                {Column::kServiceCategory, "Compute"},
                {Column::kServiceSubcategory, "Virtual Machines"},
                {Column::kResourceId, "i-0abc123"},
                {Column::kResourceName, "web-1"},
                {Column::kResourceType, "Virtual Machine"},
                {Column::kAvailabilityZone, "us-east-1a"},
                {Column::kSkuId, "SKU-T3MICRO"},
                {Column::kSkuPriceId, "SKU-T3MICRO-OD"},
                {Column::kSkuMeter, "Compute Usage"},
                {Column::kSkuPriceDetails, R"({"InstanceType":"t3.micro","CoreCount":2})"},
                {Column::kTags, R"({"team":"core","env":"prod"})"}});
}

Row commitment(const std::string& status) {
  Row r = {{Column::kCommitmentDiscountId, "arn:aws:savingsplans::123456789012:savingsplan/sp-1"},
           {Column::kCommitmentDiscountCategory, "Spend"},
           {Column::kCommitmentDiscountName, "Compute Savings Plan 1y"},
           {Column::kCommitmentDiscountType, "Savings Plan"},
           {Column::kCommitmentDiscountUnit, "USD"}};
  if (!status.empty()) {
    r[Column::kCommitmentDiscountStatus] = status;
  }
  return r;
}

std::vector<Row> rows() {
  std::vector<Row> out;
  // 1. On-demand usage.
  out.push_back(merge(common(), ec2_usage()));
  // 2. Usage covered by the savings plan: billed 0, amortized effective cost.
  Row covered = merge(merge(common(), ec2_usage()), commitment("Used"));
  covered[Column::kPricingCategory] = "Committed";
  covered[Column::kBilledCost] = "0";
  covered[Column::kEffectiveCost] = "0.016";
  covered[Column::kPricingCurrencyEffectiveCost] = "0.016";
  covered[Column::kCommitmentDiscountQuantity] = "0.016";
  covered[Column::kResourceId] = "i-0def456";
  covered[Column::kResourceName] = "web-2";
  out.push_back(covered);
  // 3. The savings plan purchase: recurring fee, effective cost 0 (amortized onto usage).
  out.push_back(
      merge(merge(common(), priced("1", "10", "10")),
            merge(commitment(""),
                  {{Column::kChargeCategory, "Purchase"},
                   {Column::kChargeDescription, "Savings Plan recurring fee"},
                   {Column::kChargeFrequency, "Recurring"},
                   {Column::kPricingCategory, "Standard"},
                   {Column::kPricingUnit, "Units"},
                   {Column::kBilledCost, "10"},
                   {Column::kEffectiveCost, "0"},
                   {Column::kPricingCurrencyEffectiveCost, "0"},
                   {Column::kCommitmentDiscountQuantity, "10"},
                   {Column::kServiceName, "AWS Savings Plans"},
                   {Column::kServiceCategory, "Management and Governance"},
                   {Column::kServiceSubcategory, "Cost Management"},
                   {Column::kResourceId, "arn:aws:savingsplans::123456789012:savingsplan/sp-1"},
                   {Column::kResourceName, "sp-1"},
                   {Column::kResourceType, "Savings Plan"},
                   {Column::kSkuId, "SKU-SP-COMPUTE"},
                   {Column::kSkuPriceId, "SKU-SP-COMPUTE-1Y"},
                   {Column::kSkuMeter, "Savings Plan Commitment"}})));
  // 4. The unused part of the commitment: Usage with status Unused, no consumed quantity.
  out.push_back(
      merge(merge(common(), priced("1", "1.5", "1.5")),
            merge(commitment("Unused"),
                  {{Column::kChargeCategory, "Usage"},
                   {Column::kChargeDescription, "Unused Savings Plan commitment"},
                   {Column::kChargeFrequency, "Usage-Based"},
                   {Column::kPricingCategory, "Committed"},
                   {Column::kPricingUnit, "Units"},
                   {Column::kBilledCost, "0"},
                   {Column::kEffectiveCost, "1.5"},
                   {Column::kPricingCurrencyEffectiveCost, "1.5"},
                   {Column::kCommitmentDiscountQuantity, "1.5"},
                   {Column::kServiceName, "AWS Savings Plans"},
                   {Column::kServiceCategory, "Management and Governance"},
                   {Column::kServiceSubcategory, "Cost Management"},
                   {Column::kResourceId, "arn:aws:savingsplans::123456789012:savingsplan/sp-1"},
                   {Column::kResourceName, "sp-1"},
                   {Column::kResourceType, "Savings Plan"},
                   {Column::kSkuId, "SKU-SP-COMPUTE"},
                   {Column::kSkuPriceId, "SKU-SP-COMPUTE-1Y"},
                   {Column::kSkuMeter, "Savings Plan Commitment"}})));
  // 5. Usage in a capacity reservation.
  Row reserved = merge(common(), ec2_usage());
  reserved[Column::kCapacityReservationId] = "cr-0123";
  reserved[Column::kCapacityReservationStatus] = "Used";
  reserved[Column::kResourceId] = "i-0fed789";
  reserved[Column::kResourceName] = "batch-1";
  out.push_back(reserved);
  // 6. Tax: no prices, quantities or SKU; costs derived from the taxed charges.
  out.push_back(merge(common(), {{Column::kChargeCategory, "Tax"},
                                 {Column::kChargeDescription, "Sales tax"},
                                 {Column::kChargeFrequency, "Recurring"},
                                 {Column::kBilledCost, "0.83"},
                                 {Column::kEffectiveCost, "0.83"},
                                 {Column::kListCost, "0.83"},
                                 {Column::kContractedCost, "0.83"},
                                 {Column::kPricingCurrencyEffectiveCost, "0.83"},
                                 {Column::kServiceName, "Tax"},
                                 {Column::kServiceCategory, "Other"},
                                 {Column::kServiceSubcategory, "Other (Other)"}}));
  // 7. A promotional credit.
  out.push_back(merge(common(), {{Column::kChargeCategory, "Credit"},
                                 {Column::kChargeDescription, "Promotional credit"},
                                 {Column::kChargeFrequency, "One-Time"},
                                 {Column::kBilledCost, "-5"},
                                 {Column::kEffectiveCost, "-5"},
                                 {Column::kListCost, "-5"},
                                 {Column::kContractedCost, "-5"},
                                 {Column::kPricingCurrencyEffectiveCost, "-5"},
                                 {Column::kServiceName, "Amazon EC2"},
                                 {Column::kServiceCategory, "Compute"},
                                 {Column::kServiceSubcategory, "Virtual Machines"}}));
  // 8. A correction of a previous month's usage (refund).
  Row correction = merge(common(), ec2_usage());
  correction[Column::kChargeClass] = "Correction";
  correction[Column::kChargeDescription] = "Refund for December usage";
  correction[Column::kBilledCost] = "-0.0208";
  correction[Column::kEffectiveCost] = "-0.0208";
  correction[Column::kListCost] = "-0.0208";
  correction[Column::kContractedCost] = "-0.0208";
  correction[Column::kPricingCurrencyEffectiveCost] = "-0.0208";
  correction[Column::kPricingQuantity] = "-2";
  correction[Column::kConsumedQuantity] = "-2";
  out.push_back(correction);
  return out;
}

}  // namespace

Table conformant_table() {
  TableBuilder b;
  for (const ColumnInfo& info : all_columns()) {
    b.declare(info.column);
  }
  for (const Row& row : rows()) {
    for (const auto& [column, text] : row) {
      switch (column_kind(column)) {
        case ColumnKind::kString:
          b.set_string(column, text);
          break;
        case ColumnKind::kDecimal:
          b.set_decimal(column, core::Decimal::from_string(text).value());
          break;
        case ColumnKind::kDateTime:
          b.set_time(column, core::timestamp_from_string(text).value());
          break;
        case ColumnKind::kTags: {
          const nlohmann::json tags = nlohmann::json::parse(text);
          for (const auto& [k, v] : tags.items()) {
            b.add_tag(k, v.get<std::string>());
          }
          break;
        }
      }
    }
    b.finish_row();
  }
  return b.finish();
}

}  // namespace optima::focus::testing
