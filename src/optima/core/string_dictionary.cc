#include "optima/core/string_dictionary.h"

#include <cstring>

namespace optima::core {

namespace {
inline uint64_t mix(uint64_t x) {
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  return x;
}
}  // namespace

uint64_t hash_bytes(std::string_view data) {
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ (data.size() * 0xff51afd7ed558ccdULL);
  const char* p = data.data();
  size_t n = data.size();
  while (n >= 8) {
    uint64_t w = 0;
    std::memcpy(&w, p, 8);
    h = mix(h ^ w) + 0x2545f4914f6cdd1dULL;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = mix(h ^ w ^ (static_cast<uint64_t>(n) << 56));
  }
  return mix(h);
}

StringDictionary::StringDictionary() {
  values_.emplace_back();
  hashes_.push_back(0);
  slots_.assign(64, 0);
  mask_ = slots_.size() - 1;
}

uint32_t StringDictionary::find(std::string_view value) const {
  const uint64_t h = hash_bytes(value);
  for (uint64_t i = h & mask_;; i = (i + 1) & mask_) {
    const uint32_t code = slots_[i];
    if (code == 0) return 0;
    if (hashes_[code] == h && values_[code] == value) return code;
  }
}

uint32_t StringDictionary::intern(std::string_view value) {
  const uint64_t h = hash_bytes(value);
  for (uint64_t i = h & mask_;; i = (i + 1) & mask_) {
    const uint32_t code = slots_[i];
    if (code == 0) {
      const auto new_code = static_cast<uint32_t>(values_.size());
      values_.emplace_back(value);
      hashes_.push_back(h);
      slots_[i] = new_code;
      if (values_.size() * 2 > slots_.size()) grow();
      return new_code;
    }
    if (hashes_[code] == h && values_[code] == value) return code;
  }
}

void StringDictionary::grow() {
  slots_.assign(slots_.size() * 2, 0);
  mask_ = slots_.size() - 1;
  for (uint32_t code = 1; code < values_.size(); ++code) {
    uint64_t i = hashes_[code] & mask_;
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = code;
  }
}

std::vector<std::string> StringDictionary::release() {
  std::vector<std::string> out = std::move(values_);
  *this = StringDictionary();
  return out;
}

}  // namespace optima::core
