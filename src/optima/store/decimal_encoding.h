// Decimal chunk encoding (docs/segment-format.md, "Decimal chunk").
//
// core::Decimal is a 128-bit count of 10^-18 units. Billing values rarely use all 18 fractional
// digits, so a chunk stores each value as an integer mantissa at the smallest scale (0..18
// fractional digits) that is exact for every row of the chunk: as a dictionary of distinct
// int64 mantissas plus codes when few values repeat (unit prices, quantities), else as plain
// zigzag int64 mantissas, and only as 128-bit mantissas when a value does not fit in int64.
// Nulls are a bitmap; null rows hold 0. A column that mostly equals an earlier one of the row
// group is stored as the rows where it differs (encode_decimals_against).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/status.h"
#include "optima/focus/table.h"
#include "optima/store/column_slice.h"

namespace optima::store {

// A decimal column's rows, gathered from slices for encoding. Null rows hold 0.
struct DecimalValues {
  std::vector<core::Int128> units;
  std::vector<uint8_t> is_null;
  bool any_null = false;
  size_t size() const { return units.size(); }
};

// Gathers the slices' rows in order. Errors: InvalidArgument when a slice's column is shorter
// than the slice.
core::Result<DecimalValues> gather_decimals(
    std::span<const ColumnSlice<focus::DecimalColumn>> slices);
// Appends a standalone chunk (int64 plain, int64 dictionary or 128-bit plain) to *out.
void encode_decimals(const DecimalValues& values, std::string* out);
// How many rows of two same-length columns hold the same value (nulls equal nulls).
size_t count_equal_rows(const DecimalValues& a, const DecimalValues& b);
// Appends a chunk expressed against `reference`, the same rows of the standalone column whose
// chunk key is reference_key: a bitmap of the rows that differ, then those rows as a nested
// standalone chunk. FOCUS cost columns mostly repeat each other (EffectiveCost = BilledCost
// except on commitment rows, PricingQuantity = ConsumedQuantity), so this stores them in a few
// bits per row. Requires: reference.size() == values.size().
void encode_decimals_against(const DecimalValues& values, uint16_t reference_key,
                             const DecimalValues& reference, std::string* out);
// gather_decimals + encode_decimals.
core::Status encode_decimal_chunk(std::span<const ColumnSlice<focus::DecimalColumn>> slices,
                                  std::string* out);

// The chunk key a chunk was expressed against, or nullopt for a standalone chunk.
// Errors: DataLoss for a malformed header.
core::Result<std::optional<uint16_t>> decimal_chunk_reference(std::string_view raw);
// Decodes a chunk of `rows` rows. `reference` is the decoded column decimal_chunk_reference()
// named (nullptr for standalone chunks). Errors: DataLoss describing the malformation.
core::Result<focus::DecimalColumn> decode_decimal_chunk(std::string_view raw, size_t rows,
                                                        const focus::DecimalColumn* reference =
                                                            nullptr);

}  // namespace optima::store
