#include "optima/store/segment_format.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>
#include <zlib.h>

#include "optima/store/byte_stream.h"

namespace optima::store {

ChunkEncoding encoding_for(focus::ColumnKind kind) {
  switch (kind) {
    case focus::ColumnKind::kString: return ChunkEncoding::kString;
    case focus::ColumnKind::kDecimal: return ChunkEncoding::kDecimal;
    case focus::ColumnKind::kDateTime: return ChunkEncoding::kTime;
    case focus::ColumnKind::kTags: return ChunkEncoding::kTags;
  }
  return ChunkEncoding::kString;
}

uint32_t checksum(std::string_view bytes) {
  return static_cast<uint32_t>(
      crc32_z(0, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size()));
}

std::string column_key_name(uint16_t key, const std::vector<std::string>& extensions) {
  if (is_extension_key(key)) {
    const size_t index = key & ~kExtensionKeyBit;
    if (index < extensions.size()) return extensions[index];
  } else if (key < focus::kColumnCount) {
    return std::string(focus::column_name(static_cast<focus::Column>(key)));
  }
  return fmt::format("column key {:#x}", key);
}

std::string encode_footer(const SegmentFooter& footer) {
  std::string out;
  ByteWriter w(&out);
  w.put_u32(kSegmentFormatVersion);
  w.put_u64(footer.total_rows);
  w.put_u64(footer.columns.to_ullong());
  w.put_varint(footer.extensions.size());
  for (const std::string& name : footer.extensions) {
    w.put_varint(name.size());
    w.put_bytes(name);
  }
  w.put_bytes(std::string_view(reinterpret_cast<const char*>(footer.content_hash.data()),
                               footer.content_hash.size()));
  w.put_varint(footer.row_groups.size());
  for (const RowGroupEntry& group : footer.row_groups) {
    w.put_varint(group.rows);
    w.put_i64(group.min_charge_start);
    w.put_i64(group.max_charge_start);
    w.put_varint(group.chunks.size());
    for (const ChunkEntry& chunk : group.chunks) {
      w.put_u16(chunk.column_key);
      w.put_u8(static_cast<uint8_t>(chunk.encoding));
      w.put_u8(static_cast<uint8_t>(chunk.compression));
      w.put_u64(chunk.offset);
      w.put_u32(chunk.stored_size);
      w.put_u32(chunk.raw_size);
      w.put_u32(chunk.crc32);
    }
  }
  return out;
}

core::Result<SegmentFooter> decode_footer(std::string_view bytes, uint64_t data_end) {
  ByteReader r(bytes);
  SegmentFooter footer;
  const uint32_t version = r.get_u32();
  if (r.ok() && version != kSegmentFormatVersion) {
    return core::failed_precondition(
        fmt::format("segment format version {} is not supported (this build reads {})", version,
                    kSegmentFormatVersion));
  }
  footer.total_rows = r.get_u64();
  const uint64_t column_bits = r.get_u64();
  if (!r.ok() || (column_bits >> focus::kColumnCount) != 0) {
    return core::data_loss("footer: bad column set");
  }
  footer.columns = std::bitset<focus::kColumnCount>(column_bits);
  const uint64_t extension_count = r.get_varint();
  if (!r.ok() || extension_count > r.remaining() || extension_count >= kExtensionKeyBit) {
    return core::data_loss("footer: bad extension count");
  }
  for (uint64_t i = 0; i < extension_count; ++i) {
    const uint64_t length = r.get_varint();
    const std::string_view name = r.get_bytes(length);
    if (!r.ok() || name.empty()) return core::data_loss("footer: bad extension name");
    if (!footer.extensions.empty() && name <= footer.extensions.back()) {
      return core::data_loss("footer: extension names not sorted and unique");
    }
    footer.extensions.emplace_back(name);
  }
  const std::string_view hash = r.get_bytes(footer.content_hash.size());
  if (!r.ok()) return core::data_loss("footer: truncated content hash");
  std::memcpy(footer.content_hash.data(), hash.data(), hash.size());

  const uint64_t group_count = r.get_varint();
  if (!r.ok() || group_count > r.remaining()) return core::data_loss("footer: bad row-group count");
  footer.row_groups.resize(group_count);
  uint64_t rows = 0;
  for (uint64_t g = 0; g < group_count; ++g) {
    RowGroupEntry& group = footer.row_groups[g];
    const uint64_t group_rows = r.get_varint();
    group.min_charge_start = r.get_i64();
    group.max_charge_start = r.get_i64();
    const uint64_t chunk_count = r.get_varint();
    if (!r.ok() || group_rows == 0 || group_rows > kMaxRowGroupRows ||
        chunk_count > r.remaining()) {
      return core::data_loss(fmt::format("footer: bad row group {}", g));
    }
    group.rows = static_cast<uint32_t>(group_rows);
    rows += group_rows;
    group.chunks.resize(chunk_count);
    uint16_t previous_key = 0;
    for (uint64_t c = 0; c < chunk_count; ++c) {
      ChunkEntry& chunk = group.chunks[c];
      chunk.column_key = r.get_u16();
      const uint8_t encoding = r.get_u8();
      const uint8_t compression = r.get_u8();
      chunk.offset = r.get_u64();
      chunk.stored_size = r.get_u32();
      chunk.raw_size = r.get_u32();
      chunk.crc32 = r.get_u32();
      if (!r.ok()) return core::data_loss("footer: truncated column directory");
      const std::string where = fmt::format("footer: row group {} chunk {}", g, c);
      if (c > 0 && chunk.column_key <= previous_key) {
        return core::data_loss(where + ": column keys not ascending");
      }
      previous_key = chunk.column_key;
      focus::ColumnKind kind = focus::ColumnKind::kString;
      if (is_extension_key(chunk.column_key)) {
        if ((chunk.column_key & ~kExtensionKeyBit) >= footer.extensions.size()) {
          return core::data_loss(where + ": unknown extension column");
        }
      } else {
        if (chunk.column_key >= focus::kColumnCount || !footer.columns.test(chunk.column_key)) {
          return core::data_loss(where + ": unknown column");
        }
        kind = focus::column_kind(static_cast<focus::Column>(chunk.column_key));
      }
      if (encoding != static_cast<uint8_t>(encoding_for(kind))) {
        return core::data_loss(where + ": encoding does not match the column");
      }
      chunk.encoding = static_cast<ChunkEncoding>(encoding);
      if (compression > static_cast<uint8_t>(ChunkCompression::kZstd)) {
        return core::data_loss(where + ": unknown compression");
      }
      chunk.compression = static_cast<ChunkCompression>(compression);
      if (chunk.offset < kSegmentHeaderSize || chunk.offset > data_end ||
          chunk.stored_size > data_end - chunk.offset || chunk.raw_size > kMaxChunkRawSize ||
          (chunk.compression == ChunkCompression::kNone && chunk.raw_size != chunk.stored_size)) {
        return core::data_loss(where + ": chunk extent outside the data area");
      }
    }
  }
  if (!r.at_end()) return core::data_loss("footer: trailing bytes");
  if (rows != footer.total_rows) {
    return core::data_loss(fmt::format("footer: row groups hold {} rows, footer says {}", rows,
                                       footer.total_rows));
  }
  return footer;
}

std::string encode_header() {
  std::string out(kSegmentMagic, sizeof(kSegmentMagic));
  ByteWriter(&out).put_u32(kSegmentFormatVersion);
  return out;
}

core::Status check_header(std::string_view bytes) {
  if (bytes.size() < kSegmentHeaderSize ||
      std::memcmp(bytes.data(), kSegmentMagic, sizeof(kSegmentMagic)) != 0) {
    return core::data_loss("not a segment file (bad magic number)");
  }
  ByteReader r(bytes.substr(sizeof(kSegmentMagic)));
  const uint32_t version = r.get_u32();
  if (version != kSegmentFormatVersion) {
    return core::failed_precondition(
        fmt::format("segment format version {} is not supported (this build reads {})", version,
                    kSegmentFormatVersion));
  }
  return core::Status::ok();
}

std::string encode_trailer(const SegmentTrailer& trailer) {
  std::string out;
  ByteWriter w(&out);
  w.put_u64(trailer.footer_offset);
  w.put_u32(trailer.footer_size);
  w.put_u32(trailer.footer_crc32);
  w.put_u32(kSegmentFormatVersion);
  w.put_bytes(std::string_view(kSegmentMagic, sizeof(kSegmentMagic)));
  return out;
}

core::Result<SegmentTrailer> decode_trailer(std::string_view bytes) {
  if (bytes.size() != kSegmentTrailerSize ||
      std::memcmp(bytes.data() + kSegmentTrailerSize - sizeof(kSegmentMagic), kSegmentMagic,
                  sizeof(kSegmentMagic)) != 0) {
    return core::data_loss("bad trailer magic number (truncated or not a segment)");
  }
  ByteReader r(bytes);
  SegmentTrailer trailer;
  trailer.footer_offset = r.get_u64();
  trailer.footer_size = r.get_u32();
  trailer.footer_crc32 = r.get_u32();
  const uint32_t version = r.get_u32();
  if (version != kSegmentFormatVersion) {
    return core::failed_precondition(
        fmt::format("segment format version {} is not supported (this build reads {})", version,
                    kSegmentFormatVersion));
  }
  return trailer;
}

}  // namespace optima::store
