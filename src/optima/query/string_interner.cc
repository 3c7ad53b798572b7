#include "optima/query/string_interner.h"

#include <algorithm>
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
  if (n > 32) {
    // Two independent lanes over 32-byte blocks halve the multiply chain of long values
    // (resource ids and ARNs are 40-120 bytes).
    uint64_t h2 = h ^ kSeed2;
    do {
      h = mum(load64(p) ^ kSeed1, load64(p + 8) ^ h);
      h2 = mum(load64(p + 16) ^ kSeed2, load64(p + 24) ^ h2);
      p += 32;
      n -= 32;
    } while (n > 32);
    h ^= h2;
  }
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
  entries_.push_back(0);
  hashes_.push_back(0);
  slots_.assign(64, Slot{});
  mask_ = slots_.size() - 1;
}

std::string_view StringInterner::value(uint32_t id) const {
  const char* entry = arena_.data() + entries_[id] * kAlign;
  uint32_t length;
  std::memcpy(&length, entry + 4, 4);
  return {entry + 8, length};
}

uint32_t StringInterner::add(std::string_view value, uint64_t hash, size_t slot) {
  const auto id = static_cast<uint32_t>(entries_.size());
  const size_t offset = arena_.size();
  const size_t padded = (8 + value.size() + kAlign - 1) / kAlign * kAlign;
  arena_.resize(offset + padded);
  char* entry = arena_.data() + offset;
  const auto length = static_cast<uint32_t>(value.size());
  std::memcpy(entry, &id, 4);
  std::memcpy(entry + 4, &length, 4);
  if (!value.empty())
    std::memcpy(entry + 8, value.data(), value.size());
  entries_.push_back(offset / kAlign);
  hashes_.push_back(hash);
  slots_[slot] = {static_cast<uint32_t>(hash >> 32), static_cast<uint32_t>(offset / kAlign + 1)};
  if (entries_.size() * 2 > slots_.size())
    grow();
  return id;
}

uint32_t StringInterner::intern_hashed(std::string_view value, uint64_t hash) {
  const auto tag = static_cast<uint32_t>(hash >> 32);
  for (uint64_t i = hash & mask_;; i = (i + 1) & mask_) {
    const Slot slot = slots_[i];
    if (slot.entry == 0)
      return add(value, hash, i);
    if (slot.tag != tag)
      continue;
    const char* entry = arena_.data() + (slot.entry - 1) * kAlign;
    uint32_t length;
    std::memcpy(&length, entry + 4, 4);
    if (length == value.size() && std::memcmp(entry + 8, value.data(), length) == 0) {
      uint32_t id;
      std::memcpy(&id, entry, 4);
      return id;
    }
  }
}

uint32_t StringInterner::intern(std::string_view value) {
  return intern_hashed(value, fast_hash(value));
}

void StringInterner::intern_batch(const std::string_view* values, size_t count, uint32_t* ids) {
  // A software pipeline, so the cache misses of many lookups overlap: while lookup i resolves,
  // the arena entry of lookup i + kAhead is prefetched (its slot was prefetched a step earlier),
  // the slot of i + 2*kAhead is prefetched (its hash was computed a step earlier), and value
  // i + 3*kAhead is hashed (its bytes were prefetched a step earlier). A value is hashed shortly
  // before it is compared, so it is still in cache.
  constexpr size_t kAhead = 32;
  constexpr size_t kRing = 4 * kAhead;  // power of two, > 3 * kAhead
  uint64_t ring[kRing];
  auto hash_at = [&](size_t i) -> uint64_t& {
    return ring[i % kRing];
  };
  for (size_t i = 0; i < std::min(count, 4 * kAhead); ++i)
    __builtin_prefetch(values[i].data());
  for (size_t i = 0; i < std::min(count, 3 * kAhead); ++i)
    hash_at(i) = fast_hash(values[i]);
  for (size_t i = 0; i < std::min(count, 2 * kAhead); ++i)
    __builtin_prefetch(&slots_[hash_at(i) & mask_]);
  for (size_t i = 0; i < count; ++i) {
    if (i + 4 * kAhead < count)
      __builtin_prefetch(values[i + 4 * kAhead].data());
    if (i + 3 * kAhead < count)
      hash_at(i + 3 * kAhead) = fast_hash(values[i + 3 * kAhead]);
    if (i + 2 * kAhead < count)
      __builtin_prefetch(&slots_[hash_at(i + 2 * kAhead) & mask_]);
    if (i + kAhead < count) {
      const Slot slot = slots_[hash_at(i + kAhead) & mask_];
      if (slot.entry != 0)
        __builtin_prefetch(arena_.data() + (slot.entry - 1) * kAlign);
    }
    ids[i] = intern_hashed(values[i], hash_at(i));
  }
}

void StringInterner::grow() {
  slots_.assign(slots_.size() * 2, Slot{});
  mask_ = slots_.size() - 1;
  for (uint32_t id = 1; id < entries_.size(); ++id) {
    uint64_t i = hashes_[id] & mask_;
    while (slots_[i].entry != 0)
      i = (i + 1) & mask_;
    slots_[i] = {static_cast<uint32_t>(hashes_[id] >> 32), static_cast<uint32_t>(entries_[id] + 1)};
  }
}

}  // namespace optima::query
