#include "optima/store/string_encoding.h"

#include <algorithm>

#include <fmt/format.h>

#include "optima/core/string_dictionary.h"
#include "optima/store/integer_encoding.h"

namespace optima::store {
namespace {
constexpr uint32_t kUnmapped = 0xffffffffu;
}  // namespace

void put_string_list(const std::vector<std::string>& values, ByteWriter* out) {
  const size_t count = values.empty() ? 0 : values.size() - 1;
  out->put_varint(count);
  size_t total = 0;
  for (size_t i = 1; i <= count; ++i) {
    out->put_varint(values[i].size());
    total += values[i].size();
  }
  char* dst = out->extend(total);
  for (size_t i = 1; i <= count; ++i) {
    dst = std::copy(values[i].begin(), values[i].end(), dst);
  }
}

bool get_string_list(ByteReader* in, size_t max_count, std::vector<std::string>* values) {
  const uint64_t count = in->get_varint();
  if (!in->ok() || count > max_count || count > in->remaining()) return false;
  std::vector<uint64_t> lengths(count);
  uint64_t total = 0;
  for (auto& length : lengths) {
    length = in->get_varint();
    total += length;
    if (!in->ok() || length > in->remaining() || total > in->remaining()) return false;
  }
  const std::string_view blob = in->get_bytes(total);
  if (!in->ok()) return false;
  values->clear();
  values->reserve(count + 1);
  values->emplace_back();
  size_t at = 0;
  for (uint64_t length : lengths) {
    values->emplace_back(blob.substr(at, length));
    at += length;
  }
  return true;
}

core::Status encode_string_chunk(std::span<const ColumnSlice<focus::StringColumn>> slices,
                                 std::string* out) {
  size_t rows = 0;
  for (const auto& slice : slices) rows += slice.rows();
  std::vector<uint32_t> codes(rows, 0);
  core::StringDictionary dictionary;
  std::vector<uint32_t> remap;
  size_t at = 0;
  for (const auto& slice : slices) {
    if (slice.column == nullptr) {
      at += slice.rows();
      continue;
    }
    const focus::StringColumn& column = *slice.column;
    if (column.codes.size() < slice.end) {
      return core::invalid_argument(fmt::format("string column has {} codes, fewer than row {}",
                                                column.codes.size(), slice.end));
    }
    // Input code -> group code, filled on first sight: one hash per distinct value, not per row.
    // Code 0 is null even when a table left its dictionary empty.
    remap.assign(std::max<size_t>(column.dictionary.size(), 1), kUnmapped);
    remap[0] = 0;
    for (size_t row = slice.begin; row < slice.end; ++row) {
      const uint32_t code = column.codes[row];
      if (code >= remap.size()) {
        return core::invalid_argument(fmt::format(
            "row {}: string code {} outside a dictionary of {}", row, code, remap.size()));
      }
      uint32_t mapped = remap[code];
      if (mapped == kUnmapped) {
        mapped = dictionary.intern(column.dictionary[code]);
        remap[code] = mapped;
      }
      codes[at++] = mapped;
    }
  }
  ByteWriter writer(out);
  put_string_list(dictionary.values(), &writer);
  put_planes(codes.data(), codes.size(), &writer);
  return core::Status::ok();
}

core::Result<focus::StringColumn> decode_string_chunk(std::string_view raw, size_t rows) {
  ByteReader reader(raw);
  focus::StringColumn column;
  if (!get_string_list(&reader, rows, &column.dictionary)) {
    return core::data_loss("malformed string dictionary");
  }
  column.codes.resize(rows);
  if (!get_planes(&reader, rows, column.codes.data())) return core::data_loss("malformed codes");
  if (!reader.at_end()) return core::data_loss("trailing bytes after codes");
  uint32_t max_code = 0;
  for (uint32_t code : column.codes) max_code = std::max(max_code, code);
  if (max_code >= column.dictionary.size()) {
    return core::data_loss(fmt::format("code {} outside a dictionary of {}", max_code,
                                       column.dictionary.size()));
  }
  return column;
}

}  // namespace optima::store
