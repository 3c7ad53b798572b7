#include "optima/store/time_encoding.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "optima/store/integer_encoding.h"

namespace optima::store {
namespace {

constexpr uint8_t kHasNulls = 1;
enum Mode : uint8_t { kDelta = 0, kFrameOfReference = 1 };
constexpr int64_t kUnits[] = {86400, 3600, 60, 1};

bool is_known_unit(uint64_t unit) {
  return std::find(std::begin(kUnits), std::end(kUnits), static_cast<int64_t>(unit)) !=
         std::end(kUnits);
}

}  // namespace

core::Status encode_time_chunk(std::span<const ColumnSlice<focus::TimeColumn>> slices,
                               std::string* out) {
  size_t rows = 0;
  for (const auto& slice : slices) rows += slice.rows();
  std::vector<int64_t> seconds(rows, focus::kNullTime);
  size_t at = 0;
  for (const auto& slice : slices) {
    if (slice.column == nullptr) {
      at += slice.rows();
      continue;
    }
    if (slice.column->seconds.size() < slice.end) {
      return core::invalid_argument(fmt::format("time column has {} values, fewer than row {}",
                                                slice.column->seconds.size(), slice.end));
    }
    std::copy(slice.column->seconds.begin() + static_cast<std::ptrdiff_t>(slice.begin),
              slice.column->seconds.begin() + static_cast<std::ptrdiff_t>(slice.end),
              seconds.begin() + static_cast<std::ptrdiff_t>(at));
    at += slice.rows();
  }

  // Null rows take the previous value (or the first non-null one) so they cost no delta.
  std::vector<uint8_t> is_null(rows, 0);
  bool any_null = false;
  int64_t fill = 0;
  for (const int64_t v : seconds) {
    if (v != focus::kNullTime) {
      fill = v;
      break;
    }
  }
  for (size_t i = 0; i < rows; ++i) {
    if (seconds[i] == focus::kNullTime) {
      is_null[i] = 1;
      any_null = true;
      seconds[i] = fill;
    } else {
      fill = seconds[i];
    }
  }

  int64_t unit = 1;
  for (const int64_t candidate : kUnits) {
    if (std::all_of(seconds.begin(), seconds.end(),
                    [candidate](int64_t v) { return v % candidate == 0; })) {
      unit = candidate;
      break;
    }
  }
  std::vector<int64_t> scaled(rows);
  for (size_t i = 0; i < rows; ++i) scaled[i] = seconds[i] / unit;

  // Both candidate layouts use wrapping unsigned arithmetic so extreme values cannot overflow.
  const int64_t first = rows == 0 ? 0 : scaled[0];
  const int64_t minimum = rows == 0 ? 0 : *std::min_element(scaled.begin(), scaled.end());
  std::vector<uint64_t> deltas(rows);
  std::vector<uint64_t> offsets(rows);
  uint64_t delta_max = 0;
  uint64_t offset_max = 0;
  uint64_t previous = static_cast<uint64_t>(first);
  for (size_t i = 0; i < rows; ++i) {
    const auto v = static_cast<uint64_t>(scaled[i]);
    deltas[i] = zigzag_encode(static_cast<int64_t>(v - previous));
    previous = v;
    offsets[i] = v - static_cast<uint64_t>(minimum);
    delta_max |= deltas[i];
    offset_max |= offsets[i];
  }

  ByteWriter writer(out);
  writer.put_u8(any_null ? kHasNulls : 0);
  if (any_null) put_bitmap(is_null.data(), rows, &writer);
  writer.put_varint(static_cast<uint64_t>(unit));
  if (byte_width(offset_max) < byte_width(delta_max)) {
    writer.put_u8(kFrameOfReference);
    writer.put_varint(zigzag_encode(minimum));
    put_planes(offsets.data(), rows, &writer);
  } else {
    writer.put_u8(kDelta);
    writer.put_varint(zigzag_encode(first));
    put_planes(deltas.data(), rows, &writer);
  }
  return core::Status::ok();
}

core::Result<focus::TimeColumn> decode_time_chunk(std::string_view raw, size_t rows) {
  ByteReader reader(raw);
  const uint8_t flags = reader.get_u8();
  if (!reader.ok() || (flags & ~kHasNulls) != 0) return core::data_loss("bad time flags");
  std::vector<uint8_t> is_null;
  if ((flags & kHasNulls) != 0) {
    is_null.resize(rows);
    if (!get_bitmap(&reader, rows, is_null.data())) return core::data_loss("malformed null bitmap");
  }
  const uint64_t unit = reader.get_varint();
  const uint8_t mode = reader.get_u8();
  const int64_t base = zigzag_decode(reader.get_varint());
  if (!reader.ok() || !is_known_unit(unit)) return core::data_loss("bad time unit");
  std::vector<uint64_t> stored(rows);
  if (!get_planes(&reader, rows, stored.data())) return core::data_loss("malformed values");
  if (!reader.at_end()) return core::data_loss("trailing bytes after values");

  focus::TimeColumn column;
  column.seconds.resize(rows);
  auto value = static_cast<uint64_t>(base);
  switch (mode) {
    case kDelta:
      for (size_t i = 0; i < rows; ++i) {
        value += static_cast<uint64_t>(zigzag_decode(stored[i]));
        column.seconds[i] = static_cast<int64_t>(value);
      }
      break;
    case kFrameOfReference:
      for (size_t i = 0; i < rows; ++i) column.seconds[i] = static_cast<int64_t>(value + stored[i]);
      break;
    default:
      return core::data_loss(fmt::format("unknown time mode {}", mode));
  }
  // Multiplying back by the unit is exact for every value the encoder wrote; wrapping
  // arithmetic keeps a corrupt value from being undefined behaviour.
  if (unit != 1) {
    for (auto& s : column.seconds) s = static_cast<int64_t>(static_cast<uint64_t>(s) * unit);
  }
  for (size_t i = 0; i < is_null.size(); ++i) {
    if (is_null[i] != 0) column.seconds[i] = focus::kNullTime;
  }
  return column;
}

}  // namespace optima::store
