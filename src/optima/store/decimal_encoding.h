// Decimal chunk encoding (docs/segment-format.md, "Decimal chunk").
//
// core::Decimal is a 128-bit count of 10^-18 units. Billing values rarely use all 18 fractional
// digits, so a chunk stores each value as an integer mantissa at the smallest scale (0..18
// fractional digits) that is exact for every row of the chunk: as a dictionary of distinct
// int64 mantissas plus codes when few values repeat (unit prices, quantities), else as plain
// zigzag int64 mantissas, and only as 128-bit mantissas when a value does not fit in int64.
// Nulls are a bitmap; null rows hold 0.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "optima/core/status.h"
#include "optima/focus/table.h"
#include "optima/store/column_slice.h"

namespace optima::store {

// Appends the encoded chunk of the slices' rows (in order) to *out. Errors: InvalidArgument
// when a slice's column is shorter than the slice.
core::Status encode_decimal_chunk(std::span<const ColumnSlice<focus::DecimalColumn>> slices,
                                  std::string* out);
// Decodes a chunk of `rows` rows. Errors: DataLoss describing the malformation.
core::Result<focus::DecimalColumn> decode_decimal_chunk(std::string_view raw, size_t rows);

}  // namespace optima::store
