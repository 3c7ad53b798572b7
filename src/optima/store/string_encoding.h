// String chunk encoding: a per-row-group dictionary plus byte-plane codes
// (docs/segment-format.md, "String chunk"). Also used for x_ extension columns.
//
// The encoder re-derives the dictionary from the row values in first-occurrence order, so the
// bytes depend only on the rows, not on how the input Tables were dictionary-encoded or split.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/status.h"
#include "optima/focus/table.h"
#include "optima/store/byte_stream.h"
#include "optima/store/column_slice.h"

namespace optima::store {

// Appends the encoded chunk of the slices' rows (in order) to *out. Errors: InvalidArgument
// when an input code is outside its table's dictionary.
core::Status encode_string_chunk(std::span<const ColumnSlice<focus::StringColumn>> slices,
                                 std::string* out);
// Decodes a chunk of `rows` rows. Errors: DataLoss describing the malformation.
core::Result<focus::StringColumn> decode_string_chunk(std::string_view raw, size_t rows);

// A string list: varint count, count varint lengths, then the concatenated bytes.
// put_string_list writes values[1..] (values[0] is the null slot and is not stored).
void put_string_list(const std::vector<std::string>& values, ByteWriter* out);
// Reads a list written by put_string_list into *values as [""] + entries. False when the input
// is malformed or holds more than max_count entries.
bool get_string_list(ByteReader* in, size_t max_count, std::vector<std::string>* values);

}  // namespace optima::store
