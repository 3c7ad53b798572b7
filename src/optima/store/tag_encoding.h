// Tags chunk encoding (docs/segment-format.md, "Tags chunk").
//
// Rows share few distinct tag sets (the tags of a resource or an account), so a chunk stores a
// per-row-group key dictionary, value dictionary and tag-set dictionary, and one tag-set id per
// row (0 = no tags). A tag set is canonical: its pairs sorted by key string, so the bytes depend
// only on the rows' tags, not on the order a reader met them.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "optima/core/status.h"
#include "optima/focus/table.h"
#include "optima/store/column_slice.h"

namespace optima::store {

// Appends the encoded chunk of the slices' rows (in order) to *out. Errors: InvalidArgument
// when a slice's offsets or codes are inconsistent.
core::Status encode_tag_chunk(std::span<const ColumnSlice<focus::TagColumn>> slices,
                              std::string* out);
// Decodes a chunk of `rows` rows; each row's pairs come sorted by key. Errors: DataLoss
// describing the malformation.
core::Result<focus::TagColumn> decode_tag_chunk(std::string_view raw, size_t rows);

}  // namespace optima::store
