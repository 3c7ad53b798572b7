// The segment file layout: constants, the footer (column directory and row-group stats) and
// its serialization. docs/segment-format.md describes every byte.
//
//   file    := header chunk* footer trailer
//   header  := "OSEG" u32 format_version                               (8 bytes)
//   chunk   := the stored bytes of one column of one row group (zstd or raw)
//   trailer := u64 footer_offset u32 footer_size u32 footer_crc32 u32 format_version "OSEG"
//
// All integers are little-endian. Readers find the footer from the trailer, check its CRC, and
// check every chunk's CRC before decoding it.
#pragma once

#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/status.h"
#include "optima/focus/column.h"
#include "optima/core/sha256.h"

namespace optima::store {

inline constexpr char kSegmentMagic[4] = {'O', 'S', 'E', 'G'};
inline constexpr uint32_t kSegmentFormatVersion = 1;
inline constexpr size_t kSegmentHeaderSize = 8;
inline constexpr size_t kSegmentTrailerSize = 24;
// Bounds a reader accepts, so a corrupt directory cannot ask for absurd allocations.
inline constexpr uint32_t kMaxRowGroupRows = 1u << 24;
inline constexpr uint32_t kMaxChunkRawSize = 1u << 30;

// How a chunk's raw bytes encode its column (string_encoding.h, decimal_encoding.h, ...).
enum class ChunkEncoding : uint8_t { kString = 1, kDecimal = 2, kTime = 3, kTags = 4 };
enum class ChunkCompression : uint8_t { kNone = 0, kZstd = 1 };

// A chunk's column: a FOCUS column index (0..56), or kExtensionKeyBit | i for the i-th name in
// SegmentFooter::extensions.
inline constexpr uint16_t kExtensionKeyBit = 0x8000;
inline bool is_extension_key(uint16_t key) { return (key & kExtensionKeyBit) != 0; }
inline uint16_t extension_key(size_t index) {
  return static_cast<uint16_t>(kExtensionKeyBit | index);
}

ChunkEncoding encoding_for(focus::ColumnKind kind);

struct ChunkEntry {
  uint16_t column_key = 0;
  ChunkEncoding encoding = ChunkEncoding::kString;
  ChunkCompression compression = ChunkCompression::kNone;
  uint64_t offset = 0;       // from the start of the file
  uint32_t stored_size = 0;  // bytes in the file
  uint32_t raw_size = 0;     // bytes after decompression
  uint32_t crc32 = 0;        // of the stored bytes
};

struct RowGroupEntry {
  uint32_t rows = 0;
  int64_t min_charge_start = 0;  // ChargePeriodStart bounds; max < min when all are null
  int64_t max_charge_start = 0;
  std::vector<ChunkEntry> chunks;
};

struct SegmentFooter {
  uint64_t total_rows = 0;
  std::bitset<focus::kColumnCount> columns;  // FOCUS columns the segment holds
  std::vector<std::string> extensions;       // x_ column names, sorted
  core::Digest content_hash{};
  std::vector<RowGroupEntry> row_groups;
};

std::string encode_footer(const SegmentFooter& footer);
// Parses and validates a footer whose chunks must lie in [kSegmentHeaderSize, data_end).
// Errors: DataLoss describing the first inconsistency.
core::Result<SegmentFooter> decode_footer(std::string_view bytes, uint64_t data_end);

struct SegmentTrailer {
  uint64_t footer_offset = 0;
  uint32_t footer_size = 0;
  uint32_t footer_crc32 = 0;
};
std::string encode_header();
std::string encode_trailer(const SegmentTrailer& trailer);
// Errors: DataLoss for a bad magic number, FailedPrecondition for an unknown format version.
core::Status check_header(std::string_view bytes);
core::Result<SegmentTrailer> decode_trailer(std::string_view bytes);

// CRC-32 (zlib polynomial) of bytes.
uint32_t checksum(std::string_view bytes);
// "BilledCost", "x_ServiceCode", or "column key 0x8003" when the key is invalid.
std::string column_key_name(uint16_t key, const std::vector<std::string>& extensions);

}  // namespace optima::store
