// CsvRow: a reusable row of CSV cells addressed by column index, for the wide native exports
// (CUR, Azure cost details) where most cells of a row are empty.
//
// Cells keep their capacity between rows, so filling and writing a row allocates nothing in the
// steady state. Not thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "optima/demo/text_format.h"

namespace optima::demo {

class CsvRow {
 public:
  explicit CsvRow(size_t columns) : cells_(columns) {}

  size_t size() const { return cells_.size(); }
  void clear() {
    for (std::string& c : cells_) c.clear();
  }
  // Requires: column < size().
  std::string& cell(size_t column) { return cells_[column]; }
  void set(size_t column, std::string_view text) {
    // clear + append rather than assign(): g++ 12 -O3 reports a bogus -Wrestrict on assign().
    std::string& c = cells_[column];
    c.clear();
    c.append(text.data(), text.size());
  }
  void set_decimal(size_t column, Int128 units) {
    cells_[column].clear();
    append_decimal(cells_[column], units);
  }
  void set_java_decimal(size_t column, Int128 units) {
    cells_[column].clear();
    append_decimal_java(cells_[column], units);
  }
  void set_int(size_t column, int64_t value) {
    cells_[column].clear();
    append_int(cells_[column], value);
  }
  // Appends the row (cells escaped as needed) and a line feed.
  void append_to(std::string& out) const {
    for (size_t i = 0; i < cells_.size(); ++i) {
      if (i > 0) out.push_back(',');
      append_csv(out, cells_[i]);
    }
    out.push_back('\n');
  }

 private:
  std::vector<std::string> cells_;
};

}  // namespace optima::demo
