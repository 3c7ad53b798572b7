#include "optima/ingest/aws_cur_columns.h"

#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "optima/core/strings.h"

namespace optima::ingest {
namespace {

struct FieldInfo {
  CurField field;
  std::string_view name;  // legacy CSV spelling
};

// Legacy names from the AWS CUR data dictionary; the key of each is cur_column_key(name).
constexpr std::array<FieldInfo, kCurFieldCount> kFields = {{
    {CurField::kLineItemId, "identity/LineItemId"},
    {CurField::kTimeInterval, "identity/TimeInterval"},
    {CurField::kInvoiceId, "bill/InvoiceId"},
    {CurField::kInvoicingEntity, "bill/InvoicingEntity"},
    {CurField::kBillingEntity, "bill/BillingEntity"},
    {CurField::kBillType, "bill/BillType"},
    {CurField::kPayerAccountId, "bill/PayerAccountId"},
    {CurField::kPayerAccountName, "bill/PayerAccountName"},
    {CurField::kBillingPeriodStartDate, "bill/BillingPeriodStartDate"},
    {CurField::kBillingPeriodEndDate, "bill/BillingPeriodEndDate"},
    {CurField::kUsageAccountId, "lineItem/UsageAccountId"},
    {CurField::kUsageAccountName, "lineItem/UsageAccountName"},
    {CurField::kLineItemType, "lineItem/LineItemType"},
    {CurField::kUsageStartDate, "lineItem/UsageStartDate"},
    {CurField::kUsageEndDate, "lineItem/UsageEndDate"},
    {CurField::kProductCode, "lineItem/ProductCode"},
    {CurField::kUsageType, "lineItem/UsageType"},
    {CurField::kOperation, "lineItem/Operation"},
    {CurField::kAvailabilityZone, "lineItem/AvailabilityZone"},
    {CurField::kResourceId, "lineItem/ResourceId"},
    {CurField::kUsageAmount, "lineItem/UsageAmount"},
    {CurField::kCurrencyCode, "lineItem/CurrencyCode"},
    {CurField::kUnblendedRate, "lineItem/UnblendedRate"},
    {CurField::kUnblendedCost, "lineItem/UnblendedCost"},
    {CurField::kNetUnblendedRate, "lineItem/NetUnblendedRate"},
    {CurField::kNetUnblendedCost, "lineItem/NetUnblendedCost"},
    {CurField::kLineItemDescription, "lineItem/LineItemDescription"},
    {CurField::kTaxType, "lineItem/TaxType"},
    {CurField::kLegalEntity, "lineItem/LegalEntity"},
    {CurField::kProductName, "product/ProductName"},
    {CurField::kProductServiceCode, "product/servicecode"},
    {CurField::kProductServiceName, "product/servicename"},
    {CurField::kProductSku, "product/sku"},
    {CurField::kProductRegion, "product/region"},
    {CurField::kProductRegionCode, "product/regionCode"},
    {CurField::kProductLocation, "product/location"},
    {CurField::kProductInstanceType, "product/instanceType"},
    {CurField::kProductOperatingSystem, "product/operatingSystem"},
    {CurField::kProductStorageClass, "product/storageClass"},
    {CurField::kProductVcpu, "product/vcpu"},
    {CurField::kProductFamily, "product/productFamily"},
    {CurField::kPricingRateCode, "pricing/RateCode"},
    {CurField::kPricingRateId, "pricing/RateId"},
    {CurField::kPricingCurrency, "pricing/currency"},
    {CurField::kPublicOnDemandCost, "pricing/publicOnDemandCost"},
    {CurField::kPublicOnDemandRate, "pricing/publicOnDemandRate"},
    {CurField::kPricingTerm, "pricing/term"},
    {CurField::kPricingUnit, "pricing/unit"},
    {CurField::kReservationArn, "reservation/ReservationARN"},
    {CurField::kReservationEffectiveCost, "reservation/EffectiveCost"},
    {CurField::kReservationNetEffectiveCost, "reservation/NetEffectiveCost"},
    {CurField::kReservationUnusedAmortizedUpfrontFee,
     "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod"},
    {CurField::kReservationNetUnusedAmortizedUpfrontFee,
     "reservation/NetUnusedAmortizedUpfrontFeeForBillingPeriod"},
    {CurField::kReservationUnusedRecurringFee, "reservation/UnusedRecurringFee"},
    {CurField::kReservationNetUnusedRecurringFee, "reservation/NetUnusedRecurringFee"},
    {CurField::kReservationUnusedQuantity, "reservation/UnusedQuantity"},
    {CurField::kReservationTotalReservedUnits, "reservation/TotalReservedUnits"},
    {CurField::kSavingsPlanArn, "savingsPlan/SavingsPlanARN"},
    {CurField::kSavingsPlanEffectiveCost, "savingsPlan/SavingsPlanEffectiveCost"},
    {CurField::kSavingsPlanNetEffectiveCost, "savingsPlan/NetSavingsPlanEffectiveCost"},
    {CurField::kSavingsPlanTotalCommitmentToDate, "savingsPlan/TotalCommitmentToDate"},
    {CurField::kSavingsPlanUsedCommitment, "savingsPlan/UsedCommitment"},
    {CurField::kCapacityReservationArn, "capacityReservation/CapacityReservationARN"},
    {CurField::kCapacityReservationStatus, "capacityReservation/CapacityReservationStatus"},
}};

const std::vector<std::string>& field_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const FieldInfo& info : kFields)
      out.push_back(cur_column_key(info.name));
    return out;
  }();
  return keys;
}

const std::unordered_map<std::string, CurField>& fields_by_key() {
  static const std::unordered_map<std::string, CurField> map = [] {
    std::unordered_map<std::string, CurField> out;
    for (size_t i = 0; i < kFields.size(); ++i)
      out.emplace(field_keys()[i], kFields[i].field);
    return out;
  }();
  return map;
}

// Legacy categories whose columns are fixed fields (used or deliberately ignored).
constexpr std::array<std::string_view, 9> kFixedCategories = {
    "identity",    "bill",          "lineItem",           "product", "pricing", "reservation",
    "savingsPlan", "splitLineItem", "capacityReservation"};

// The same categories in snake_case, as prefixes.
constexpr std::array<std::string_view, 9> kSnakePrefixes = {"identity_",
                                                            "bill_",
                                                            "line_item_",
                                                            "product_",
                                                            "pricing_",
                                                            "reservation_",
                                                            "savings_plan_",
                                                            "split_line_item_",
                                                            "capacity_reservation_"};

bool is_fixed_category(std::string_view category) {
  for (std::string_view c : kFixedCategories) {
    if (core::iequals(c, category))
      return true;
  }
  return false;
}

// Every legacy category name, for spotting two headers merged by a missing comma.
constexpr std::array<std::string_view, 12> kAllCategories = {
    "identity",     "bill",          "lineItem",
    "product",      "pricing",       "reservation",
    "savingsPlan",  "splitLineItem", "capacityReservation",
    "resourceTags", "costCategory",  "discount"};

// "OfferingClasspricing/PurchaseOption" (the part after the first '/') hides a second
// "category/Name" when a category name ends right before a '/'. Returns where it starts.
std::optional<size_t> merged_name_split(std::string_view rest) {
  const size_t slash = rest.find('/');
  if (slash == std::string_view::npos)
    return std::nullopt;
  const std::string_view before = rest.substr(0, slash);
  for (std::string_view category : kAllCategories) {
    if (before.size() > category.size() &&
        core::iequals(before.substr(before.size() - category.size()), category)) {
      return before.size() - category.size();
    }
  }
  return std::nullopt;
}

std::string list_examples(const std::vector<std::string>& names) {
  constexpr size_t kShown = 4;
  std::string out;
  for (size_t i = 0; i < names.size() && i < kShown; ++i) {
    if (i > 0)
      out += ", ";
    out += names[i];
  }
  if (names.size() > kShown)
    out += fmt::format(" and {} more", names.size() - kShown);
  return out;
}

}  // namespace

std::string_view cur_field_name(CurField field) {
  return kFields[static_cast<size_t>(field)].name;
}

std::string_view cur_field_key(CurField field) {
  return field_keys()[static_cast<size_t>(field)];
}

std::optional<CurField> cur_field_from_key(std::string_view key) {
  const auto& map = fields_by_key();
  const auto it = map.find(std::string(key));
  if (it == map.end())
    return std::nullopt;
  return it->second;
}

std::string cur_column_key(std::string_view header_name) {
  return core::normalize_identifier(header_name);
}

std::string snake_tag_key(std::string_view name) {
  if (name.find(':') != std::string_view::npos)
    return std::string(name);
  for (std::string_view prefix : {std::string_view("user_"), std::string_view("aws_")}) {
    if (name.size() > prefix.size() && name.substr(0, prefix.size()) == prefix) {
      return fmt::format("{}:{}", prefix.substr(0, prefix.size() - 1), name.substr(prefix.size()));
    }
  }
  return std::string(name);
}

std::string cost_category_column(std::string_view name) {
  std::string out = "x_CostCategory_";
  for (char c : name) {
    const bool keep =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    out.push_back(keep ? c : '_');
  }
  return out;
}

std::string_view CurLayout::column_name(CurField field) const {
  if (const auto i = index(field))
    return header_[*i];
  return cur_field_name(field);
}

CurLayout CurLayout::resolve(const std::vector<std::string_view>& header) {
  CurLayout layout;
  for (std::string_view raw : header)
    layout.header_.emplace_back(core::trim(raw));
  for (const std::string& name : layout.header_) {
    if (name.find('/') != std::string::npos)
      layout.slash_names_ = true;
  }

  // Unknown columns grouped by their category ("" = no category), for one warning per group.
  std::map<std::string, std::vector<std::string>> unknown;
  auto assign_field = [&layout](CurField field, size_t i) {
    auto& slot = layout.fields_[static_cast<size_t>(field)];
    if (slot) {
      layout.warnings_.push_back(
          fmt::format("column '{}' (column {}) repeats '{}' (column {}); the first one is read",
                      layout.header_[i], i + 1, layout.header_[*slot], *slot + 1));
      return;
    }
    slot = i;
  };
  auto assign_map = [&layout](CurMapColumn column, size_t i) {
    auto& slot = layout.maps_[static_cast<size_t>(column)];
    if (!slot)
      slot = i;
  };

  for (size_t i = 0; i < layout.header_.size(); ++i) {
    const std::string& name = layout.header_[i];
    if (name.empty()) {
      unknown[""].push_back(fmt::format("(empty name at column {})", i + 1));
      continue;
    }
    if (layout.slash_names_) {
      const size_t slash = name.find('/');
      if (slash == std::string::npos) {
        unknown[""].push_back(name);
        continue;
      }
      const std::string_view category = std::string_view(name).substr(0, slash);
      const std::string_view rest = std::string_view(name).substr(slash + 1);
      if (core::iequals(category, "resourceTags")) {
        layout.tags_.push_back({i, std::string(rest)});
      } else if (core::iequals(category, "costCategory")) {
        layout.cost_categories_.push_back({i, cost_category_column(rest)});
      } else if (core::iequals(category, "discount")) {
        layout.discounts_.push_back({i, std::string(rest)});
      } else if (is_fixed_category(category)) {
        if (const auto split = merged_name_split(rest)) {
          const std::string first = fmt::format("{}/{}", category, rest.substr(0, *split));
          const std::string second(rest.substr(*split));
          layout.warnings_.push_back(fmt::format(
              "column {} header '{}' looks like '{}' and '{}' merged by a missing comma; the "
              "column is not read",
              i + 1, name, first, second));
          continue;
        }
        if (const auto field = cur_field_from_key(cur_column_key(name)))
          assign_field(*field, i);
      } else {
        unknown[std::string(category)].push_back(name);
      }
      continue;
    }
    // snake_case (Athena / Parquet / CUR 2.0)
    if (name == "resource_tags") {
      assign_map(CurMapColumn::kResourceTags, i);
    } else if (name == "cost_category") {
      assign_map(CurMapColumn::kCostCategory, i);
    } else if (name == "discount") {
      assign_map(CurMapColumn::kDiscount, i);
    } else if (name == "product") {
      assign_map(CurMapColumn::kProduct, i);
    } else if (name.rfind("resource_tags_", 0) == 0) {
      layout.tags_.push_back({i, snake_tag_key(std::string_view(name).substr(14))});
    } else if (name.rfind("cost_category_", 0) == 0) {
      layout.cost_categories_.push_back(
          {i, cost_category_column(std::string_view(name).substr(14))});
    } else if (name.rfind("discount_", 0) == 0) {
      layout.discounts_.push_back({i, name.substr(9)});
    } else if (const auto field = cur_field_from_key(cur_column_key(name))) {
      assign_field(*field, i);
    } else {
      bool known = false;
      for (std::string_view prefix : kSnakePrefixes) {
        if (name.rfind(prefix, 0) == 0)
          known = true;
      }
      if (!known)
        unknown[""].push_back(name);
    }
  }

  for (const auto& [category, names] : unknown) {
    if (category.empty()) {
      layout.warnings_.push_back(
          fmt::format("{} column(s) outside the CUR categories are not read: {}", names.size(),
                      list_examples(names)));
    } else {
      layout.warnings_.push_back(fmt::format(
          "{} column(s) of the unknown category '{}' are not read ({}); resource tags are read "
          "only from 'resourceTags/' columns",
          names.size(), category, list_examples(names)));
    }
  }
  return layout;
}

}  // namespace optima::ingest
