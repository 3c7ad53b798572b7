// Test helpers for the conformance validator: an in-memory text dataset (cells as raw text,
// like a CSV) and a fully conformant FOCUS 1.2 table built with TableBuilder.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "optima/focus/conformance/conformance_dataset.h"
#include "optima/focus/table.h"

namespace optima::focus::testing {

// Rows of optional texts (nullopt = null) under column names, served in batches of
// `batch_rows` with CellStorage::kText.
class TextDataset final : public ConformanceDataset {
 public:
  TextDataset(std::vector<std::string> columns,
              std::vector<std::vector<std::optional<std::string>>> rows, size_t batch_rows = 2)
      : columns_(std::move(columns)), rows_(std::move(rows)), batch_rows_(batch_rows) {}

  const std::vector<std::string>& column_names() const override { return columns_; }
  core::Result<bool> next_batch(RowBatch* batch) override {
    if (next_ >= rows_.size()) {
      return false;
    }
    const size_t end = std::min(rows_.size(), next_ + batch_rows_);
    batch->first_row = next_;
    batch->rows = end - next_;
    batch->source_lines.clear();
    batch->columns.resize(columns_.size());
    for (size_t c = 0; c < columns_.size(); ++c) {
      ColumnBatch& col = batch->columns[c];
      col.reset(CellStorage::kText);
      for (size_t r = next_; r < end; ++r) {
        const auto& cell = rows_[r][c];
        col.nulls.push_back(cell ? 0 : 1);
        col.texts.emplace_back(cell ? *cell : std::string_view());
      }
    }
    next_ = end;
    return true;
  }
  uint64_t rows_read() const override { return next_; }
  std::vector<std::string> notes() const override { return {}; }
  std::string description() const override { return "test rows"; }

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<std::optional<std::string>>> rows_;
  size_t batch_rows_;
  size_t next_ = 0;
};

// A FOCUS 1.2 table with every column and rows of each kind (usage, commitment purchase,
// covered usage, unused commitment, capacity reservation, tax, credit, correction) that meets
// every Static mandatory rule of the model (with its errata) under all applicability criteria.
Table conformant_table();

}  // namespace optima::focus::testing
