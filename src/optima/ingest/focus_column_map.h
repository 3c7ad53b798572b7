// FocusColumnMap: how the columns of a FOCUS CSV header map onto the FOCUS 1.2 columns.
//
// Built once per file from its header, so converting a cell is a table lookup. Header names are
// trimmed and matched exactly, then case-insensitively ("SkuPriceid"). Older names map to their
// FOCUS 1.2 successors when the successor is not in the file: 0.5/1.0-preview AmortizedCost →
// EffectiveCost, ChargeType → ChargeCategory, Region → RegionId, UsageQuantity/UsageUnit →
// ConsumedQuantity/ConsumedUnit, Provider/Publisher/InvoiceIssuer → …Name. Azure FocusCost 1.0
// extension columns that 1.2 promoted (x_InvoiceId, x_PricingCurrency, x_SkuDetails,
// x_SkuMeterName → InvoiceId, PricingCurrency, SkuPriceDetails, SkuMeter) fill the FOCUS column
// and stay as x_ columns. x_ columns are extension columns; other unknown columns are kept as
// extension columns under their own names and named in a warning (FOCUS ColumnHandling wants
// custom columns prefixed x_). Immutable; thread-safe to share.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "optima/focus/column.h"

namespace optima::ingest {

// How the cells of one source column are read.
enum class CellKind : uint8_t {
  kIgnore,     // no name, or a duplicate: not read
  kString,     // FOCUS string column, verbatim
  kEnum,       // FOCUS column with a closed value set (focus_enum_values.h)
  kDecimal,    // FOCUS Decimal column
  kTime,       // FOCUS Date/Time column
  kTags,       // the Tags JSON object
  kExtension,  // only an extension column
};

struct SourceColumn {
  std::string name;  // as in the header, trimmed
  CellKind kind = CellKind::kIgnore;
  focus::Column column = focus::Column::kAvailabilityZone;  // target unless kIgnore/kExtension
  int extension = -1;  // index into extensions() when the cell is (also) kept as an extension
};

class FocusColumnMap {
 public:
  static FocusColumnMap from_header(const std::vector<std::string_view>& header);

  // One per header field, in file order.
  const std::vector<SourceColumn>& columns() const { return columns_; }
  // Names of the extension columns, in file order.
  const std::vector<std::string>& extensions() const { return extensions_; }
  bool has(focus::Column c) const { return present_[focus::index_of(c)]; }
  size_t focus_column_count() const { return focus_count_; }
  // File-level notes for the read report (renamed, promoted, unknown, duplicate, unnamed).
  const std::vector<std::string>& warnings() const { return warnings_; }
  // Detection rule: BilledCost and at least two more FOCUS columns. Other exports share single
  // names with FOCUS (Azure cost details have BillingAccountId, ChargeType, Tags) but none has
  // BilledCost.
  bool looks_like_focus() const { return has(focus::Column::kBilledCost) && focus_count_ >= 3; }

 private:
  std::vector<SourceColumn> columns_;
  std::vector<std::string> extensions_;
  std::array<bool, focus::kColumnCount> present_{};
  size_t focus_count_ = 0;
  std::vector<std::string> warnings_;
};

}  // namespace optima::ingest
