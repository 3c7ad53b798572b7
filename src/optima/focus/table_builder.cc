#include "optima/focus/table_builder.h"

#include <algorithm>

namespace optima::focus {

TableBuilder::TableBuilder() {
  for (const ColumnInfo& info : all_columns()) {
    const size_t i = index_of(info.column);
    switch (info.kind) {
      case ColumnKind::kString: strings_[i] = std::make_unique<StringState>(); break;
      case ColumnKind::kDecimal: decimals_[i] = std::make_unique<DecimalState>(); break;
      case ColumnKind::kDateTime: times_[i] = std::make_unique<TimeState>(); break;
      case ColumnKind::kTags: break;
    }
  }
  tag_offsets_.push_back(0);
}

void TableBuilder::declare(Column c) { present_[index_of(c)] = true; }

void TableBuilder::reserve(size_t rows) {
  for (size_t i = 0; i < kColumnCount; ++i) {
    if (strings_[i]) {
      strings_[i]->codes.reserve(rows);
    } else if (decimals_[i]) {
      decimals_[i]->values.reserve(rows);
      decimals_[i]->nulls.reserve(rows);
    } else if (times_[i]) {
      times_[i]->seconds.reserve(rows);
    }
  }
  for (auto& ext : extensions_) ext->state.codes.reserve(rows);
  tag_offsets_.reserve(rows + 1);
}

size_t TableBuilder::declare_extension(std::string_view name) { return extension_index(name); }

size_t TableBuilder::extension_index(std::string_view name) {
  for (size_t i = 0; i < extensions_.size(); ++i) {
    if (extensions_[i]->name == name) return i;
  }
  auto ext = std::make_unique<ExtensionState>();
  ext->name = std::string(name);
  ext->state.codes.assign(rows_, 0);
  extensions_.push_back(std::move(ext));
  return extensions_.size() - 1;
}

TableBuilder::StringState& TableBuilder::extension_state(std::string_view name) {
  return extensions_[extension_index(name)]->state;
}

namespace {
inline uint32_t intern_cached(core::StringDictionary& dict, std::string_view value,
                              uint32_t* last_code) {
  // Consecutive rows often repeat a value (same account, same period): skip the hash.
  if (*last_code != 0 && dict.value(*last_code) == value) return *last_code;
  *last_code = dict.intern(value);
  return *last_code;
}
}  // namespace

void TableBuilder::set_string(Column c, std::string_view value) {
  const size_t i = index_of(c);
  present_[i] = true;
  StringState& s = *strings_[i];
  s.pending = intern_cached(s.dictionary, value, &s.last_code);
}

void TableBuilder::set_decimal(Column c, core::Decimal value) {
  const size_t i = index_of(c);
  present_[i] = true;
  DecimalState& s = *decimals_[i];
  s.pending = value;
  s.pending_set = true;
}

void TableBuilder::set_time(Column c, core::Timestamp value) {
  const size_t i = index_of(c);
  present_[i] = true;
  times_[i]->pending = value.unix_seconds;
}

void TableBuilder::add_tag(std::string_view key, std::string_view value) {
  present_[index_of(Column::kTags)] = true;
  const uint32_t k = tag_keys_.intern(key);
  const uint32_t v = tag_values_.intern(value);
  for (auto& pair : pending_tags_) {
    if (pair.first == k) {
      pair.second = v;
      return;
    }
  }
  pending_tags_.emplace_back(k, v);
}

void TableBuilder::set_extension(std::string_view name, std::string_view value) {
  if (value.empty()) {
    extension_state(name);
    return;
  }
  StringState& s = extension_state(name);
  s.pending = intern_cached(s.dictionary, value, &s.last_code);
}

void TableBuilder::set_extension_at(size_t index, std::string_view value) {
  if (value.empty()) return;
  StringState& s = extensions_[index]->state;
  s.pending = intern_cached(s.dictionary, value, &s.last_code);
}

void TableBuilder::finish_row() {
  for (size_t i = 0; i < kColumnCount; ++i) {
    if (strings_[i]) {
      strings_[i]->codes.push_back(strings_[i]->pending);
      strings_[i]->pending = 0;
    } else if (decimals_[i]) {
      DecimalState& s = *decimals_[i];
      if (s.pending_set) {
        s.values.push_back(s.pending);
        s.nulls.push_back(0);
      } else {
        s.values.emplace_back();
        s.nulls.push_back(1);
        s.any_null = true;
      }
      s.pending_set = false;
    } else if (times_[i]) {
      times_[i]->seconds.push_back(times_[i]->pending);
      times_[i]->pending = kNullTime;
    }
  }
  for (auto& ext : extensions_) {
    ext->state.codes.push_back(ext->state.pending);
    ext->state.pending = 0;
  }
  // Sorted by key code so equal tag sets encode identically.
  std::sort(pending_tags_.begin(), pending_tags_.end());
  for (const auto& [k, v] : pending_tags_) {
    tag_key_codes_.push_back(k);
    tag_value_codes_.push_back(v);
  }
  pending_tags_.clear();
  tag_offsets_.push_back(static_cast<uint32_t>(tag_key_codes_.size()));
  ++rows_;
}

void TableBuilder::discard_row() {
  for (size_t i = 0; i < kColumnCount; ++i) {
    if (strings_[i]) strings_[i]->pending = 0;
    if (decimals_[i]) decimals_[i]->pending_set = false;
    if (times_[i]) times_[i]->pending = kNullTime;
  }
  for (auto& ext : extensions_) ext->state.pending = 0;
  pending_tags_.clear();
}

Table TableBuilder::finish() {
  Table table;
  table.set_num_rows(rows_);
  for (size_t i = 0; i < kColumnCount; ++i) {
    const auto c = static_cast<Column>(i);
    table.set_present(c, present_[i]);
    if (strings_[i]) {
      StringState& s = *strings_[i];
      if (present_[i]) {
        StringColumn& out = table.mutable_strings(c);
        out.codes = std::move(s.codes);
        out.dictionary = s.dictionary.release();
      }
      *strings_[i] = StringState();
    } else if (decimals_[i]) {
      DecimalState& s = *decimals_[i];
      if (present_[i]) {
        DecimalColumn& out = table.mutable_decimals(c);
        out.values = std::move(s.values);
        if (s.any_null) out.nulls = std::move(s.nulls);
      }
      *decimals_[i] = DecimalState();
    } else if (times_[i]) {
      if (present_[i]) table.mutable_times(c).seconds = std::move(times_[i]->seconds);
      *times_[i] = TimeState();
    }
  }
  if (present_[index_of(Column::kTags)]) {
    TagColumn& tags = table.mutable_tags();
    tags.offsets = std::move(tag_offsets_);
    tags.keys = std::move(tag_key_codes_);
    tags.values = std::move(tag_value_codes_);
    tags.key_dictionary = tag_keys_.release();
    tags.value_dictionary = tag_values_.release();
  }
  tag_offsets_.assign(1, 0);
  tag_key_codes_.clear();
  tag_value_codes_.clear();
  for (auto& ext : extensions_) {
    ExtensionColumn col;
    col.name = ext->name;
    col.data.codes = std::move(ext->state.codes);
    col.data.dictionary = ext->state.dictionary.release();
    table.mutable_extensions().push_back(std::move(col));
    ext->state = StringState();
  }
  rows_ = 0;
  return table;
}

}  // namespace optima::focus
