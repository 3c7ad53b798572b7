// Snapshot: an immutable view of the store's current partitions, as the query engine reads it.
//
// A snapshot pins the segment readers of the partition versions current when it was taken: a
// later commit (in this or another process) never changes what it returns, and a superseded
// segment is deleted only after the last snapshot holding it is gone. Row groups are listed
// partition by partition (by source, then period). Thread-safe: share it as
// std::shared_ptr<const Snapshot> across queries.
#pragma once

#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include "optima/store/catalog_records.h"
#include "optima/store/segment_reader.h"
#include "optima/store/table_source.h"

namespace optima::store {

struct SnapshotPartition {
  PartitionInfo info;
  std::shared_ptr<SegmentReader> segment;
};

class Snapshot final : public TableSource {
 public:
  explicit Snapshot(std::vector<SnapshotPartition> partitions);

  const std::vector<RowGroupInfo>& row_groups() const override { return groups_; }
  // Errors: NotFound for a group of another snapshot; DataLoss / IoError from the segment.
  core::Result<std::shared_ptr<const focus::Table>> load(
      const RowGroupInfo& group, const ColumnSelection& columns) const override;

  const std::vector<SnapshotPartition>& partitions() const { return partitions_; }
  // The partition with this id, or nullptr.
  const SnapshotPartition* partition(int64_t id) const;
  uint64_t total_rows() const;
  // A snapshot of only the partitions `keep` accepts (e.g. one partition to validate).
  std::shared_ptr<const Snapshot> filter(
      const std::function<bool(const PartitionInfo&)>& keep) const;

 private:
  std::vector<SnapshotPartition> partitions_;
  std::unordered_map<int64_t, size_t> by_id_;
  std::vector<RowGroupInfo> groups_;
};

}  // namespace optima::store
