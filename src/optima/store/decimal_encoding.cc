#include "optima/store/decimal_encoding.h"

#include <algorithm>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "optima/store/byte_stream.h"
#include "optima/store/integer_encoding.h"

namespace optima::store {
namespace {

using core::Int128;
using core::UInt128;

constexpr uint8_t kHasNulls = 1;
enum Mode : uint8_t { kPlain64 = 0, kDictionary64 = 1, kPlain128 = 2, kReference = 3 };

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

core::Result<DecimalValues> gather_decimals(
    std::span<const ColumnSlice<focus::DecimalColumn>> slices) {
  size_t rows = 0;
  for (const auto& slice : slices) rows += slice.rows();
  DecimalValues out;
  out.units.assign(rows, 0);
  out.is_null.assign(rows, 1);
  size_t at = 0;
  for (const auto& slice : slices) {
    const focus::DecimalColumn* column = slice.column;
    if (column == nullptr) {
      at += slice.rows();
      out.any_null = out.any_null || slice.rows() > 0;
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
        out.any_null = true;
        continue;  // null rows hold 0
      }
      out.is_null[at] = 0;
      out.units[at] = column->values[row].units();
    }
  }
  return out;
}

void encode_decimals(const DecimalValues& values, std::string* out) {
  const size_t rows = values.size();
  const std::vector<Int128>& units = values.units;
  ByteWriter writer(out);
  writer.put_u8(values.any_null ? kHasNulls : 0);
  if (values.any_null) put_bitmap(values.is_null.data(), rows, &writer);

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
    return;
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
      return;
    }
  }
  writer.put_u8(kPlain64);
  writer.put_u8(static_cast<uint8_t>(scale));
  put_planes(zigzag.data(), rows, &writer);
}

size_t count_equal_rows(const DecimalValues& a, const DecimalValues& b) {
  size_t equal = 0;
  const size_t rows = std::min(a.size(), b.size());
  for (size_t i = 0; i < rows; ++i) {
    equal += static_cast<size_t>(a.units[i] == b.units[i] && a.is_null[i] == b.is_null[i]);
  }
  return equal;
}

void encode_decimals_against(const DecimalValues& values, uint16_t reference_key,
                             const DecimalValues& reference, std::string* out) {
  const size_t rows = values.size();
  std::vector<uint8_t> differs(rows, 0);
  DecimalValues different;
  for (size_t i = 0; i < rows; ++i) {
    if (values.units[i] == reference.units[i] && values.is_null[i] == reference.is_null[i]) {
      continue;
    }
    differs[i] = 1;
    different.units.push_back(values.units[i]);
    different.is_null.push_back(values.is_null[i]);
    different.any_null = different.any_null || values.is_null[i] != 0;
  }
  ByteWriter writer(out);
  writer.put_u8(0);  // flags: nulls live in the nested chunk
  writer.put_u8(kReference);
  writer.put_u16(reference_key);
  put_bitmap(differs.data(), rows, &writer);
  encode_decimals(different, out);
}

core::Status encode_decimal_chunk(std::span<const ColumnSlice<focus::DecimalColumn>> slices,
                                  std::string* out) {
  OPTIMA_ASSIGN_OR_RETURN(const DecimalValues values, gather_decimals(slices));
  encode_decimals(values, out);
  return core::Status::ok();
}

core::Result<std::optional<uint16_t>> decimal_chunk_reference(std::string_view raw) {
  ByteReader reader(raw);
  const uint8_t flags = reader.get_u8();
  if (!reader.ok()) return core::data_loss("empty decimal chunk");
  if (flags != 0) return std::optional<uint16_t>();  // references carry no flags
  const uint8_t mode = reader.get_u8();
  if (mode != kReference) return std::optional<uint16_t>();
  const uint16_t key = reader.get_u16();
  if (!reader.ok()) return core::data_loss("truncated reference");
  return std::optional<uint16_t>(key);
}

namespace {

core::Status decode_standalone(ByteReader* reader, size_t rows, focus::DecimalColumn* column) {
  const uint8_t flags = reader->get_u8();
  if (!reader->ok() || (flags & ~kHasNulls) != 0) return core::data_loss("bad decimal flags");
  if ((flags & kHasNulls) != 0) {
    column->nulls.resize(rows);
    if (!get_bitmap(reader, rows, column->nulls.data())) {
      return core::data_loss("malformed null bitmap");
    }
  }
  const uint8_t mode = reader->get_u8();
  const uint8_t scale = reader->get_u8();
  if (!reader->ok() || scale > kMaxScale) return core::data_loss("bad decimal scale");
  const Int128 multiplier = kPow10[kMaxScale - scale];
  column->values.resize(rows);
  switch (mode) {
    case kPlain64: {
      std::vector<uint64_t> zigzag(rows);
      if (!get_planes(reader, rows, zigzag.data())) return core::data_loss("malformed values");
      for (size_t i = 0; i < rows; ++i) {
        column->values[i] =
            core::Decimal::from_units(static_cast<Int128>(zigzag_decode(zigzag[i])) * multiplier);
      }
      return core::Status::ok();
    }
    case kDictionary64: {
      const uint64_t size = reader->get_varint();
      if (!reader->ok() || size == 0 || size > rows) return core::data_loss("bad dictionary size");
      std::vector<uint64_t> entries(size);
      if (!get_planes(reader, size, entries.data())) {
        return core::data_loss("malformed dictionary");
      }
      std::vector<core::Decimal> dictionary(size);
      for (size_t i = 0; i < size; ++i) {
        dictionary[i] =
            core::Decimal::from_units(static_cast<Int128>(zigzag_decode(entries[i])) * multiplier);
      }
      std::vector<uint32_t> codes(rows);
      if (!get_planes(reader, rows, codes.data())) return core::data_loss("malformed codes");
      for (size_t i = 0; i < rows; ++i) {
        if (codes[i] >= size) return core::data_loss("code outside the dictionary");
        column->values[i] = dictionary[codes[i]];
      }
      return core::Status::ok();
    }
    case kPlain128: {
      std::vector<uint64_t> low(rows);
      std::vector<uint64_t> high(rows);
      if (!get_planes(reader, rows, low.data()) || !get_planes(reader, rows, high.data())) {
        return core::data_loss("malformed values");
      }
      const Int128 limit = std::numeric_limits<Int128>::max() / multiplier;
      for (size_t i = 0; i < rows; ++i) {
        const Int128 m = zigzag_decode128((static_cast<UInt128>(high[i]) << 64) | low[i]);
        if (m > limit || m < -limit) return core::data_loss("value out of range");
        column->values[i] = core::Decimal::from_units(m * multiplier);
      }
      return core::Status::ok();
    }
    default:
      return core::data_loss(fmt::format("unknown decimal mode {}", mode));
  }
}

}  // namespace

core::Result<focus::DecimalColumn> decode_decimal_chunk(std::string_view raw, size_t rows,
                                                        const focus::DecimalColumn* reference) {
  OPTIMA_ASSIGN_OR_RETURN(const std::optional<uint16_t> key, decimal_chunk_reference(raw));
  ByteReader reader(raw);
  focus::DecimalColumn column;
  if (!key.has_value()) {
    OPTIMA_RETURN_IF_ERROR(decode_standalone(&reader, rows, &column));
    if (!reader.at_end()) return core::data_loss("trailing bytes after values");
    return column;
  }
  if (reference == nullptr || reference->values.size() != rows ||
      (!reference->nulls.empty() && reference->nulls.size() != rows)) {
    return core::data_loss(fmt::format("refers to column key {} which was not supplied", *key));
  }
  reader.get_bytes(4);  // flags, mode, key
  std::vector<uint8_t> differs(rows);
  if (!get_bitmap(&reader, rows, differs.data())) return core::data_loss("malformed row bitmap");
  size_t different_rows = 0;
  for (const uint8_t d : differs) different_rows += d;
  focus::DecimalColumn different;
  OPTIMA_RETURN_IF_ERROR(decode_standalone(&reader, different_rows, &different));
  if (!reader.at_end()) return core::data_loss("trailing bytes after values");
  column.values = reference->values;
  const bool any_null = !reference->nulls.empty() || !different.nulls.empty();
  if (any_null) {
    column.nulls = reference->nulls.empty() ? std::vector<uint8_t>(rows, 0) : reference->nulls;
  }
  size_t j = 0;
  for (size_t i = 0; i < rows; ++i) {
    if (differs[i] == 0) continue;
    column.values[i] = different.values[j];
    if (any_null) column.nulls[i] = different.is_null(j) ? 1 : 0;
    ++j;
  }
  return column;
}

}  // namespace optima::store
