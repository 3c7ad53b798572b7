// Table: a columnar block of FOCUS 1.2 rows, the unit readers produce, segments store and
// queries scan.
//
// String columns are dictionary-encoded (code 0 = null); decimals are exact (core::Decimal) with
// an optional null mask; date/times are UTC seconds (kNullTime = null); Tags are per-row lists of
// (key code, value code) pairs; x_ extension columns are dictionary-encoded strings by name.
// A column that a table does not hold (not in the source, or not loaded by a query) has
// present(c) == false and empty vectors. Immutable once built; share as
// std::shared_ptr<const Table> across threads.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/time.h"
#include "optima/focus/column.h"

namespace optima::focus {

inline constexpr int64_t kNullTime = std::numeric_limits<int64_t>::min();

struct StringColumn {
  std::vector<uint32_t> codes;          // one per row; 0 = null
  std::vector<std::string> dictionary;  // dictionary[0] == "" is the null slot
  bool is_null(size_t row) const { return codes[row] == 0; }
  // Requires: !is_null(row).
  const std::string& value(size_t row) const { return dictionary[codes[row]]; }
};

struct DecimalColumn {
  std::vector<core::Decimal> values;  // null rows hold 0
  std::vector<uint8_t> nulls;         // empty when no row is null, else 1 per null row
  bool is_null(size_t row) const { return !nulls.empty() && nulls[row] != 0; }
};

struct TimeColumn {
  std::vector<int64_t> seconds;  // kNullTime = null
  bool is_null(size_t row) const { return seconds[row] == kNullTime; }
};

struct TagColumn {
  std::vector<uint32_t> offsets;  // rows + 1 entries; pairs of row r are [offsets[r], offsets[r+1])
  std::vector<uint32_t> keys;     // codes into key_dictionary
  std::vector<uint32_t> values;   // codes into value_dictionary
  std::vector<std::string> key_dictionary;    // [0] unused
  std::vector<std::string> value_dictionary;  // [0] unused
  // The value code of `key_code` in `row`, or 0 when the row lacks the tag.
  uint32_t value_code(size_t row, uint32_t key_code) const;
  // The key code of `key`, or 0 when no row has it.
  uint32_t key_code(std::string_view key) const;
};

struct ExtensionColumn {
  std::string name;  // e.g. "x_ServiceCode"
  StringColumn data;
};

class Table {
 public:
  size_t num_rows() const { return num_rows_; }
  bool present(Column c) const { return present_[index_of(c)]; }

  // Requires: column_kind(c) matches the accessor.
  const StringColumn& strings(Column c) const { return strings_[index_of(c)]; }
  const DecimalColumn& decimals(Column c) const { return decimals_[index_of(c)]; }
  const TimeColumn& times(Column c) const { return times_[index_of(c)]; }
  const TagColumn& tags() const { return tags_; }
  const std::vector<ExtensionColumn>& extensions() const { return extensions_; }
  const ExtensionColumn* extension(std::string_view name) const;

  // Mutable access for builders and segment decoders.
  StringColumn& mutable_strings(Column c) { return strings_[index_of(c)]; }
  DecimalColumn& mutable_decimals(Column c) { return decimals_[index_of(c)]; }
  TimeColumn& mutable_times(Column c) { return times_[index_of(c)]; }
  TagColumn& mutable_tags() { return tags_; }
  std::vector<ExtensionColumn>& mutable_extensions() { return extensions_; }
  void set_present(Column c, bool present) { present_[index_of(c)] = present; }
  void set_num_rows(size_t rows) { num_rows_ = rows; }

  // Cell as text, for export and messages: "" for null, decimals as plain text, times as
  // ISO 8601, Tags as a JSON object.
  std::string cell_text(size_t row, Column c) const;
  // Tags of one row as a JSON object string with keys sorted ("{}" when none).
  std::string tags_json(size_t row) const;

 private:
  size_t num_rows_ = 0;
  std::array<bool, kColumnCount> present_{};
  std::array<StringColumn, kColumnCount> strings_;
  std::array<DecimalColumn, kColumnCount> decimals_;
  std::array<TimeColumn, kColumnCount> times_;
  TagColumn tags_;
  std::vector<ExtensionColumn> extensions_;
};

}  // namespace optima::focus
