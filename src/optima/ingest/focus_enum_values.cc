#include "optima/ingest/focus_enum_values.h"

#include <array>

namespace optima::ingest {
namespace {

struct EnumValue {
  focus::Column column;
  std::string_view canonical;  // FOCUS 1.2 spelling
  std::string_view key;        // lower-case letters and digits of an accepted spelling
};

// Canonical values first per column (allowed_values_text lists entries whose key is the
// canonical's); renamed pre-1.0 spellings after them.
constexpr std::array<EnumValue, 21> kValues = {{
    {focus::Column::kChargeCategory, "Usage", "usage"},
    {focus::Column::kChargeCategory, "Purchase", "purchase"},
    {focus::Column::kChargeCategory, "Tax", "tax"},
    {focus::Column::kChargeCategory, "Credit", "credit"},
    {focus::Column::kChargeCategory, "Adjustment", "adjustment"},
    {focus::Column::kChargeClass, "Correction", "correction"},
    {focus::Column::kChargeFrequency, "One-Time", "onetime"},
    {focus::Column::kChargeFrequency, "Recurring", "recurring"},
    {focus::Column::kChargeFrequency, "Usage-Based", "usagebased"},
    {focus::Column::kPricingCategory, "Standard", "standard"},
    {focus::Column::kPricingCategory, "Dynamic", "dynamic"},
    {focus::Column::kPricingCategory, "Committed", "committed"},
    {focus::Column::kPricingCategory, "Other", "other"},
    // FOCUS 1.0-preview PricingCategory values, renamed in 1.0.
    {focus::Column::kPricingCategory, "Standard", "ondemand"},
    {focus::Column::kPricingCategory, "Committed", "commitmentbased"},
    {focus::Column::kCommitmentDiscountCategory, "Spend", "spend"},
    {focus::Column::kCommitmentDiscountCategory, "Usage", "usage"},
    {focus::Column::kCommitmentDiscountStatus, "Used", "used"},
    {focus::Column::kCommitmentDiscountStatus, "Unused", "unused"},
    {focus::Column::kCapacityReservationStatus, "Used", "used"},
    {focus::Column::kCapacityReservationStatus, "Unused", "unused"},
}};

// Lower-case letters and digits of text; false when longer than the buffer (no value is).
bool make_key(std::string_view text, std::array<char, 32>* buffer, std::string_view* key) {
  size_t n = 0;
  for (const char c : text) {
    char lower = c;
    if (c >= 'A' && c <= 'Z') lower = static_cast<char>(c - 'A' + 'a');
    if (!((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9'))) continue;
    if (n == buffer->size()) return false;
    (*buffer)[n++] = lower;
  }
  *key = std::string_view(buffer->data(), n);
  return true;
}

}  // namespace

bool has_closed_values(focus::Column column) {
  for (const EnumValue& v : kValues) {
    if (v.column == column) return true;
  }
  return false;
}

std::optional<std::string_view> canonical_value(focus::Column column, std::string_view text) {
  for (const EnumValue& v : kValues) {
    if (v.column == column && v.canonical == text) return v.canonical;
  }
  std::array<char, 32> buffer{};
  std::string_view key;
  if (!make_key(text, &buffer, &key) || key.empty()) return std::nullopt;
  for (const EnumValue& v : kValues) {
    if (v.column == column && v.key == key) return v.canonical;
  }
  return std::nullopt;
}

std::string allowed_values_text(focus::Column column) {
  std::string out;
  std::string_view last;
  int count = 0;
  for (const EnumValue& v : kValues) {
    if (v.column != column || v.canonical == last) continue;
    std::array<char, 32> buffer{};
    std::string_view key;
    if (!make_key(v.canonical, &buffer, &key) || key != v.key) continue;  // an alias
    if (count > 0) out += ", ";
    out += v.canonical;
    last = v.canonical;
    ++count;
  }
  if (const size_t comma = out.rfind(", "); comma != std::string::npos) {
    out.replace(comma, 2, " or ");
  }
  return out;
}

}  // namespace optima::ingest
