#include "optima/demo/azure_export_writer.h"

#include <fmt/format.h>

#include "optima/demo/random.h"
#include "optima/demo/text_format.h"

namespace optima::demo {
namespace {

// Logical fields of a cost-details row; each schema lists them in its own order and spelling.
enum F : size_t {
  fInvoiceId, fPreviousInvoiceId, fBillingAccountId, fBillingAccountName, fBillingProfileId,
  fBillingProfileName, fInvoiceSectionId, fInvoiceSectionName, fResellerName, fResellerMpnId,
  fCostCenter, fBillingPeriodStartDate, fBillingPeriodEndDate, fServicePeriodStartDate,
  fServicePeriodEndDate, fDate, fServiceFamily, fProductOrderId, fProductOrderName,
  fConsumedService, fMeterId, fMeterName, fMeterCategory, fMeterSubCategory, fMeterRegion,
  fProductId, fProductName, fSubscriptionId, fSubscriptionName, fPublisherType, fPublisherId,
  fPublisherName, fResourceGroup, fResourceId, fResourceLocation, fLocation, fEffectivePrice,
  fQuantity, fUnitOfMeasure, fChargeType, fBillingCurrency, fPricingCurrency,
  fCostInBillingCurrency, fCostInPricingCurrency, fCostInUsd, fPaygCostInBillingCurrency,
  fPaygCostInUsd, fExchangeRate, fExchangeRateDate, fIsAzureCreditEligible, fServiceInfo1,
  fServiceInfo2, fAdditionalInfo, fTags, fPayGPrice, fFrequency, fTerm, fReservationId,
  fReservationName, fPricingModel, fUnitPrice, fCostAllocationRuleName, fBenefitId,
  fBenefitName, fProvider, fAccountName, fAccountOwnerId, fOfferId, fResourceName,
  fAvailabilityZone, fPartNumber, fPlanName, fAccountId, fResourceLocationNormalized,
  fFieldCount,
};

struct Header {
  const char* name;
  F field;
};

// Enterprise Agreement cost details, version 2024-08-01 (57 columns).
constexpr Header kEa[] = {
    {"InvoiceSectionName", fInvoiceSectionName}, {"AccountName", fAccountName},
    {"AccountOwnerId", fAccountOwnerId}, {"SubscriptionId", fSubscriptionId},
    {"SubscriptionName", fSubscriptionName}, {"ResourceGroup", fResourceGroup},
    {"ResourceLocation", fResourceLocation}, {"Date", fDate}, {"ProductName", fProductName},
    {"MeterCategory", fMeterCategory}, {"MeterSubCategory", fMeterSubCategory},
    {"MeterId", fMeterId}, {"MeterName", fMeterName}, {"MeterRegion", fMeterRegion},
    {"UnitOfMeasure", fUnitOfMeasure}, {"Quantity", fQuantity},
    {"EffectivePrice", fEffectivePrice}, {"CostInBillingCurrency", fCostInBillingCurrency},
    {"CostCenter", fCostCenter}, {"ConsumedService", fConsumedService},
    {"ResourceId", fResourceId}, {"Tags", fTags}, {"OfferId", fOfferId},
    {"AdditionalInfo", fAdditionalInfo}, {"ServiceInfo1", fServiceInfo1},
    {"ServiceInfo2", fServiceInfo2}, {"ResourceName", fResourceName},
    {"ReservationId", fReservationId}, {"ReservationName", fReservationName},
    {"UnitPrice", fUnitPrice}, {"ProductOrderId", fProductOrderId},
    {"ProductOrderName", fProductOrderName}, {"Term", fTerm}, {"PublisherType", fPublisherType},
    {"PublisherName", fPublisherName}, {"ChargeType", fChargeType}, {"Frequency", fFrequency},
    {"PricingModel", fPricingModel}, {"AvailabilityZone", fAvailabilityZone},
    {"BillingAccountId", fBillingAccountId}, {"BillingAccountName", fBillingAccountName},
    {"BillingCurrencyCode", fBillingCurrency},
    {"BillingPeriodStartDate", fBillingPeriodStartDate},
    {"BillingPeriodEndDate", fBillingPeriodEndDate}, {"BillingProfileId", fBillingProfileId},
    {"BillingProfileName", fBillingProfileName}, {"InvoiceSectionId", fInvoiceSectionId},
    {"IsAzureCreditEligible", fIsAzureCreditEligible}, {"PartNumber", fPartNumber},
    {"PayGPrice", fPayGPrice}, {"PlanName", fPlanName}, {"ServiceFamily", fServiceFamily},
    {"CostAllocationRuleName", fCostAllocationRuleName}, {"benefitId", fBenefitId},
    {"benefitName", fBenefitName}, {"AccountId", fAccountId},
    {"ResourceLocationNormalized", fResourceLocationNormalized},
};

// Microsoft Customer Agreement cost details, version 2023-12-01-preview (65 columns).
constexpr Header kMca[] = {
    {"invoiceId", fInvoiceId}, {"previousInvoiceId", fPreviousInvoiceId},
    {"billingAccountId", fBillingAccountId}, {"billingAccountName", fBillingAccountName},
    {"billingProfileId", fBillingProfileId}, {"billingProfileName", fBillingProfileName},
    {"invoiceSectionId", fInvoiceSectionId}, {"invoiceSectionName", fInvoiceSectionName},
    {"resellerName", fResellerName}, {"resellerMpnId", fResellerMpnId},
    {"costCenter", fCostCenter}, {"billingPeriodEndDate", fBillingPeriodEndDate},
    {"billingPeriodStartDate", fBillingPeriodStartDate},
    {"servicePeriodEndDate", fServicePeriodEndDate},
    {"servicePeriodStartDate", fServicePeriodStartDate}, {"date", fDate},
    {"serviceFamily", fServiceFamily}, {"productOrderId", fProductOrderId},
    {"productOrderName", fProductOrderName}, {"consumedService", fConsumedService},
    {"meterId", fMeterId}, {"meterName", fMeterName}, {"meterCategory", fMeterCategory},
    {"meterSubCategory", fMeterSubCategory}, {"meterRegion", fMeterRegion},
    {"ProductId", fProductId}, {"ProductName", fProductName},
    {"SubscriptionId", fSubscriptionId}, {"subscriptionName", fSubscriptionName},
    {"publisherType", fPublisherType}, {"publisherId", fPublisherId},
    {"publisherName", fPublisherName}, {"resourceGroupName", fResourceGroup},
    {"ResourceId", fResourceId}, {"resourceLocation", fResourceLocation},
    {"location", fLocation}, {"effectivePrice", fEffectivePrice}, {"quantity", fQuantity},
    {"unitOfMeasure", fUnitOfMeasure}, {"chargeType", fChargeType},
    {"billingCurrency", fBillingCurrency}, {"pricingCurrency", fPricingCurrency},
    {"costInBillingCurrency", fCostInBillingCurrency},
    {"costInPricingCurrency", fCostInPricingCurrency}, {"costInUsd", fCostInUsd},
    {"paygCostInBillingCurrency", fPaygCostInBillingCurrency}, {"paygCostInUsd", fPaygCostInUsd},
    {"exchangeRatePricingToBilling", fExchangeRate}, {"exchangeRateDate", fExchangeRateDate},
    {"isAzureCreditEligible", fIsAzureCreditEligible}, {"serviceInfo1", fServiceInfo1},
    {"serviceInfo2", fServiceInfo2}, {"additionalInfo", fAdditionalInfo}, {"tags", fTags},
    {"PayGPrice", fPayGPrice}, {"frequency", fFrequency}, {"term", fTerm},
    {"reservationId", fReservationId}, {"reservationName", fReservationName},
    {"pricingModel", fPricingModel}, {"unitPrice", fUnitPrice},
    {"costAllocationRuleName", fCostAllocationRuleName}, {"benefitId", fBenefitId},
    {"benefitName", fBenefitName}, {"provider", fProvider},
};

std::string tags_without_braces(const Tags& tags) {
  std::string s;
  for (size_t i = 0; i < tags.size(); ++i) {
    if (i > 0) s.push_back(',');
    append_json_string(s, tags[i].first);
    s += ": ";
    append_json_string(s, tags[i].second);
  }
  return s;
}

std::string mdy(Timestamp t) {
  std::string s;
  append_mdy(s, t);
  return s;
}

Int128 units(int64_t nano) { return static_cast<Int128>(nano) * 1000000000; }

bool is_reservation(const Commitment& c) { return c.kind == CommitmentKind::kAzureReservation; }

}  // namespace

std::string AzureExportWriter::export_name(AzureAgreement agreement, bool amortized) {
  return fmt::format("northwind-{}-{}", agreement == AzureAgreement::kEa ? "ea" : "mca",
                     amortized ? "amortized" : "actual");
}

AzureExportWriter::AzureExportWriter(const Estate& estate, std::filesystem::path root,
                                     uint32_t period)
    : estate_(estate), root_(std::move(root)), period_(period), row_(fFieldCount) {}

AzureExportWriter::~AzureExportWriter() = default;

size_t AzureExportWriter::slot(AzureAgreement agreement, bool amortized) {
  return (agreement == AzureAgreement::kEa ? 0 : 2) + (amortized ? 1 : 0);
}

core::Status AzureExportWriter::open(AzureAgreement agreement, bool amortized) {
  Output& out = outputs_[slot(agreement, amortized)];
  const Timestamp start = estate_.periods[period_].start;
  const Timestamp last_day{core::add_months(start, 1).unix_seconds - core::kSecondsPerDay};
  std::string folder;
  append_compact_date(folder, start);
  folder.push_back('-');
  append_compact_date(folder, last_day);
  const std::string name = export_name(agreement, amortized);
  Rng rng(hash_keys(estate_.seed, hash_text(name), period_));
  out.relative = std::filesystem::path("billing") / "azure" /
                 (agreement == AzureAgreement::kEa ? "ea" : "mca") / name / folder /
                 fmt::format("{}_{}.csv", name, rng.uuid());
  OPTIMA_ASSIGN_OR_RETURN(out.file, OutputFile::create(root_ / out.relative, Compression::kNone));
  std::string header;
  // EA exports start with a UTF-8 byte order mark; MCA exports do not.
  if (agreement == AzureAgreement::kEa) header = "\xEF\xBB\xBF";
  const auto emit = [&header](const auto& columns) {
    bool first = true;
    for (const Header& h : columns) {
      if (!first) header.push_back(',');
      first = false;
      header += h.name;
    }
  };
  if (agreement == AzureAgreement::kEa) {
    emit(kEa);
  } else {
    emit(kMca);
  }
  header.push_back('\n');
  return out.file->write(header);
}

core::Status AzureExportWriter::write(AzureAgreement agreement, bool amortized) {
  Output& out = outputs_[slot(agreement, amortized)];
  if (!out.file) OPTIMA_RETURN_IF_ERROR(open(agreement, amortized));
  buffer_.clear();
  const auto emit = [this](const auto& columns) {
    bool first = true;
    for (const Header& h : columns) {
      if (!first) buffer_.push_back(',');
      first = false;
      append_csv(buffer_, row_.cell(h.field));
    }
  };
  if (agreement == AzureAgreement::kEa) {
    emit(kEa);
  } else {
    emit(kMca);
  }
  buffer_.push_back('\n');
  ++out.rows;
  ++rows_;
  return out.file->write(buffer_);
}

void AzureExportWriter::fill_common(const Charge& ch) {
  row_.clear();
  const Account& a = estate_.accounts[ch.account];
  const bool ea = a.agreement == AzureAgreement::kEa;
  const Timestamp start = estate_.periods[period_].start;
  const Timestamp next = core::add_months(start, 1);
  const Timestamp last_day{next.unix_seconds - core::kSecondsPerDay};
  const uint32_t last = static_cast<uint32_t>(estate_.periods.size()) - 1;
  if (!ea && period_ < last) {
    row_.cell(fInvoiceId) = fmt::format("G0{:08d}", hash_keys(estate_.seed, 0xa2e, period_) % 100000000);
  }
  row_.set(fBillingAccountId, ea ? estate_.azure_ea_enrollment : estate_.azure_mca_billing_account);
  row_.set(fBillingAccountName, ea ? estate_.azure_ea_name : estate_.azure_mca_name);
  row_.set(fBillingProfileId, ea ? estate_.azure_ea_enrollment : estate_.azure_mca_billing_profile);
  row_.set(fBillingProfileName, ea ? estate_.azure_ea_name : estate_.azure_mca_name);
  row_.set(fInvoiceSectionId, a.invoice_section_id);
  row_.set(fInvoiceSectionName, a.invoice_section);
  const Team* team = a.team >= 0 ? &estate_.teams[static_cast<size_t>(a.team)] : nullptr;
  if (team != nullptr) row_.set(fCostCenter, team->cost_center);
  row_.set(fBillingPeriodStartDate, mdy(start));
  row_.set(fBillingPeriodEndDate, mdy(last_day));
  row_.set(fServicePeriodStartDate, mdy(start));
  row_.set(fServicePeriodEndDate, mdy(last_day));
  row_.set(fDate, mdy(ch.start));
  row_.set(fSubscriptionId, a.id);
  row_.set(fSubscriptionName, a.name);
  row_.set(fAccountName, team != nullptr ? fmt::format("Northwind {}", team->business_unit) : std::string("Northwind"));
  row_.set(fAccountOwnerId, team != nullptr ? fmt::format("{}-owner@northwind.example", team->name)
                                            : "cloud-admin@northwind.example");
  row_.set(fAccountId, std::to_string(hash_keys(estate_.seed, hash_text(a.invoice_section)) % 90000000 + 10000000));
  row_.set(fOfferId, ea ? "MS-AZR-0017P" : "");
  row_.set(fBillingCurrency, "USD");
  row_.set(fPricingCurrency, "USD");
  row_.set(fExchangeRate, "1");
  row_.set(fExchangeRateDate, mdy(start));
  row_.set(fIsAzureCreditEligible, "True");
  row_.set(fPublisherType, ea ? "Azure" : "Microsoft");
  row_.set(fPublisherName, "Microsoft");
  row_.set(fProvider, "Azure");
  const Sku* sku = ch.sku;
  if (sku != nullptr) {
    row_.set(fServiceFamily, sku->service_family);
    row_.set(fConsumedService, sku->consumed_service);
    row_.set(fMeterId, sku->meter_id);
    row_.set(fMeterName, sku->meter_name);
    row_.set(fMeterCategory, sku->meter_category);
    row_.set(fMeterSubCategory, sku->meter_subcategory);
    row_.set(fMeterRegion, sku->region->meter_region);
    row_.set(fProductId, sku->product_id);
    row_.set(fProductName, sku->product);
    row_.set(fUnitOfMeasure, sku->unit_of_measure);
    row_.set(fPartNumber, sku->part_number);
    row_.set(fResourceLocation, sku->region->code);
    row_.set(fLocation, sku->region->meter_region);
    row_.set(fResourceLocationNormalized, sku->region->name);
    if (sku->marketplace) {
      row_.set(fPublisherType, "Marketplace");
      row_.set(fPublisherName, sku->publisher);
      row_.set(fPublisherId, "acmeobservability1637");
      row_.set(fPlanName, "Business");
      row_.set(fIsAzureCreditEligible, "False");
    }
  }
}

void AzureExportWriter::fill_usage(const Charge& ch, bool amortized) {
  fill_common(ch);
  const Sku& sku = *ch.sku;
  const Resource* r = ch.resource;
  if (r != nullptr) {
    row_.set(fResourceId, r->id);
    row_.set(fResourceName, r->name);
    row_.set(fResourceGroup, r->resource_group);
    row_.set(fTags, tags_without_braces(r->tags));
    if (r->machine != nullptr && (r->kind == ResourceKind::kVm || r->kind == ResourceKind::kScaleSet)) {
      std::string info = fmt::format(
          "{{\"UsageType\":\"ComputeHR\",\"ImageType\":\"Canonical\",\"ServiceType\":\"{}\",\"VMName\":\"{}\",\"VMProperties\":null,\"VCPUs\":{}",
          r->machine->name, r->kind == ResourceKind::kScaleSet ? r->name + "_0" : r->name,
          r->machine->vcpu);
      if (ch.commitment != nullptr && is_reservation(*ch.commitment)) {
        info += fmt::format(",\"ReservationOrderId\":\"{}\",\"ReservationId\":\"{}\"",
                            ch.commitment->order_id, ch.commitment->reservation_id);
      }
      info += ",\"ConsumedQuantity\":";
      append_decimal(info, units(ch.quantity));
      info.push_back('}');
      row_.set(fAdditionalInfo, info);
      row_.set(fServiceInfo2, "Canonical");
    }
  }
  row_.set_decimal(fQuantity, units(ch.quantity));
  row_.set_decimal(fUnitPrice, sku.rate);
  row_.set_decimal(fPayGPrice, sku.list_rate);
  row_.set_decimal(fPaygCostInBillingCurrency, ch.list_cost);
  row_.set_decimal(fPaygCostInUsd, ch.list_cost);
  row_.set(fChargeType, "Usage");
  row_.set(fFrequency, "UsageBased");
  Int128 cost = ch.billed_cost;
  Int128 price = sku.rate;
  if (ch.commitment == nullptr) {
    row_.set(fPricingModel, "OnDemand");
  } else {
    const Commitment& c = *ch.commitment;
    row_.set(fPricingModel, is_reservation(c) ? "Reservation" : "SavingsPlan");
    row_.set(fBenefitId, c.id);
    row_.set(fBenefitName, c.name);
    row_.set(fProductOrderId, c.order_id);
    row_.set(fProductOrderName, estate_.skus[c.sku].product);
    row_.set_int(fTerm, c.term_months);
    if (is_reservation(c)) {
      row_.set(fReservationId, c.reservation_id);
      row_.set(fReservationName, c.name);
    }
    // Actual cost shows covered usage at 0; amortized at the commitment's price.
    cost = amortized ? ch.effective_cost : 0;
    price = amortized ? ch.commitment_rate : 0;
  }
  row_.set_decimal(fEffectivePrice, price);
  row_.set_decimal(fCostInBillingCurrency, cost);
  row_.set_decimal(fCostInPricingCurrency, cost);
  row_.set_decimal(fCostInUsd, cost);
}

void AzureExportWriter::fill_commitment_row(const Charge& ch) {
  fill_common(ch);
  const Commitment& c = *ch.commitment;
  const bool reservation = is_reservation(c);
  const std::string order_path = reservation
      ? fmt::format("/providers/Microsoft.Capacity/reservationOrders/{}", c.order_id)
      : fmt::format("/providers/Microsoft.BillingBenefits/savingsPlanOrders/{}", c.order_id);
  row_.set(fPricingModel, reservation ? "Reservation" : "SavingsPlan");
  row_.set(fBenefitId, c.id);
  row_.set(fBenefitName, c.name);
  row_.set(fProductOrderId, c.order_id);
  row_.set(fProductOrderName, ch.sku->product);
  row_.set_int(fTerm, c.term_months);
  if (reservation) {
    row_.set(fReservationId, c.reservation_id);
    row_.set(fReservationName, c.name);
  }
  row_.set(fPublisherType, estate_.accounts[ch.account].agreement == AzureAgreement::kEa ? "Azure" : "Microsoft");
  switch (ch.kind) {
    case ChargeKind::kUnused: {
      row_.set(fResourceId, c.id);
      row_.set(fChargeType, reservation ? "UnusedReservation" : "UnusedSavingsPlan");
      row_.set(fFrequency, "UsageBased");
      if (reservation) {
        row_.set_decimal(fQuantity, units(ch.quantity));
        row_.set_decimal(fEffectivePrice, ch.commitment_rate);
      } else {
        // Unused savings plan: the unused share of the committed hours.
        const core::Decimal hours = core::Decimal::divide(
            core::Decimal::from_units(ch.effective_cost), core::Decimal::from_units(c.hourly_commitment));
        row_.set_decimal(fQuantity, hours.units());
        row_.set_decimal(fEffectivePrice, c.hourly_commitment);
      }
      row_.set_decimal(fUnitPrice, reservation ? ch.commitment_rate : c.hourly_commitment);
      row_.set_decimal(fCostInBillingCurrency, ch.effective_cost);
      row_.set_decimal(fCostInPricingCurrency, ch.effective_cost);
      row_.set_decimal(fCostInUsd, ch.effective_cost);
      return;
    }
    case ChargeKind::kCommitmentFee:
    case ChargeKind::kCommitmentUpfront:
    case ChargeKind::kCommitmentRefund: {
      row_.set(fResourceId, order_path);
      row_.set(fChargeType, ch.kind == ChargeKind::kCommitmentRefund ? "Refund" : "Purchase");
      row_.set(fFrequency, ch.kind == ChargeKind::kCommitmentFee ? "Recurring" : "OneTime");
      row_.set(fQuantity, ch.kind == ChargeKind::kCommitmentRefund ? "-1" : "1");
      const Int128 amount = ch.billed_cost;
      const Int128 price = amount < 0 ? -amount : amount;
      row_.set_decimal(fEffectivePrice, price);
      row_.set_decimal(fUnitPrice, price);
      row_.set(fPayGPrice, "0");
      row_.set_decimal(fCostInBillingCurrency, amount);
      row_.set_decimal(fCostInPricingCurrency, amount);
      row_.set_decimal(fCostInUsd, amount);
      if (ch.kind == ChargeKind::kCommitmentRefund && period_ > 0) {
        row_.cell(fPreviousInvoiceId) =
            fmt::format("G0{:08d}", hash_keys(estate_.seed, 0xa2e, period_ - 1) % 100000000);
      }
      return;
    }
    default:
      return;
  }
}

core::Status AzureExportWriter::consume(const Charge& ch) {
  const AzureAgreement agreement = estate_.accounts[ch.account].agreement;
  switch (ch.kind) {
    case ChargeKind::kOnDemand:
      fill_usage(ch, false);
      OPTIMA_RETURN_IF_ERROR(write(agreement, false));
      return write(agreement, true);
    case ChargeKind::kCommitted:
      fill_usage(ch, false);
      OPTIMA_RETURN_IF_ERROR(write(agreement, false));
      fill_usage(ch, true);
      return write(agreement, true);
    case ChargeKind::kUnused:
      fill_commitment_row(ch);
      return write(agreement, true);
    case ChargeKind::kCommitmentFee:
    case ChargeKind::kCommitmentUpfront:
    case ChargeKind::kCommitmentRefund:
      fill_commitment_row(ch);
      return write(agreement, false);
    default:
      return core::Status::ok();
  }
}

core::Status AzureExportWriter::finish() {
  for (const AzureAgreement agreement : {AzureAgreement::kEa, AzureAgreement::kMca}) {
    for (const bool amortized : {false, true}) {
      Output& out = outputs_[slot(agreement, amortized)];
      // An export runs even when a scope had no charges: header only.
      if (!out.file) OPTIMA_RETURN_IF_ERROR(open(agreement, amortized));
      OPTIMA_RETURN_IF_ERROR(out.file->close());
      files_.push_back({out.relative, out.file->file_bytes(), out.rows});
    }
  }
  return core::Status::ok();
}

}  // namespace optima::demo
