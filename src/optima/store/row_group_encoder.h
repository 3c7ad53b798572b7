// Row-group encoding: turns consecutive slices of input Tables into the compressed, checksummed
// column chunks of one row group, plus its stats and content digest.
//
// Pure function of the slices' row values (and declared columns): the same rows give the same
// chunks and digest however the input was split into Tables. Thread-safe: SegmentWriter runs
// several on a ThreadPool at once.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "optima/core/status.h"
#include "optima/focus/table.h"
#include "optima/store/segment_format.h"
#include "optima/core/sha256.h"

namespace optima::store {

// Rows [begin, end) of an appended table.
struct TableSlice {
  std::shared_ptr<const focus::Table> table;
  size_t begin = 0;
  size_t end = 0;
};

struct EncodedChunk {
  std::optional<focus::Column> column;  // set for FOCUS columns
  std::string extension;                // the x_ name otherwise
  ChunkEncoding encoding = ChunkEncoding::kString;
  ChunkCompression compression = ChunkCompression::kNone;
  std::string stored;  // the bytes written to the file
  uint32_t raw_size = 0;
  uint32_t crc32 = 0;
};

struct EncodedRowGroup {
  uint32_t rows = 0;
  int64_t min_charge_start = 0;
  int64_t max_charge_start = 0;
  std::vector<EncodedChunk> chunks;  // FOCUS columns by index, then extensions by name
  // SHA-256 over the rows count and every chunk's column name and raw (uncompressed) bytes.
  core::Digest digest{};
};

// Encodes the slices' rows as one row group. A FOCUS column gets a chunk when any slice's table
// holds it, an x_ column when any slice's table has it (rows of other tables are null).
// zstd_level: 1 (fastest) .. 19. Errors: InvalidArgument when an input table is inconsistent
// (a column shorter than the table, a code outside its dictionary); Internal if zstd fails.
core::Result<EncodedRowGroup> encode_row_group(const std::vector<TableSlice>& slices,
                                               int zstd_level);

}  // namespace optima::store
