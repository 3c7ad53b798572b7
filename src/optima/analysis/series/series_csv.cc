#include "optima/analysis/series/series_csv.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "optima/core/file_io.h"
#include "optima/core/strings.h"

namespace optima::analysis {
namespace {

using Record = std::vector<std::string>;

// Splits CSV text into records; any of LF, CRLF, CR ends a record outside quotes.
core::Result<std::vector<Record>> split_records(std::string_view text, std::string_view name) {
  std::vector<Record> records;
  Record record;
  std::string cell;
  bool in_quotes = false;
  bool row_has_content = false;
  size_t row = 1;
  auto end_record = [&] {
    if (row_has_content || !cell.empty() || !record.empty()) {
      record.push_back(std::move(cell));
      records.push_back(std::move(record));
    } else {
      records.emplace_back();  // a blank line keeps row numbers right
    }
    record.clear();
    cell.clear();
    row_has_content = false;
    ++row;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        cell.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      in_quotes = true;
      row_has_content = true;
    } else if (c == ',') {
      record.push_back(std::move(cell));
      cell.clear();
      row_has_content = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
    } else {
      cell.push_back(c);
    }
  }
  if (in_quotes) {
    return core::invalid_argument(fmt::format("{}: row {}: unterminated quoted cell", name, row));
  }
  if (row_has_content || !cell.empty() || !record.empty()) end_record();
  return records;
}

bool is_blank(const Record& r) {
  for (const auto& c : r) {
    if (!core::trim(c).empty()) return false;
  }
  return true;
}

bool parses_as_time(std::string_view cell) {
  core::Timestamp t;
  return core::parse_timestamp(core::trim(cell), &t);
}

// Resolves a column given by name or 1-based number.
core::Result<size_t> resolve_column(const std::string& wanted, const Record* header,
                                    size_t width, std::string_view name, std::string_view flag) {
  if (header != nullptr) {
    for (size_t i = 0; i < header->size(); ++i) {
      if (core::iequals(core::trim((*header)[i]), wanted)) return i;
    }
  }
  if (auto n = core::parse_int64(wanted); n && *n >= 1 && static_cast<size_t>(*n) <= width) {
    return static_cast<size_t>(*n - 1);
  }
  return core::invalid_argument(fmt::format("{}: {} {}: no such column{}", name, flag,
                                            core::quote_for_message(wanted),
                                            header != nullptr ? " in the header" : ""));
}

std::string column_label(const Record* header, size_t index) {
  if (header != nullptr && index < header->size()) return std::string(core::trim((*header)[index]));
  return fmt::format("column {}", index + 1);
}

}  // namespace

core::Result<SeriesCsv> parse_series_csv(std::string_view text, std::string_view name,
                                         const SeriesCsvOptions& options) {
  OPTIMA_ASSIGN_OR_RETURN(std::vector<Record> records,
                          split_records(core::strip_utf8_bom(text), name));
  size_t first = 0;
  while (first < records.size() && is_blank(records[first])) ++first;
  if (first == records.size()) return core::invalid_argument(fmt::format("{}: no rows", name));
  const Record& head = records[first];
  bool any_time = false;
  for (const auto& c : head) any_time = any_time || parses_as_time(c);
  SeriesCsv out;
  out.has_header = !any_time;
  const Record* header = out.has_header ? &head : nullptr;
  const size_t data_begin = out.has_header ? first + 1 : first;
  size_t sample = data_begin;
  while (sample < records.size() && is_blank(records[sample])) ++sample;
  if (sample == records.size()) return core::invalid_argument(fmt::format("{}: no data rows", name));
  const size_t width = records[sample].size();

  std::optional<size_t> time_col;
  std::optional<size_t> value_col;
  if (!options.time_column.empty()) {
    OPTIMA_ASSIGN_OR_RETURN(time_col, resolve_column(options.time_column, header, width, name,
                                                     "--time-col"));
  }
  if (!options.value_column.empty()) {
    OPTIMA_ASSIGN_OR_RETURN(value_col, resolve_column(options.value_column, header, width, name,
                                                      "--value-col"));
  }
  if (!time_col) {
    for (size_t i = 0; i < width && !time_col; ++i) {
      if (i != value_col && parses_as_time(records[sample][i])) time_col = i;
    }
    if (!time_col) {
      return core::invalid_argument(fmt::format(
          "{}: row {}: no column holds a date or time (expected e.g. 2024-01-31 or "
          "2024-01-31T10:00:00Z); name it with --time-col", name, sample + 1));
    }
  }
  if (!value_col) {
    for (size_t i = 0; i < width && !value_col; ++i) {
      if (i != *time_col && core::parse_double(core::trim(records[sample][i]))) value_col = i;
    }
    if (!value_col) {
      return core::invalid_argument(fmt::format(
          "{}: row {}: no numeric value column besides the time column; name it with --value-col",
          name, sample + 1));
    }
  }
  out.time_column = column_label(header, *time_col);
  out.value_column = column_label(header, *value_col);
  for (size_t r = data_begin; r < records.size(); ++r) {
    const Record& rec = records[r];
    if (is_blank(rec)) continue;
    const size_t row = r + 1;
    if (rec.size() <= *time_col || rec.size() <= *value_col) {
      return core::invalid_argument(fmt::format("{}: row {}: expected at least {} cells, found {}",
                                                name, row, std::max(*time_col, *value_col) + 1,
                                                rec.size()));
    }
    const std::string_view time_cell = core::trim(rec[*time_col]);
    core::Timestamp t;
    if (!core::parse_timestamp(time_cell, &t)) {
      return core::invalid_argument(fmt::format(
          "{}: row {}, column {}: expected a date or date-time, found {}", name, row,
          out.time_column, core::quote_for_message(time_cell)));
    }
    const std::string_view value_cell = core::trim(rec[*value_col]);
    const auto value = core::parse_double(value_cell);
    if (!value || !std::isfinite(*value)) {
      return core::invalid_argument(fmt::format("{}: row {}, column {}: expected a number, found {}",
                                                name, row, out.value_column,
                                                core::quote_for_message(value_cell)));
    }
    out.has_time_of_day = out.has_time_of_day || t.unix_seconds % core::kSecondsPerDay != 0;
    out.points.push_back({t, *value});
  }
  return out;
}

core::Result<SeriesCsv> read_series_csv(const std::filesystem::path& path,
                                        const SeriesCsvOptions& options) {
  if (!std::filesystem::exists(path)) {
    return core::not_found(fmt::format("{}: no such file", path.string()));
  }
  OPTIMA_ASSIGN_OR_RETURN(std::string text, core::read_all_decompressed(path));
  return parse_series_csv(text, path.string(), options);
}

}  // namespace optima::analysis
