#include "optima/focus/conformance/table_dataset.h"

#include <algorithm>

namespace optima::focus {

TableDataset::TableDataset(std::vector<std::shared_ptr<const Table>> tables)
    : tables_(std::move(tables)) {
  for (const ColumnInfo& info : all_columns()) {
    const bool present = std::any_of(tables_.begin(), tables_.end(), [&](const auto& t) {
      return t->present(info.column);
    });
    if (!present) continue;
    names_.emplace_back(info.name);
    sources_.push_back({true, info.column, {}});
  }
  for (const auto& table : tables_) {
    for (const ExtensionColumn& ext : table->extensions()) {
      if (std::find(names_.begin(), names_.end(), ext.name) != names_.end()) continue;
      names_.push_back(ext.name);
      sources_.push_back({false, Column::kBilledCost, ext.name});
    }
  }
}

std::string TableDataset::description() const {
  return std::to_string(tables_.size()) + (tables_.size() == 1 ? " table" : " tables");
}

core::Result<bool> TableDataset::next_batch(RowBatch* batch) {
  // Skip empty tables: a batch always has rows.
  while (next_table_ < tables_.size() && tables_[next_table_]->num_rows() == 0) ++next_table_;
  if (next_table_ == tables_.size()) return false;
  const Table& table = *tables_[next_table_++];
  batch->first_row = rows_read_;
  batch->rows = table.num_rows();
  batch->source_lines.clear();
  batch->columns.resize(sources_.size());
  for (size_t i = 0; i < sources_.size(); ++i) fill(table, sources_[i], &batch->columns[i]);
  rows_read_ += table.num_rows();
  return true;
}

void TableDataset::fill(const Table& table, const Source& source, ColumnBatch* out) const {
  const size_t rows = table.num_rows();
  auto fill_strings = [&](const StringColumn* col) {
    out->reset(CellStorage::kString);
    out->nulls.resize(rows, 1);
    out->texts.resize(rows);
    if (col == nullptr) return;
    for (size_t r = 0; r < rows; ++r) {
      if (col->is_null(r)) continue;
      out->nulls[r] = 0;
      out->texts[r] = col->value(r);
    }
  };
  if (!source.focus) {
    const ExtensionColumn* ext = table.extension(source.extension);
    fill_strings(ext == nullptr ? nullptr : &ext->data);
    return;
  }
  const Column c = source.column;
  const bool present = table.present(c);
  switch (column_kind(c)) {
    case ColumnKind::kString:
      fill_strings(present ? &table.strings(c) : nullptr);
      return;
    case ColumnKind::kDecimal: {
      out->reset(CellStorage::kDecimal);
      out->nulls.resize(rows, 1);
      out->decimals.resize(rows);
      if (!present) return;
      const DecimalColumn& col = table.decimals(c);
      for (size_t r = 0; r < rows; ++r) {
        out->nulls[r] = col.is_null(r) ? 1 : 0;
        out->decimals[r] = col.values[r];
      }
      return;
    }
    case ColumnKind::kDateTime: {
      out->reset(CellStorage::kDateTime);
      out->nulls.resize(rows, 1);
      out->seconds.resize(rows, kNullTime);
      if (!present) return;
      const TimeColumn& col = table.times(c);
      for (size_t r = 0; r < rows; ++r) {
        out->nulls[r] = col.is_null(r) ? 1 : 0;
        out->seconds[r] = col.seconds[r];
      }
      return;
    }
    case ColumnKind::kTags: {
      out->reset(CellStorage::kKeyValue);
      out->nulls.resize(rows, 1);
      const TagColumn& tags = table.tags();
      if (!present || tags.offsets.empty()) return;
      for (size_t r = 0; r < rows; ++r) {
        out->nulls[r] = tags.offsets[r] == tags.offsets[r + 1] ? 1 : 0;
      }
      out->render = [&table](size_t row) { return table.tags_json(row); };
      return;
    }
  }
}

}  // namespace optima::focus
