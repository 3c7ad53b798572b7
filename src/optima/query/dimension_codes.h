// DimensionCodes: one dimension of one row group as per-row dictionary codes.
//
// FOCUS string and x_ columns are already dictionary-encoded; a tag key is decoded from the
// row's tag pairs into a scratch vector (code = the tag value's code, 0 when the row lacks the
// tag). A column the row group lacks reads as all null. This is what lets filters and grouping
// work on small integers and touch each distinct string once per row group.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "optima/focus/table.h"
#include "optima/query/query.h"

namespace optima::query {

struct DimensionCodes {
  const uint32_t* codes = nullptr;                       // one per row; 0 = null
  const std::vector<std::string>* dictionary = nullptr;  // [code] → value; [0] unused
  uint32_t cardinality = 1;                              // codes are < cardinality
};

// Reads `dimension` of `table`. `scratch` backs the codes when they must be computed (tags,
// missing columns) and must outlive the result; it is resized to table.num_rows().
DimensionCodes read_dimension(const focus::Table& table, const Dimension& dimension,
                              std::vector<uint32_t>* scratch);

}  // namespace optima::query
