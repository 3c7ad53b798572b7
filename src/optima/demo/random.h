// Deterministic, counter-based randomness for the demo generator.
//
// Every random draw is a pure function of (seed, a few integer keys): hash(seed, resource, hour)
// rather than a shared generator stepped in program order. That keeps the output byte-identical
// for a seed no matter how work is split across threads or which files are written, and lets a
// month be generated without replaying the months before it. Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace optima::demo {

// SplitMix64 finaliser: a bijective 64-bit mixer with full avalanche.
constexpr uint64_t mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Hashes a sequence of keys into one 64-bit value.
constexpr uint64_t hash_keys(uint64_t a) { return mix64(a); }
template <typename... Rest>
constexpr uint64_t hash_keys(uint64_t a, uint64_t b, Rest... rest) {
  return hash_keys(mix64(a) ^ (b + 0x632be59bd9b4e019ULL), static_cast<uint64_t>(rest)...);
}

// FNV-1a of a string, for keying draws by names.
constexpr uint64_t hash_text(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// Uniform double in [0, 1) from a hash (53 bits). Doubles are used only to shape quantities and
// choices, never for money.
constexpr double unit_interval(uint64_t h) {
  return static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0);
}

// A small sequential generator for building the estate (one per build, seeded by hash_keys).
// Not thread-safe; cheap to copy.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return mix64(state_);
  }
  double uniform() { return unit_interval(next()); }
  // Uniform integer in [lo, hi]. Requires: lo <= hi.
  int64_t range(int64_t lo, int64_t hi) {
    const auto span = static_cast<uint64_t>(hi - lo) + 1;
    return lo + static_cast<int64_t>(next() % span);
  }
  bool chance(double p) { return uniform() < p; }
  // `n` lower-case hex digits.
  std::string hex(int n);
  // A random (version 4 layout) UUID, lower-case.
  std::string uuid();
  // `n` characters from [a-z0-9].
  std::string alnum(int n);
  // `n` decimal digits, first one non-zero.
  std::string digits(int n);

 private:
  uint64_t state_;
};

// Deterministic identifiers derived from text: Google style "XXXX-XXXX-XXXX" (like
// "6F81-5844-456A") and AWS product-SKU style (16 upper-case alphanumerics).
std::string google_style_id(std::string_view text);
std::string aws_style_sku(std::string_view text);

}  // namespace optima::demo
