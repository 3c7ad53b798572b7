#include "optima/store/row_group_encoder.h"

#include <algorithm>
#include <limits>
#include <set>

#include <fmt/format.h>
#include <zstd.h>

#include "optima/store/byte_stream.h"
#include "optima/store/decimal_encoding.h"
#include "optima/store/string_encoding.h"
#include "optima/store/tag_encoding.h"
#include "optima/store/time_encoding.h"

namespace optima::store {
namespace {

struct CompressionContext {
  CompressionContext() : context(ZSTD_createCCtx()) {}
  ~CompressionContext() { ZSTD_freeCCtx(context); }
  CompressionContext(const CompressionContext&) = delete;
  CompressionContext& operator=(const CompressionContext&) = delete;
  ZSTD_CCtx* context;
};

// zstd frames cost a few bytes of header; a chunk that does not shrink is stored raw.
core::Status seal_chunk(std::string_view name, const std::string& raw, int level, core::Sha256* hasher,
                        EncodedChunk* chunk) {
  if (raw.size() > kMaxChunkRawSize) {
    return core::invalid_argument(fmt::format("column {}: chunk of {} bytes is too large", name,
                                              raw.size()));
  }
  std::string header;
  ByteWriter w(&header);
  w.put_varint(name.size());
  w.put_bytes(name);
  w.put_u32(static_cast<uint32_t>(raw.size()));
  hasher->update(header);
  hasher->update(raw);

  thread_local CompressionContext zstd;
  chunk->raw_size = static_cast<uint32_t>(raw.size());
  chunk->stored.resize(ZSTD_compressBound(raw.size()));
  const size_t compressed = ZSTD_compressCCtx(zstd.context, chunk->stored.data(),
                                              chunk->stored.size(), raw.data(), raw.size(), level);
  if (ZSTD_isError(compressed) != 0) {
    return core::internal_error(
        fmt::format("column {}: zstd failed: {}", name, ZSTD_getErrorName(compressed)));
  }
  if (compressed < raw.size()) {
    chunk->stored.resize(compressed);
    chunk->compression = ChunkCompression::kZstd;
  } else {
    chunk->stored = raw;
    chunk->compression = ChunkCompression::kNone;
  }
  chunk->crc32 = checksum(chunk->stored);
  return core::Status::ok();
}

template <typename ColumnT, typename Get>
std::vector<ColumnSlice<ColumnT>> column_slices(const std::vector<TableSlice>& slices, Get get) {
  std::vector<ColumnSlice<ColumnT>> out;
  out.reserve(slices.size());
  for (const TableSlice& slice : slices) out.push_back({get(*slice.table), slice.begin, slice.end});
  return out;
}

core::Status encode_focus_column(const std::vector<TableSlice>& slices, focus::Column c,
                                 std::string* raw) {
  switch (focus::column_kind(c)) {
    case focus::ColumnKind::kString:
      return encode_string_chunk(
          column_slices<focus::StringColumn>(slices,
                                             [c](const focus::Table& t) {
                                               return t.present(c) ? &t.strings(c) : nullptr;
                                             }),
          raw);
    case focus::ColumnKind::kDecimal:
      break;  // encode_decimal_column: decimals may refer to each other
    case focus::ColumnKind::kDateTime:
      return encode_time_chunk(
          column_slices<focus::TimeColumn>(slices,
                                           [c](const focus::Table& t) {
                                             return t.present(c) ? &t.times(c) : nullptr;
                                           }),
          raw);
    case focus::ColumnKind::kTags:
      return encode_tag_chunk(
          column_slices<focus::TagColumn>(slices,
                                          [c](const focus::Table& t) {
                                            return t.present(c) ? &t.tags() : nullptr;
                                          }),
          raw);
  }
  return core::internal_error("unknown column kind");
}

// A decimal column already encoded standalone in this row group, which later decimal columns
// may be expressed against.
struct StandaloneDecimal {
  uint16_t key;
  DecimalValues values;
};

core::Status encode_decimal_column(const std::vector<TableSlice>& slices, focus::Column c,
                                   std::vector<StandaloneDecimal>* standalone, std::string* raw) {
  OPTIMA_ASSIGN_OR_RETURN(
      DecimalValues values,
      gather_decimals(column_slices<focus::DecimalColumn>(slices, [c](const focus::Table& t) {
        return t.present(c) ? &t.decimals(c) : nullptr;
      })));
  const StandaloneDecimal* best = nullptr;
  size_t best_equal = 0;
  for (const StandaloneDecimal& candidate : *standalone) {
    const size_t equal = count_equal_rows(values, candidate.values);
    if (equal > best_equal) {
      best = &candidate;
      best_equal = equal;
    }
  }
  // Referring pays off once at least half the rows repeat the other column.
  if (best != nullptr && 2 * best_equal >= values.size()) {
    encode_decimals_against(values, best->key, best->values, raw);
    return core::Status::ok();
  }
  encode_decimals(values, raw);
  standalone->push_back({static_cast<uint16_t>(focus::index_of(c)), std::move(values)});
  return core::Status::ok();
}

}  // namespace

core::Result<EncodedRowGroup> encode_row_group(const std::vector<TableSlice>& slices,
                                               int zstd_level) {
  EncodedRowGroup group;
  size_t rows = 0;
  for (const TableSlice& slice : slices) {
    if (slice.begin > slice.end || slice.end > slice.table->num_rows()) {
      return core::invalid_argument("row-group slice outside its table");
    }
    rows += slice.end - slice.begin;
  }
  if (rows == 0 || rows > kMaxRowGroupRows) {
    return core::invalid_argument(fmt::format("a row group needs 1..{} rows, got {}",
                                              kMaxRowGroupRows, rows));
  }
  group.rows = static_cast<uint32_t>(rows);

  group.min_charge_start = std::numeric_limits<int64_t>::max();
  group.max_charge_start = std::numeric_limits<int64_t>::min();
  for (const TableSlice& slice : slices) {
    if (!slice.table->present(focus::Column::kChargePeriodStart)) continue;
    const auto& seconds = slice.table->times(focus::Column::kChargePeriodStart).seconds;
    if (seconds.size() < slice.end) continue;  // reported by the column's own encoder
    for (size_t row = slice.begin; row < slice.end; ++row) {
      const int64_t t = seconds[row];
      if (t == focus::kNullTime) continue;
      group.min_charge_start = std::min(group.min_charge_start, t);
      group.max_charge_start = std::max(group.max_charge_start, t);
    }
  }

  core::Sha256 hasher;
  std::string rows_bytes;
  ByteWriter(&rows_bytes).put_u32(group.rows);
  hasher.update(rows_bytes);
  std::string raw;
  std::vector<StandaloneDecimal> standalone;
  for (const focus::ColumnInfo& info : focus::all_columns()) {
    const bool present = std::any_of(slices.begin(), slices.end(), [&](const TableSlice& s) {
      return s.table->present(info.column);
    });
    if (!present) continue;
    raw.clear();
    const core::Status encoded =
        info.kind == focus::ColumnKind::kDecimal
            ? encode_decimal_column(slices, info.column, &standalone, &raw)
            : encode_focus_column(slices, info.column, &raw);
    OPTIMA_RETURN_IF_ERROR(encoded.with_context(fmt::format("column {}", info.name)));
    EncodedChunk chunk;
    chunk.column = info.column;
    chunk.encoding = encoding_for(info.kind);
    OPTIMA_RETURN_IF_ERROR(seal_chunk(info.name, raw, zstd_level, &hasher, &chunk));
    group.chunks.push_back(std::move(chunk));
  }

  std::set<std::string> extensions;
  for (const TableSlice& slice : slices) {
    for (const focus::ExtensionColumn& ext : slice.table->extensions()) extensions.insert(ext.name);
  }
  for (const std::string& name : extensions) {
    if (name.empty()) return core::invalid_argument("an extension column has an empty name");
    const auto ext_slices =
        column_slices<focus::StringColumn>(slices, [&name](const focus::Table& t) {
          const focus::ExtensionColumn* ext = t.extension(name);
          return ext == nullptr ? nullptr : &ext->data;
        });
    raw.clear();
    OPTIMA_RETURN_IF_ERROR(
        encode_string_chunk(ext_slices, &raw).with_context(fmt::format("column {}", name)));
    EncodedChunk chunk;
    chunk.extension = name;
    chunk.encoding = ChunkEncoding::kString;
    OPTIMA_RETURN_IF_ERROR(seal_chunk(name, raw, zstd_level, &hasher, &chunk));
    group.chunks.push_back(std::move(chunk));
  }
  group.digest = hasher.finish();
  return group;
}

}  // namespace optima::store
