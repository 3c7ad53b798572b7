// TableDataset: our own FOCUS rows (focus::Table row groups) as a ConformanceDataset.
//
// Two ways to build one: from tables in memory (the columns are the FOCUS columns present in any
// table, in specification order, then the x_ extension columns by first appearance), or
// streaming from a loader (e.g. a store snapshot's row groups, one at a time) with the columns
// declared up front. A column a table lacks reads as null for that table's rows. Cells are typed
// (CellStorage::kString/kDecimal/kDateTime/kKeyValue, Tags as JSON), so type and format checks
// pass by construction and value checks compare typed values. Each table is one batch. Not
// thread-safe; the tables are shared read-only.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "optima/focus/conformance/conformance_dataset.h"
#include "optima/focus/table.h"

namespace optima::focus {

class TableDataset final : public ConformanceDataset {
 public:
  // Yields the next table, or nullptr after the last one.
  using TableLoader = std::function<core::Result<std::shared_ptr<const Table>>()>;

  explicit TableDataset(std::vector<std::shared_ptr<const Table>> tables);
  // Streams the loader's tables. `columns` are FOCUS column names and x_ extension names, as
  // the dataset should present them; `description` names the source in reports.
  TableDataset(std::vector<std::string> columns, TableLoader loader, std::string description);

  const std::vector<std::string>& column_names() const override { return names_; }
  core::Result<bool> next_batch(RowBatch* batch) override;
  uint64_t rows_read() const override { return rows_read_; }
  std::vector<std::string> notes() const override { return {}; }
  std::string description() const override;

 private:
  struct Source {
    bool focus = true;  // a FOCUS column, else an x_ extension
    Column column = Column::kBilledCost;
    std::string extension;
  };
  void fill(const Table& table, const Source& source, ColumnBatch* out) const;

  std::vector<std::string> names_;
  std::vector<Source> sources_;
  TableLoader loader_;
  std::string description_;
  std::shared_ptr<const Table> current_;  // the table of the last batch (its cells are viewed)
  uint64_t rows_read_ = 0;
};

}  // namespace optima::focus
