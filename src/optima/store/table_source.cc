#include "optima/store/table_source.h"

#include <algorithm>
#include <limits>

namespace optima::store {

ColumnSelection ColumnSelection::all() {
  ColumnSelection s;
  s.columns.set();
  s.all_extensions = true;
  return s;
}

void InMemoryTableSource::add(std::shared_ptr<const focus::Table> table, int64_t partition_id) {
  RowGroupInfo info;
  info.partition_id = partition_id;
  info.index = static_cast<uint32_t>(tables_.size());
  info.rows = static_cast<uint32_t>(table->num_rows());
  info.min_charge_start = std::numeric_limits<int64_t>::max();
  info.max_charge_start = std::numeric_limits<int64_t>::min();
  if (table->present(focus::Column::kChargePeriodStart)) {
    for (int64_t t : table->times(focus::Column::kChargePeriodStart).seconds) {
      if (t == focus::kNullTime) continue;
      info.min_charge_start = std::min(info.min_charge_start, t);
      info.max_charge_start = std::max(info.max_charge_start, t);
    }
  }
  groups_.push_back(info);
  tables_.push_back(std::move(table));
}

core::Result<std::shared_ptr<const focus::Table>> InMemoryTableSource::load(
    const RowGroupInfo& group, const ColumnSelection& /*columns*/) const {
  // In memory every column is already loaded; callers only read what they asked for.
  if (group.index >= tables_.size()) return core::not_found("no such row group");
  return tables_[group.index];
}

}  // namespace optima::store
