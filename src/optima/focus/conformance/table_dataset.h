// TableDataset: our own FOCUS rows (focus::Table row groups) as a ConformanceDataset.
//
// Columns are the FOCUS columns present in any table (specification order; Tags as JSON), then
// the x_ extension columns by first appearance. A column a table lacks reads as null for that
// table's rows. Cells are typed (CellStorage::kString/kDecimal/kDateTime/kKeyValue), so type and
// format checks pass by construction and value checks compare typed values. Each table is one
// batch. Not thread-safe; the tables are shared read-only.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "optima/focus/conformance/conformance_dataset.h"
#include "optima/focus/table.h"

namespace optima::focus {

class TableDataset final : public ConformanceDataset {
 public:
  explicit TableDataset(std::vector<std::shared_ptr<const Table>> tables);

  const std::vector<std::string>& column_names() const override { return names_; }
  core::Result<bool> next_batch(RowBatch* batch) override;
  uint64_t rows_read() const override { return rows_read_; }
  std::vector<std::string> notes() const override { return {}; }
  std::string description() const override;

 private:
  struct Source {
    bool focus = true;    // a FOCUS column, else an x_ extension
    Column column = Column::kBilledCost;
    std::string extension;
  };
  void fill(const Table& table, const Source& source, ColumnBatch* out) const;

  std::vector<std::shared_ptr<const Table>> tables_;
  std::vector<std::string> names_;
  std::vector<Source> sources_;
  size_t next_table_ = 0;
  uint64_t rows_read_ = 0;
};

}  // namespace optima::focus
