// Row selection on Tables: copying a subset of rows into a new, compact Table.
#pragma once

#include <cstdint>
#include <vector>

#include "optima/focus/table.h"

namespace optima::focus {

// A new Table holding rows `rows` of `source` (in that order), with the same present columns
// and extension columns. Dictionaries are compacted to the values the selected rows use.
// Requires: every index < source.num_rows().
Table take_rows(const Table& source, const std::vector<uint32_t>& rows);

}  // namespace optima::focus
