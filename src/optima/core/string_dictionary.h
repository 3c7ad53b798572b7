// StringDictionary: interns strings to dense uint32 codes (dictionary encoding).
//
// Code 0 is reserved for "null" and never returned by intern(); the first distinct string gets
// code 1. Lookups are open-addressing on a 64-bit hash. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace optima::core {

// Fast non-cryptographic 64-bit hash of bytes (stable across runs and machines).
uint64_t hash_bytes(std::string_view data);

class StringDictionary {
 public:
  StringDictionary();

  // Returns the code of `value`, adding it if new. Never returns 0.
  uint32_t intern(std::string_view value);
  // Returns the code of `value`, or 0 if absent.
  uint32_t find(std::string_view value) const;
  // Requires: 0 < code < size(). code 0 yields "".
  const std::string& value(uint32_t code) const { return values_[code]; }
  // Number of codes including the reserved 0.
  uint32_t size() const { return static_cast<uint32_t>(values_.size()); }
  // values()[0] is "" (the null slot); values()[code] is the string for code.
  const std::vector<std::string>& values() const { return values_; }
  // Moves the values out and resets the dictionary.
  std::vector<std::string> release();

 private:
  void grow();

  std::vector<std::string> values_;
  std::vector<uint64_t> hashes_;  // per code
  std::vector<uint32_t> slots_;   // 0 = empty, else code
  uint64_t mask_ = 0;
};

}  // namespace optima::core
