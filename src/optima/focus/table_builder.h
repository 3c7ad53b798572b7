// TableBuilder: appends FOCUS rows cell by cell and yields a dictionary-encoded Table.
//
// Usage per row: set the cells that have values (unset cells are null), then finish_row().
// Columns become present() once declared with declare() or set in any row. Not thread-safe;
// use one builder per thread.
#pragma once

#include <array>
#include <memory>
#include <string_view>
#include <vector>

#include "optima/core/string_dictionary.h"
#include "optima/focus/table.h"

namespace optima::focus {

class TableBuilder {
 public:
  TableBuilder();

  // Marks a column as part of the dataset even if every row is null.
  void declare(Column c);
  // Reserves room for `rows` rows in the table being built (a hint: more rows still fit), so
  // columns grow once per table instead of doubling.
  void reserve(size_t rows);
  // Declares an x_ extension column (keeps column order stable across tables) and returns its
  // index for set_extension_at(); extensions are indexed in declaration order from 0.
  size_t declare_extension(std::string_view name);

  // Requires: column_kind(c) == kString.
  void set_string(Column c, std::string_view value);
  // Requires: column_kind(c) == kDecimal.
  void set_decimal(Column c, core::Decimal value);
  // Requires: column_kind(c) == kDateTime.
  void set_time(Column c, core::Timestamp value);
  // Adds one tag to the current row; a repeated key keeps the last value.
  void add_tag(std::string_view key, std::string_view value);
  // Sets an x_ column's cell for the current row; an empty value is null.
  void set_extension(std::string_view name, std::string_view value);
  // As set_extension() for the column declare_extension() returned `index` for, without the
  // lookup by name (readers with many x_ columns call this per cell).
  void set_extension_at(size_t index, std::string_view value);

  // Ends the current row; cells not set are null.
  void finish_row();
  // Drops the cells set since the last finish_row() (used when a row turns out to be bad).
  void discard_row();
  size_t num_rows() const { return rows_; }

  // Moves the rows out as a Table and resets the builder (declarations are kept).
  Table finish();

 private:
  struct StringState {
    core::StringDictionary dictionary;
    std::vector<uint32_t> codes;
    uint32_t pending = 0;
    uint32_t last_code = 0;  // code of the previous value set, for run-length reuse
  };
  struct DecimalState {
    std::vector<core::Decimal> values;
    std::vector<uint8_t> nulls;
    bool any_null = false;
    bool pending_set = false;
    core::Decimal pending;
  };
  struct TimeState {
    std::vector<int64_t> seconds;
    int64_t pending = kNullTime;
  };
  struct ExtensionState {
    std::string name;
    StringState state;
  };
  StringState& extension_state(std::string_view name);
  size_t extension_index(std::string_view name);

  size_t rows_ = 0;
  std::array<bool, kColumnCount> present_{};
  std::array<std::unique_ptr<StringState>, kColumnCount> strings_;
  std::array<std::unique_ptr<DecimalState>, kColumnCount> decimals_;
  std::array<std::unique_ptr<TimeState>, kColumnCount> times_;
  std::vector<std::unique_ptr<ExtensionState>> extensions_;
  // Tags
  core::StringDictionary tag_keys_;
  core::StringDictionary tag_values_;
  std::vector<uint32_t> tag_offsets_;
  std::vector<uint32_t> tag_key_codes_;
  std::vector<uint32_t> tag_value_codes_;
  std::vector<std::pair<uint32_t, uint32_t>> pending_tags_;
};

}  // namespace optima::focus
