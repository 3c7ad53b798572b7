#include "optima/store/segment_writer.h"

#include <unistd.h>

#include <cerrno>

#include <fmt/format.h>

#include "optima/store/byte_stream.h"
#include "optima/store/errno_message.h"

namespace optima::store {

SegmentWriter::SegmentWriter(int fd, std::string path, SegmentWriterOptions options)
    : fd_(fd), path_(std::move(path)), options_(options) {
  if (options_.row_group_rows == 0 || options_.row_group_rows > kMaxRowGroupRows) {
    options_.row_group_rows = 65536;
  }
  if (options_.max_groups_in_flight == 0) {
    options_.max_groups_in_flight = options_.pool == nullptr ? 1 : 2 * options_.pool->size();
  }
}

SegmentWriter::~SegmentWriter() {
  for (InFlight& job : in_flight_) job.done.wait();
}

core::Status SegmentWriter::fail(core::Status status) {
  if (error_.is_ok()) error_ = std::move(status);
  return error_;
}

core::Status SegmentWriter::append(focus::Table table) {
  return append(std::make_shared<const focus::Table>(std::move(table)));
}

core::Status SegmentWriter::append(std::shared_ptr<const focus::Table> table) {
  if (!error_.is_ok()) return error_;
  for (const focus::ColumnInfo& info : focus::all_columns()) {
    if (table->present(info.column)) columns_.set(focus::index_of(info.column));
  }
  for (const focus::ExtensionColumn& ext : table->extensions()) extensions_.insert(ext.name);
  const size_t rows = table->num_rows();
  rows_appended_ += rows;
  size_t begin = 0;
  while (begin < rows) {
    const size_t take = std::min(rows - begin, options_.row_group_rows - pending_rows_);
    pending_.push_back({table, begin, begin + take});
    pending_rows_ += take;
    begin += take;
    if (pending_rows_ == options_.row_group_rows) OPTIMA_RETURN_IF_ERROR(dispatch());
  }
  return core::Status::ok();
}

core::Status SegmentWriter::dispatch() {
  std::vector<TableSlice> slices = std::move(pending_);
  pending_.clear();
  pending_rows_ = 0;
  if (options_.pool == nullptr) {
    auto group = encode_row_group(slices, options_.zstd_level);
    if (!group.is_ok()) return fail(group.status().with_context(path_));
    return write_group(std::move(group).value());
  }
  auto slot = std::make_shared<EncodedRowGroup>();
  const int level = options_.zstd_level;
  auto done = options_.pool->submit([slices = std::move(slices), slot, level]() -> core::Status {
    OPTIMA_ASSIGN_OR_RETURN(*slot, encode_row_group(slices, level));
    return core::Status::ok();
  });
  in_flight_.push_back({std::move(done), std::move(slot)});
  while (in_flight_.size() > options_.max_groups_in_flight) OPTIMA_RETURN_IF_ERROR(drain_one());
  return core::Status::ok();
}

core::Status SegmentWriter::drain_one() {
  InFlight job = std::move(in_flight_.front());
  in_flight_.pop_front();
  const core::Status status = job.done.get();
  if (!status.is_ok()) return fail(status.with_context(path_));
  return write_group(std::move(*job.group));
}

core::Status SegmentWriter::write_bytes(std::string_view bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(core::io_error(fmt::format("cannot write {}: {}", path_, errno_message(errno))));
    }
    done += static_cast<size_t>(n);
  }
  offset_ += bytes.size();
  return core::Status::ok();
}

core::Status SegmentWriter::write_group(EncodedRowGroup group) {
  if (offset_ == 0) OPTIMA_RETURN_IF_ERROR(write_bytes(encode_header()));
  WrittenGroup written;
  written.entry.rows = group.rows;
  written.entry.min_charge_start = group.min_charge_start;
  written.entry.max_charge_start = group.max_charge_start;
  written.digest = group.digest;
  for (EncodedChunk& chunk : group.chunks) {
    WrittenChunk out;
    out.column = chunk.column;
    out.extension = std::move(chunk.extension);
    out.entry.encoding = chunk.encoding;
    out.entry.compression = chunk.compression;
    out.entry.offset = offset_;
    out.entry.stored_size = static_cast<uint32_t>(chunk.stored.size());
    out.entry.raw_size = chunk.raw_size;
    out.entry.crc32 = chunk.crc32;
    OPTIMA_RETURN_IF_ERROR(write_bytes(chunk.stored));
    written.chunks.push_back(std::move(out));
  }
  written_.push_back(std::move(written));
  return core::Status::ok();
}

core::Result<SegmentSummary> SegmentWriter::finish() {
  if (!error_.is_ok()) return error_;
  if (pending_rows_ > 0) OPTIMA_RETURN_IF_ERROR(dispatch());
  while (!in_flight_.empty()) OPTIMA_RETURN_IF_ERROR(drain_one());
  if (offset_ == 0) OPTIMA_RETURN_IF_ERROR(write_bytes(encode_header()));

  if (extensions_.size() >= kExtensionKeyBit) {
    return fail(core::invalid_argument(
        fmt::format("{}: {} extension columns, more than a segment holds", path_,
                    extensions_.size())));
  }
  SegmentFooter footer;
  footer.columns = columns_;
  footer.extensions.assign(extensions_.begin(), extensions_.end());
  // The content hash covers what the rows are, not where they sit in the file: the schema,
  // then every row group's digest of its raw chunks.
  core::Sha256 hasher;
  std::string schema;
  ByteWriter schema_writer(&schema);
  schema_writer.put_u32(kSegmentFormatVersion);
  schema_writer.put_u64(columns_.to_ullong());
  schema_writer.put_varint(footer.extensions.size());
  for (const std::string& name : footer.extensions) {
    schema_writer.put_varint(name.size());
    schema_writer.put_bytes(name);
  }
  hasher.update(schema);
  for (WrittenGroup& group : written_) {
    for (WrittenChunk& chunk : group.chunks) {
      if (chunk.column.has_value()) {
        chunk.entry.column_key = static_cast<uint16_t>(focus::index_of(*chunk.column));
      } else {
        const auto it = std::lower_bound(footer.extensions.begin(), footer.extensions.end(),
                                         chunk.extension);
        chunk.entry.column_key =
            extension_key(static_cast<size_t>(it - footer.extensions.begin()));
      }
      group.entry.chunks.push_back(chunk.entry);
    }
    footer.total_rows += group.entry.rows;
    hasher.update(std::string_view(reinterpret_cast<const char*>(group.digest.data()),
                                   group.digest.size()));
    footer.row_groups.push_back(std::move(group.entry));
  }
  footer.content_hash = hasher.finish();

  const std::string footer_bytes = encode_footer(footer);
  SegmentTrailer trailer;
  trailer.footer_offset = offset_;
  trailer.footer_size = static_cast<uint32_t>(footer_bytes.size());
  trailer.footer_crc32 = checksum(footer_bytes);
  OPTIMA_RETURN_IF_ERROR(write_bytes(footer_bytes));
  OPTIMA_RETURN_IF_ERROR(write_bytes(encode_trailer(trailer)));
  if (::fsync(fd_) != 0) {
    return fail(core::io_error(fmt::format("fsync {}: {}", path_, errno_message(errno))));
  }
  SegmentSummary summary;
  summary.rows = footer.total_rows;
  summary.bytes = offset_;
  summary.row_groups = static_cast<uint32_t>(footer.row_groups.size());
  summary.content_hash = core::to_hex(footer.content_hash);
  return summary;
}

}  // namespace optima::store
