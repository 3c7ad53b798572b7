// Date/time chunk encoding (docs/segment-format.md, "Time chunk").
//
// UTC seconds are divided by the coarsest unit that is exact for the chunk (day, hour, minute
// or second), then stored either delta-encoded from the previous row (zigzag; sorted or
// repeating columns like BillingPeriodStart shrink to nothing) or as offsets from the chunk
// minimum (frame of reference; better for unsorted hourly ChargePeriodStart), whichever needs
// fewer bytes per value. Nulls (focus::kNullTime) are a bitmap.
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
core::Status encode_time_chunk(std::span<const ColumnSlice<focus::TimeColumn>> slices,
                               std::string* out);
// Decodes a chunk of `rows` rows. Errors: DataLoss describing the malformation.
core::Result<focus::TimeColumn> decode_time_chunk(std::string_view raw, size_t rows);

}  // namespace optima::store
