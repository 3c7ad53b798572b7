#include "optima/focus/table.h"

#include <nlohmann/json.hpp>

namespace optima::focus {

uint32_t TagColumn::value_code(size_t row, uint32_t key_code) const {
  for (uint32_t i = offsets[row]; i < offsets[row + 1]; ++i) {
    if (keys[i] == key_code) return values[i];
  }
  return 0;
}

uint32_t TagColumn::key_code(std::string_view key) const {
  for (uint32_t code = 1; code < key_dictionary.size(); ++code) {
    if (key_dictionary[code] == key) return code;
  }
  return 0;
}

const ExtensionColumn* Table::extension(std::string_view name) const {
  for (const auto& ext : extensions_) {
    if (ext.name == name) return &ext;
  }
  return nullptr;
}

std::string Table::tags_json(size_t row) const {
  if (tags_.offsets.empty()) return "{}";
  // nlohmann::json keeps object keys sorted: the canonical form, independent of source order.
  nlohmann::json obj = nlohmann::json::object();
  for (uint32_t i = tags_.offsets[row]; i < tags_.offsets[row + 1]; ++i) {
    obj[tags_.key_dictionary[tags_.keys[i]]] = tags_.value_dictionary[tags_.values[i]];
  }
  return obj.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Table::cell_text(size_t row, Column c) const {
  if (!present(c)) return {};
  switch (column_kind(c)) {
    case ColumnKind::kString: {
      const auto& col = strings(c);
      return col.is_null(row) ? std::string() : col.value(row);
    }
    case ColumnKind::kDecimal: {
      const auto& col = decimals(c);
      return col.is_null(row) ? std::string() : col.values[row].to_string();
    }
    case ColumnKind::kDateTime: {
      const auto& col = times(c);
      return col.is_null(row) ? std::string() : core::format_iso8601({col.seconds[row]});
    }
    case ColumnKind::kTags:
      if (tags_.offsets.empty() || tags_.offsets[row] == tags_.offsets[row + 1]) return {};
      return tags_json(row);
  }
  return {};
}

}  // namespace optima::focus
