// Integer encodings shared by the segment's column chunks: zigzag, byte-plane arrays and null
// bitmaps (docs/segment-format.md, "Primitives").
//
// A byte-plane array stores n unsigned integers in the fewest whole bytes w (0..sizeof(T)) that
// hold the largest one: one u8 width, then plane 0 (byte 0 of every value), plane 1, ... plane
// w-1. Grouping equal-significance bytes together is what lets zstd compress narrow codes and
// small numbers well; width 0 (all values zero) takes no bytes at all.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "optima/core/decimal.h"
#include "optima/store/byte_stream.h"

namespace optima::store {

inline uint64_t zigzag_encode(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
inline int64_t zigzag_decode(uint64_t v) {
  return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
}
inline core::UInt128 zigzag_encode128(core::Int128 v) {
  return (static_cast<core::UInt128>(v) << 1) ^ static_cast<core::UInt128>(v >> 127);
}
inline core::Int128 zigzag_decode128(core::UInt128 v) {
  return static_cast<core::Int128>((v >> 1) ^ (~(v & 1) + 1));
}

// Bytes needed for `max_value` (0 for 0).
inline unsigned byte_width(uint64_t max_value) {
  unsigned w = 0;
  while (max_value != 0) {
    ++w;
    max_value >>= 8;
  }
  return w;
}

// Appends the byte-plane array of values[0..n).
void put_planes(const uint64_t* values, size_t n, ByteWriter* out);
void put_planes(const uint32_t* values, size_t n, ByteWriter* out);
// Reads a byte-plane array of exactly n values into out[0..n). False when the input is short
// or the stored width exceeds the type.
bool get_planes(ByteReader* in, size_t n, uint64_t* out);
bool get_planes(ByteReader* in, size_t n, uint32_t* out);

// Null bitmap: ceil(n/8) bytes, bit (i % 8) of byte i/8 set when row i is null.
void put_bitmap(const uint8_t* is_null, size_t n, ByteWriter* out);
// Fills is_null[0..n) with 0/1. False when the input is short.
bool get_bitmap(ByteReader* in, size_t n, uint8_t* is_null);

}  // namespace optima::store
