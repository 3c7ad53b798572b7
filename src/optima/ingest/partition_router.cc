#include "optima/ingest/partition_router.h"

#include <fmt/format.h>

#include "optima/focus/table_slice.h"

namespace optima::ingest {

using focus::Column;

PartitionRouter::PartitionRouter(store::Store& store, std::string source,
                                 std::function<void(uint64_t)> on_progress)
    : store_(store), source_(std::move(source)), on_progress_(std::move(on_progress)) {}

core::Result<store::PartitionWriter*> PartitionRouter::writer_for(const core::Period& period) {
  auto it = writers_.find(period);
  if (it != writers_.end()) return it->second.get();
  OPTIMA_ASSIGN_OR_RETURN(auto writer, store_.begin_partition(source_, period));
  store::PartitionWriter* raw = writer.get();
  writers_.emplace(period, std::move(writer));
  return raw;
}

core::Status PartitionRouter::consume(focus::Table table) {
  const size_t n = table.num_rows();
  if (n == 0) return core::Status::ok();
  const bool has_start = table.present(Column::kBillingPeriodStart);
  const bool has_end = table.present(Column::kBillingPeriodEnd);
  const bool has_charge = table.present(Column::kChargePeriodStart);
  // Period per row; most tables hold one period, so detect that and append whole.
  std::vector<core::Period> periods(n);
  for (size_t r = 0; r < n; ++r) {
    const int64_t start = has_start ? table.times(Column::kBillingPeriodStart).seconds[r] : focus::kNullTime;
    const int64_t end = has_end ? table.times(Column::kBillingPeriodEnd).seconds[r] : focus::kNullTime;
    if (start != focus::kNullTime && end != focus::kNullTime && start < end) {
      periods[r] = {{start}, {end}};
      continue;
    }
    const int64_t charge = has_charge ? table.times(Column::kChargePeriodStart).seconds[r] : focus::kNullTime;
    if (charge == focus::kNullTime) {
      return core::invalid_argument(fmt::format(
          "row {} of a batch has no billing period and no ChargePeriodStart to place it by", r + 1));
    }
    periods[r] = core::month_of({charge});
  }
  bool single = true;
  for (size_t r = 1; r < n && single; ++r) single = periods[r] == periods[0];
  if (single) {
    OPTIMA_ASSIGN_OR_RETURN(store::PartitionWriter * writer, writer_for(periods[0]));
    OPTIMA_RETURN_IF_ERROR(writer->append(std::move(table)));
  } else {
    std::map<core::Period, std::vector<uint32_t>> rows_by_period;
    for (size_t r = 0; r < n; ++r) rows_by_period[periods[r]].push_back(static_cast<uint32_t>(r));
    for (const auto& [period, rows] : rows_by_period) {
      OPTIMA_ASSIGN_OR_RETURN(store::PartitionWriter * writer, writer_for(period));
      OPTIMA_RETURN_IF_ERROR(writer->append(focus::take_rows(table, rows)));
    }
  }
  rows_ += n;
  if (on_progress_) on_progress_(rows_);
  return core::Status::ok();
}

core::Result<std::vector<store::PendingPartition>> PartitionRouter::finish() {
  std::vector<store::PendingPartition> pending;
  for (auto& [period, writer] : writers_) {
    OPTIMA_ASSIGN_OR_RETURN(store::PendingPartition p, writer->finish());
    pending.push_back(std::move(p));
  }
  writers_.clear();
  return pending;
}

}  // namespace optima::ingest
