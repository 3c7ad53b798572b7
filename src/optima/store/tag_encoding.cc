#include "optima/store/tag_encoding.h"

#include <algorithm>
#include <limits>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "optima/core/string_dictionary.h"
#include "optima/store/byte_stream.h"
#include "optima/store/integer_encoding.h"
#include "optima/store/string_encoding.h"

namespace optima::store {
namespace {

using Pairs = std::vector<std::pair<uint32_t, uint32_t>>;

// Group-level dictionaries of keys, values and canonical tag sets.
class TagSetDictionary {
 public:
  // The id (>= 1) of the set holding these (key, value) pairs, added if new.
  uint32_t intern(std::vector<std::pair<std::string_view, std::string_view>> pairs) {
    std::sort(pairs.begin(), pairs.end());
    std::string canonical;
    ByteWriter writer(&canonical);
    for (const auto& [key, value] : pairs) {
      writer.put_varint(key.size());
      writer.put_bytes(key);
      writer.put_varint(value.size());
      writer.put_bytes(value);
    }
    const auto [it, inserted] =
        ids_.emplace(std::move(canonical), static_cast<uint32_t>(sets_.size() + 1));
    if (inserted) {
      Pairs codes;
      codes.reserve(pairs.size());
      for (const auto& [key, value] : pairs) codes.emplace_back(keys_.intern(key), values_.intern(value));
      sets_.push_back(std::move(codes));
    }
    return it->second;
  }

  void write(ByteWriter* out) const {
    put_string_list(keys_.values(), out);
    put_string_list(values_.values(), out);
    out->put_varint(sets_.size());
    for (const Pairs& set : sets_) {
      out->put_varint(set.size());
      for (const auto& [key, value] : set) {
        out->put_varint(key);
        out->put_varint(value);
      }
    }
  }

 private:
  core::StringDictionary keys_;
  core::StringDictionary values_;
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<Pairs> sets_;
};

bool same_pairs(const focus::TagColumn& tags, uint32_t a_begin, uint32_t a_end, uint32_t b_begin,
                uint32_t b_end) {
  if (a_end - a_begin != b_end - b_begin) return false;
  for (uint32_t i = 0; i < a_end - a_begin; ++i) {
    if (tags.keys[a_begin + i] != tags.keys[b_begin + i] ||
        tags.values[a_begin + i] != tags.values[b_begin + i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

core::Status encode_tag_chunk(std::span<const ColumnSlice<focus::TagColumn>> slices,
                              std::string* out) {
  size_t rows = 0;
  for (const auto& slice : slices) rows += slice.rows();
  std::vector<uint32_t> set_ids(rows, 0);
  TagSetDictionary dictionary;
  std::unordered_map<std::string, uint32_t> input_sets;  // packed input codes -> set id
  std::string packed;
  size_t at = 0;
  for (const auto& slice : slices) {
    const focus::TagColumn* tags = slice.column;
    if (tags == nullptr || tags->offsets.empty()) {
      at += slice.rows();
      continue;
    }
    if (tags->offsets.size() < slice.end + 1) {
      return core::invalid_argument(fmt::format("tag offsets cover {} rows, fewer than row {}",
                                                tags->offsets.size() - 1, slice.end));
    }
    input_sets.clear();
    uint32_t previous_begin = 0;
    uint32_t previous_end = 0;
    uint32_t previous_id = 0;
    for (size_t row = slice.begin; row < slice.end; ++row, ++at) {
      const uint32_t begin = tags->offsets[row];
      const uint32_t end = tags->offsets[row + 1];
      if (begin > end || end > tags->keys.size() || end > tags->values.size()) {
        return core::invalid_argument(fmt::format("row {}: tag offsets out of range", row));
      }
      if (begin == end) continue;
      // Consecutive rows usually carry the same tags: skip the lookup.
      if (previous_id != 0 && same_pairs(*tags, begin, end, previous_begin, previous_end)) {
        set_ids[at] = previous_id;
        continue;
      }
      packed.clear();
      ByteWriter writer(&packed);
      for (uint32_t i = begin; i < end; ++i) {
        writer.put_u32(tags->keys[i]);
        writer.put_u32(tags->values[i]);
      }
      auto it = input_sets.find(packed);
      if (it == input_sets.end()) {
        std::vector<std::pair<std::string_view, std::string_view>> pairs;
        pairs.reserve(end - begin);
        for (uint32_t i = begin; i < end; ++i) {
          const uint32_t key = tags->keys[i];
          const uint32_t value = tags->values[i];
          if (key == 0 || key >= tags->key_dictionary.size() || value == 0 ||
              value >= tags->value_dictionary.size()) {
            return core::invalid_argument(
                fmt::format("row {}: tag code outside the tag dictionaries", row));
          }
          pairs.emplace_back(tags->key_dictionary[key], tags->value_dictionary[value]);
        }
        it = input_sets.emplace(packed, dictionary.intern(std::move(pairs))).first;
      }
      set_ids[at] = it->second;
      previous_begin = begin;
      previous_end = end;
      previous_id = it->second;
    }
  }
  ByteWriter writer(out);
  dictionary.write(&writer);
  put_planes(set_ids.data(), set_ids.size(), &writer);
  return core::Status::ok();
}

core::Result<focus::TagColumn> decode_tag_chunk(std::string_view raw, size_t rows) {
  ByteReader reader(raw);
  focus::TagColumn tags;
  if (!get_string_list(&reader, raw.size(), &tags.key_dictionary) ||
      !get_string_list(&reader, raw.size(), &tags.value_dictionary)) {
    return core::data_loss("malformed tag dictionaries");
  }
  const uint64_t set_count = reader.get_varint();
  if (!reader.ok() || set_count > rows) return core::data_loss("bad tag-set count");
  std::vector<Pairs> sets(set_count + 1);  // sets[0] is the empty set
  for (uint64_t s = 1; s <= set_count; ++s) {
    const uint64_t size = reader.get_varint();
    if (!reader.ok() || size == 0 || size > reader.remaining()) {
      return core::data_loss("bad tag-set size");
    }
    sets[s].reserve(size);
    for (uint64_t i = 0; i < size; ++i) {
      const uint64_t key = reader.get_varint();
      const uint64_t value = reader.get_varint();
      if (!reader.ok() || key == 0 || key >= tags.key_dictionary.size() || value == 0 ||
          value >= tags.value_dictionary.size()) {
        return core::data_loss("tag code outside the tag dictionaries");
      }
      sets[s].emplace_back(static_cast<uint32_t>(key), static_cast<uint32_t>(value));
    }
  }
  std::vector<uint32_t> set_ids(rows);
  if (!get_planes(&reader, rows, set_ids.data())) return core::data_loss("malformed tag-set ids");
  if (!reader.at_end()) return core::data_loss("trailing bytes after tag-set ids");
  uint64_t total = 0;
  for (const uint32_t id : set_ids) {
    if (id > set_count) return core::data_loss("tag-set id outside the dictionary");
    total += sets[id].size();
  }
  if (total > std::numeric_limits<uint32_t>::max()) return core::data_loss("too many tag pairs");
  tags.offsets.resize(rows + 1);
  tags.keys.reserve(total);
  tags.values.reserve(total);
  tags.offsets[0] = 0;
  for (size_t row = 0; row < rows; ++row) {
    for (const auto& [key, value] : sets[set_ids[row]]) {
      tags.keys.push_back(key);
      tags.values.push_back(value);
    }
    tags.offsets[row + 1] = static_cast<uint32_t>(tags.keys.size());
  }
  return tags;
}

}  // namespace optima::store
