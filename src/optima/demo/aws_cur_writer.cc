#include "optima/demo/aws_cur_writer.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "optima/demo/random.h"
#include "optima/demo/text_format.h"

namespace optima::demo {
namespace {

// The fixed CUR columns, in delivery order. Resource tag and cost category columns follow.
enum Col : size_t {
  kLineItemId, kTimeInterval,
  kInvoiceId, kInvoicingEntity, kBillingEntity, kBillType, kPayerAccountId,
  kBillingPeriodStartDate, kBillingPeriodEndDate,
  kUsageAccountId, kLineItemType, kUsageStartDate, kUsageEndDate, kProductCode, kUsageType,
  kOperation, kAvailabilityZone, kResourceId, kUsageAmount, kNormalizationFactor,
  kNormalizedUsageAmount, kCurrencyCode, kUnblendedRate, kUnblendedCost, kBlendedRate,
  kBlendedCost, kLineItemDescription, kTaxType, kLegalEntity,
  kProductName, kDatabaseEngine, kInstanceType, kLocation, kLocationType, kMemory,
  kOperatingSystem, kProductFamily, kRegion, kServicecode, kServicename, kSku, kStorageClass,
  kProductUsagetype, kVcpu, kVolumeApiName,
  kLeaseContractLength, kOfferingClass, kPurchaseOption, kRateCode, kRateId, kPricingCurrency,
  kPublicOnDemandCost, kPublicOnDemandRate, kTerm, kUnit,
  kAmortizedUpfrontCostForUsage, kAmortizedUpfrontFeeForBillingPeriod, kRiEffectiveCost,
  kRiEndTime, kModificationStatus, kNormalizedUnitsPerReservation, kNumberOfReservations,
  kRecurringFeeForUsage, kReservationArn, kRiStartTime, kSubscriptionId,
  kTotalReservedNormalizedUnits, kTotalReservedUnits, kUnitsPerReservation,
  kUnusedAmortizedUpfrontFeeForBillingPeriod, kUnusedNormalizedUnitQuantity, kUnusedQuantity,
  kUnusedRecurringFee, kUpfrontValue,
  kTotalCommitmentToDate, kSavingsPlanArn, kSavingsPlanRate, kUsedCommitment,
  kSavingsPlanEffectiveCost, kAmortizedUpfrontCommitmentForBillingPeriod,
  kRecurringCommitmentForBillingPeriod, kSpStartTime, kSpEndTime, kOfferingType,
  kPaymentOption, kPurchaseTerm, kSpRegion,
  kFixedColumns,
};

struct FixedColumn {
  const char* category;
  const char* name;
  const char* type;
};

constexpr FixedColumn kFixed[kFixedColumns] = {
    {"identity", "LineItemId", "String"}, {"identity", "TimeInterval", "Interval"},
    {"bill", "InvoiceId", "String"}, {"bill", "InvoicingEntity", "String"},
    {"bill", "BillingEntity", "String"}, {"bill", "BillType", "String"},
    {"bill", "PayerAccountId", "String"}, {"bill", "BillingPeriodStartDate", "DateTime"},
    {"bill", "BillingPeriodEndDate", "DateTime"},
    {"lineItem", "UsageAccountId", "String"}, {"lineItem", "LineItemType", "String"},
    {"lineItem", "UsageStartDate", "DateTime"}, {"lineItem", "UsageEndDate", "DateTime"},
    {"lineItem", "ProductCode", "String"}, {"lineItem", "UsageType", "String"},
    {"lineItem", "Operation", "String"}, {"lineItem", "AvailabilityZone", "String"},
    {"lineItem", "ResourceId", "String"}, {"lineItem", "UsageAmount", "BigDecimal"},
    {"lineItem", "NormalizationFactor", "OptionalBigDecimal"},
    {"lineItem", "NormalizedUsageAmount", "OptionalBigDecimal"},
    {"lineItem", "CurrencyCode", "String"}, {"lineItem", "UnblendedRate", "OptionalBigDecimal"},
    {"lineItem", "UnblendedCost", "BigDecimal"}, {"lineItem", "BlendedRate", "OptionalBigDecimal"},
    {"lineItem", "BlendedCost", "BigDecimal"}, {"lineItem", "LineItemDescription", "String"},
    {"lineItem", "TaxType", "String"}, {"lineItem", "LegalEntity", "String"},
    {"product", "ProductName", "String"}, {"product", "databaseEngine", "String"},
    {"product", "instanceType", "String"}, {"product", "location", "String"},
    {"product", "locationType", "String"}, {"product", "memory", "String"},
    {"product", "operatingSystem", "String"}, {"product", "productFamily", "String"},
    {"product", "region", "String"}, {"product", "servicecode", "String"},
    {"product", "servicename", "String"}, {"product", "sku", "String"},
    {"product", "storageClass", "String"}, {"product", "usagetype", "String"},
    {"product", "vcpu", "String"}, {"product", "volumeApiName", "String"},
    {"pricing", "LeaseContractLength", "String"}, {"pricing", "OfferingClass", "String"},
    {"pricing", "PurchaseOption", "String"}, {"pricing", "RateCode", "String"},
    {"pricing", "RateId", "String"}, {"pricing", "currency", "String"},
    {"pricing", "publicOnDemandCost", "BigDecimal"}, {"pricing", "publicOnDemandRate", "BigDecimal"},
    {"pricing", "term", "String"}, {"pricing", "unit", "String"},
    {"reservation", "AmortizedUpfrontCostForUsage", "BigDecimal"},
    {"reservation", "AmortizedUpfrontFeeForBillingPeriod", "BigDecimal"},
    {"reservation", "EffectiveCost", "BigDecimal"}, {"reservation", "EndTime", "OptionalString"},
    {"reservation", "ModificationStatus", "OptionalString"},
    {"reservation", "NormalizedUnitsPerReservation", "OptionalString"},
    {"reservation", "NumberOfReservations", "OptionalString"},
    {"reservation", "RecurringFeeForUsage", "BigDecimal"},
    {"reservation", "ReservationARN", "OptionalString"},
    {"reservation", "StartTime", "OptionalString"},
    {"reservation", "SubscriptionId", "String"},
    {"reservation", "TotalReservedNormalizedUnits", "OptionalString"},
    {"reservation", "TotalReservedUnits", "OptionalString"},
    {"reservation", "UnitsPerReservation", "OptionalString"},
    {"reservation", "UnusedAmortizedUpfrontFeeForBillingPeriod", "BigDecimal"},
    {"reservation", "UnusedNormalizedUnitQuantity", "BigDecimal"},
    {"reservation", "UnusedQuantity", "BigDecimal"},
    {"reservation", "UnusedRecurringFee", "BigDecimal"},
    {"reservation", "UpfrontValue", "BigDecimal"},
    {"savingsPlan", "TotalCommitmentToDate", "BigDecimal"},
    {"savingsPlan", "SavingsPlanARN", "OptionalString"},
    {"savingsPlan", "SavingsPlanRate", "BigDecimal"},
    {"savingsPlan", "UsedCommitment", "BigDecimal"},
    {"savingsPlan", "SavingsPlanEffectiveCost", "BigDecimal"},
    {"savingsPlan", "AmortizedUpfrontCommitmentForBillingPeriod", "BigDecimal"},
    {"savingsPlan", "RecurringCommitmentForBillingPeriod", "BigDecimal"},
    {"savingsPlan", "StartTime", "OptionalString"}, {"savingsPlan", "EndTime", "OptionalString"},
    {"savingsPlan", "OfferingType", "OptionalString"},
    {"savingsPlan", "PaymentOption", "OptionalString"},
    {"savingsPlan", "PurchaseTerm", "OptionalString"},
    {"savingsPlan", "Region", "OptionalString"},
};

constexpr const char* kAwsEntity = "Amazon Web Services, Inc.";

std::string payment_name(Payment p) {
  switch (p) {
    case Payment::kAllUpfront: return "All Upfront";
    case Payment::kPartialUpfront: return "Partial Upfront";
    default: return "No Upfront";
  }
}

std::string millis_text(Timestamp t) {
  std::string s;
  append_iso8601_millis(s, t);
  return s;
}

Int128 hours_units(int64_t nano) { return static_cast<Int128>(nano) * 1000000000; }

}  // namespace

std::string AwsCurWriter::period_folder(const Estate& estate, uint32_t period) {
  const Timestamp start = estate.periods[period].start;
  std::string s;
  append_compact_date(s, start);
  s.push_back('-');
  append_compact_date(s, core::add_months(start, 1));
  return s;
}

std::string AwsCurWriter::assembly_id(const Estate& estate, uint32_t period, int version) {
  Rng rng(hash_keys(estate.seed, hash_text("cur/assembly"), period, static_cast<uint64_t>(version)));
  return rng.uuid();
}

AwsCurWriter::AwsCurWriter(const Estate& estate, std::filesystem::path root, CurAssembly assembly)
    : estate_(estate), root_(std::move(root)), assembly_(std::move(assembly)) {
  folder_ = fmt::format("cur/{}/{}/{}", kCurReportName, period_folder(estate_, assembly_.period),
                        assembly_.assembly_id);
  define_columns();
  row_ = CsvRow(columns_.size());
  const uint32_t last = static_cast<uint32_t>(estate_.periods.size()) - 1;
  if (assembly_.period < last) {
    invoice_id_ = std::to_string(hash_keys(estate_.seed, 0x1a7e, assembly_.period) % 900000000 + 100000000);
    marketplace_invoice_id_ = std::to_string(hash_keys(estate_.seed, 0x3a7e, assembly_.period) % 900000000 + 100000000);
  }
}

AwsCurWriter::~AwsCurWriter() = default;

size_t AwsCurWriter::add_column(const char* category, const std::string& name, const char* type) {
  columns_.push_back({category, name, type});
  return columns_.size() - 1;
}

void AwsCurWriter::define_columns() {
  for (const FixedColumn& c : kFixed) add_column(c.category, c.name, c.type);
  // Resource tag columns: every user tag key on an AWS resource (AWS prefixes user tags with
  // "user:"), plus the AWS-generated aws:createdBy.
  std::set<std::string> keys{"aws:createdBy"};
  for (const Resource& r : estate_.resources) {
    if (r.cloud != Cloud::kAws) continue;
    for (const auto& [k, v] : r.tags) keys.insert("user:" + k);
  }
  tag_keys_.assign(keys.begin(), keys.end());
  first_tag_column_ = columns_.size();
  for (const std::string& k : tag_keys_) add_column("resourceTags", k, "String");
  business_unit_column_ = add_column("costCategory", "BusinessUnit", "String");
  // The Environment cost category was created in the fourth month of the window.
  if (assembly_.period >= 3) environment_column_ = add_column("costCategory", "Environment", "String");
}

std::string AwsCurWriter::line_item_id() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  std::string id;
  id.reserve(52);
  uint64_t h = 0;
  for (int i = 0; i < 52; ++i) {
    if (i % 12 == 0) h = hash_keys(estate_.seed, hash_text(assembly_.assembly_id), line_counter_, static_cast<uint64_t>(i));
    id.push_back(kAlphabet[h & 31U]);
    h >>= 5;
  }
  ++line_counter_;
  return id;
}

void AwsCurWriter::fill_common(const Charge& ch, const char* line_item_type) {
  row_.clear();
  const Account& account = estate_.accounts[ch.account];
  row_.set(kLineItemId, line_item_id());
  std::string& interval = row_.cell(kTimeInterval);
  append_iso8601(interval, ch.start);
  interval.push_back('/');
  append_iso8601(interval, ch.end > ch.start ? ch.end : Timestamp{ch.start.unix_seconds + 3600});
  row_.set(kInvoiceId, invoice_id_);
  row_.set(kInvoicingEntity, kAwsEntity);
  row_.set(kBillingEntity, "AWS");
  row_.set(kBillType, "Anniversary");
  row_.set(kPayerAccountId, estate_.aws_payer_account);
  const Timestamp ps = estate_.periods[assembly_.period].start;
  append_iso8601_millis(row_.cell(kBillingPeriodStartDate), ps);
  append_iso8601_millis(row_.cell(kBillingPeriodEndDate), core::add_months(ps, 1));
  row_.set(kUsageAccountId, account.id);
  row_.set(kLineItemType, line_item_type);
  append_iso8601(row_.cell(kUsageStartDate), ch.start);
  append_iso8601(row_.cell(kUsageEndDate), ch.end > ch.start ? ch.end : Timestamp{ch.start.unix_seconds + 3600});
  row_.set(kCurrencyCode, "USD");
  row_.set(kLegalEntity, kAwsEntity);
  row_.set(kPricingCurrency, "USD");
  const Team* team = account.team >= 0 ? &estate_.teams[static_cast<size_t>(account.team)] : nullptr;
  row_.set(business_unit_column_, team != nullptr ? team->business_unit : "Shared Services");
  if (environment_column_ != SIZE_MAX) {
    row_.set(environment_column_, account.env == Env::kProd ? "Production" : "Non-Production");
  }
}

void AwsCurWriter::fill_product(const Sku& sku, const Resource* resource) {
  row_.set(kProductCode, sku.product_code);
  row_.set(kUsageType, sku.usage_type);
  row_.set(kOperation, sku.operation);
  row_.set(kProductName, sku.product_name);
  row_.set(kProductFamily, sku.product_family);
  row_.set(kServicecode, sku.product_code);
  row_.set(kServicename, sku.product_name);
  row_.set(kSku, sku.aws_sku);
  row_.set(kProductUsagetype, sku.usage_type);
  if (!sku.marketplace) {
    row_.set(kLocation, sku.region->name);
    row_.set(kLocationType, "AWS Region");
    row_.set(kRegion, sku.region->code);
  }
  row_.set(kInstanceType, sku.instance_type);
  row_.set(kOperatingSystem, sku.operating_system);
  row_.set(kVolumeApiName, sku.volume_api_name);
  row_.set(kDatabaseEngine, sku.database_engine);
  if (sku.kind == MeterKind::kObjectStorage) row_.set(kStorageClass, "General Purpose");
  if (sku.machine != nullptr) {
    row_.set_int(kVcpu, sku.machine->vcpu);
    row_.cell(kMemory) = fmt::format("{} GiB", sku.machine->memory_gib);
  }
  row_.set(kRateCode, sku.rate_code);
  row_.set(kRateId, sku.rate_id);
  row_.set(kUnit, sku.aws_unit);
  if (sku.marketplace) {
    row_.set(kBillingEntity, "AWS Marketplace");
    row_.set(kLegalEntity, sku.publisher);
    row_.set(kInvoiceId, marketplace_invoice_id_);
  }
  if (resource != nullptr) {
    row_.set(kResourceId, resource->id);
    if (!resource->zone.empty() && sku.kind != MeterKind::kObjectStorage) {
      row_.set(kAvailabilityZone, resource->zone);
    }
  }
}

void AwsCurWriter::fill_tags(const Resource* resource) {
  if (resource == nullptr) return;
  for (const auto& [k, v] : resource->tags) {
    const std::string key = "user:" + k;
    const auto it = std::lower_bound(tag_keys_.begin(), tag_keys_.end(), key);
    if (it != tag_keys_.end() && *it == key) {
      row_.set(first_tag_column_ + static_cast<size_t>(it - tag_keys_.begin()), v);
    }
  }
  if (resource->name.find("-asg-") != std::string::npos) {
    const auto it = std::lower_bound(tag_keys_.begin(), tag_keys_.end(), std::string("aws:createdBy"));
    row_.set(first_tag_column_ + static_cast<size_t>(it - tag_keys_.begin()),
             "AssumedRole:AROA3EXAMPLEAUTOSCALE:AutoScaling");
  }
}

void AwsCurWriter::fill_reservation_terms(const Commitment& c) {
  row_.set(kLeaseContractLength, c.term_months == 36 ? "3yr" : "1yr");
  row_.set(kOfferingClass, "standard");
  row_.set(kPurchaseOption, payment_name(c.payment));
  row_.set(kTerm, "Reserved");
}

core::Status AwsCurWriter::consume(const Charge& ch) {
  const Sku* sku = ch.sku;
  const Commitment* c = ch.commitment;
  switch (ch.kind) {
    case ChargeKind::kOnDemand: {
      fill_common(ch, "Usage");
      fill_product(*sku, ch.resource);
      row_.set_java_decimal(kUsageAmount, hours_units(ch.quantity));
      row_.set_java_decimal(kUnblendedRate, sku->rate);
      row_.set_java_decimal(kUnblendedCost, ch.billed_cost);
      row_.set_java_decimal(kBlendedRate, sku->rate);
      row_.set_java_decimal(kBlendedCost, ch.billed_cost);
      row_.set(kLineItemDescription, sku->description);
      row_.set_java_decimal(kPublicOnDemandRate, sku->list_rate);
      row_.set_java_decimal(kPublicOnDemandCost, ch.list_cost);
      row_.set(kTerm, "OnDemand");
      if (sku->machine != nullptr && sku->kind == MeterKind::kCompute) {
        row_.set_int(kNormalizationFactor, sku->machine->normalization);
        row_.set_java_decimal(kNormalizedUsageAmount, hours_units(ch.quantity) * sku->machine->normalization);
      }
      fill_tags(ch.resource);
      return write_row();
    }
    case ChargeKind::kCommitted: {
      const bool savings_plan = c->kind == CommitmentKind::kAwsSavingsPlan;
      fill_common(ch, savings_plan ? "SavingsPlanCoveredUsage" : "DiscountedUsage");
      fill_product(*sku, ch.resource);
      row_.set_java_decimal(kUsageAmount, hours_units(ch.quantity));
      row_.set_java_decimal(kPublicOnDemandRate, sku->list_rate);
      row_.set_java_decimal(kPublicOnDemandCost, ch.list_cost);
      row_.set_int(kNormalizationFactor, sku->machine->normalization);
      row_.set_java_decimal(kNormalizedUsageAmount, hours_units(ch.quantity) * sku->machine->normalization);
      fill_tags(ch.resource);
      if (savings_plan) {
        row_.set_java_decimal(kUnblendedRate, sku->rate);
        row_.set_java_decimal(kUnblendedCost, ch.contracted_cost);
        row_.set_java_decimal(kBlendedRate, sku->rate);
        row_.set_java_decimal(kBlendedCost, ch.contracted_cost);
        row_.set(kLineItemDescription, sku->description);
        row_.set(kTerm, "OnDemand");
        row_.set(kSavingsPlanArn, c->id);
        row_.set_java_decimal(kSavingsPlanRate, ch.commitment_rate);
        row_.set_java_decimal(kSavingsPlanEffectiveCost, ch.effective_cost);
        OPTIMA_RETURN_IF_ERROR(write_row());
        // The negation offsets the on-demand cost the covered line carries.
        const std::string account_id = estate_.accounts[ch.account].id;
        const std::string usage_amount = row_.cell(kUsageAmount);
        fill_common(ch, "SavingsPlanNegation");
        fill_product(*sku, ch.resource);
        fill_tags(ch.resource);
        row_.set(kUsageAmount, usage_amount);
        row_.set_java_decimal(kUnblendedRate, -sku->rate);
        row_.set_java_decimal(kUnblendedCost, -ch.contracted_cost);
        row_.set_java_decimal(kBlendedRate, -sku->rate);
        row_.set_java_decimal(kBlendedCost, -ch.contracted_cost);
        row_.cell(kLineItemDescription) =
            fmt::format("SavingsPlanNegation used by AccountId : {} and UsageSku : {}", account_id,
                        sku->aws_sku);
        row_.set(kTerm, "OnDemand");
        row_.set(kSavingsPlanArn, c->id);
        return write_row();
      }
      row_.set(kUnblendedRate, "0.0");
      row_.set(kUnblendedCost, "0.0");
      row_.set(kBlendedRate, "0.0");
      row_.set(kBlendedCost, "0.0");
      row_.cell(kLineItemDescription) = fmt::format(
          "USD 0.0 hourly fee per Linux/UNIX (Amazon VPC), {} instance", sku->instance_type);
      fill_reservation_terms(*c);
      row_.set(kReservationArn, c->id);
      row_.set_java_decimal(kRiEffectiveCost, ch.effective_cost);
      row_.set_java_decimal(kAmortizedUpfrontCostForUsage, ch.amortized_upfront);
      row_.set_java_decimal(kRecurringFeeForUsage, ch.amortized_recurring);
      return write_row();
    }
    case ChargeKind::kUnused:
      // CUR has no separate unused lines: RIFee and SavingsPlanRecurringFee carry them.
      return core::Status::ok();
    case ChargeKind::kCommitmentFee: {
      if (c->kind == CommitmentKind::kAwsSavingsPlan) {
        fill_common(ch, "SavingsPlanRecurringFee");
        fill_product(*sku, nullptr);
        row_.set(kLocation, "");
        row_.set(kLocationType, "");
        row_.set(kRegion, "");
        row_.set_java_decimal(kUsageAmount, hours_units(ch.quantity));
        row_.set_java_decimal(kUnblendedRate, c->recurring_hourly);
        row_.set_java_decimal(kUnblendedCost, ch.billed_cost);
        row_.set_java_decimal(kBlendedRate, c->recurring_hourly);
        row_.set_java_decimal(kBlendedCost, ch.billed_cost);
        row_.set(kLineItemDescription, sku->description);
        row_.set(kResourceId, c->id);
        row_.set(kSavingsPlanArn, c->id);
        row_.set_java_decimal(kTotalCommitmentToDate, ch.total_commitment);
        row_.set_java_decimal(kUsedCommitment, ch.used_commitment);
        row_.set_java_decimal(kAmortizedUpfrontCommitmentForBillingPeriod, ch.amortized_upfront_period);
        row_.set_java_decimal(kRecurringCommitmentForBillingPeriod, ch.recurring_period);
        row_.set(kSpStartTime, millis_text(c->start));
        row_.set(kSpEndTime, millis_text(c->end));
        row_.set(kOfferingType, "ComputeSavingsPlans");
        row_.set(kPaymentOption, payment_name(c->payment));
        row_.set(kPurchaseTerm, "1yr");
        return write_row();
      }
      // RIFee: the month's recurring fee and what the reservation left unused.
      fill_common(ch, "RIFee");
      fill_product(*sku, nullptr);
      const int64_t unused = ch.committed_units - ch.used_units;
      const int64_t hours = (ch.committed_units / c->units);
      const int norm = c->machine->normalization;
      row_.set_java_decimal(kUsageAmount, hours_units(ch.committed_units));
      row_.set_java_decimal(kUnblendedRate, c->recurring_hourly);
      row_.set_java_decimal(kUnblendedCost, ch.billed_cost);
      row_.set_java_decimal(kBlendedRate, c->recurring_hourly);
      row_.set_java_decimal(kBlendedCost, ch.billed_cost);
      row_.set(kLineItemDescription, sku->description);
      row_.set_int(kNormalizationFactor, norm);
      row_.set_java_decimal(kNormalizedUsageAmount, hours_units(ch.committed_units) * norm);
      fill_reservation_terms(*c);
      row_.set(kReservationArn, c->id);
      row_.set(kSubscriptionId, c->order_id);
      row_.set(kModificationStatus, "Original");
      row_.set(kRiStartTime, millis_text(c->start));
      row_.set(kRiEndTime, millis_text(c->end));
      row_.set_int(kNumberOfReservations, c->units / kQuantityOne);
      row_.set_int(kUnitsPerReservation, hours);
      row_.set_int(kNormalizedUnitsPerReservation, hours * norm);
      row_.set_java_decimal(kTotalReservedUnits, hours_units(ch.committed_units));
      row_.set_java_decimal(kTotalReservedNormalizedUnits, hours_units(ch.committed_units) * norm);
      row_.set_java_decimal(kAmortizedUpfrontFeeForBillingPeriod, ch.amortized_upfront_period);
      row_.set_java_decimal(kUnusedQuantity, hours_units(unused));
      row_.set_java_decimal(kUnusedNormalizedUnitQuantity, hours_units(unused) * norm);
      row_.set_java_decimal(kUnusedRecurringFee, cost_of(c->recurring_hourly, unused));
      row_.set_java_decimal(kUnusedAmortizedUpfrontFeeForBillingPeriod, cost_of(c->upfront_hourly, unused));
      row_.set_java_decimal(kUpfrontValue, cost_of(c->upfront_hourly, c->units * ((c->end.unix_seconds - c->start.unix_seconds) / 3600)));
      return write_row();
    }
    case ChargeKind::kCommitmentUpfront: {
      const bool savings_plan = c->kind == CommitmentKind::kAwsSavingsPlan;
      Charge shown = ch;
      shown.end = estate_.periods[assembly_.period].end;
      fill_common(shown, savings_plan ? "SavingsPlanUpfrontFee" : "Fee");
      // Fee lines carry the product, price and reservation details of what was bought.
      fill_product(*sku, nullptr);
      if (savings_plan) {
        row_.set(kLocation, "");
        row_.set(kLocationType, "");
        row_.set(kRegion, "");
      }
      row_.set(kBillType, "Purchase");
      row_.set(kInvoiceId, invoice_id_.empty() ? "" : invoice_id_ + "P");
      row_.set(kUsageAmount, "1.0");
      row_.set_java_decimal(kUnblendedRate, ch.billed_cost);
      row_.set_java_decimal(kUnblendedCost, ch.billed_cost);
      row_.set_java_decimal(kBlendedRate, ch.billed_cost);
      row_.set_java_decimal(kBlendedCost, ch.billed_cost);
      if (savings_plan) {
        row_.set(kLineItemDescription, sku->description + " upfront fee");
        row_.set(kSavingsPlanArn, c->id);
        row_.set(kResourceId, c->id);
        row_.set(kSpStartTime, millis_text(c->start));
        row_.set(kSpEndTime, millis_text(c->end));
        row_.set(kOfferingType, "ComputeSavingsPlans");
        row_.set(kPaymentOption, payment_name(c->payment));
        row_.set(kPurchaseTerm, "1yr");
      } else {
        row_.cell(kLineItemDescription) =
            fmt::format("Sign up charge for subscription: {}, planId: {}", c->order_id,
                        hash_keys(hash_text(c->id)) % 9000000 + 1000000);
        fill_reservation_terms(*c);
        row_.set(kReservationArn, c->id);
        row_.set(kSubscriptionId, c->order_id);
        row_.set_java_decimal(kUpfrontValue, ch.billed_cost);
        const int64_t term_hours = (c->end.unix_seconds - c->start.unix_seconds) / 3600;
        row_.set_int(kNumberOfReservations, c->units / kQuantityOne);
        row_.set_int(kUnitsPerReservation, term_hours);
        row_.set_java_decimal(kTotalReservedUnits, hours_units(c->units * term_hours));
      }
      return write_row();
    }
    case ChargeKind::kCommitmentRefund:
      return core::Status::ok();
    case ChargeKind::kTax:
    case ChargeKind::kDiscount:
    case ChargeKind::kCredit:
    case ChargeKind::kCorrection: {
      const char* type = ch.kind == ChargeKind::kTax        ? "Tax"
                         : ch.kind == ChargeKind::kDiscount ? "EdpDiscount"
                         : ch.kind == ChargeKind::kCredit   ? "Credit"
                                                            : "Refund";
      fill_common(ch, type);
      if (sku != nullptr) {
        row_.set(kProductCode, sku->product_code);
        row_.set(kProductName, sku->product_name);
        row_.set(kServicecode, sku->product_code);
        row_.set(kServicename, sku->product_name);
      }
      row_.set(kUsageAmount, "1.0");
      row_.set_java_decimal(kUnblendedCost, ch.billed_cost);
      row_.set_java_decimal(kBlendedCost, ch.billed_cost);
      if (ch.kind == ChargeKind::kTax) {
        row_.set(kTaxType, "US Sales Tax");
        row_.cell(kLineItemDescription) =
            fmt::format("Tax for product code {}", sku != nullptr ? sku->product_code : "");
      } else if (ch.kind == ChargeKind::kCorrection) {
        row_.set(kBillType, "Refund");
        row_.set(kInvoiceId, invoice_id_.empty() ? "" : invoice_id_ + "R");
        const core::CivilDate d = core::date_of(ch.corrected_start);
        row_.cell(kLineItemDescription) =
            fmt::format("{} ({}-{:02d})", ch.label, d.year, d.month);
      } else {
        row_.set(kLineItemDescription, ch.label);
      }
      return write_row();
    }
  }
  return core::Status::ok();
}

core::Status AwsCurWriter::open_part() {
  ++part_number_;
  const std::string key = fmt::format("{}/{}-{}.csv.gz", folder_, kCurReportName, part_number_);
  OPTIMA_ASSIGN_OR_RETURN(part_, OutputFile::create(root_ / "billing" / "aws" / key, Compression::kGzip));
  report_keys_.push_back(key);
  part_rows_ = 0;
  buffer_.clear();
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (i > 0) buffer_.push_back(',');
    buffer_ += columns_[i].category;
    buffer_.push_back('/');
    append_csv(buffer_, columns_[i].name);
  }
  buffer_.push_back('\n');
  return part_->write(buffer_);
}

core::Status AwsCurWriter::close_part() {
  if (!part_) return core::Status::ok();
  OPTIMA_RETURN_IF_ERROR(part_->close());
  files_.push_back({std::filesystem::path("billing") / "aws" / report_keys_.back(), part_->file_bytes(), part_rows_});
  part_.reset();
  return core::Status::ok();
}

core::Status AwsCurWriter::write_row() {
  if (!part_ || part_rows_ >= assembly_.rows_per_part) {
    OPTIMA_RETURN_IF_ERROR(close_part());
    OPTIMA_RETURN_IF_ERROR(open_part());
  }
  buffer_.clear();
  row_.append_to(buffer_);
  ++part_rows_;
  ++rows_;
  return part_->write(buffer_);
}

std::string AwsCurWriter::manifest_json() const {
  std::string j = "{\"assemblyId\":";
  append_json_string(j, assembly_.assembly_id);
  j += ",\"account\":";
  append_json_string(j, estate_.aws_payer_account);
  j += ",\"columns\":[";
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (i > 0) j.push_back(',');
    j += "{\"category\":";
    append_json_string(j, columns_[i].category);
    j += ",\"name\":";
    append_json_string(j, columns_[i].name);
    j += ",\"type\":";
    append_json_string(j, columns_[i].type);
    j.push_back('}');
  }
  j += "],\"charset\":\"UTF-8\",\"compression\":\"GZIP\",\"contentType\":\"text/csv\",\"reportId\":";
  Rng rng(hash_keys(estate_.seed, hash_text("cur/report-id")));
  append_json_string(j, rng.hex(64));
  j += ",\"reportName\":";
  append_json_string(j, kCurReportName);
  const Timestamp start = estate_.periods[assembly_.period].start;
  const auto period_text = [](Timestamp t) {
    std::string s;
    append_compact_date(s, t);
    return s + "T000000.000Z";
  };
  j += ",\"billingPeriod\":{\"start\":";
  append_json_string(j, period_text(start));
  j += ",\"end\":";
  append_json_string(j, period_text(core::add_months(start, 1)));
  j += "},\"bucket\":";
  append_json_string(j, "northwind-billing-" + estate_.aws_payer_account);
  j += ",\"reportKeys\":[";
  for (size_t i = 0; i < report_keys_.size(); ++i) {
    if (i > 0) j.push_back(',');
    append_json_string(j, report_keys_[i]);
  }
  j += "],\"additionalArtifactKeys\":[]}\n";
  return j;
}

core::Status AwsCurWriter::finish() {
  if (!part_ && report_keys_.empty()) OPTIMA_RETURN_IF_ERROR(open_part());
  OPTIMA_RETURN_IF_ERROR(close_part());
  const std::string manifest = manifest_json();
  const std::filesystem::path aws = std::filesystem::path("billing") / "aws";
  const std::filesystem::path assembly_manifest =
      aws / folder_ / fmt::format("{}-Manifest.json", kCurReportName);
  OPTIMA_RETURN_IF_ERROR(write_whole_file(root_ / assembly_manifest, manifest));
  files_.push_back({assembly_manifest, manifest.size(), 0});
  if (assembly_.current) {
    const std::filesystem::path period_manifest =
        aws / "cur" / kCurReportName / period_folder(estate_, assembly_.period) /
        fmt::format("{}-Manifest.json", kCurReportName);
    OPTIMA_RETURN_IF_ERROR(write_whole_file(root_ / period_manifest, manifest));
    files_.push_back({period_manifest, manifest.size(), 0});
  }
  return core::Status::ok();
}

}  // namespace optima::demo
