#include "optima/ingest/gcp_focus_mapper.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "optima/core/paths.h"
#include "optima/core/strings.h"
#include "optima/focus/schema.h"

namespace optima::ingest {
namespace {

using core::Decimal;
using focus::Column;

constexpr std::string_view kProvider = "Google Cloud";
constexpr std::string_view kCommitmentType = "Committed Use Discount";

enum class Charge { kUsage, kPurchase, kTax, kAdjustment };

std::string_view charge_category_name(Charge charge) {
  switch (charge) {
    case Charge::kUsage: return "Usage";
    case Charge::kPurchase: return "Purchase";
    case Charge::kTax: return "Tax";
    case Charge::kAdjustment: return "Adjustment";
  }
  return "Usage";
}

// Resource-based commitment fees are SKUs "Commitment v1: Cpu in Americas for 1 Year";
// spend-based ones "Commitment - dollar based v1: …".
bool is_commitment_fee(const GcpExportRow& row) {
  return core::istarts_with(row.sku_description, "commitment");
}

bool contains_icase(std::string_view text, std::string_view needle) {
  return std::search(text.begin(), text.end(), needle.begin(), needle.end(), [](char a, char b) {
           return core::to_lower_ascii(a) == core::to_lower_ascii(b);
         }) != text.end();
}

// True when `word` appears as a whole word (letters and digits) in `text`, ignoring case.
bool has_word(std::string_view text, std::string_view word) {
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !std::isalnum(static_cast<unsigned char>(text[i]))) ++i;
    const size_t start = i;
    while (i < text.size() && std::isalnum(static_cast<unsigned char>(text[i]))) ++i;
    if (core::iequals(text.substr(start, i - start), word)) return true;
  }
  return false;
}

Charge charge_of(const GcpExportRow& row) {
  switch (row.cost_type_value) {
    case GcpCostType::kRegular: return is_commitment_fee(row) ? Charge::kPurchase : Charge::kUsage;
    case GcpCostType::kTax: return Charge::kTax;
    case GcpCostType::kAdjustment:
    case GcpCostType::kRoundingError: return Charge::kAdjustment;
  }
  return Charge::kUsage;
}

bool is_cud_credit(const GcpCredit& credit) {
  return credit.type == "COMMITTED_USAGE_DISCOUNT" ||
         credit.type == "COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE";
}

void append_json_string(std::string_view s, std::string* out) {
  if (s.empty()) {
    out->append("null");
    return;
  }
  out->push_back('"');
  for (const char c : s) {
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out->append(fmt::format("\\u{:04x}", static_cast<unsigned>(c)));
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

// [{"name":…,"amount":-1.25,"full_name":…,"id":…,"type":…}], amounts exact; "" when none.
std::string credits_json(const std::vector<GcpCredit>& credits) {
  std::string out;
  if (credits.empty()) return out;
  out.push_back('[');
  for (size_t i = 0; i < credits.size(); ++i) {
    const GcpCredit& c = credits[i];
    if (i > 0) out.push_back(',');
    out.append("{\"name\":");
    append_json_string(c.name, &out);
    out.append(",\"amount\":");
    out.append(c.amount.to_string());
    out.append(",\"full_name\":");
    append_json_string(c.full_name, &out);
    out.append(",\"id\":");
    append_json_string(c.id, &out);
    out.append(",\"type\":");
    append_json_string(c.type, &out);
    out.push_back('}');
  }
  out.push_back(']');
  return out;
}

// System labels are Google's own; their keys already carry a Google namespace
// ("compute.googleapis.com/machine_spec", "goog-…"). Any other key gets "goog-" so that every
// provider-defined tag key is prefixed, as FOCUS's Tags rules ask.
std::string system_label_key(std::string_view key) {
  if (core::istarts_with(key, "goog-") || key.find(".googleapis.com/") != std::string_view::npos) {
    return std::string(key);
  }
  return fmt::format("goog-{}", key);
}

void set_if(focus::TableBuilder* b, Column c, std::string_view value) {
  if (!value.empty()) b->set_string(c, value);
}

void set_if(focus::TableBuilder* b, Column c, const std::optional<Decimal>& value) {
  if (value) b->set_decimal(c, *value);
}

}  // namespace

std::string gcp_resource_type(std::string_view global_name) {
  if (global_name.substr(0, 2) != "//") return {};
  std::string_view rest = global_name.substr(2);
  const size_t slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0) return {};
  const std::string_view host = rest.substr(0, slash);
  std::vector<std::string_view> segments;
  for (std::string_view s : core::split(rest.substr(slash + 1), '/')) {
    if (!s.empty()) segments.push_back(s);
  }
  if (segments.size() < 2) return {};
  return fmt::format("{}/{}", host, segments[segments.size() - 2]);
}

GcpFocusMapper::GcpFocusMapper(GcpLookupTable service_categories,
                               GcpLookupTable service_subcategories, GcpLookupTable region_names)
    : service_categories_(std::move(service_categories)),
      service_subcategories_(std::move(service_subcategories)),
      region_names_(std::move(region_names)) {}

core::Result<GcpFocusMapper> GcpFocusMapper::load() {
  OPTIMA_ASSIGN_OR_RETURN(auto mapping, core::find_data_file("gcp/gcp_category_mapping.csv"));
  OPTIMA_ASSIGN_OR_RETURN(auto additions, core::find_data_file("gcp/gcp_category_additions.csv"));
  OPTIMA_ASSIGN_OR_RETURN(auto subcategory_file,
                          core::find_data_file("gcp/gcp_service_subcategories.csv"));
  OPTIMA_ASSIGN_OR_RETURN(auto regions, core::find_data_file("gcp/regions.csv"));
  OPTIMA_ASSIGN_OR_RETURN(
      GcpLookupTable categories,
      GcpLookupTable::load({mapping, additions}, "ConsumedService", "ServiceCategory"));
  OPTIMA_ASSIGN_OR_RETURN(
      GcpLookupTable subcategories,
      GcpLookupTable::load({subcategory_file}, "ConsumedService", "ServiceSubcategory"));
  OPTIMA_ASSIGN_OR_RETURN(GcpLookupTable names,
                          GcpLookupTable::load({regions}, "RegionId", "RegionName"));
  OPTIMA_ASSIGN_OR_RETURN(auto schema, focus::Schema::bundled());
  const focus::ColumnSpec* spec = schema->find("1.2", "ServiceCategory");
  if (spec == nullptr) return core::internal_error("FOCUS 1.2 schema lacks ServiceCategory");
  for (const auto& [service, category] : categories.entries()) {
    if (std::find(spec->allowed_values.begin(), spec->allowed_values.end(), category) ==
        spec->allowed_values.end()) {
      return core::invalid_argument(
          fmt::format("{}: service '{}' maps to '{}', which is not a FOCUS 1.2 ServiceCategory",
                      mapping.parent_path().string(), service, category));
    }
  }
  for (const auto& [service, subcategory] : subcategories.entries()) {
    const std::string* category = categories.find(service);
    const auto children = category != nullptr ? schema->service_subcategories().find(*category)
                                              : schema->service_subcategories().end();
    if (children == schema->service_subcategories().end() ||
        std::find(children->second.begin(), children->second.end(), subcategory) ==
            children->second.end()) {
      return core::invalid_argument(fmt::format(
          "{}: service '{}' maps to '{}', which is not a FOCUS 1.2 ServiceSubcategory of its "
          "ServiceCategory {}",
          subcategory_file.string(), service, subcategory,
          category != nullptr ? *category : std::string("(none)")));
    }
  }
  return GcpFocusMapper(std::move(categories), std::move(subcategories), std::move(names));
}

void GcpFocusMapper::declare_columns(focus::TableBuilder* builder) {
  static constexpr Column kColumns[] = {
      Column::kAvailabilityZone,
      Column::kBilledCost,
      Column::kBillingAccountId,
      Column::kBillingCurrency,
      Column::kBillingPeriodEnd,
      Column::kBillingPeriodStart,
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
      Column::kSkuPriceId,
      Column::kSubAccountId,
      Column::kSubAccountName,
      Column::kSubAccountType,
      Column::kTags,
  };
  for (Column c : kColumns) builder->declare(c);
  for (std::string_view name : kExtensionColumns) builder->declare_extension(name);
}

bool GcpFocusMapper::knows_service(std::string_view service_description) const {
  return service_categories_.find(service_description) != nullptr;
}

bool GcpFocusMapper::knows_subcategory(std::string_view service_description) const {
  return service_subcategories_.find(service_description) != nullptr;
}

void GcpFocusMapper::append(const GcpExportRow& row, focus::TableBuilder* b) const {
  const Charge charge = charge_of(row);
  const bool is_tax = charge == Charge::kTax;
  const bool priced = charge == Charge::kUsage || charge == Charge::kPurchase;

  Decimal credits_total;
  const GcpCredit* cud = nullptr;
  for (const GcpCredit& credit : row.credits) {
    credits_total += credit.amount;
    if (cud == nullptr && is_cud_credit(credit)) cud = &credit;
  }
  const Decimal cost = *row.cost;
  const Decimal net = cost + credits_total;

  // Costs (FOCUS.md §1.5, §4.3).
  b->set_decimal(Column::kBilledCost, net);
  b->set_decimal(Column::kEffectiveCost, net);
  b->set_decimal(Column::kContractedCost, cost);
  b->set_decimal(Column::kListCost, row.cost_at_list.value_or(cost));
  std::optional<Decimal> contracted_unit_price;
  if (!is_tax && row.price_effective_price) {
    const auto& per = row.price_pricing_unit_quantity;
    // Google quotes effective_price per pricing_unit_quantity units of price.unit.
    contracted_unit_price = per && !per->is_zero() && *per != Decimal::from_int(1)
                                ? Decimal::divide(*row.price_effective_price, *per)
                                : *row.price_effective_price;
    b->set_decimal(Column::kContractedUnitPrice, *contracted_unit_price);
  }
  if (!is_tax) {
    const auto& quantity = row.usage_amount_in_pricing_units;
    std::optional<Decimal> list_unit_price;
    if (row.cost_at_list && quantity && !quantity->is_zero()) {
      list_unit_price = Decimal::divide(*row.cost_at_list, *quantity);
    } else if (!row.cost_at_list) {
      list_unit_price = contracted_unit_price;  // ListCost is the cost then
    }
    if (list_unit_price && !list_unit_price->is_negative())
      b->set_decimal(Column::kListUnitPrice, *list_unit_price);
  }

  // Account, periods, charge.
  b->set_string(Column::kBillingAccountId, row.billing_account_id);
  b->set_string(Column::kBillingCurrency, row.currency);
  b->set_time(Column::kBillingPeriodStart, row.billing_period.start);
  b->set_time(Column::kBillingPeriodEnd, row.billing_period.end);
  b->set_time(Column::kChargePeriodStart, *row.usage_start_time);
  b->set_time(Column::kChargePeriodEnd, *row.usage_end_time);
  b->set_string(Column::kChargeCategory, charge_category_name(charge));
  if (row.has_adjustment_info()) b->set_string(Column::kChargeClass, "Correction");
  if (charge == Charge::kAdjustment && !row.adjustment_description.empty()) {
    b->set_string(Column::kChargeDescription, row.adjustment_description);
  } else {
    set_if(b, Column::kChargeDescription, row.sku_description);
  }
  switch (charge) {
    case Charge::kUsage: b->set_string(Column::kChargeFrequency, "Usage-Based"); break;
    case Charge::kPurchase: b->set_string(Column::kChargeFrequency, "Recurring"); break;
    case Charge::kTax:
    case Charge::kAdjustment: b->set_string(Column::kChargeFrequency, "One-Time"); break;
  }

  // Commitments and pricing category. The commitment quantity: resource-based commitments count
  // the row's pricing units; spend-based ones the currency consumed (the credit) or bought (the
  // fee).
  auto set_commitment_quantity = [&](bool spend, const std::optional<Decimal>& spent) {
    if (spend && spent) {
      b->set_decimal(Column::kCommitmentDiscountQuantity, *spent);
      b->set_string(Column::kCommitmentDiscountUnit, row.currency);
    } else if (!spend && row.usage_amount_in_pricing_units && !row.usage_pricing_unit.empty()) {
      b->set_decimal(Column::kCommitmentDiscountQuantity, *row.usage_amount_in_pricing_units);
      b->set_string(Column::kCommitmentDiscountUnit, row.usage_pricing_unit);
    }
  };
  std::string_view pricing_category;
  if (charge == Charge::kUsage) {
    if (cud != nullptr) {
      pricing_category = "Committed";
      const std::string_view id = !row.subscription_instance_id.empty()
                                      ? row.subscription_instance_id
                                  : !cud->id.empty() ? cud->id
                                                     : cud->name;
      if (!id.empty()) {
        const bool spend = cud->type == "COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE";
        b->set_string(Column::kCommitmentDiscountId, id);
        b->set_string(Column::kCommitmentDiscountCategory, spend ? "Spend" : "Usage");
        set_commitment_quantity(spend, Decimal() - cud->amount);
        b->set_string(Column::kCommitmentDiscountType, kCommitmentType);
        b->set_string(Column::kCommitmentDiscountStatus, "Used");
        set_if(b, Column::kCommitmentDiscountName,
               !cud->full_name.empty() ? cud->full_name : cud->name);
      }
    } else if (has_word(row.sku_description, "spot") ||
               has_word(row.sku_description, "preemptible")) {
      pricing_category = "Dynamic";
    } else {
      pricing_category = "Standard";
    }
  } else if (charge == Charge::kPurchase) {
    // FOCUS 1.2: the purchase of a commitment is not "Committed".
    pricing_category = "Standard";
    if (!row.subscription_instance_id.empty()) {
      const bool spend = contains_icase(row.sku_description, "dollar based");
      b->set_string(Column::kCommitmentDiscountId, row.subscription_instance_id);
      b->set_string(Column::kCommitmentDiscountCategory, spend ? "Spend" : "Usage");
      set_commitment_quantity(spend, cost);
      b->set_string(Column::kCommitmentDiscountType, kCommitmentType);
    }
  }
  set_if(b, Column::kPricingCategory, pricing_category);

  // Quantities: consumed only on usage rows; pricing never on tax rows (FOCUS 1.2).
  if (charge == Charge::kUsage) {
    set_if(b, Column::kConsumedQuantity, row.usage_amount);
    if (row.usage_amount) set_if(b, Column::kConsumedUnit, row.usage_unit);
  }
  if (!is_tax && row.usage_amount_in_pricing_units) {
    b->set_decimal(Column::kPricingQuantity, *row.usage_amount_in_pricing_units);
    set_if(b, Column::kPricingUnit, row.usage_pricing_unit);
  }

  // Provider, publisher, service, SKU.
  b->set_string(Column::kProviderName, kProvider);
  b->set_string(Column::kInvoiceIssuerName, kProvider);
  const bool third_party = !row.transaction_type.empty() && row.transaction_type != "GOOGLE";
  b->set_string(Column::kPublisherName,
                third_party && !row.seller_name.empty() ? row.seller_name : kProvider);
  if (!row.service_description.empty()) {
    b->set_string(Column::kServiceName, row.service_description);
    const std::string* category = service_categories_.find(row.service_description);
    b->set_string(Column::kServiceCategory, category != nullptr ? *category : "Other");
    const std::string* subcategory =
        category != nullptr ? service_subcategories_.find(row.service_description) : nullptr;
    b->set_string(
        Column::kServiceSubcategory,
        subcategory != nullptr
            ? *subcategory
            : fmt::format("Other ({})", category != nullptr ? *category : std::string("Other")));
  }
  if (!is_tax && !row.sku_id.empty()) {
    b->set_string(Column::kSkuId, row.sku_id);
    set_if(b, Column::kSkuMeter, row.sku_description);
    // FOCUS allows SkuPriceId = SkuId; the export has no price-list id of its own.
    if (priced) b->set_string(Column::kSkuPriceId, row.sku_id);
  }

  // Location.
  if (!row.region.empty()) {
    b->set_string(Column::kRegionId, row.region);
    const std::string* name = region_names_.find(row.region);
    b->set_string(Column::kRegionName, name != nullptr ? std::string_view(*name) : row.region);
  }
  set_if(b, Column::kAvailabilityZone, row.zone);

  // Resource (detailed export only).
  if (!row.resource_global_name.empty()) {
    b->set_string(Column::kResourceId, row.resource_global_name);
    set_if(b, Column::kResourceName, row.resource_name);
    const std::string type = gcp_resource_type(row.resource_global_name);
    set_if(b, Column::kResourceType, type);
  }

  // Project as sub-account.
  if (!row.project_id.empty()) {
    b->set_string(Column::kSubAccountId, row.project_id);
    set_if(b, Column::kSubAccountName, row.project_name);
    b->set_string(Column::kSubAccountType, "Project");
  }

  // Tags: project labels first so that a resource label with the same key overrides them.
  for (const GcpLabel& l : row.project_labels) b->add_tag(l.key, l.value);
  for (const GcpLabel& l : row.labels) b->add_tag(l.key, l.value);
  for (const GcpLabel& l : row.system_labels) b->add_tag(system_label_key(l.key), l.value);
  for (const GcpTag& t : row.tags) {
    if (t.namespace_name.empty()) {
      b->add_tag(t.key, t.value);
    } else {
      b->add_tag(fmt::format("{}/{}", t.namespace_name, t.key), t.value);
    }
  }

  // Extensions.
  b->set_extension("x_Credits", credits_json(row.credits));
  b->set_extension("x_CostType", row.cost_type);
  if (row.currency_conversion_rate) {
    b->set_extension("x_CurrencyConversionRate", row.currency_conversion_rate->to_string());
  }
  if (row.export_time_us) {
    const int64_t us = *row.export_time_us;
    const int64_t seconds = us >= 0 ? us / 1000000 : -((-us + 999999) / 1000000);
    b->set_extension("x_ExportTime", core::format_iso8601(core::Timestamp{seconds}));
  }
  b->set_extension("x_Location", row.location);
  b->set_extension("x_ProjectNumber", row.project_number);
  b->set_extension("x_ServiceId", row.service_id);
  b->set_extension("x_InvoiceMonth", row.invoice_month);
  b->finish_row();
}

}  // namespace optima::ingest
