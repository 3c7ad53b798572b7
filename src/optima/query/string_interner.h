// StringInterner: maps distinct strings to dense ids (1, 2, …) with a fast open-addressing table.
//
// The query executor uses one per group_by dimension to turn each row group's local dictionary
// codes into ids shared by all row groups a worker scans. Id 0 is reserved for null. Strings are
// compared in full, so equal ids mean equal strings. Not thread-safe; one per worker.
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
  // Requires: 1 <= id < size().
  const std::string& value(uint32_t id) const { return values_[id]; }
  // Number of ids including the reserved 0.
  uint32_t size() const { return static_cast<uint32_t>(values_.size()); }

 private:
  struct Slot {
    uint32_t tag = 0;  // high half of the hash
    uint32_t id = 0;   // 0 = empty
  };
  void grow();

  std::vector<Slot> slots_;
  std::vector<std::string> values_;
  std::vector<uint64_t> hashes_;  // per id, for rehashing
  uint64_t mask_ = 0;
};

// Fast 64-bit hash of bytes (multiply-mix over 16-byte blocks). Not stable across versions.
uint64_t fast_hash(std::string_view data);

}  // namespace optima::query
