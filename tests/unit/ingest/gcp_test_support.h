// Helpers for the Google Cloud reader tests: a sink that keeps what it receives, and cell
// accessors over the tables it kept.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/focus/table.h"
#include "optima/ingest/reader.h"

namespace optima::ingest::testing {

class CollectingSink : public TableSink {
 public:
  core::Status consume(focus::Table table) override {
    tables.push_back(std::move(table));
    return core::Status::ok();
  }
  size_t rows() const {
    size_t n = 0;
    for (const auto& t : tables) n += t.num_rows();
    return n;
  }
  // Cell text of the row-th row over all tables ("" for null).
  std::string cell(size_t row, focus::Column c) const {
    for (const auto& t : tables) {
      if (row < t.num_rows()) return t.cell_text(row, c);
      row -= t.num_rows();
    }
    return "<no such row>";
  }
  std::string extension(size_t row, std::string_view name) const {
    for (const auto& t : tables) {
      if (row < t.num_rows()) {
        const focus::ExtensionColumn* ext = t.extension(name);
        if (ext == nullptr) return "<no such column>";
        return ext->data.is_null(row) ? std::string() : ext->data.value(row);
      }
      row -= t.num_rows();
    }
    return "<no such row>";
  }
  std::string tags(size_t row) const {
    for (const auto& t : tables) {
      if (row < t.num_rows()) return t.tags_json(row);
      row -= t.num_rows();
    }
    return "<no such row>";
  }
  core::Decimal sum(focus::Column c) const {
    core::Decimal total;
    for (const auto& t : tables) {
      const focus::DecimalColumn& col = t.decimals(c);
      for (size_t r = 0; r < t.num_rows(); ++r) {
        if (!col.is_null(r)) total += col.values[r];
      }
    }
    return total;
  }

  std::vector<focus::Table> tables;
};

}  // namespace optima::ingest::testing
