#include "optima/ingest/azure_cost_mapper.h"

#include <cmath>

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/core/time.h"
#include "optima/ingest/azure_key_value.h"

namespace optima::ingest {

using core::Decimal;
using focus::Column;

namespace {

// Enum text folded for comparison: "Savings Plan", "SavingsPlan", "savings-plan" -> "savingsplan".
std::string fold_enum(std::string_view s) {
  return core::normalize_identifier(s);
}

bool is_commitment_model(const std::string& pricing_model) {
  return pricing_model == "reservation" || pricing_model == "savingsplan";
}

bool is_unused_charge(const std::string& charge_type) {
  return charge_type == "unusedreservation" || charge_type == "unusedsavingsplan";
}

bool is_purchase_or_refund(const std::string& charge_type) {
  return charge_type == "purchase" || charge_type == "refund";
}

std::vector<std::string_view> path_segments(std::string_view id) {
  std::vector<std::string_view> out;
  for (std::string_view part : core::split(id, '/')) {
    if (!part.empty())
      out.push_back(part);
  }
  return out;
}

// "/subscriptions/s/resourceGroups/g/providers/Microsoft.Sql/servers/a/databases/b" ->
// "microsoft.sql/servers/databases"; "" when the id has no provider namespace.
std::string arm_resource_type(std::string_view resource_id) {
  const auto segments = path_segments(resource_id);
  size_t providers = segments.size();
  for (size_t i = 0; i + 1 < segments.size(); ++i) {
    if (core::iequals(segments[i], "providers"))
      providers = i;
  }
  if (providers + 2 >= segments.size())
    return std::string();
  std::string type(segments[providers + 1]);
  for (size_t i = providers + 2; i < segments.size(); i += 2) {
    type += '/';
    type += segments[i];
  }
  return core::to_lower_ascii(type);
}

// ARM ids alternate key/value segments: the name is the last value segment.
std::string_view arm_resource_name(std::string_view resource_id) {
  const auto segments = path_segments(resource_id);
  if (segments.empty())
    return {};
  // An odd count ends in a type segment ("/reservationOrders/o/reservations/"); a lone segment
  // is not an ARM path at all and names itself.
  if (segments.size() % 2 == 0 || segments.size() == 1)
    return segments.back();
  return segments[segments.size() - 2];
}

std::string_view charge_category(const std::string& charge_type) {
  if (charge_type.empty() || charge_type == "usage" || is_unused_charge(charge_type))
    return "Usage";
  if (charge_type == "purchase" || charge_type == "refund")
    return "Purchase";
  if (charge_type == "credit")
    return "Credit";
  if (charge_type == "tax")
    return "Tax";
  return "Adjustment";
}

std::string_view charge_frequency(std::string_view frequency, std::string_view category) {
  const std::string f = fold_enum(frequency);
  if (f == "onetime")
    return "One-Time";
  if (f == "recurring")
    return "Recurring";
  if (f == "usagebased")
    return "Usage-Based";
  return category == "Usage" ? "Usage-Based" : std::string_view();
}

// Decimal text for an x_ column: whole numbers without a fraction.
std::string decimal_text(Decimal d) {
  return d.to_string();
}

void set_if(focus::TableBuilder* b, Column c, std::string_view value) {
  if (!value.empty())
    b->set_string(c, value);
}

void set_if(focus::TableBuilder* b, Column c, const std::optional<Decimal>& value) {
  if (value)
    b->set_decimal(c, *value);
}

// a x b, or nullopt when either is missing or the product leaves Decimal's range (untrusted
// input: a garbage quantity must not wrap around into a plausible cost).
std::optional<Decimal> times(const std::optional<Decimal>& a, const std::optional<Decimal>& b) {
  if (!a || !b)
    return std::nullopt;
  constexpr double kLimit = 1e20;  // Decimal holds about ±1.7e20
  if (std::abs(a->to_double() * b->to_double()) >= kLimit)
    return std::nullopt;
  return Decimal::multiply(*a, *b);
}

// The cells of one record after validation, before mapping.
struct ParsedCells {
  Decimal cost;
  core::Timestamp date;
  std::optional<core::Timestamp> period_start;
  std::optional<core::Timestamp> period_end;
  std::optional<Decimal> quantity;
  std::optional<Decimal> unit_price;
  std::optional<Decimal> payg_price;
  std::optional<Decimal> exchange_rate;
  std::optional<Decimal> payg_cost;
  std::optional<Decimal> cost_in_pricing_currency;
  std::optional<Decimal> cost_in_usd;
  nlohmann::json tags;
  nlohmann::json additional_info;
};

}  // namespace

AzureCostMapper::AzureCostMapper(const AzureCostHeader& header, const AzureLookups& lookups,
                                 AzureCostDataset dataset, bool joined,
                                 std::vector<std::string> null_literals)
    : header_(header),
      lookups_(lookups),
      dataset_(dataset),
      joined_(joined),
      null_literals_(std::move(null_literals)) {}

std::string_view AzureCostMapper::cell(const std::vector<std::string_view>& fields,
                                       AzureField field) const {
  const int index = header_.index(field);
  if (index < 0 || static_cast<size_t>(index) >= fields.size())
    return {};
  const std::string_view text = core::trim(fields[static_cast<size_t>(index)]);
  for (const std::string& literal : null_literals_) {
    if (text == literal)
      return {};
  }
  return text;
}

void AzureCostMapper::declare(focus::TableBuilder* builder) const {
  static constexpr Column kColumns[] = {
      Column::kAvailabilityZone,
      Column::kBilledCost,
      Column::kBillingAccountId,
      Column::kBillingAccountName,
      Column::kBillingAccountType,
      Column::kBillingCurrency,
      Column::kBillingPeriodEnd,
      Column::kBillingPeriodStart,
      Column::kCapacityReservationId,
      Column::kCapacityReservationStatus,
      Column::kChargeCategory,
      Column::kChargeClass,
      Column::kChargeDescription,
      Column::kChargeFrequency,
      Column::kChargePeriodEnd,
      Column::kChargePeriodStart,
      Column::kCommitmentDiscountCategory,
      Column::kCommitmentDiscountId,
      Column::kCommitmentDiscountName,
      Column::kCommitmentDiscountQuantity,
      Column::kCommitmentDiscountStatus,
      Column::kCommitmentDiscountType,
      Column::kCommitmentDiscountUnit,
      Column::kConsumedQuantity,
      Column::kConsumedUnit,
      Column::kContractedCost,
      Column::kContractedUnitPrice,
      Column::kEffectiveCost,
      Column::kInvoiceId,
      Column::kInvoiceIssuerName,
      Column::kListCost,
      Column::kListUnitPrice,
      Column::kPricingCategory,
      Column::kPricingQuantity,
      Column::kPricingUnit,
      Column::kProviderName,
      Column::kPublisherName,
      Column::kRegionId,
      Column::kRegionName,
      Column::kResourceId,
      Column::kResourceName,
      Column::kResourceType,
      Column::kServiceCategory,
      Column::kServiceName,
      Column::kServiceSubcategory,
      Column::kSkuId,
      Column::kSkuMeter,
      Column::kSkuPriceDetails,
      Column::kSkuPriceId,
      Column::kSubAccountId,
      Column::kSubAccountName,
      Column::kSubAccountType,
      Column::kTags,
  };
  for (Column c : kColumns)
    builder->declare(c);
  builder->declare(Column::kPricingCurrency);
  builder->declare(Column::kPricingCurrencyContractedUnitPrice);
  builder->declare(Column::kPricingCurrencyEffectiveCost);
  builder->declare(Column::kPricingCurrencyListUnitPrice);
  for (const AzurePassThrough& column : azure_pass_through_columns()) {
    if (header_.has(column.field))
      builder->declare_extension(column.extension);
  }
  builder->declare_extension("x_AmortizationClass");
  builder->declare_extension("x_PricingBlockSize");
  builder->declare_extension("x_ResourceType");
  if (header_.has(AzureField::kCostInUsd)) {
    builder->declare_extension("x_BilledCostInUsd");
    builder->declare_extension("x_EffectiveCostInUsd");
  }
  if (header_.has(AzureField::kServicePeriodStart))
    builder->declare_extension("x_ServicePeriodStart");
  if (header_.has(AzureField::kServicePeriodEnd))
    builder->declare_extension("x_ServicePeriodEnd");
}

bool AzureCostMapper::selected(const std::vector<std::string_view>& fields) const {
  if (!joined_ || dataset_ != AzureCostDataset::kActual)
    return true;
  // Microsoft's recipe: keep all amortized rows, add from the actual export only
  // ChargeType in {Purchase, Refund} with PricingModel in {Reservation, SavingsPlan}.
  return is_purchase_or_refund(fold_enum(cell(fields, AzureField::kChargeType))) &&
         is_commitment_model(fold_enum(cell(fields, AzureField::kPricingModel)));
}

std::optional<AzureCellIssue> AzureCostMapper::map(const std::vector<std::string_view>& fields,
                                                   focus::TableBuilder* b) {
  // ---- Validate every cell that must parse, before writing anything.
  ParsedCells p;
  auto bad = [&](AzureField field, std::string_view expected, std::string_view found) {
    return AzureCellIssue{header_.name(field), std::string(expected), std::string(found)};
  };
  const std::string_view cost_text = cell(fields, AzureField::kCost);
  bool empty_cost = false;
  if (cost_text.empty()) {
    empty_cost = true;
  } else if (!Decimal::parse(cost_text, &p.cost)) {
    return bad(AzureField::kCost, "decimal", cost_text);
  }
  const std::string_view date_text = cell(fields, AzureField::kDate);
  if (!core::parse_timestamp(date_text, &p.date))
    return bad(AzureField::kDate, "date", date_text);
  for (auto [field, out] : {std::pair{AzureField::kBillingPeriodStart, &p.period_start},
                            std::pair{AzureField::kBillingPeriodEnd, &p.period_end}}) {
    const std::string_view text = cell(fields, field);
    if (text.empty())
      continue;
    core::Timestamp t;
    if (!core::parse_timestamp(text, &t))
      return bad(field, "date", text);
    *out = t;
  }
  for (auto [field, out] :
       {std::pair{AzureField::kQuantity, &p.quantity},
        std::pair{AzureField::kUnitPrice, &p.unit_price},
        std::pair{AzureField::kPayGPrice, &p.payg_price},
        std::pair{AzureField::kExchangeRate, &p.exchange_rate},
        std::pair{AzureField::kPaygCostInBillingCurrency, &p.payg_cost},
        std::pair{AzureField::kCostInPricingCurrency, &p.cost_in_pricing_currency},
        std::pair{AzureField::kCostInUsd, &p.cost_in_usd}}) {
    const std::string_view text = cell(fields, field);
    if (text.empty())
      continue;
    Decimal d;
    if (!Decimal::parse(text, &d))
      return bad(field, "decimal", text);
    *out = d;
  }
  for (auto [field, out] : {std::pair{AzureField::kTags, &p.tags},
                            std::pair{AzureField::kAdditionalInfo, &p.additional_info}}) {
    const std::string_view text = cell(fields, field);
    auto parsed = parse_azure_key_value(text);
    if (!parsed.is_ok())
      return bad(field, "JSON object", text);
    *out = std::move(parsed).value();
  }
  if (empty_cost)
    ++notes_.empty_cost;

  // ---- Classify the charge.
  const std::string charge_type = fold_enum(cell(fields, AzureField::kChargeType));
  const std::string pricing_model = fold_enum(cell(fields, AzureField::kPricingModel));
  const bool commitment_model = is_commitment_model(pricing_model);
  const bool unused = is_unused_charge(charge_type);
  const bool commitment_purchase = is_purchase_or_refund(charge_type) && commitment_model;
  const bool commitment_usage = charge_type == "usage" && commitment_model;
  const std::string_view category = charge_category(charge_type);
  const bool tax = category == "Tax";

  // ---- Costs (FOCUS.md §3.2; see the header for the rules).
  const Decimal zero;
  const bool billed_elsewhere = commitment_usage || unused;
  const bool effective_elsewhere = commitment_purchase && joined_;
  if (commitment_purchase && !joined_)
    ++notes_.unamortized_purchases;
  if (billed_elsewhere && dataset_ != AzureCostDataset::kActual && !joined_) {
    ++notes_.amortized_without_actual;
  }
  if (commitment_purchase && dataset_ == AzureCostDataset::kAmortized)
    ++notes_.amortized_purchases;
  b->set_decimal(Column::kBilledCost, billed_elsewhere ? zero : p.cost);
  b->set_decimal(Column::kEffectiveCost, effective_elsewhere ? zero : p.cost);

  // ---- Account, currency and periods.
  const bool mca = header_.agreement() == AzureAgreement::kCustomerAgreement;
  const std::string_view profile_id = cell(fields, AzureField::kBillingProfileId);
  const std::string_view account_id = cell(fields, AzureField::kBillingAccountId);
  const bool use_profile = !profile_id.empty() && (mca || account_id.empty());
  if (use_profile) {
    b->set_string(Column::kBillingAccountId, profile_id);
    set_if(b, Column::kBillingAccountName, cell(fields, AzureField::kBillingProfileName));
    b->set_string(Column::kBillingAccountType, "Billing Profile");
  } else if (!account_id.empty()) {
    b->set_string(Column::kBillingAccountId, account_id);
    set_if(b, Column::kBillingAccountName, cell(fields, AzureField::kBillingAccountName));
    b->set_string(Column::kBillingAccountType, "Billing Account");
  } else {
    ++notes_.missing_billing_account;
  }
  const std::string_view billing_currency = cell(fields, AzureField::kBillingCurrency);
  if (billing_currency.empty())
    ++notes_.missing_currency;
  set_if(b, Column::kBillingCurrency, billing_currency);
  set_if(b, Column::kInvoiceId, cell(fields, AzureField::kInvoiceId));

  const core::Timestamp period_start =
      p.period_start ? *p.period_start : core::start_of_month(p.date);
  // Azure's BillingPeriodEndDate is the last day, inclusive; FOCUS ends are exclusive.
  const core::Timestamp period_end =
      p.period_end ? core::Timestamp{p.period_end->unix_seconds + core::kSecondsPerDay}
                   : core::add_months(period_start, 1);
  if (!p.period_start || !p.period_end)
    ++notes_.derived_billing_period;
  b->set_time(Column::kBillingPeriodStart, period_start);
  b->set_time(Column::kBillingPeriodEnd, period_end);
  b->set_time(Column::kChargePeriodStart, p.date);
  b->set_time(Column::kChargePeriodEnd, {p.date.unix_seconds + core::kSecondsPerDay});

  // ---- Charge classification.
  b->set_string(Column::kChargeCategory, category);
  if (charge_type == "refund")
    b->set_string(Column::kChargeClass, "Correction");
  set_if(b, Column::kChargeDescription, cell(fields, AzureField::kProductName));
  set_if(b, Column::kChargeFrequency,
         charge_frequency(cell(fields, AzureField::kFrequency), category));
  const std::string_view benefit_id = cell(fields, AzureField::kBenefitId);
  const std::string_view reservation_id = cell(fields, AzureField::kReservationId);
  const bool has_commitment = !benefit_id.empty() || !reservation_id.empty();
  if (!tax) {
    std::string_view pricing_category;
    if (pricing_model.empty()) {
      // Older and legacy exports leave PricingModel empty; FOCUS wants a value on Usage and
      // Purchase rows: commitment-covered usage is Committed, everything else Standard.
      if (category == "Usage") {
        pricing_category = has_commitment ? "Committed" : "Standard";
      } else if (category == "Purchase") {
        pricing_category = "Standard";
      }
    } else if (pricing_model == "ondemand") {
      pricing_category = "Standard";
    } else if (pricing_model == "spot") {
      pricing_category = "Dynamic";
    } else if (commitment_model) {
      // FOCUS 1.1: the commitment purchase itself is not Committed.
      pricing_category = commitment_purchase ? "Standard" : "Committed";
    } else if (!pricing_model.empty()) {
      pricing_category = "Other";
    }
    set_if(b, Column::kPricingCategory, pricing_category);
  }

  // ---- Commitment discounts.
  const bool from_benefit = !benefit_id.empty();
  const std::string_view commitment_id = from_benefit ? benefit_id : reservation_id;
  const std::string_view commitment_name =
      cell(fields, from_benefit ? AzureField::kBenefitName : AzureField::kReservationName);
  bool spend_commitment = false;
  if (!commitment_id.empty()) {
    const std::string lower_id = core::to_lower_ascii(commitment_id);
    bool reservation = false;
    bool savings_plan = false;
    if (lower_id.find("/microsoft.capacity/") != std::string::npos) {
      reservation = true;
    } else if (lower_id.find("/microsoft.billingbenefits/") != std::string::npos) {
      savings_plan = true;
    } else if (!from_benefit || pricing_model == "reservation") {
      reservation = true;
    } else if (pricing_model == "savingsplan") {
      savings_plan = true;
    }
    b->set_string(Column::kCommitmentDiscountId, commitment_id);
    set_if(b, Column::kCommitmentDiscountName, commitment_name);
    if (reservation) {
      b->set_string(Column::kCommitmentDiscountCategory, "Usage");
      b->set_string(Column::kCommitmentDiscountType, "Reservation");
    } else if (savings_plan) {
      b->set_string(Column::kCommitmentDiscountCategory, "Spend");
      b->set_string(Column::kCommitmentDiscountType, "Savings Plan");
    }
    spend_commitment = savings_plan;
    if (unused) {
      b->set_string(Column::kCommitmentDiscountStatus, "Unused");
    } else if (category == "Usage") {
      b->set_string(Column::kCommitmentDiscountStatus, "Used");
    }
  }

  // ---- Quantities and units.
  const std::string_view unit_of_measure = cell(fields, AzureField::kUnitOfMeasure);
  AzurePricingUnit unit;
  if (!unit_of_measure.empty())
    unit = lookups_.pricing_unit(unit_of_measure);
  const bool whole_block = unit.block_size == Decimal::from_int(1);
  if (p.quantity) {
    b->set_decimal(Column::kPricingQuantity, *p.quantity);
    if (category == "Usage" && !unused) {
      set_if(b, Column::kConsumedQuantity, times(p.quantity, unit.block_size));
    }
  }
  if (!unit.distinct_units.empty()) {
    b->set_string(Column::kPricingUnit,
                  whole_block
                      ? unit.distinct_units
                      : fmt::format("{} {}", decimal_text(unit.block_size), unit.distinct_units));
    if (category == "Usage" && !unused)
      b->set_string(Column::kConsumedUnit, unit.distinct_units);
    b->set_extension("x_PricingBlockSize", decimal_text(unit.block_size));
  }

  // ---- Commitment discount quantity (FOCUS 1.2: Usage and Purchase rows of a commitment, not
  // corrections): a reservation's in the row's pricing unit, a savings plan's in the billing
  // currency (the row's cost: the amortized cost consumed or left unused, or the purchase).
  if (!commitment_id.empty() && (category == "Usage" || category == "Purchase") &&
      charge_type != "refund") {
    if (spend_commitment && !billing_currency.empty()) {
      b->set_decimal(Column::kCommitmentDiscountQuantity, p.cost);
      b->set_string(Column::kCommitmentDiscountUnit, billing_currency);
    } else if (!spend_commitment && p.quantity && !unit.distinct_units.empty()) {
      b->set_decimal(Column::kCommitmentDiscountQuantity, *p.quantity);
      b->set_string(Column::kCommitmentDiscountUnit,
                    whole_block
                        ? unit.distinct_units
                        : fmt::format("{} {}", decimal_text(unit.block_size), unit.distinct_units));
    }
  }

  // ---- Prices (MCA prices are in the pricing currency).
  const std::string_view pricing_currency = cell(fields, AzureField::kPricingCurrency);
  std::optional<Decimal> rate = Decimal::from_int(1);
  if (mca) {
    if (p.exchange_rate) {
      rate = p.exchange_rate;
    } else if (!pricing_currency.empty() && pricing_currency != billing_currency) {
      rate.reset();
      ++notes_.unconverted_prices;
    }
  }
  std::optional<Decimal> contracted_unit_price;
  std::optional<Decimal> list_unit_price;
  std::optional<Decimal> pricing_list_unit_price = p.payg_price;
  if (!tax) {
    contracted_unit_price = times(p.unit_price, rate);
    // EA writes PayGPrice 0 on commitment rows: an unknown list price, not a free one.
    if (p.unit_price && *p.unit_price > zero && (!p.payg_price || p.payg_price->is_zero())) {
      pricing_list_unit_price = p.unit_price;
    }
    list_unit_price = times(pricing_list_unit_price, rate);
    set_if(b, Column::kContractedUnitPrice, contracted_unit_price);
    set_if(b, Column::kListUnitPrice, list_unit_price);
  }
  const std::optional<Decimal> contracted_cost = times(contracted_unit_price, p.quantity);
  b->set_decimal(Column::kContractedCost, contracted_cost ? *contracted_cost : p.cost);
  std::optional<Decimal> list_cost = p.payg_cost;
  if (!list_cost)
    list_cost = times(list_unit_price, p.quantity);
  if (!list_cost)
    list_cost = contracted_cost;
  b->set_decimal(Column::kListCost, list_cost ? *list_cost : p.cost);
  if (!pricing_currency.empty()) {
    set_if(b, Column::kPricingCurrency, pricing_currency);
    if (!tax) {
      set_if(b, Column::kPricingCurrencyContractedUnitPrice, p.unit_price);
      set_if(b, Column::kPricingCurrencyListUnitPrice, pricing_list_unit_price);
    }
    if (p.cost_in_pricing_currency) {
      b->set_decimal(Column::kPricingCurrencyEffectiveCost,
                     effective_elsewhere ? zero : *p.cost_in_pricing_currency);
    }
  } else if (!billing_currency.empty()) {
    // Without a pricing currency (EA, legacy) prices are in the billing currency.
    b->set_string(Column::kPricingCurrency, billing_currency);
    set_if(b, Column::kPricingCurrencyContractedUnitPrice, contracted_unit_price);
    set_if(b, Column::kPricingCurrencyListUnitPrice, list_unit_price);
    b->set_decimal(Column::kPricingCurrencyEffectiveCost, effective_elsewhere ? zero : p.cost);
  }
  if (p.cost_in_usd) {
    b->set_extension("x_BilledCostInUsd", decimal_text(billed_elsewhere ? zero : *p.cost_in_usd));
    b->set_extension("x_EffectiveCostInUsd",
                     decimal_text(effective_elsewhere ? zero : *p.cost_in_usd));
  }
  if (commitment_purchase) {
    b->set_extension("x_AmortizationClass", "Principal");
  } else if (billed_elsewhere && dataset_ != AzureCostDataset::kActual) {
    b->set_extension("x_AmortizationClass", "Amortized Charge");
  }

  // ---- Provider, publisher, sub-account.
  b->set_string(Column::kProviderName, "Microsoft");
  const std::string_view partner = cell(fields, AzureField::kPartnerName);
  b->set_string(Column::kInvoiceIssuerName, partner.empty() ? "Microsoft" : partner);
  const std::string_view subscription = cell(fields, AzureField::kSubscriptionId);
  if (!subscription.empty()) {
    b->set_string(Column::kSubAccountId, subscription);
    set_if(b, Column::kSubAccountName, cell(fields, AzureField::kSubscriptionName));
    b->set_string(Column::kSubAccountType, "Subscription");
  }

  // ---- Resource, region, service.
  const std::string_view resource_id = cell(fields, AzureField::kResourceId);
  set_if(b, Column::kResourceId, resource_id);
  std::string_view resource_name = cell(fields, AzureField::kResourceName);
  if (resource_name.empty())
    resource_name = arm_resource_name(resource_id);
  set_if(b, Column::kResourceName, resource_name);
  const std::string_view type_column = cell(fields, AzureField::kResourceType);
  const std::string arm_type =
      type_column.empty() ? arm_resource_type(resource_id) : core::to_lower_ascii(type_column);
  if (!arm_type.empty()) {
    const std::string* display = lookups_.resource_type_name(arm_type);
    b->set_string(Column::kResourceType, display != nullptr ? *display : arm_type);
    b->set_extension("x_ResourceType", arm_type);
  }
  set_if(b, Column::kAvailabilityZone, cell(fields, AzureField::kAvailabilityZone));

  std::string_view location = cell(fields, AzureField::kResourceLocation);
  if (location.empty())
    location = cell(fields, AzureField::kLocation);
  if (!location.empty()) {
    if (const AzureRegion* region = lookups_.region(location)) {
      b->set_string(Column::kRegionId, region->id);
      b->set_string(Column::kRegionName, region->name);
    } else {
      // Microsoft's rule for values the table lacks: the id is the name, lower case, no spaces.
      std::string id;
      for (char c : core::to_lower_ascii(location)) {
        if (c != ' ')
          id.push_back(c);
      }
      b->set_string(Column::kRegionId, id);
      b->set_string(Column::kRegionName, location);
    }
  }

  const std::string_view consumed_service = cell(fields, AzureField::kConsumedService);
  const AzureService* service = lookups_.service(consumed_service, arm_type);
  if (service != nullptr) {
    b->set_string(Column::kServiceName, service->name);
    b->set_string(Column::kServiceCategory, service->category);
    b->set_string(Column::kServiceSubcategory, service->subcategory);
  } else {
    std::string_view name = cell(fields, AzureField::kMeterCategory);
    if (name.empty())
      name = cell(fields, AzureField::kServiceName);
    if (name.empty())
      name = consumed_service;
    set_if(b, Column::kServiceName, name);
    b->set_string(Column::kServiceCategory, "Other");
    b->set_string(Column::kServiceSubcategory, "Other (Other)");
  }
  std::string_view publisher = cell(fields, AzureField::kPublisherName);
  if (publisher.empty() && service != nullptr)
    publisher = service->publisher;
  b->set_string(Column::kPublisherName, publisher.empty() ? "Microsoft" : publisher);

  // ---- SKU.
  std::string_view sku_id = cell(fields, AzureField::kProductId);
  if (sku_id.empty())
    sku_id = cell(fields, AzureField::kMeterId);
  set_if(b, Column::kSkuId, sku_id);
  // The cost details name no price-sheet entry; the meter (or product) identifies the price, as
  // FOCUS allows (SkuPriceId MAY equal SkuId).
  const bool priced = !sku_id.empty() && !tax;
  if (priced)
    b->set_string(Column::kSkuPriceId, sku_id);
  set_if(b, Column::kSkuMeter, cell(fields, AzureField::kMeterName));
  if (!p.additional_info.empty()) {
    // FOCUS SkuPriceDetails: flat object, provider keys prefixed x_ (Microsoft's mapping).
    nlohmann::json details = nlohmann::json::object();
    for (const auto& [key, value] : p.additional_info.items()) {
      details["x_" + key] = value.is_structured() ? nlohmann::json(azure_value_text(value)) : value;
    }
    if (priced) {
      b->set_string(Column::kSkuPriceDetails,
                    details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    auto capacity = p.additional_info.find("VMCapacityReservationId");
    if (capacity != p.additional_info.end() && capacity->is_string() &&
        !capacity->get_ref<const std::string&>().empty()) {
      b->set_string(Column::kCapacityReservationId, capacity->get_ref<const std::string&>());
      if (category == "Usage") {
        // Capacity nobody used is billed to the capacity reservation resource itself.
        const bool on_reservation =
            arm_type.find("/capacityreservationgroups") != std::string::npos;
        b->set_string(Column::kCapacityReservationStatus, on_reservation ? "Unused" : "Used");
      }
    }
  }

  // ---- Tags.
  for (const auto& [key, value] : p.tags.items())
    b->add_tag(key, azure_value_text(value));

  // ---- Pass-through x_ columns.
  for (const AzurePassThrough& column : azure_pass_through_columns()) {
    if (header_.has(column.field))
      b->set_extension(column.extension, cell(fields, column.field));
  }
  for (auto [field, extension] :
       {std::pair{AzureField::kServicePeriodStart, std::string_view("x_ServicePeriodStart")},
        std::pair{AzureField::kServicePeriodEnd, std::string_view("x_ServicePeriodEnd")}}) {
    if (!header_.has(field))
      continue;
    const std::string_view text = cell(fields, field);
    core::Timestamp t;
    b->set_extension(extension,
                     core::parse_timestamp(text, &t) ? core::format_iso8601(t) : std::string(text));
  }

  b->finish_row();
  return std::nullopt;
}

}  // namespace optima::ingest
