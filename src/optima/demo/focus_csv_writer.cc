#include "optima/demo/focus_csv_writer.h"

#include <cctype>

#include <fmt/format.h>

#include "optima/demo/random.h"
#include "optima/demo/simulator.h"
#include "optima/demo/text_format.h"
#include "optima/focus/column.h"

namespace optima::demo {
namespace {

constexpr size_t kFlushBytes = size_t{1} << 20;

Int128 units(int64_t nano) { return static_cast<Int128>(nano) * 1000000000; }

bool google_label_key(std::string_view key) {
  for (const char c : key) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
          c == '_' || c == '-')) {
      return false;
    }
  }
  return !key.empty();
}

std::string csv_cell(std::string_view text) {
  std::string out;
  append_csv(out, text);
  return out;
}

const char* commitment_type(CommitmentKind kind) {
  switch (kind) {
    case CommitmentKind::kAwsReservedInstance: return "Reserved Instance";
    case CommitmentKind::kAwsSavingsPlan: return "Savings Plan";
    case CommitmentKind::kAzureReservation: return "Reservation";
    case CommitmentKind::kAzureSavingsPlan: return "Savings Plan";
    case CommitmentKind::kGcpCud: return "Committed Use Discount";
  }
  return "";
}

bool spend_based(CommitmentKind kind) {
  return kind == CommitmentKind::kAwsSavingsPlan || kind == CommitmentKind::kAzureSavingsPlan;
}

const char* invoice_issuer(Cloud cloud) {
  switch (cloud) {
    case Cloud::kAws: return "Amazon Web Services, Inc.";
    case Cloud::kAzure: return "Microsoft";
    case Cloud::kGcp: return "Google";
    case Cloud::kOci: return "Oracle";
  }
  return "";
}

const char* sub_account_type(Cloud cloud) {
  switch (cloud) {
    case Cloud::kAws: return "Account";
    case Cloud::kAzure: return "Subscription";
    case Cloud::kGcp: return "Project";
    case Cloud::kOci: return "Compartment";
  }
  return "";
}

// PricingQuantity, PricingUnit and the unit prices of a charge (FOCUS: ContractedCost =
// ContractedUnitPrice x PricingQuantity). Absent for tax, credits, discounts and corrections.
struct Pricing {
  bool present = false;
  Int128 quantity = 0;
  std::string_view unit;
  Int128 contracted_price = 0;
  Int128 list_price = 0;
};

Pricing pricing_of(const Charge& ch) {
  Pricing p;
  switch (ch.kind) {
    case ChargeKind::kOnDemand:
    case ChargeKind::kCommitted:
      p = {true, units(ch.quantity), ch.sku->pricing_unit, ch.sku->rate, ch.sku->list_rate};
      break;
    case ChargeKind::kUnused:
      if (spend_based(ch.commitment->kind)) {
        p = {true, ch.effective_cost, "USD", core::Decimal::kOne, core::Decimal::kOne};
      } else {
        p = {true, units(ch.quantity), "Hours", ch.commitment_rate, ch.commitment_rate};
      }
      break;
    case ChargeKind::kCommitmentFee:
    case ChargeKind::kCommitmentUpfront:
    case ChargeKind::kCommitmentRefund: {
      const Int128 price = ch.billed_cost < 0 ? -ch.billed_cost : ch.billed_cost;
      p = {true, ch.billed_cost < 0 ? -core::Decimal::kOne : core::Decimal::kOne, "Units", price, price};
      break;
    }
    default:
      break;
  }
  return p;
}

}  // namespace

std::shared_ptr<const FocusText> FocusText::build(const Estate& estate) {
  auto text = std::make_shared<FocusText>();
  text->tags.reserve(estate.resources.size());
  for (const Resource& r : estate.resources) {
    std::string json;
    bool first = true;
    for (const auto& [k, v] : r.tags) {
      std::string value = v;
      if (r.cloud == Cloud::kGcp) {
        // Google labels: lower-case keys and values only.
        if (!google_label_key(k)) continue;
        for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      json.push_back(first ? '{' : ',');
      first = false;
      append_json_string(json, k);
      json.push_back(':');
      append_json_string(json, value);
    }
    if (!first) json.push_back('}');
    text->tags.push_back(csv_cell(json));
  }
  text->price_details.reserve(estate.skus.size());
  for (const Sku& s : estate.skus) {
    std::string json;
    if (s.machine != nullptr && (s.kind == MeterKind::kCompute || s.kind == MeterKind::kDatabase)) {
      json = fmt::format("{{\"CoreCount\":{},\"InstanceType\":\"{}\",\"MemorySize\":{}",
                         s.machine->vcpu, s.machine->name, s.machine->memory_gib);
      if (!s.operating_system.empty()) json += fmt::format(",\"OperatingSystem\":\"{}\"", s.operating_system);
      json.push_back('}');
    } else if (!s.storage_class.empty() || !s.volume_api_name.empty()) {
      json = fmt::format("{{\"StorageClass\":\"{}\"}}", s.storage_class.empty() ? s.volume_api_name : s.storage_class);
    }
    text->price_details.push_back(csv_cell(json));
  }
  return text;
}

std::filesystem::path FocusCsvWriter::relative_path(const Estate& estate, Cloud cloud,
                                                    uint32_t period) {
  const core::CivilDate d = core::date_of(estate.periods[period].start);
  return std::filesystem::path("billing") / "focus" / std::string(cloud_key(cloud)) /
         fmt::format("focus-1.2-{:04d}{:02d}.csv", d.year, d.month);
}

FocusCsvWriter::FocusCsvWriter(const Estate& estate, std::shared_ptr<const FocusText> text,
                               std::filesystem::path root, Cloud cloud, uint32_t period)
    : estate_(estate), text_(std::move(text)), root_(std::move(root)), cloud_(cloud), period_(period) {
  // The invoice period is the whole month even while the month is still open.
  core::Period p = billing_period(estate_, cloud_, period_);
  const core::CivilDate d = core::date_of(estate_.periods[period_].start);
  const int ny = d.month == 12 ? d.year + 1 : d.year;
  const int nm = d.month == 12 ? 1 : d.month + 1;
  p.end = cloud_ == Cloud::kGcp ? core::pacific_month_start(ny, nm) : core::add_months(estate_.periods[period_].start, 1);
  append_iso8601(billing_period_, p.end);
  billing_period_.push_back(',');
  append_iso8601(billing_period_, p.start);
  const uint32_t last = static_cast<uint32_t>(estate_.periods.size()) - 1;
  if (period_ < last) {
    invoice_id_ = fmt::format("{}-{:04d}{:02d}-{:06d}", cloud_key(cloud_), d.year, d.month,
                              hash_keys(estate_.seed, 0xf0c5, period_, static_cast<uint64_t>(cloud_)) % 1000000);
  }
  buffer_.reserve(kFlushBytes + 4096);
}

FocusCsvWriter::~FocusCsvWriter() = default;

core::Status FocusCsvWriter::open() {
  OPTIMA_ASSIGN_OR_RETURN(file_, OutputFile::create(root_ / relative_path(estate_, cloud_, period_),
                                                    Compression::kNone));
  bool first = true;
  for (const focus::ColumnInfo& c : focus::all_columns()) {
    if (!first) buffer_.push_back(',');
    first = false;
    buffer_ += c.name;
  }
  buffer_.push_back('\n');
  return core::Status::ok();
}

void FocusCsvWriter::append_time(Timestamp t) {
  if (t != cached_time_) {
    cached_time_ = t;
    cached_text_.clear();
    append_iso8601(cached_text_, t);
  }
  buffer_ += cached_text_;
}

core::Status FocusCsvWriter::consume(const Charge& ch) {
  if (!file_) OPTIMA_RETURN_IF_ERROR(open());
  const Sku* sku = ch.sku;
  const Resource* r = ch.resource;
  const Commitment* c = ch.commitment;
  const Account& a = estate_.accounts[ch.account];
  const bool usage = ch.kind == ChargeKind::kOnDemand || ch.kind == ChargeKind::kCommitted;
  const bool purchase = ch.kind == ChargeKind::kCommitmentFee ||
                        ch.kind == ChargeKind::kCommitmentUpfront ||
                        ch.kind == ChargeKind::kCommitmentRefund;
  const bool priced = usage || purchase || ch.kind == ChargeKind::kUnused;
  const Pricing pricing = pricing_of(ch);
  std::string& b = buffer_;
  const auto sep = [&b] { b.push_back(','); };
  const auto text = [&b](std::string_view s) { append_csv(b, s); };

  // AvailabilityZone
  if (r != nullptr && cloud_ != Cloud::kAzure && usage) text(r->zone);
  sep();
  append_decimal(b, ch.billed_cost);  // BilledCost
  sep();
  // BillingAccountId, BillingAccountName, BillingAccountType
  switch (cloud_) {
    case Cloud::kAws:
      b += estate_.aws_payer_account;
      sep();
      b += estate_.aws_payer_name;
      sep();
      break;
    case Cloud::kAzure:
      if (a.agreement == AzureAgreement::kEa) {
        b += estate_.azure_ea_enrollment;
        sep();
        text(estate_.azure_ea_name);
        sep();
        b += "Billing Account";
      } else {
        b += estate_.azure_mca_billing_profile;
        sep();
        text(estate_.azure_mca_name);
        sep();
        b += "Billing Profile";
      }
      break;
    case Cloud::kGcp:
      b += estate_.gcp_billing_account;
      sep();
      text(estate_.organisation);
      sep();
      break;
    case Cloud::kOci:
      b += estate_.oci_tenancy;
      sep();
      b += "northwind";
      sep();
      break;
  }
  sep();
  b += "USD";  // BillingCurrency
  sep();
  b += billing_period_;  // BillingPeriodEnd, BillingPeriodStart
  sep();
  sep();  // CapacityReservationId
  sep();  // CapacityReservationStatus
  // ChargeCategory, ChargeClass
  switch (ch.kind) {
    case ChargeKind::kOnDemand:
    case ChargeKind::kCommitted:
    case ChargeKind::kUnused: b += "Usage,"; break;
    case ChargeKind::kCommitmentFee:
    case ChargeKind::kCommitmentUpfront: b += "Purchase,"; break;
    case ChargeKind::kCommitmentRefund: b += "Purchase,Correction"; break;
    case ChargeKind::kTax: b += "Tax,"; break;
    case ChargeKind::kCredit: b += "Credit,"; break;
    case ChargeKind::kDiscount: b += "Adjustment,"; break;
    case ChargeKind::kCorrection: b += "Adjustment,Correction"; break;
  }
  sep();
  // ChargeDescription
  if (!ch.label.empty()) {
    text(ch.label);
  } else if (ch.kind == ChargeKind::kUnused && c != nullptr) {
    text(fmt::format("Unused {} {}", commitment_type(c->kind), c->name));
  } else if (sku != nullptr) {
    text(sku->description);
  }
  sep();
  // ChargeFrequency
  switch (ch.kind) {
    case ChargeKind::kOnDemand:
    case ChargeKind::kCommitted:
    case ChargeKind::kUnused: b += "Usage-Based"; break;
    case ChargeKind::kCommitmentFee:
    case ChargeKind::kTax:
    case ChargeKind::kDiscount: b += "Recurring"; break;
    default: b += "One-Time"; break;
  }
  sep();
  const Timestamp end = ch.end > ch.start ? ch.end : Timestamp{ch.start.unix_seconds + 3600};
  append_time(end);  // ChargePeriodEnd
  sep();
  append_time(ch.start);  // ChargePeriodStart
  sep();
  // CommitmentDiscountCategory, Id, Name, Quantity, Status, Type, Unit
  if (c != nullptr) {
    b += spend_based(c->kind) ? "Spend" : "Usage";
    sep();
    text(c->id);
    sep();
    text(c->name);
    sep();
    if (ch.kind == ChargeKind::kCommitted || ch.kind == ChargeKind::kUnused) {
      append_decimal(b, spend_based(c->kind) ? ch.effective_cost : units(ch.quantity));
    }
    sep();
    if (ch.kind == ChargeKind::kCommitted) b += "Used";
    if (ch.kind == ChargeKind::kUnused) b += "Unused";
    sep();
    b += commitment_type(c->kind);
    sep();
    b += spend_based(c->kind) ? "USD" : "Hours";
  } else {
    b += ",,,,,,";
  }
  sep();
  // ConsumedQuantity, ConsumedUnit
  if (usage) {
    append_decimal(b, units(ch.quantity));
    sep();
    text(sku->pricing_unit);
  } else {
    sep();
  }
  sep();
  append_decimal(b, ch.contracted_cost);  // ContractedCost
  sep();
  if (pricing.present) append_decimal(b, pricing.contracted_price);  // ContractedUnitPrice
  sep();
  append_decimal(b, ch.effective_cost);  // EffectiveCost
  sep();
  b += invoice_id_;  // InvoiceId
  sep();
  text(invoice_issuer(cloud_));  // InvoiceIssuerName
  sep();
  append_decimal(b, ch.list_cost);  // ListCost
  sep();
  if (pricing.present) append_decimal(b, pricing.list_price);  // ListUnitPrice
  sep();
  // PricingCategory: null for tax, credits and corrections.
  if (ch.kind == ChargeKind::kOnDemand || ch.kind == ChargeKind::kCommitmentFee ||
      ch.kind == ChargeKind::kCommitmentUpfront) {
    b += "Standard";
  } else if (ch.kind == ChargeKind::kCommitted || ch.kind == ChargeKind::kUnused) {
    b += "Committed";
  }
  b += ",,,,,";  // PricingCurrency and its three unit price/cost columns
  if (pricing.present) {  // PricingQuantity, PricingUnit
    append_decimal(b, pricing.quantity);
    sep();
    text(pricing.unit);
  } else {
    sep();
  }
  sep();
  b += provider_name(cloud_);  // ProviderName
  sep();
  if (sku != nullptr && sku->marketplace) {  // PublisherName
    text(sku->publisher);
  } else {
    b += provider_name(cloud_);
  }
  sep();
  // RegionId, RegionName
  if (sku != nullptr && ch.kind != ChargeKind::kTax && ch.kind != ChargeKind::kDiscount &&
      ch.kind != ChargeKind::kCredit && ch.kind != ChargeKind::kCorrection) {
    b += sku->region->code;
    sep();
    text(sku->region->name);
  } else {
    sep();
  }
  sep();
  // ResourceId, ResourceName, ResourceType
  if (r != nullptr) {
    text(r->id);
    sep();
    text(r->name);
    sep();
    text(sku->resource_type);
  } else if (c != nullptr) {
    text(c->id);
    sep();
    text(c->name);
    sep();
    b += commitment_type(c->kind);
  } else {
    b += ",,";
  }
  sep();
  // ServiceCategory, ServiceName, ServiceSubcategory
  if (sku != nullptr && !sku->service_category.empty()) {
    text(sku->service_category);
    sep();
    text(sku->service_name);
    sep();
    text(sku->service_subcategory);
  } else {
    b += "Other,Taxes,Other (Other)";
  }
  sep();
  // SkuId, SkuMeter, SkuPriceDetails, SkuPriceId
  if (sku != nullptr && priced) {
    text(sku->sku_id);
    sep();
    text(sku->sku_meter);
    sep();
    b += text_->price_details[sku->index];
    sep();
    text(sku->sku_id);
    b.push_back(':');
    b += sku->region->code;
  } else {
    b += ",,,";
  }
  sep();
  // SubAccountId, SubAccountName, SubAccountType
  text(a.id);
  sep();
  text(a.name);
  sep();
  b += sub_account_type(cloud_);
  sep();
  if (r != nullptr) b += text_->tags[r->index];  // Tags
  b.push_back('\n');
  ++rows_;
  if (b.size() >= kFlushBytes) {
    OPTIMA_RETURN_IF_ERROR(file_->write(b));
    b.clear();
  }
  return core::Status::ok();
}

core::Status FocusCsvWriter::finish() {
  if (!file_) OPTIMA_RETURN_IF_ERROR(open());
  OPTIMA_RETURN_IF_ERROR(file_->write(buffer_));
  buffer_.clear();
  OPTIMA_RETURN_IF_ERROR(file_->close());
  files_.push_back({relative_path(estate_, cloud_, period_), file_->file_bytes(), rows_});
  return core::Status::ok();
}

}  // namespace optima::demo
