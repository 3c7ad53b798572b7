#include "optima/store/integer_encoding.h"

#include <algorithm>

namespace optima::store {
namespace {

template <typename T>
void put_planes_impl(const T* values, size_t n, ByteWriter* out) {
  T max_value = 0;
  for (size_t i = 0; i < n; ++i) max_value |= values[i];  // same byte width as the maximum
  const unsigned width = byte_width(max_value);
  out->put_u8(static_cast<uint8_t>(width));
  if (width == 0 || n == 0) return;
  auto* dst = reinterpret_cast<uint8_t*>(out->extend(n * width));
  for (unsigned b = 0; b < width; ++b) {
    uint8_t* plane = dst + b * n;
    const unsigned shift = 8 * b;
    for (size_t i = 0; i < n; ++i) plane[i] = static_cast<uint8_t>(values[i] >> shift);
  }
}

template <typename T>
bool get_planes_impl(ByteReader* in, size_t n, T* out) {
  const unsigned width = in->get_u8();
  if (!in->ok() || width > sizeof(T)) return false;
  std::fill(out, out + n, T{0});
  if (width == 0 || n == 0) return true;
  if (n > in->remaining() / width) return false;
  const auto* src = reinterpret_cast<const uint8_t*>(in->get_bytes(n * width).data());
  for (unsigned b = 0; b < width; ++b) {
    const uint8_t* plane = src + b * n;
    const unsigned shift = 8 * b;
    for (size_t i = 0; i < n; ++i) out[i] = static_cast<T>(out[i] | (static_cast<T>(plane[i]) << shift));
  }
  return true;
}

}  // namespace

void put_planes(const uint64_t* values, size_t n, ByteWriter* out) { put_planes_impl(values, n, out); }
void put_planes(const uint32_t* values, size_t n, ByteWriter* out) { put_planes_impl(values, n, out); }
bool get_planes(ByteReader* in, size_t n, uint64_t* out) { return get_planes_impl(in, n, out); }
bool get_planes(ByteReader* in, size_t n, uint32_t* out) { return get_planes_impl(in, n, out); }

void put_bitmap(const uint8_t* is_null, size_t n, ByteWriter* out) {
  auto* dst = reinterpret_cast<uint8_t*>(out->extend((n + 7) / 8));
  std::fill(dst, dst + (n + 7) / 8, uint8_t{0});
  for (size_t i = 0; i < n; ++i) {
    if (is_null[i] != 0) dst[i / 8] = static_cast<uint8_t>(dst[i / 8] | (1u << (i % 8)));
  }
}

bool get_bitmap(ByteReader* in, size_t n, uint8_t* is_null) {
  const std::string_view bytes = in->get_bytes((n + 7) / 8);
  if (!in->ok()) return false;
  const auto* src = reinterpret_cast<const uint8_t*>(bytes.data());
  for (size_t i = 0; i < n; ++i) is_null[i] = static_cast<uint8_t>((src[i / 8] >> (i % 8)) & 1);
  return true;
}

}  // namespace optima::store
