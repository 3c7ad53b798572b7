// ChunkCache: a byte-bounded LRU cache of decoded column chunks, shared by every SegmentReader of
// a Store so repeated queries skip decompression and decoding.
//
// Entries are immutable and shared: a chunk evicted while a query still uses it stays alive
// until that query drops it, so the bound is on what the cache itself keeps. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <variant>

#include "optima/focus/table.h"

namespace optima::store {

// One column of one row group, decoded (x_ columns decode as StringColumn).
using DecodedColumn =
    std::variant<focus::StringColumn, focus::DecimalColumn, focus::TimeColumn, focus::TagColumn>;

// Approximate heap bytes held by a decoded column (vectors, and strings beyond the SSO buffer).
size_t footprint(const DecodedColumn& column);

struct DecodedChunk {
  DecodedColumn column;
  size_t bytes = 0;  // footprint(column)
};

struct ChunkKey {
  uint64_t segment = 0;  // SegmentReader::id(), unique per opened reader in this process
  uint32_t row_group = 0;
  uint16_t column_key = 0;
  friend bool operator==(const ChunkKey&, const ChunkKey&) = default;
};

class ChunkCache {
 public:
  struct Stats {
    uint64_t hits = 0;
    uint64_t misses = 0;
    uint64_t evictions = 0;
    size_t bytes = 0;
    size_t entries = 0;
  };

  explicit ChunkCache(size_t capacity_bytes) : capacity_(capacity_bytes) {}

  // The cached chunk, or nullptr (counted as a miss).
  std::shared_ptr<const DecodedChunk> find(const ChunkKey& key);
  // Adds or replaces the entry for key, then evicts least recently used entries until the cache
  // holds at most capacity bytes. Returns false (keeping nothing) when the chunk alone is larger
  // than the capacity.
  bool insert(const ChunkKey& key, std::shared_ptr<const DecodedChunk> chunk);
  // Drops every entry of a segment (its reader is closing).
  void erase_segment(uint64_t segment);

  size_t capacity() const { return capacity_; }
  Stats stats() const;

 private:
  struct KeyHash {
    size_t operator()(const ChunkKey& k) const {
      return std::hash<uint64_t>()(k.segment * 0x9e3779b97f4a7c15ULL ^
                                   (static_cast<uint64_t>(k.row_group) << 16) ^ k.column_key);
    }
  };
  using Lru = std::list<std::pair<ChunkKey, std::shared_ptr<const DecodedChunk>>>;

  void erase_locked(Lru::iterator it);

  const size_t capacity_;
  mutable std::mutex mutex_;
  Lru lru_;  // most recently used first
  std::unordered_map<ChunkKey, Lru::iterator, KeyHash> index_;
  size_t bytes_ = 0;
  Stats stats_;
};

}  // namespace optima::store
