// PartitionRouter: a TableSink that splits incoming rows by billing period and appends them to
// one store::PartitionWriter per (source, period).
//
// A row's period is [BillingPeriodStart, BillingPeriodEnd); a row without them falls back to
// the UTC calendar month of its ChargePeriodStart. Not thread-safe.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "optima/ingest/reader.h"
#include "optima/store/store.h"

namespace optima::ingest {

class PartitionRouter final : public TableSink {
 public:
  PartitionRouter(store::Store& store, std::string source,
                  std::function<void(uint64_t)> on_progress);

  core::Status consume(focus::Table table) override;
  uint64_t rows() const { return rows_; }
  // Finishes every writer (segments durable on disk). Requires: called once.
  core::Result<std::vector<store::PendingPartition>> finish();

 private:
  core::Result<store::PartitionWriter*> writer_for(const core::Period& period);

  store::Store& store_;
  std::string source_;
  std::function<void(uint64_t)> on_progress_;
  std::map<core::Period, std::unique_ptr<store::PartitionWriter>> writers_;
  uint64_t rows_ = 0;
};

}  // namespace optima::ingest
