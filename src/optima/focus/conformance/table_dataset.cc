#include "optima/focus/conformance/table_dataset.h"

#include <algorithm>

namespace optima::focus {

TableDataset::TableDataset(std::vector<std::shared_ptr<const Table>> tables) {
  for (const ColumnInfo& info : all_columns()) {
    const bool present = std::any_of(tables.begin(), tables.end(),
                                     [&](const auto& t) { return t->present(info.column); });
    if (!present) {
      continue;
    }
    names_.emplace_back(info.name);
    sources_.push_back({true, info.column, {}});
  }
  for (const auto& table : tables) {
    for (const ExtensionColumn& ext : table->extensions()) {
      if (std::find(names_.begin(), names_.end(), ext.name) != names_.end()) {
        continue;
      }
      names_.push_back(ext.name);
      sources_.push_back({false, Column::kBilledCost, ext.name});
    }
  }
  description_ = std::to_string(tables.size()) + (tables.size() == 1 ? " table" : " tables");
  loader_ = [tables = std::move(tables),
             next = size_t{0}]() mutable -> core::Result<std::shared_ptr<const Table>> {
    if (next == tables.size()) {
      return std::shared_ptr<const Table>();
    }
    return tables[next++];
  };
}

TableDataset::TableDataset(std::vector<std::string> columns, TableLoader loader,
                           std::string description)
    : names_(std::move(columns)), loader_(std::move(loader)), description_(std::move(description)) {
  for (const std::string& name : names_) {
    const auto column = column_from_name(name);
    sources_.push_back(column ? Source{true, *column, {}}
                              : Source{false, Column::kBilledCost, name});
  }
}

std::string TableDataset::description() const {
  return description_;
}

core::Result<bool> TableDataset::next_batch(RowBatch* batch) {
  // Skip empty tables: a batch always has rows.
  do {
    OPTIMA_ASSIGN_OR_RETURN(current_, loader_());
    if (!current_) {
      return false;
    }
  } while (current_->num_rows() == 0);
  const Table& table = *current_;
  batch->first_row = rows_read_;
  batch->rows = table.num_rows();
  batch->source_lines.clear();
  batch->columns.resize(sources_.size());
  for (size_t i = 0; i < sources_.size(); ++i) {
    fill(table, sources_[i], &batch->columns[i]);
  }
  rows_read_ += table.num_rows();
  return true;
}

void TableDataset::fill(const Table& table, const Source& source, ColumnBatch* out) const {
  const size_t rows = table.num_rows();
  auto fill_strings = [&](const StringColumn* col) {
    out->reset(CellStorage::kString);
    out->nulls.resize(rows, 1);
    out->texts.resize(rows);
    if (col == nullptr) {
      return;
    }
    for (size_t r = 0; r < rows; ++r) {
      if (col->is_null(r)) {
        continue;
      }
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
      if (!present) {
        return;
      }
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
      if (!present) {
        return;
      }
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
      if (!present || tags.offsets.empty()) {
        return;
      }
      for (size_t r = 0; r < rows; ++r) {
        out->nulls[r] = tags.offsets[r] == tags.offsets[r + 1] ? 1 : 0;
      }
      out->render = [&table](size_t row) {
        return table.tags_json(row);
      };
      return;
    }
  }
}

}  // namespace optima::focus
