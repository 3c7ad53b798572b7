// Deterministic FOCUS-like tables for the store's tests, and row-by-row comparison.
//
// Row i of a dataset depends only on (seed, i), so any split of [0, n) into tables yields the
// same rows: the basis of the determinism and crash tests.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "optima/core/decimal.h"
#include "optima/core/time.h"
#include "optima/focus/table.h"
#include "optima/focus/table_builder.h"

namespace optima::store::testing {

inline uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Rows [begin, end) of dataset `seed`.
inline focus::Table make_rows(uint64_t seed, size_t begin, size_t end) {
  using focus::Column;
  focus::TableBuilder b;
  b.declare(Column::kCommitmentDiscountId);
  b.declare_extension("x_Operation");
  const core::Timestamp month = core::make_timestamp({2024, 3, 1});
  for (size_t i = begin; i < end; ++i) {
    const uint64_t r = mix(seed * 1000003 + i);
    b.set_string(Column::kProviderName, "AWS");
    b.set_string(Column::kServiceName, fmt::format("Service{}", r % 17));
    b.set_string(Column::kRegionId, fmt::format("region-{}", (r >> 8) % 5));
    b.set_string(Column::kResourceId,
                 fmt::format("arn:aws:ec2:us-east-1:123456789012:instance/i-{:012x}", (r >> 12) % 700));
    if ((r >> 20) % 10 != 0) b.set_string(Column::kSubAccountId, fmt::format("{:012}", (r >> 24) % 9));
    const core::Decimal billed = core::Decimal::from_units(
        static_cast<core::Int128>((r >> 16) % 100000000) * 100000000);  // 10 fractional digits
    b.set_decimal(Column::kBilledCost, billed);
    // EffectiveCost repeats BilledCost on most rows (stored as a reference to it).
    switch ((r >> 36) % 8) {
      case 0: b.set_decimal(Column::kEffectiveCost, core::Decimal::multiply(billed, core::Decimal::from_units(core::Decimal::kOne / 2))); break;
      case 1: break;  // null
      default: b.set_decimal(Column::kEffectiveCost, billed); break;
    }
    b.set_decimal(Column::kListUnitPrice,
                  core::Decimal::from_units(static_cast<core::Int128>((r >> 5) % 7 + 1) *
                                            1000000000000000LL));
    if ((r >> 40) % 5 != 0) {
      b.set_decimal(Column::kConsumedQuantity, core::Decimal::from_int(static_cast<int64_t>((r >> 33) % 24)));
    }
    const int64_t hour = static_cast<int64_t>((r >> 44) % uint64_t{744});
    b.set_time(Column::kChargePeriodStart, {month.unix_seconds + hour * 3600});
    b.set_time(Column::kChargePeriodEnd, {month.unix_seconds + (hour + 1) * 3600});
    b.set_time(Column::kBillingPeriodStart, month);
    switch ((r >> 50) % 4) {
      case 0: break;  // untagged
      case 1:
        b.add_tag("team", "core");
        b.add_tag("env", "prod");
        break;
      case 2:
        b.add_tag("env", "dev");
        b.add_tag("team", fmt::format("t{}", (r >> 54) % 3));
        break;
      default: b.add_tag("owner", "alice"); break;
    }
    if ((r >> 58) % 3 != 0) b.set_extension("x_Operation", fmt::format("Run{}", (r >> 60) % 4));
    b.finish_row();
  }
  return b.finish();
}

// Every cell of a row as text (present FOCUS columns, then extensions by name).
inline std::string row_text(const focus::Table& t, size_t row) {
  std::string out;
  for (const focus::ColumnInfo& info : focus::all_columns()) {
    if (!t.present(info.column)) continue;
    out += info.name;
    out += '=';
    out += t.cell_text(row, info.column);
    out += '|';
  }
  std::vector<const focus::ExtensionColumn*> extensions;
  for (const auto& ext : t.extensions()) extensions.push_back(&ext);
  std::sort(extensions.begin(), extensions.end(),
            [](auto* a, auto* b) { return a->name < b->name; });
  for (const auto* ext : extensions) {
    out += ext->name;
    out += '=';
    if (!ext->data.is_null(row)) out += ext->data.value(row);
    out += '|';
  }
  return out;
}

inline std::vector<std::string> rows_text(const focus::Table& t) {
  std::vector<std::string> out;
  out.reserve(t.num_rows());
  for (size_t r = 0; r < t.num_rows(); ++r) out.push_back(row_text(t, r));
  return out;
}

}  // namespace optima::store::testing
