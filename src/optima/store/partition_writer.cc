#include "optima/store/partition_writer.h"

#include <system_error>

namespace optima::store {
namespace {

void remove_file(const std::filesystem::path& path) {
  std::error_code ignored;  // best effort: a later Store::open() sweeps what is left
  std::filesystem::remove(path, ignored);
}

}  // namespace

PendingPartition::~PendingPartition() {
  if (!committed_ && file_.fd.valid()) remove_file(file_.path);
}

PartitionWriter::PartitionWriter(std::string source, core::Period period, LockedFile file,
                                 SegmentWriterOptions options)
    : source_(std::move(source)), period_(period), file_(std::move(file)) {
  writer_ = std::make_unique<SegmentWriter>(file_.fd.get(), file_.path.string(), options);
}

PartitionWriter::~PartitionWriter() {
  writer_.reset();  // waits for row groups still encoding
  if (!finished_ && file_.fd.valid()) remove_file(file_.path);
}

core::Status PartitionWriter::append(focus::Table table) {
  return writer_->append(std::move(table));
}

core::Status PartitionWriter::append(std::shared_ptr<const focus::Table> table) {
  return writer_->append(std::move(table));
}

core::Result<PendingPartition> PartitionWriter::finish() {
  if (finished_) return core::failed_precondition("PartitionWriter::finish() called twice");
  OPTIMA_ASSIGN_OR_RETURN(SegmentSummary summary, writer_->finish());
  finished_ = true;
  return PendingPartition(source_, period_, std::move(file_), std::move(summary));
}

}  // namespace optima::store
