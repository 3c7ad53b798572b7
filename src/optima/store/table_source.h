// TableSource: the read side of the store as the query engine sees it.
//
// A source is an immutable set of row groups (each a focus::Table of up to ~16k rows of one
// partition). load() returns only the requested columns. The store's snapshot implements it;
// InMemoryTableSource holds tables directly (tests, validation of a file). Thread-safe: many
// queries may load concurrently.
#pragma once

#include <bitset>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "optima/core/status.h"
#include "optima/focus/table.h"

namespace optima::store {

// Which columns a query needs from a row group.
struct ColumnSelection {
  std::bitset<focus::kColumnCount> columns;  // FOCUS columns (Tags included via Column::kTags)
  bool all_extensions = false;               // every x_ column
  std::vector<std::string> extensions;       // or just these x_ columns

  static ColumnSelection all();
  void add(focus::Column c) { columns.set(focus::index_of(c)); }
  bool has(focus::Column c) const { return columns.test(focus::index_of(c)); }
};

struct RowGroupInfo {
  int64_t partition_id = 0;
  uint32_t index = 0;        // position within the partition
  uint32_t rows = 0;
  int64_t min_charge_start = 0;  // ChargePeriodStart bounds (UTC seconds) for pruning
  int64_t max_charge_start = 0;
};

class TableSource {
 public:
  virtual ~TableSource() = default;
  virtual const std::vector<RowGroupInfo>& row_groups() const = 0;
  // The row group's requested columns (others are not present()). Errors: DataLoss on a corrupt
  // segment, IoError.
  virtual core::Result<std::shared_ptr<const focus::Table>> load(
      const RowGroupInfo& group, const ColumnSelection& columns) const = 0;
};

// Tables held in memory, each one row group of partition 0 (or the given partition ids).
class InMemoryTableSource final : public TableSource {
 public:
  void add(std::shared_ptr<const focus::Table> table, int64_t partition_id = 0);
  const std::vector<RowGroupInfo>& row_groups() const override { return groups_; }
  core::Result<std::shared_ptr<const focus::Table>> load(
      const RowGroupInfo& group, const ColumnSelection& columns) const override;

 private:
  std::vector<RowGroupInfo> groups_;
  std::vector<std::shared_ptr<const focus::Table>> tables_;
};

}  // namespace optima::store
