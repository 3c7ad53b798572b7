#include "optima/ingest/focus_column_map.h"

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/ingest/focus_enum_values.h"

namespace optima::ingest {
namespace {

struct Alias {
  std::string_view name;  // matched case-insensitively
  focus::Column column;
  bool keep_extension;  // the source column also stays as an extension column
};

constexpr Alias kAliases[] = {
    // FOCUS 0.5 / 1.0-preview names (FOCUS.md §1.2, §1.3).
    {"AmortizedCost", focus::Column::kEffectiveCost, false},
    {"ChargeType", focus::Column::kChargeCategory, false},
    {"Region", focus::Column::kRegionId, false},
    {"UsageQuantity", focus::Column::kConsumedQuantity, false},
    {"UsageUnit", focus::Column::kConsumedUnit, false},
    {"Provider", focus::Column::kProviderName, false},
    {"Publisher", focus::Column::kPublisherName, false},
    {"InvoiceIssuer", focus::Column::kInvoiceIssuerName, false},
    // Azure FocusCost 1.0 extension columns promoted to FOCUS columns in 1.1/1.2 (FOCUS.md §3.5).
    {"x_InvoiceId", focus::Column::kInvoiceId, true},
    {"x_PricingCurrency", focus::Column::kPricingCurrency, true},
    {"x_SkuDetails", focus::Column::kSkuPriceDetails, true},
    {"x_SkuMeterName", focus::Column::kSkuMeter, true},
};

CellKind kind_of(focus::Column c) {
  switch (focus::column_kind(c)) {
    case focus::ColumnKind::kString:
      return has_closed_values(c) ? CellKind::kEnum : CellKind::kString;
    case focus::ColumnKind::kDecimal:
      return CellKind::kDecimal;
    case focus::ColumnKind::kDateTime:
      return CellKind::kTime;
    case focus::ColumnKind::kTags:
      return CellKind::kTags;
  }
  return CellKind::kString;
}

std::string join_names(const std::vector<std::string>& names) {
  return core::join(names, ", ");
}

}  // namespace

FocusColumnMap FocusColumnMap::from_header(const std::vector<std::string_view>& header) {
  FocusColumnMap map;
  map.columns_.resize(header.size());
  std::vector<std::string> renamed;
  std::vector<std::string> promoted;
  std::vector<std::string> unknown;
  std::vector<std::string> duplicates;
  std::vector<std::string> unnamed;

  // Pass 1: FOCUS ids, exact then case-insensitive. The first column claiming an id wins.
  for (size_t i = 0; i < header.size(); ++i) {
    SourceColumn& col = map.columns_[i];
    col.name = std::string(core::trim(header[i]));
    auto c = focus::column_from_name(col.name);
    if (!c) c = focus::column_from_name_icase(col.name);
    if (!c || map.present_[focus::index_of(*c)]) continue;
    map.present_[focus::index_of(*c)] = true;
    col.column = *c;
    col.kind = kind_of(*c);
  }
  // Pass 2: older and promoted names, only where the successor is not in the file.
  for (SourceColumn& col : map.columns_) {
    if (col.kind != CellKind::kIgnore) continue;
    for (const Alias& alias : kAliases) {
      if (!core::iequals(col.name, alias.name) || map.present_[focus::index_of(alias.column)])
        continue;
      map.present_[focus::index_of(alias.column)] = true;
      col.column = alias.column;
      col.kind = kind_of(alias.column);
      const std::string note = fmt::format("{} as {}", col.name, focus::column_name(alias.column));
      if (alias.keep_extension) {
        col.extension = 0;  // numbered below
        promoted.push_back(note);
      } else {
        renamed.push_back(note);
      }
      break;
    }
  }
  // Pass 3: everything else is an extension column, named as in the file.
  std::vector<std::string> extension_names;
  for (size_t i = 0; i < header.size(); ++i) {
    SourceColumn& col = map.columns_[i];
    if (col.extension != 0 && col.kind != CellKind::kIgnore) continue;
    if (col.name.empty()) {
      col.kind = CellKind::kIgnore;
      col.extension = -1;
      unnamed.push_back(std::to_string(i + 1));
      continue;
    }
    bool repeat = false;
    for (size_t j = 0; j < i && !repeat; ++j) repeat = map.columns_[j].name == col.name;
    if (repeat) {
      col.kind = CellKind::kIgnore;
      col.extension = -1;
      duplicates.push_back(col.name);
      continue;
    }
    if (col.kind == CellKind::kIgnore) {
      col.kind = CellKind::kExtension;
      if (focus::column_from_name_icase(col.name).has_value()) {
        duplicates.push_back(col.name);  // another spelling of a FOCUS column already read
      } else if (!core::istarts_with(col.name, "x_")) {
        unknown.push_back(col.name);
      }
    }
    col.extension = static_cast<int>(extension_names.size());
    extension_names.push_back(col.name);
  }
  map.extensions_ = std::move(extension_names);
  for (bool p : map.present_) map.focus_count_ += p ? 1 : 0;

  if (!renamed.empty()) {
    map.warnings_.push_back(fmt::format(
        "read pre-1.0 FOCUS column names as their FOCUS 1.2 successors: {}", join_names(renamed)));
  }
  if (!promoted.empty()) {
    map.warnings_.push_back(fmt::format(
        "read Azure FocusCost 1.0 columns as the FOCUS 1.2 columns that replaced them (the x_ "
        "columns are kept too): {}",
        join_names(promoted)));
  }
  if (!unknown.empty()) {
    map.warnings_.push_back(fmt::format(
        "columns that are neither FOCUS 1.2 columns nor x_ custom columns are kept as extension "
        "columns under their own names: {}",
        join_names(unknown)));
  }
  if (!duplicates.empty()) {
    map.warnings_.push_back(fmt::format(
        "columns repeated in the header: {} (the first is read as the FOCUS column; a repeat "
        "with the same name is ignored, one with other letter case is kept as an extension column)",
        join_names(duplicates)));
  }
  if (!unnamed.empty()) {
    map.warnings_.push_back(
        fmt::format("columns without a name are ignored: column {}", join_names(unnamed)));
  }
  return map;
}

}  // namespace optima::ingest
