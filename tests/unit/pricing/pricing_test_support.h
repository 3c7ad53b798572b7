// Test support for the pricing tests: FOCUS rows built in code into an in-memory table source.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/time.h"
#include "optima/focus/table_builder.h"
#include "optima/store/table_source.h"

namespace optima::pricing::testing {

// One bill row; empty strings are null cells, as are zero-length decimals ("").
struct PricingBillRow {
  std::string start;  // ChargePeriodStart, e.g. "2026-11-01T05:00:00Z"
  std::string provider = "AWS";
  std::string region = "us-east-1";
  std::string charge_category = "Usage";
  std::string pricing_category = "Standard";
  std::string sku_price_id = "SKU1.RATE1";
  std::string sku_meter;
  std::string usage_type;         // x_UsageType
  std::string sku_price_details;  // JSON text
  std::string consumed_unit = "Hrs";
  std::string consumed_quantity = "1";
  std::string effective_cost;
  std::string list_cost;
  std::string contracted_cost;
  std::string billed_cost;
  std::string commitment_id;
  std::string commitment_status;
  std::string commitment_type;
  std::string commitment_category;
  std::string service_category = "Compute";
};

inline std::shared_ptr<store::InMemoryTableSource> pricing_bill_source(
    const std::vector<PricingBillRow>& rows) {
  using focus::Column;
  focus::TableBuilder b;
  const Column strings[] = {Column::kProviderName,
                            Column::kRegionId,
                            Column::kChargeCategory,
                            Column::kPricingCategory,
                            Column::kSkuPriceId,
                            Column::kSkuMeter,
                            Column::kSkuPriceDetails,
                            Column::kConsumedUnit,
                            Column::kBillingCurrency,
                            Column::kCommitmentDiscountId,
                            Column::kCommitmentDiscountStatus,
                            Column::kCommitmentDiscountType,
                            Column::kCommitmentDiscountCategory,
                            Column::kServiceCategory};
  const Column decimals[] = {Column::kConsumedQuantity, Column::kEffectiveCost, Column::kListCost,
                             Column::kContractedCost, Column::kBilledCost};
  for (Column c : strings)
    b.declare(c);
  for (Column c : decimals)
    b.declare(c);
  b.declare(Column::kChargePeriodStart);
  b.declare(Column::kChargePeriodEnd);
  b.declare_extension("x_UsageType");
  const auto set_text = [&](Column c, const std::string& v) {
    if (!v.empty())
      b.set_string(c, v);
  };
  const auto set_dec = [&](Column c, const std::string& v) {
    if (!v.empty())
      b.set_decimal(c, core::Decimal::from_string(v).value());
  };
  for (const PricingBillRow& r : rows) {
    const core::Timestamp start = core::timestamp_from_string(r.start).value();
    b.set_time(Column::kChargePeriodStart, start);
    b.set_time(Column::kChargePeriodEnd, core::Timestamp{start.unix_seconds + 3600});
    set_text(Column::kProviderName, r.provider);
    set_text(Column::kRegionId, r.region);
    set_text(Column::kChargeCategory, r.charge_category);
    set_text(Column::kPricingCategory, r.pricing_category);
    set_text(Column::kSkuPriceId, r.sku_price_id);
    set_text(Column::kSkuMeter, r.sku_meter);
    if (!r.usage_type.empty())
      b.set_extension("x_UsageType", r.usage_type);
    set_text(Column::kSkuPriceDetails, r.sku_price_details);
    set_text(Column::kConsumedUnit, r.consumed_unit);
    set_text(Column::kBillingCurrency, "USD");
    set_text(Column::kCommitmentDiscountId, r.commitment_id);
    set_text(Column::kCommitmentDiscountStatus, r.commitment_status);
    set_text(Column::kCommitmentDiscountType, r.commitment_type);
    set_text(Column::kCommitmentDiscountCategory, r.commitment_category);
    set_text(Column::kServiceCategory, r.service_category);
    set_dec(Column::kConsumedQuantity, r.consumed_quantity);
    set_dec(Column::kEffectiveCost, r.effective_cost);
    set_dec(Column::kListCost, r.list_cost);
    set_dec(Column::kContractedCost, r.contracted_cost);
    set_dec(Column::kBilledCost, r.billed_cost.empty() ? r.effective_cost : r.billed_cost);
    b.finish_row();
  }
  auto source = std::make_shared<store::InMemoryTableSource>();
  source->add(std::make_shared<const focus::Table>(b.finish()));
  return source;
}

}  // namespace optima::pricing::testing
