#include "optima/store/snapshot.h"

#include <fmt/format.h>

namespace optima::store {

Snapshot::Snapshot(std::vector<SnapshotPartition> partitions)
    : partitions_(std::move(partitions)) {
  for (size_t p = 0; p < partitions_.size(); ++p) {
    const SnapshotPartition& partition = partitions_[p];
    by_id_.emplace(partition.info.id, p);
    const SegmentFooter& footer = partition.segment->footer();
    for (size_t g = 0; g < footer.row_groups.size(); ++g) {
      RowGroupInfo info;
      info.partition_id = partition.info.id;
      info.index = static_cast<uint32_t>(g);
      info.rows = footer.row_groups[g].rows;
      info.min_charge_start = footer.row_groups[g].min_charge_start;
      info.max_charge_start = footer.row_groups[g].max_charge_start;
      groups_.push_back(info);
    }
  }
}

const SnapshotPartition* Snapshot::partition(int64_t id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &partitions_[it->second];
}

uint64_t Snapshot::total_rows() const {
  uint64_t rows = 0;
  for (const SnapshotPartition& p : partitions_) rows += p.segment->rows();
  return rows;
}

core::Result<std::shared_ptr<const focus::Table>> Snapshot::load(
    const RowGroupInfo& group, const ColumnSelection& columns) const {
  const SnapshotPartition* p = partition(group.partition_id);
  if (p == nullptr || group.index >= p->segment->row_group_count()) {
    return core::not_found(fmt::format("row group {} of partition {} is not in this snapshot",
                                       group.index, group.partition_id));
  }
  return p->segment->load(group.index, columns);
}

std::shared_ptr<const Snapshot> Snapshot::filter(
    const std::function<bool(const PartitionInfo&)>& keep) const {
  std::vector<SnapshotPartition> kept;
  for (const SnapshotPartition& p : partitions_) {
    if (keep(p.info)) kept.push_back(p);
  }
  return std::make_shared<const Snapshot>(std::move(kept));
}

}  // namespace optima::store
