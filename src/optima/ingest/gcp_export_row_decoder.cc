#include "optima/ingest/gcp_export_row_decoder.h"

#include <fmt/format.h>

#include "optima/core/strings.h"

namespace optima::ingest {
namespace {

using core::Decimal;

bool type_error(std::string_view field, std::string_view expected, const GcpLiteralNode& value,
                GcpFieldError* error) {
  error->field = std::string(field);
  error->expected = std::string(expected);
  error->found = value.kind == GcpLiteralKind::kString || value.kind == GcpLiteralKind::kNumber
                     ? std::string(value.text)
                     : fmt::format("a JSON {}", gcp_literal_kind_name(value.kind));
  return false;
}

bool missing(std::string_view field, GcpFieldError* error) {
  error->field = std::string(field);
  error->expected.clear();
  error->found = "required field is missing or null";
  return false;
}

std::string_view* string_slot(GcpField field, GcpExportRow* r) {
  switch (field) {
    case GcpField::kBillingAccountId: return &r->billing_account_id;
    case GcpField::kServiceId: return &r->service_id;
    case GcpField::kServiceDescription: return &r->service_description;
    case GcpField::kSkuId: return &r->sku_id;
    case GcpField::kSkuDescription: return &r->sku_description;
    case GcpField::kProjectId: return &r->project_id;
    case GcpField::kProjectNumber: return &r->project_number;
    case GcpField::kProjectName: return &r->project_name;
    case GcpField::kProjectAncestryNumbers: return &r->project_ancestry_numbers;
    case GcpField::kLocation: return &r->location;
    case GcpField::kCountry: return &r->country;
    case GcpField::kRegion: return &r->region;
    case GcpField::kZone: return &r->zone;
    case GcpField::kResourceName: return &r->resource_name;
    case GcpField::kResourceGlobalName: return &r->resource_global_name;
    case GcpField::kCurrency: return &r->currency;
    case GcpField::kUsageUnit: return &r->usage_unit;
    case GcpField::kUsagePricingUnit: return &r->usage_pricing_unit;
    case GcpField::kInvoiceMonth: return &r->invoice_month;
    case GcpField::kCostType: return &r->cost_type;
    case GcpField::kAdjustmentId: return &r->adjustment_id;
    case GcpField::kAdjustmentDescription: return &r->adjustment_description;
    case GcpField::kAdjustmentMode: return &r->adjustment_mode;
    case GcpField::kAdjustmentType: return &r->adjustment_type;
    case GcpField::kTransactionType: return &r->transaction_type;
    case GcpField::kSellerName: return &r->seller_name;
    case GcpField::kPriceUnit: return &r->price_unit;
    case GcpField::kSubscriptionInstanceId: return &r->subscription_instance_id;
    default: return nullptr;
  }
}

std::optional<Decimal>* decimal_slot(GcpField field, GcpExportRow* r) {
  switch (field) {
    case GcpField::kCost: return &r->cost;
    case GcpField::kCurrencyConversionRate: return &r->currency_conversion_rate;
    case GcpField::kCostAtList: return &r->cost_at_list;
    case GcpField::kUsageAmount: return &r->usage_amount;
    case GcpField::kUsageAmountInPricingUnits: return &r->usage_amount_in_pricing_units;
    case GcpField::kPriceEffectivePrice: return &r->price_effective_price;
    case GcpField::kPriceTierStartAmount: return &r->price_tier_start_amount;
    case GcpField::kPricePricingUnitQuantity: return &r->price_pricing_unit_quantity;
    default: return nullptr;
  }
}

// Strings accept bare numbers and booleans too (invoice.month and project.number are sometimes
// written unquoted); records and arrays are not strings. Null leaves *out untouched.
bool string_value(const GcpLiteralNode& value, std::string_view* out) {
  switch (value.kind) {
    case GcpLiteralKind::kNull: return true;
    case GcpLiteralKind::kString:
    case GcpLiteralKind::kNumber:
    case GcpLiteralKind::kBool: *out = value.text; return true;
    default: return false;
  }
}

// Decimals come as JSON numbers or, for BigQuery NUMERIC and INT64 columns, numeric strings.
bool decimal_value(const GcpLiteralNode& value, std::optional<Decimal>* out) {
  if (value.kind == GcpLiteralKind::kNull) return true;
  Decimal d;
  if ((value.kind != GcpLiteralKind::kNumber && value.kind != GcpLiteralKind::kString) ||
      !Decimal::parse(value.text, &d)) {
    return false;
  }
  *out = d;
  return true;
}

bool bool_value(const GcpLiteralNode& value, bool* out) {
  if (value.kind == GcpLiteralKind::kNull) return true;
  if (value.kind == GcpLiteralKind::kBool ||
      (value.kind == GcpLiteralKind::kString &&
       (core::iequals(value.text, "true") || core::iequals(value.text, "false")))) {
    *out = core::iequals(value.text, "true");
    return true;
  }
  return false;
}

// Microseconds of "YYYY-MM-DD?HH:MM:SS.ffffff…" (0 for other forms); digits past 6 truncate.
int64_t fraction_micros(std::string_view text) {
  if (text.size() < 21 || text[4] != '-' || text[19] != '.') return 0;
  int64_t micros = 0;
  int digits = 0;
  for (size_t i = 20; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    if (digits < 6) {
      micros = micros * 10 + (text[i] - '0');
      ++digits;
    }
  }
  for (; digits < 6; ++digits) micros *= 10;
  return micros;
}

bool timestamp_value(const GcpLiteralNode& value, std::optional<core::Timestamp>* out,
                     int64_t* micros) {
  if (value.kind == GcpLiteralKind::kNull) return true;
  core::Timestamp t;
  if (value.kind != GcpLiteralKind::kString || !core::parse_timestamp(value.text, &t)) {
    return false;
  }
  *out = t;
  if (micros != nullptr) *micros = fraction_micros(value.text);
  return true;
}

// Reads the records of a repeated field (labels, tags, credits). `read` decodes one record and
// returns the name of the bad sub-field ("amount") and what it expected, or an empty name.
struct RecordProblem {
  std::string_view sub_field;  // empty: the record is fine
  std::string_view expected;   // empty: the sub-field is required and missing
  const GcpLiteralNode* value = nullptr;
};

template <typename Read>
bool read_records(std::string_view path, const GcpLiteralDocument& doc, const GcpLiteralNode& array,
                  GcpFieldError* error, Read read) {
  size_t i = 0;
  for (const GcpLiteralMember& element : doc.members(array)) {
    const GcpLiteralNode& record = doc.node(element);
    if (record.kind != GcpLiteralKind::kObject) {
      return type_error(fmt::format("{}[{}]", path, i), "record", record, error);
    }
    const RecordProblem problem = read(record);
    if (!problem.sub_field.empty()) {
      const std::string name = fmt::format("{}[{}].{}", path, i, problem.sub_field);
      if (problem.expected.empty()) return missing(name, error);
      return type_error(name, problem.expected, *problem.value, error);
    }
    ++i;
  }
  return true;
}

bool read_labels(std::string_view path, const GcpLiteralDocument& doc, const GcpLiteralNode& array,
                 std::vector<GcpLabel>* out, GcpFieldError* error) {
  return read_records(path, doc, array, error, [&](const GcpLiteralNode& record) {
    GcpLabel label;
    const GcpLiteralNode* key = doc.find(record, "key");
    if (key == nullptr || key->kind == GcpLiteralKind::kNull) return RecordProblem{"key", {}};
    if (!string_value(*key, &label.key)) return RecordProblem{"key", "string", key};
    if (const GcpLiteralNode* v = doc.find(record, "value"); v != nullptr) {
      if (!string_value(*v, &label.value)) return RecordProblem{"value", "string", v};
    }
    out->push_back(label);
    return RecordProblem{};
  });
}

bool read_tags(std::string_view path, const GcpLiteralDocument& doc, const GcpLiteralNode& array,
               std::vector<GcpTag>* out, GcpFieldError* error) {
  return read_records(path, doc, array, error, [&](const GcpLiteralNode& record) {
    GcpTag tag;
    const GcpLiteralNode* key = doc.find(record, "key");
    if (key == nullptr || key->kind == GcpLiteralKind::kNull) return RecordProblem{"key", {}};
    if (!string_value(*key, &tag.key)) return RecordProblem{"key", "string", key};
    if (const GcpLiteralNode* v = doc.find(record, "value"); v != nullptr) {
      if (!string_value(*v, &tag.value)) return RecordProblem{"value", "string", v};
    }
    if (const GcpLiteralNode* ns = doc.find(record, "namespace"); ns != nullptr) {
      if (!string_value(*ns, &tag.namespace_name)) return RecordProblem{"namespace", "string", ns};
    }
    if (const GcpLiteralNode* inh = doc.find(record, "inherited"); inh != nullptr) {
      if (!bool_value(*inh, &tag.inherited)) return RecordProblem{"inherited", "boolean", inh};
    }
    out->push_back(tag);
    return RecordProblem{};
  });
}

bool read_credits(std::string_view path, const GcpLiteralDocument& doc, const GcpLiteralNode& array,
                  std::vector<GcpCredit>* out, GcpFieldError* error) {
  return read_records(path, doc, array, error, [&](const GcpLiteralNode& record) {
    GcpCredit credit;
    const struct {
      std::string_view key;
      std::string_view* slot;
    } texts[] = {{"name", &credit.name},
                 {"full_name", &credit.full_name},
                 {"id", &credit.id},
                 {"type", &credit.type}};
    for (const auto& t : texts) {
      if (const GcpLiteralNode* v = doc.find(record, t.key); v != nullptr) {
        if (!string_value(*v, t.slot)) return RecordProblem{t.key, "string", v};
      }
    }
    const GcpLiteralNode* amount = doc.find(record, "amount");
    std::optional<Decimal> value;
    if (amount != nullptr && !decimal_value(*amount, &value)) {
      return RecordProblem{"amount", "decimal", amount};
    }
    if (!value) return RecordProblem{"amount", {}};
    credit.amount = *value;
    out->push_back(credit);
    return RecordProblem{};
  });
}

}  // namespace

bool gcp_assign_field(const GcpFieldInfo& info, const GcpLiteralDocument& doc,
                      const GcpLiteralNode& value, GcpExportRow* row, GcpFieldError* error) {
  switch (info.type) {
    case GcpFieldType::kString:
      if (string_value(value, string_slot(info.field, row))) return true;
      return type_error(info.path, "string", value, error);
    case GcpFieldType::kDecimal:
      if (decimal_value(value, decimal_slot(info.field, row))) return true;
      return type_error(info.path, "decimal", value, error);
    case GcpFieldType::kTimestamp: {
      if (info.field == GcpField::kExportTime) {
        std::optional<core::Timestamp> t;
        int64_t micros = 0;
        if (!timestamp_value(value, &t, &micros)) {
          return type_error(info.path, "timestamp", value, error);
        }
        if (t) row->export_time_us = t->unix_seconds * 1000000 + micros;
        return true;
      }
      auto* slot =
          info.field == GcpField::kUsageStartTime ? &row->usage_start_time : &row->usage_end_time;
      if (timestamp_value(value, slot, nullptr)) return true;
      return type_error(info.path, "timestamp", value, error);
    }
    case GcpFieldType::kLabels:
    case GcpFieldType::kTags:
    case GcpFieldType::kCredits: break;
  }
  if (value.kind == GcpLiteralKind::kNull) return true;
  if (value.kind != GcpLiteralKind::kArray) {
    return type_error(info.path, "array of records", value, error);
  }
  switch (info.field) {
    case GcpField::kProjectLabels:
      return read_labels(info.path, doc, value, &row->project_labels, error);
    case GcpField::kLabels: return read_labels(info.path, doc, value, &row->labels, error);
    case GcpField::kSystemLabels:
      return read_labels(info.path, doc, value, &row->system_labels, error);
    case GcpField::kTags: return read_tags(info.path, doc, value, &row->tags, error);
    default: return read_credits(info.path, doc, value, &row->credits, error);
  }
}

bool gcp_decode_json_row(const GcpLiteralDocument& doc, GcpExportRow* row, GcpFieldError* error) {
  const GcpLiteralNode& root = doc.root();
  if (root.kind != GcpLiteralKind::kObject) {
    error->field.clear();
    error->expected = "a JSON object per line";
    error->found = fmt::format("a JSON {}", gcp_literal_kind_name(root.kind));
    return false;
  }
  std::string path;
  for (const GcpLiteralMember& member : doc.members(root)) {
    const GcpLiteralNode& value = doc.node(member);
    if (auto info = gcp_field_from_path(member.key)) {
      if (!gcp_assign_field(*info, doc, value, row, error)) return false;
      continue;
    }
    if (value.kind != GcpLiteralKind::kObject) continue;
    // A nested record (service, project, usage, …): its fields are "record.field".
    for (const GcpLiteralMember& sub : doc.members(value)) {
      path.assign(member.key);
      path += '.';
      path += sub.key;
      if (auto info = gcp_field_from_path(path)) {
        if (!gcp_assign_field(*info, doc, doc.node(sub), row, error)) return false;
      }
    }
  }
  return true;
}

bool gcp_check_row(GcpExportRow* row, GcpFieldError* error) {
  if (row->billing_account_id.empty()) return missing("billing_account_id", error);
  if (!row->usage_start_time) return missing("usage_start_time", error);
  if (!row->usage_end_time) return missing("usage_end_time", error);
  if (*row->usage_end_time < *row->usage_start_time) {
    error->field = "usage_end_time";
    error->expected = fmt::format("a time not before usage_start_time {}",
                                  core::format_iso8601(*row->usage_start_time));
    error->found = core::format_iso8601(*row->usage_end_time);
    return false;
  }
  if (!row->cost) return missing("cost", error);
  // The FOCUS costs are cost + Σ credits (gcp_focus_mapper.cc): both sums must stay in range.
  core::Int128 credits = 0;
  core::Int128 net = 0;
  bool overflow = false;
  for (const GcpCredit& credit : row->credits) {
    overflow = overflow || __builtin_add_overflow(credits, credit.amount.units(), &credits);
  }
  if (overflow || __builtin_add_overflow(row->cost->units(), credits, &net)) {
    error->field = "credits";
    error->expected = "credits whose sum, and its sum with cost, are within ±1.7e20";
    error->found =
        fmt::format("{} credits with cost {}", row->credits.size(), row->cost->to_string());
    return false;
  }
  if (row->currency.empty()) return missing("currency", error);
  if (row->invoice_month.empty()) return missing("invoice.month", error);
  auto period = core::pacific_invoice_month(row->invoice_month);
  if (!period.is_ok()) {
    error->field = "invoice.month";
    error->expected = "an invoice month YYYYMM";
    error->found = std::string(row->invoice_month);
    return false;
  }
  row->billing_period = *period;
  const std::string_view type = row->cost_type;
  if (type.empty() || core::iequals(type, "regular")) {
    row->cost_type_value = GcpCostType::kRegular;
  } else if (core::iequals(type, "tax")) {
    row->cost_type_value = GcpCostType::kTax;
  } else if (core::iequals(type, "adjustment")) {
    row->cost_type_value = GcpCostType::kAdjustment;
  } else if (core::iequals(type, "rounding_error")) {
    row->cost_type_value = GcpCostType::kRoundingError;
  } else {
    error->field = "cost_type";
    error->expected = "regular, tax, adjustment or rounding_error";
    error->found = std::string(type);
    return false;
  }
  return true;
}

}  // namespace optima::ingest
