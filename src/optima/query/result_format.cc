#include "optima/query/result_format.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace optima::query {

namespace {

constexpr std::string_view kNullText = "(null)";
constexpr std::string_view kTotalLabel = "Total";

// Display width: UTF-8 code points (continuation bytes do not count).
size_t display_width(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

bool right_aligned(ValueType type) {
  return type == ValueType::kMoney || type == ValueType::kDecimal || type == ValueType::kInteger;
}

std::string display_text(const Value& value, ValueType type) {
  if (std::holds_alternative<std::monostate>(value))
    return std::string(kNullText);
  if (type == ValueType::kMoney && std::holds_alternative<core::Decimal>(value)) {
    return std::get<core::Decimal>(value).to_fixed(2);
  }
  return value_text(value);
}

// A column's table header: money columns name their currency when it is known,
// "BilledCost (USD)".
std::string header_text(const ResultColumn& column) {
  if (column.type == ValueType::kMoney && !column.currency.empty())
    return fmt::format("{} ({})", column.name, column.currency);
  return column.name;
}

void append_csv_field(std::string_view field, std::string* out) {
  const bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out->append(field);
    return;
  }
  out->push_back('"');
  for (char c : field) {
    if (c == '"')
      out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

nlohmann::ordered_json json_value(const Value& value) {
  if (std::holds_alternative<std::monostate>(value))
    return nullptr;
  if (const auto* i = std::get_if<int64_t>(&value))
    return *i;
  return value_text(value);
}

}  // namespace

std::string value_text(const Value& value) {
  struct Visitor {
    std::string operator()(std::monostate) const { return {}; }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(core::Decimal d) const { return d.to_string(); }
    std::string operator()(int64_t i) const { return std::to_string(i); }
    std::string operator()(core::Timestamp t) const { return core::format_iso8601(t); }
  };
  return std::visit(Visitor{}, value);
}

std::string format_table(const QueryResult& result) {
  const size_t ncols = result.columns.size();
  std::vector<std::vector<std::string>> cells;
  cells.reserve(result.rows.size() + 1);
  for (const ResultRow& row : result.rows) {
    std::vector<std::string> line;
    for (size_t c = 0; c < ncols; ++c)
      line.push_back(display_text(row.values[c], result.columns[c].type));
    cells.push_back(std::move(line));
  }
  const bool has_labels =
      ncols > 0 && !right_aligned(result.columns.front().type) && result.totals.size() == ncols;
  std::vector<std::string> total_line;
  if (has_labels) {
    total_line.emplace_back(kTotalLabel);
    for (size_t c = 1; c < ncols; ++c) {
      total_line.push_back(right_aligned(result.columns[c].type)
                               ? display_text(result.totals[c], result.columns[c].type)
                               : std::string());
    }
  }
  std::vector<std::string> header;
  for (const ResultColumn& col : result.columns)
    header.push_back(header_text(col));
  std::vector<size_t> widths(ncols, 0);
  for (size_t c = 0; c < ncols; ++c) {
    widths[c] = display_width(header[c]);
    for (const auto& line : cells)
      widths[c] = std::max(widths[c], display_width(line[c]));
    if (has_labels)
      widths[c] = std::max(widths[c], display_width(total_line[c]));
  }
  std::string out;
  auto emit = [&](const std::vector<std::string>& line) {
    std::string text;
    for (size_t c = 0; c < ncols; ++c) {
      if (c > 0)
        text += "  ";
      const std::string pad(widths[c] - display_width(line[c]), ' ');
      text += right_aligned(result.columns[c].type) ? pad + line[c] : line[c] + pad;
    }
    text.erase(text.find_last_not_of(' ') + 1);
    out += text;
    out += '\n';
  };
  auto rule = [&] {
    std::vector<std::string> line;
    for (size_t c = 0; c < ncols; ++c)
      line.emplace_back(widths[c], '-');
    emit(line);
  };
  emit(header);
  rule();
  for (const auto& line : cells)
    emit(line);
  if (has_labels) {
    rule();
    emit(total_line);
  }
  out += fmt::format("{} of {} rows; {} rows scanned\n", result.rows.size(), result.total_rows,
                     result.rows_scanned);
  if (result.next_cursor)
    out += fmt::format("next_cursor: {}\n", *result.next_cursor);
  for (const std::string& warning : result.warnings)
    out += fmt::format("warning: {}\n", warning);
  return out;
}

std::string format_csv(const QueryResult& result) {
  std::string out;
  for (size_t c = 0; c < result.columns.size(); ++c) {
    if (c > 0)
      out.push_back(',');
    append_csv_field(result.columns[c].name, &out);
  }
  out.push_back('\n');
  for (const ResultRow& row : result.rows) {
    for (size_t c = 0; c < row.values.size(); ++c) {
      if (c > 0)
        out.push_back(',');
      append_csv_field(value_text(row.values[c]), &out);
    }
    out.push_back('\n');
  }
  return out;
}

std::string format_json(const QueryResult& result, int indent) {
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  nlohmann::ordered_json columns = nlohmann::ordered_json::array();
  for (const ResultColumn& c : result.columns) {
    nlohmann::ordered_json column = {{"name", c.name}, {"type", value_type_name(c.type)}};
    if (!c.currency.empty())
      column["currency"] = c.currency;
    columns.push_back(std::move(column));
  }
  doc["columns"] = std::move(columns);
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const ResultRow& row : result.rows) {
    nlohmann::ordered_json obj = nlohmann::ordered_json::object();
    for (size_t c = 0; c < row.values.size(); ++c)
      obj[result.columns[c].name] = json_value(row.values[c]);
    if (row.others)
      obj["others"] = true;
    rows.push_back(std::move(obj));
  }
  doc["rows"] = std::move(rows);
  nlohmann::ordered_json totals = nlohmann::ordered_json::object();
  for (size_t c = 0; c < result.columns.size() && c < result.totals.size(); ++c) {
    if (right_aligned(result.columns[c].type))
      totals[result.columns[c].name] = json_value(result.totals[c]);
  }
  doc["totals"] = std::move(totals);
  doc["total_rows"] = result.total_rows;
  doc["next_cursor"] = result.next_cursor ? nlohmann::ordered_json(*result.next_cursor) : nullptr;
  doc["rows_scanned"] = result.rows_scanned;
  if (!result.warnings.empty())
    doc["warnings"] = result.warnings;
  return doc.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace optima::query
