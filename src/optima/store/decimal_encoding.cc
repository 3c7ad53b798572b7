#include "optima/store/decimal_encoding.h"

#include <algorithm>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "optima/store/integer_encoding.h"

namespace optima::store {
namespace {

using core::Int128;
using core::UInt128;

constexpr uint8_t kHasNulls = 1;
enum Mode : uint8_t { kPlain64 = 0, kDictionary64 = 1, kPlain128 = 2 };

constexpr int64_t kPow10[19] = {1LL,
                                10LL,
                                100LL,
                                1000LL,
                                10000LL,
                                100000LL,
                                1000000LL,
                                10000000LL,
                                100000000LL,
                                1000000000LL,
                                10000000000LL,
                                100000000000LL,
                                1000000000000LL,
                                10000000000000LL,
                                100000000000000LL,
                                1000000000000000LL,
                                10000000000000000LL,
                                100000000000000000LL,
                                1000000000000000000LL};
constexpr int kMaxScale = core::Decimal::kScale;
// Dictionary encoding is tried up to this many distinct values per chunk.
constexpr size_t kMaxDictionary = 4096;

bool fits_int64(Int128 v) {
  return v >= std::numeric_limits<int64_t>::min() && v <= std::numeric_limits<int64_t>::max();
}

// Smallest number of fractional digits s such that every value is a multiple of 10^(18-s).
int smallest_scale(const std::vector<Int128>& units) {
  int scale = 0;
  for (const Int128 v : units) {
    if (scale == kMaxScale) break;
    if (v == 0) continue;
    if (fits_int64(v)) {
      // 64-bit remainders are much cheaper than 128-bit ones; most billing values fit.
      const auto small = static_cast<int64_t>(v);
      while (scale < kMaxScale && small % kPow10[kMaxScale - scale] != 0) ++scale;
    } else {
      while (scale < kMaxScale && v % kPow10[kMaxScale - scale] != 0) ++scale;
    }
  }
  return scale;
}

uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return x;
}

// Distinct int64 values in first-occurrence order, with a code per input value; gives up
// (returns false) beyond `max_entries` distinct values.
bool build_dictionary(const std::vector<int64_t>& values, size_t max_entries,
                      std::vector<int64_t>* dictionary, std::vector<uint32_t>* codes) {
  size_t slots_size = 16;
  while (slots_size < max_entries * 2) slots_size *= 2;
  std::vector<uint32_t> slots(slots_size, 0);  // 0 = empty, else code + 1
  const size_t mask = slots_size - 1;
  codes->resize(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    const int64_t v = values[i];
    size_t slot = mix64(static_cast<uint64_t>(v)) & mask;
    while (true) {
      const uint32_t entry = slots[slot];
      if (entry == 0) {
        if (dictionary->size() == max_entries) return false;
        dictionary->push_back(v);
        slots[slot] = static_cast<uint32_t>(dictionary->size());
        (*codes)[i] = slots[slot] - 1;
        break;
      }
      if ((*dictionary)[entry - 1] == v) {
        (*codes)[i] = entry - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return true;
}

size_t planes_size(size_t n, uint64_t max_value) { return n * byte_width(max_value); }

}  // namespace

core::Status encode_decimal_chunk(std::span<const ColumnSlice<focus::DecimalColumn>> slices,
                                  std::string* out) {
  size_t rows = 0;
  for (const auto& slice : slices) rows += slice.rows();
  std::vector<Int128> units(rows, 0);
  std::vector<uint8_t> is_null(rows, 1);
  bool any_null = false;
  size_t at = 0;
  for (const auto& slice : slices) {
    const focus::DecimalColumn* column = slice.column;
    if (column == nullptr) {
      at += slice.rows();
      any_null = any_null || slice.rows() > 0;
      continue;
    }
    if (column->values.size() < slice.end ||
        (!column->nulls.empty() && column->nulls.size() < slice.end)) {
      return core::invalid_argument(
          fmt::format("decimal column has {} values, fewer than row {}", column->values.size(),
                      slice.end));
    }
    for (size_t row = slice.begin; row < slice.end; ++row, ++at) {
      if (column->is_null(row)) {
        any_null = true;
        continue;  // null rows hold 0
      }
      is_null[at] = 0;
      units[at] = column->values[row].units();
    }
  }

  ByteWriter writer(out);
  writer.put_u8(any_null ? kHasNulls : 0);
  if (any_null) put_bitmap(is_null.data(), rows, &writer);

  const int scale = smallest_scale(units);
  const int64_t divisor = kPow10[kMaxScale - scale];
  std::vector<int64_t> mantissas(rows);
  bool all_fit = true;
  for (size_t i = 0; i < rows && all_fit; ++i) {
    const Int128 v = units[i];
    const Int128 m = fits_int64(v) ? static_cast<Int128>(static_cast<int64_t>(v) / divisor)
                                   : v / divisor;
    all_fit = fits_int64(m);
    mantissas[i] = static_cast<int64_t>(m);
  }

  if (!all_fit) {
    writer.put_u8(kPlain128);
    writer.put_u8(static_cast<uint8_t>(scale));
    std::vector<uint64_t> low(rows);
    std::vector<uint64_t> high(rows);
    for (size_t i = 0; i < rows; ++i) {
      const UInt128 z = zigzag_encode128(units[i] / divisor);
      low[i] = static_cast<uint64_t>(z);
      high[i] = static_cast<uint64_t>(z >> 64);
    }
    put_planes(low.data(), rows, &writer);
    put_planes(high.data(), rows, &writer);
    return core::Status::ok();
  }

  std::vector<uint64_t> zigzag(rows);
  uint64_t plain_max = 0;
  for (size_t i = 0; i < rows; ++i) {
    zigzag[i] = zigzag_encode(mantissas[i]);
    plain_max |= zigzag[i];
  }
  std::vector<int64_t> dictionary;
  std::vector<uint32_t> codes;
  if (rows > 1 &&
      build_dictionary(mantissas, std::min(kMaxDictionary, rows / 2), &dictionary, &codes)) {
    uint64_t dictionary_max = 0;
    for (const int64_t v : dictionary) dictionary_max |= zigzag_encode(v);
    const size_t dictionary_bytes =
        planes_size(dictionary.size(), dictionary_max) + planes_size(rows, dictionary.size() - 1);
    if (dictionary_bytes < planes_size(rows, plain_max)) {
      writer.put_u8(kDictionary64);
      writer.put_u8(static_cast<uint8_t>(scale));
      writer.put_varint(dictionary.size());
      std::vector<uint64_t> entries(dictionary.size());
      for (size_t i = 0; i < dictionary.size(); ++i) entries[i] = zigzag_encode(dictionary[i]);
      put_planes(entries.data(), entries.size(), &writer);
      put_planes(codes.data(), codes.size(), &writer);
      return core::Status::ok();
    }
  }
  writer.put_u8(kPlain64);
  writer.put_u8(static_cast<uint8_t>(scale));
  put_planes(zigzag.data(), rows, &writer);
  return core::Status::ok();
}

core::Result<focus::DecimalColumn> decode_decimal_chunk(std::string_view raw, size_t rows) {
  ByteReader reader(raw);
  focus::DecimalColumn column;
  const uint8_t flags = reader.get_u8();
  if (!reader.ok() || (flags & ~kHasNulls) != 0) return core::data_loss("bad decimal flags");
  if ((flags & kHasNulls) != 0) {
    column.nulls.resize(rows);
    if (!get_bitmap(&reader, rows, column.nulls.data())) {
      return core::data_loss("malformed null bitmap");
    }
  }
  const uint8_t mode = reader.get_u8();
  const uint8_t scale = reader.get_u8();
  if (!reader.ok() || scale > kMaxScale) return core::data_loss("bad decimal scale");
  const Int128 multiplier = kPow10[kMaxScale - scale];
  column.values.resize(rows);
  switch (mode) {
    case kPlain64: {
      std::vector<uint64_t> zigzag(rows);
      if (!get_planes(&reader, rows, zigzag.data())) return core::data_loss("malformed values");
      for (size_t i = 0; i < rows; ++i) {
        column.values[i] =
            core::Decimal::from_units(static_cast<Int128>(zigzag_decode(zigzag[i])) * multiplier);
      }
      break;
    }
    case kDictionary64: {
      const uint64_t size = reader.get_varint();
      if (!reader.ok() || size == 0 || size > rows) return core::data_loss("bad dictionary size");
      std::vector<uint64_t> entries(size);
      if (!get_planes(&reader, size, entries.data())) {
        return core::data_loss("malformed dictionary");
      }
      std::vector<core::Decimal> dictionary(size);
      for (size_t i = 0; i < size; ++i) {
        dictionary[i] =
            core::Decimal::from_units(static_cast<Int128>(zigzag_decode(entries[i])) * multiplier);
      }
      std::vector<uint32_t> codes(rows);
      if (!get_planes(&reader, rows, codes.data())) return core::data_loss("malformed codes");
      for (size_t i = 0; i < rows; ++i) {
        if (codes[i] >= size) return core::data_loss("code outside the dictionary");
        column.values[i] = dictionary[codes[i]];
      }
      break;
    }
    case kPlain128: {
      std::vector<uint64_t> low(rows);
      std::vector<uint64_t> high(rows);
      if (!get_planes(&reader, rows, low.data()) || !get_planes(&reader, rows, high.data())) {
        return core::data_loss("malformed values");
      }
      const Int128 limit = std::numeric_limits<Int128>::max() / multiplier;
      for (size_t i = 0; i < rows; ++i) {
        const Int128 m = zigzag_decode128((static_cast<UInt128>(high[i]) << 64) | low[i]);
        if (m > limit || m < -limit) return core::data_loss("value out of range");
        column.values[i] = core::Decimal::from_units(m * multiplier);
      }
      break;
    }
    default:
      return core::data_loss(fmt::format("unknown decimal mode {}", mode));
  }
  if (!reader.at_end()) return core::data_loss("trailing bytes after values");
  return column;
}

}  // namespace optima::store
