// StringInterner: maps distinct strings to dense ids (1, 2, …) with a fast open-addressing table.
//
// The query executor uses one per group_by dimension to turn each row group's local dictionary
// codes into ids shared by all row groups a worker scans. Id 0 is reserved for null. Strings are
// compared in full, so equal ids mean equal strings. Strings live in one arena next to their id
// and length, so a lookup touches one slot and one arena entry; intern_batch() overlaps the
// cache misses of many lookups. Not thread-safe; one per worker.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace optima::query {

class StringInterner {
 public:
  StringInterner();

  // The id of `value`, adding it if new. Never returns 0.
  uint32_t intern(std::string_view value);
  // ids[i] = intern(values[i]) for i < count, faster for many values (prefetches).
  void intern_batch(const std::string_view* values, size_t count, uint32_t* ids);
  // Requires: 1 <= id < size(). Valid until the next intern.
  std::string_view value(uint32_t id) const;
  // Number of ids including the reserved 0.
  uint32_t size() const { return static_cast<uint32_t>(entries_.size()); }

 private:
  struct Slot {
    uint32_t tag = 0;    // high half of the hash
    uint32_t entry = 0;  // arena offset / kAlign + 1; 0 = empty
  };
  static constexpr size_t kAlign = 8;

  uint32_t intern_hashed(std::string_view value, uint64_t hash);
  uint32_t add(std::string_view value, uint64_t hash, size_t slot);
  void grow();

  std::vector<Slot> slots_;
  // Entries: [uint32 id][uint32 length][bytes], each padded to kAlign.
  std::vector<char> arena_;
  std::vector<uint64_t> entries_;  // per id: arena offset / kAlign
  std::vector<uint64_t> hashes_;   // per id, for rehashing
  uint64_t mask_ = 0;
};

// Fast 64-bit hash of bytes (multiply-mix over 16-byte blocks). Not stable across versions.
uint64_t fast_hash(std::string_view data);

}  // namespace optima::query
