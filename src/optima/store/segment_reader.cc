#include "optima/store/segment_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include <fmt/format.h>
#include <zstd.h>

#include "optima/store/decimal_encoding.h"
#include "optima/store/errno_message.h"
#include "optima/store/string_encoding.h"
#include "optima/store/tag_encoding.h"
#include "optima/store/time_encoding.h"

namespace optima::store {
namespace {

std::atomic<uint64_t> next_reader_id{1};

struct DecompressionContext {
  DecompressionContext() : context(ZSTD_createDCtx()) {}
  ~DecompressionContext() { ZSTD_freeDCtx(context); }
  DecompressionContext(const DecompressionContext&) = delete;
  DecompressionContext& operator=(const DecompressionContext&) = delete;
  ZSTD_DCtx* context;
};

// Reads exactly bytes.size() bytes at offset. Errors: IoError; DataLoss when the file ends first.
core::Status pread_exact(int fd, uint64_t offset, std::string* bytes) {
  size_t done = 0;
  while (done < bytes->size()) {
    const ssize_t n = ::pread(fd, bytes->data() + done, bytes->size() - done,
                              static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return core::io_error(std::string("read failed: ") + errno_message(errno));
    }
    if (n == 0) return core::data_loss("file is truncated");
    done += static_cast<size_t>(n);
  }
  return core::Status::ok();
}

const ChunkEntry* find_chunk(const RowGroupEntry& group, uint16_t key) {
  const auto it = std::lower_bound(
      group.chunks.begin(), group.chunks.end(), key,
      [](const ChunkEntry& entry, uint16_t k) { return entry.column_key < k; });
  return it != group.chunks.end() && it->column_key == key ? &*it : nullptr;
}

DecodedColumn null_column(focus::ColumnKind kind, size_t rows) {
  switch (kind) {
    case focus::ColumnKind::kString: {
      focus::StringColumn c;
      c.codes.assign(rows, 0);
      c.dictionary.emplace_back();
      return c;
    }
    case focus::ColumnKind::kDecimal: {
      focus::DecimalColumn c;
      c.values.assign(rows, core::Decimal());
      c.nulls.assign(rows, 1);
      return c;
    }
    case focus::ColumnKind::kDateTime: {
      focus::TimeColumn c;
      c.seconds.assign(rows, focus::kNullTime);
      return c;
    }
    case focus::ColumnKind::kTags: break;
  }
  focus::TagColumn c;
  c.offsets.assign(rows + 1, 0);
  c.key_dictionary.emplace_back();
  c.value_dictionary.emplace_back();
  return c;
}

// Moves a decoded column into the table. False when its type does not match the column.
bool assign(DecodedColumn&& decoded, focus::Column c, focus::Table* table) {
  switch (focus::column_kind(c)) {
    case focus::ColumnKind::kString:
      if (auto* v = std::get_if<focus::StringColumn>(&decoded)) {
        table->mutable_strings(c) = std::move(*v);
        return true;
      }
      return false;
    case focus::ColumnKind::kDecimal:
      if (auto* v = std::get_if<focus::DecimalColumn>(&decoded)) {
        table->mutable_decimals(c) = std::move(*v);
        return true;
      }
      return false;
    case focus::ColumnKind::kDateTime:
      if (auto* v = std::get_if<focus::TimeColumn>(&decoded)) {
        table->mutable_times(c) = std::move(*v);
        return true;
      }
      return false;
    case focus::ColumnKind::kTags:
      if (auto* v = std::get_if<focus::TagColumn>(&decoded)) {
        table->mutable_tags() = std::move(*v);
        return true;
      }
      return false;
  }
  return false;
}

}  // namespace

core::Result<std::shared_ptr<SegmentReader>> SegmentReader::open(
    const std::filesystem::path& path, std::shared_ptr<ChunkCache> cache) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const std::string message = fmt::format("cannot open segment {}: {}", path.string(),
                                            errno_message(errno));
    return errno == ENOENT ? core::not_found(message) : core::io_error(message);
  }
  // The reader owns fd from here on; an error path closes it through this guard.
  struct Guard {
    int fd;
    ~Guard() {
      if (fd >= 0) ::close(fd);
    }
  } guard{fd};
  const auto context = [&path](const core::Status& s) {
    return s.with_context(fmt::format("segment {}", path.string()));
  };
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    return core::io_error(fmt::format("cannot stat {}: {}", path.string(), errno_message(errno)));
  }
  const auto size = static_cast<uint64_t>(st.st_size);
  if (size < kSegmentHeaderSize + kSegmentTrailerSize) {
    return context(core::data_loss(fmt::format("truncated: {} bytes", size)));
  }
  std::string header(kSegmentHeaderSize, '\0');
  std::string trailer_bytes(kSegmentTrailerSize, '\0');
  if (auto s = pread_exact(fd, 0, &header); !s.is_ok()) return context(s);
  if (auto s = check_header(header); !s.is_ok()) return context(s);
  if (auto s = pread_exact(fd, size - kSegmentTrailerSize, &trailer_bytes); !s.is_ok()) {
    return context(s);
  }
  auto trailer = decode_trailer(trailer_bytes);
  if (!trailer.is_ok()) return context(trailer.status());
  if (trailer->footer_offset < kSegmentHeaderSize ||
      trailer->footer_offset + trailer->footer_size + kSegmentTrailerSize != size) {
    return context(core::data_loss(fmt::format(
        "footer at {} ({} bytes) does not end where the trailer starts (file of {} bytes)",
        trailer->footer_offset, trailer->footer_size, size)));
  }
  std::string footer_bytes(trailer->footer_size, '\0');
  if (auto s = pread_exact(fd, trailer->footer_offset, &footer_bytes); !s.is_ok()) {
    return context(s);
  }
  if (const uint32_t crc = checksum(footer_bytes); crc != trailer->footer_crc32) {
    return context(core::data_loss(fmt::format(
        "footer checksum mismatch (stored {:08x}, computed {:08x})", trailer->footer_crc32, crc)));
  }
  auto footer = decode_footer(footer_bytes, trailer->footer_offset);
  if (!footer.is_ok()) return context(footer.status());
  guard.fd = -1;
  return std::shared_ptr<SegmentReader>(
      new SegmentReader(path, fd, size, std::move(footer).value(), std::move(cache)));
}

SegmentReader::SegmentReader(std::filesystem::path path, int fd, uint64_t file_bytes,
                             SegmentFooter footer, std::shared_ptr<ChunkCache> cache)
    : path_(std::move(path)),
      fd_(fd),
      file_bytes_(file_bytes),
      footer_(std::move(footer)),
      cache_(std::move(cache)),
      id_(next_reader_id.fetch_add(1)) {}

SegmentReader::~SegmentReader() {
  ::close(fd_);
  if (cache_) cache_->erase_segment(id_);
  if (delete_on_close_.load()) {
    std::error_code ignored;  // already gone is fine: another process cleaned up
    std::filesystem::remove(path_, ignored);
  }
}

core::Status SegmentReader::chunk_error(uint32_t group, const ChunkEntry& entry,
                                        const core::Status& s) const {
  return s.with_context(fmt::format("segment {}: row group {}, column {}", path_.string(), group,
                                    column_key_name(entry.column_key, footer_.extensions)));
}

core::Result<std::string> SegmentReader::read_raw(uint32_t group, const ChunkEntry& entry) const {
  std::string stored(entry.stored_size, '\0');
  if (auto s = pread_exact(fd_, entry.offset, &stored); !s.is_ok()) {
    return chunk_error(group, entry, s);
  }
  if (const uint32_t crc = checksum(stored); crc != entry.crc32) {
    return chunk_error(group, entry,
                       core::data_loss(fmt::format("checksum mismatch (stored {:08x}, computed "
                                                   "{:08x})",
                                                   entry.crc32, crc)));
  }
  if (entry.compression == ChunkCompression::kNone) return stored;
  thread_local DecompressionContext zstd;
  std::string raw(entry.raw_size, '\0');
  const size_t n =
      ZSTD_decompressDCtx(zstd.context, raw.data(), raw.size(), stored.data(), stored.size());
  if (ZSTD_isError(n) != 0 || n != raw.size()) {
    return chunk_error(group, entry,
                       core::data_loss(fmt::format("cannot decompress: {}",
                                                   ZSTD_isError(n) != 0 ? ZSTD_getErrorName(n)
                                                                        : "size mismatch")));
  }
  return raw;
}

core::Result<std::shared_ptr<const DecodedChunk>> SegmentReader::chunk(uint32_t group,
                                                                      const ChunkEntry& entry,
                                                                      bool use_cache) const {
  const ChunkKey key{id_, group, entry.column_key};
  if (use_cache && cache_) {
    if (auto hit = cache_->find(key)) return hit;
  }
  OPTIMA_ASSIGN_OR_RETURN(const std::string raw, read_raw(group, entry));
  const RowGroupEntry& group_entry = footer_.row_groups[group];
  const size_t rows = group_entry.rows;
  auto fresh = std::make_shared<DecodedChunk>();
  const auto decoded = [&](auto result) -> core::Status {
    if (!result.is_ok()) return chunk_error(group, entry, result.status());
    fresh->column = std::move(result).value();
    return core::Status::ok();
  };
  switch (entry.encoding) {
    case ChunkEncoding::kString: OPTIMA_RETURN_IF_ERROR(decoded(decode_string_chunk(raw, rows))); break;
    case ChunkEncoding::kTime: OPTIMA_RETURN_IF_ERROR(decoded(decode_time_chunk(raw, rows))); break;
    case ChunkEncoding::kTags: OPTIMA_RETURN_IF_ERROR(decoded(decode_tag_chunk(raw, rows))); break;
    case ChunkEncoding::kDecimal: {
      auto reference_key = decimal_chunk_reference(raw);
      if (!reference_key.is_ok()) return chunk_error(group, entry, reference_key.status());
      if (!reference_key->has_value()) {
        OPTIMA_RETURN_IF_ERROR(decoded(decode_decimal_chunk(raw, rows)));
        break;
      }
      // A chunk stored against an earlier decimal column of the group: decode that one first.
      // Keys strictly decrease along the way, so this recursion ends.
      const ChunkEntry* base = find_chunk(group_entry, **reference_key);
      if (base == nullptr || base->column_key >= entry.column_key ||
          base->encoding != ChunkEncoding::kDecimal) {
        return chunk_error(group, entry,
                           core::data_loss(fmt::format("refers to {}, not an earlier decimal chunk",
                                                       column_key_name(**reference_key,
                                                                       footer_.extensions))));
      }
      OPTIMA_ASSIGN_OR_RETURN(auto base_chunk, chunk(group, *base, use_cache));
      OPTIMA_RETURN_IF_ERROR(decoded(decode_decimal_chunk(
          raw, rows, &std::get<focus::DecimalColumn>(base_chunk->column))));
      break;
    }
  }
  fresh->bytes = footprint(fresh->column);
  if (use_cache && cache_) cache_->insert(key, fresh);
  return std::shared_ptr<const DecodedChunk>(std::move(fresh));
}

core::Result<std::shared_ptr<const focus::Table>> SegmentReader::load(
    uint32_t index, const ColumnSelection& columns) const {
  if (index >= footer_.row_groups.size()) {
    return core::invalid_argument(fmt::format("segment {} has {} row groups, no group {}",
                                              path_.string(), footer_.row_groups.size(), index));
  }
  const RowGroupEntry& group = footer_.row_groups[index];
  auto table = std::make_shared<focus::Table>();
  table->set_num_rows(group.rows);
  // A chunk the cache keeps is shared: the table gets a copy. One nobody else holds (no cache,
  // too big for it, or already evicted) is moved; chunk() creates every DecodedChunk non-const,
  // so the const_cast is sound.
  const auto take = [](std::shared_ptr<const DecodedChunk>&& chunk) -> DecodedColumn {
    if (chunk.use_count() == 1) return std::move(const_cast<DecodedChunk&>(*chunk).column);
    return chunk->column;
  };
  for (const focus::ColumnInfo& info : focus::all_columns()) {
    const size_t c = focus::index_of(info.column);
    if (!columns.columns.test(c) || !footer_.columns.test(c)) continue;
    table->set_present(info.column, true);
    const ChunkEntry* entry = find_chunk(group, static_cast<uint16_t>(c));
    DecodedColumn decoded;
    if (entry == nullptr) {
      decoded = null_column(info.kind, group.rows);
    } else {
      OPTIMA_ASSIGN_OR_RETURN(auto shared, chunk(index, *entry, true));
      decoded = take(std::move(shared));
    }
    if (!assign(std::move(decoded), info.column, table.get())) {
      return core::data_loss(fmt::format("segment {}: row group {}, column {}: wrong chunk type",
                                         path_.string(), index, info.name));
    }
  }
  for (size_t e = 0; e < footer_.extensions.size(); ++e) {
    const std::string& name = footer_.extensions[e];
    if (!columns.all_extensions && std::find(columns.extensions.begin(), columns.extensions.end(),
                                             name) == columns.extensions.end()) {
      continue;
    }
    focus::ExtensionColumn ext;
    ext.name = name;
    const ChunkEntry* entry = find_chunk(group, extension_key(e));
    DecodedColumn decoded;
    if (entry == nullptr) {
      decoded = null_column(focus::ColumnKind::kString, group.rows);
    } else {
      OPTIMA_ASSIGN_OR_RETURN(auto shared, chunk(index, *entry, true));
      decoded = take(std::move(shared));
    }
    auto* strings = std::get_if<focus::StringColumn>(&decoded);
    if (strings == nullptr) {
      return core::data_loss(fmt::format("segment {}: row group {}, column {}: wrong chunk type",
                                         path_.string(), index, name));
    }
    ext.data = std::move(*strings);
    table->mutable_extensions().push_back(std::move(ext));
  }
  return std::shared_ptr<const focus::Table>(std::move(table));
}

core::Status SegmentReader::verify() const {
  for (uint32_t g = 0; g < footer_.row_groups.size(); ++g) {
    for (const ChunkEntry& entry : footer_.row_groups[g].chunks) {
      OPTIMA_RETURN_IF_ERROR(chunk(g, entry, false).status());
    }
  }
  return core::Status::ok();
}

}  // namespace optima::store
