#include "optima/query/string_interner.h"

#include <cstring>

#include "optima/core/decimal.h"

namespace optima::query {

namespace {

constexpr uint64_t kSeed0 = 0xa0761d6478bd642fULL;
constexpr uint64_t kSeed1 = 0xe7037ed1a0b428dbULL;
constexpr uint64_t kSeed2 = 0x8ebc6af09c88c6e3ULL;

inline uint64_t mum(uint64_t a, uint64_t b) {
  const core::UInt128 r = static_cast<core::UInt128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

inline uint64_t load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

inline uint64_t load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

}  // namespace

uint64_t fast_hash(std::string_view data) {
  const char* p = data.data();
  size_t n = data.size();
  uint64_t h = kSeed0 ^ (n * kSeed1);
  while (n > 16) {
    h = mum(load64(p) ^ kSeed1, load64(p + 8) ^ h);
    p += 16;
    n -= 16;
  }
  uint64_t a = 0;
  uint64_t b = 0;
  if (n >= 8) {
    a = load64(p);
    b = load64(p + n - 8);
  } else if (n >= 4) {
    a = load32(p);
    b = load32(p + n - 4);
  } else if (n > 0) {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    a = (static_cast<uint64_t>(u[0]) << 16) | (static_cast<uint64_t>(u[n >> 1]) << 8) | u[n - 1];
  }
  return mum(mum(a ^ kSeed1, b ^ h) ^ kSeed2, data.size() ^ kSeed0);
}

StringInterner::StringInterner() {
  values_.emplace_back();
  hashes_.push_back(0);
  slots_.assign(64, Slot{});
  mask_ = slots_.size() - 1;
}

uint32_t StringInterner::intern(std::string_view value) {
  const uint64_t h = fast_hash(value);
  const auto tag = static_cast<uint32_t>(h >> 32);
  for (uint64_t i = h & mask_;; i = (i + 1) & mask_) {
    const Slot slot = slots_[i];
    if (slot.id == 0) {
      const auto id = static_cast<uint32_t>(values_.size());
      values_.emplace_back(value);
      hashes_.push_back(h);
      slots_[i] = {tag, id};
      if (values_.size() * 2 > slots_.size()) grow();
      return id;
    }
    if (slot.tag == tag && values_[slot.id] == value) return slot.id;
  }
}

void StringInterner::grow() {
  slots_.assign(slots_.size() * 2, Slot{});
  mask_ = slots_.size() - 1;
  for (uint32_t id = 1; id < values_.size(); ++id) {
    uint64_t i = hashes_[id] & mask_;
    while (slots_[i].id != 0) i = (i + 1) & mask_;
    slots_[i] = {static_cast<uint32_t>(hashes_[id] >> 32), id};
  }
}

}  // namespace optima::query
