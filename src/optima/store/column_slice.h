// ColumnSlice: a run of rows of one column of one input Table, as the chunk encoders read them.
//
// A row group is assembled from consecutive slices of the Tables appended to a SegmentWriter
// (a table may be split across groups, and a group may span tables), so the encoders take
// slices rather than whole columns and never copy the input first.
#pragma once

#include <cstddef>

namespace optima::store {

template <typename ColumnT>
struct ColumnSlice {
  const ColumnT* column = nullptr;  // nullptr: the table lacks the column, its rows are null
  size_t begin = 0;
  size_t end = 0;
  size_t rows() const { return end - begin; }
};

}  // namespace optima::store
