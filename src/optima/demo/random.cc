#include "optima/demo/random.h"

namespace optima::demo {

std::string Rng::hex(int n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) out.push_back(kHex[next() & 15U]);
  return out;
}

std::string Rng::uuid() {
  std::string s = hex(32);
  s[12] = '4';
  s[16] = "89ab"[next() & 3U];
  return s.substr(0, 8) + "-" + s.substr(8, 4) + "-" + s.substr(12, 4) + "-" + s.substr(16, 4) +
         "-" + s.substr(20, 12);
}

std::string Rng::alnum(int n) {
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string out;
  out.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) out.push_back(kChars[next() % 36]);
  return out;
}

std::string Rng::digits(int n) {
  std::string out;
  out.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    const auto d = static_cast<char>('0' + (i == 0 ? 1 + next() % 9 : next() % 10));
    out.push_back(d);
  }
  return out;
}

std::string google_style_id(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  uint64_t h = hash_keys(hash_text(text), 0x600613ULL);
  std::string out;
  for (int i = 0; i < 12; ++i) {
    if (i == 4 || i == 8) out.push_back('-');
    out.push_back(kHex[h & 15U]);
    h >>= 4;
  }
  return out;
}

std::string aws_style_sku(std::string_view text) {
  static constexpr char kChars[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  uint64_t h = hash_keys(hash_text(text), 0xa5ULL);
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 12) h = hash_keys(h, 1);
    out.push_back(kChars[h & 31U]);
    h >>= 5;
  }
  return out;
}

}  // namespace optima::demo
