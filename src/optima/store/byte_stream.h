// ByteWriter and ByteReader: little-endian serialization of the segment format's primitives.
//
// Every multi-byte integer in a segment is little-endian; varints are unsigned LEB128 (7 bits
// per byte, high bit = more). ByteReader never reads past its buffer: a short or malformed
// input sets a sticky failure that the caller turns into a DataLoss naming file and chunk.
// Both are thread-compatible value types.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace optima::store {

class ByteWriter {
 public:
  explicit ByteWriter(std::string* out) : out_(out) {}

  void put_u8(uint8_t v) { out_->push_back(static_cast<char>(v)); }
  void put_u16(uint16_t v) { put_le(v); }
  void put_u32(uint32_t v) { put_le(v); }
  void put_u64(uint64_t v) { put_le(v); }
  void put_i64(int64_t v) { put_le(static_cast<uint64_t>(v)); }
  void put_varint(uint64_t v) {
    while (v >= 0x80) {
      out_->push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_->push_back(static_cast<char>(v));
  }
  void put_bytes(std::string_view bytes) { out_->append(bytes); }
  // Appends `n` bytes and returns where they start, for callers that fill them in place.
  char* extend(size_t n) {
    const size_t at = out_->size();
    out_->resize(at + n);
    return out_->data() + at;
  }
  size_t size() const { return out_->size(); }

 private:
  template <typename T>
  void put_le(T v) {
    char bytes[sizeof(T)];
    for (size_t i = 0; i < sizeof(T); ++i) bytes[i] = static_cast<char>((v >> (8 * i)) & 0xff);
    out_->append(bytes, sizeof(T));
  }
  std::string* out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}

  // False once any read ran past the end or met a malformed varint; reads then return 0.
  bool ok() const { return ok_; }
  size_t remaining() const { return data_.size() - pos_; }
  bool at_end() const { return pos_ == data_.size(); }

  uint8_t get_u8() { return static_cast<uint8_t>(get_le<uint8_t>()); }
  uint16_t get_u16() { return get_le<uint16_t>(); }
  uint32_t get_u32() { return get_le<uint32_t>(); }
  uint64_t get_u64() { return get_le<uint64_t>(); }
  int64_t get_i64() { return static_cast<int64_t>(get_le<uint64_t>()); }
  uint64_t get_varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) return fail();
      const auto byte = static_cast<uint8_t>(data_[pos_++]);
      v |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return v;
    }
    return fail();
  }
  // The next `n` bytes as a view into the buffer (empty and failed when fewer remain).
  std::string_view get_bytes(size_t n) {
    if (!ok_ || n > remaining()) {
      fail();
      return {};
    }
    std::string_view out = data_.substr(pos_, n);
    pos_ += n;
    return out;
  }

 private:
  template <typename T>
  T get_le() {
    if (!ok_ || sizeof(T) > remaining()) return static_cast<T>(fail());
    T v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) {
      v = static_cast<T>(v | static_cast<T>(static_cast<T>(static_cast<uint8_t>(data_[pos_ + i]))
                                             << (8 * i)));
    }
    pos_ += sizeof(T);
    return v;
  }
  uint64_t fail() {
    ok_ = false;
    pos_ = data_.size();
    return 0;
  }

  std::string_view data_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace optima::store
