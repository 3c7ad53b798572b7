// Reading `timestamp,value` CSVs and writing scored ones (see value_series_csv.h).
#include "optima/analysis/anomaly/value_series_csv.h"

#include <cmath>

#include <fmt/format.h>

#include "optima/core/file_io.h"
#include "optima/core/strings.h"

namespace optima::analysis {
namespace {

// Splits one line on commas; NAB files never quote. A quoted field is reported by the caller
// as a bad value rather than silently mis-split.
std::vector<std::string_view> fields_of(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return core::split(line, ',');
}

// NAB writes "2015-02-26 21:42:53" and sometimes fractional seconds ("….000000"); the
// fraction is dropped (FOCUS times have second resolution).
bool parse_series_time(std::string_view text, core::Timestamp* out) {
  const size_t dot = text.find('.');
  if (dot != std::string_view::npos && dot >= 19) text = text.substr(0, dot);
  return core::parse_timestamp(text, out);
}

}  // namespace

core::Result<ValueSeries> parse_value_series_csv(std::string_view text, std::string_view name) {
  text = core::strip_utf8_bom(text);
  size_t pos = 0;
  auto next_line = [&](std::string_view* line) {
    if (pos >= text.size()) return false;
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    *line = text.substr(pos, end - pos);
    pos = end + 1;
    return true;
  };
  std::string_view header;
  if (!next_line(&header) || core::trim(header).empty()) {
    return core::invalid_argument(fmt::format("{}: empty file; expected a header 'timestamp,value'", name));
  }
  const auto names = fields_of(header);
  int time_col = -1;
  int value_col = -1;
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string_view n = core::trim(names[i]);
    if (n == "timestamp") time_col = static_cast<int>(i);
    if (n == "value") value_col = static_cast<int>(i);
  }
  if (time_col < 0 || value_col < 0) {
    return core::invalid_argument(fmt::format(
        "{}: row 1: expected a header with columns 'timestamp' and 'value'; found {}", name,
        core::quote_for_message(header)));
  }
  const size_t needed = static_cast<size_t>(std::max(time_col, value_col)) + 1;
  ValueSeries series;
  std::string_view line;
  size_t row = 1;
  while (next_line(&line)) {
    ++row;
    if (core::trim(line).empty()) continue;
    const auto fields = fields_of(line);
    if (fields.size() < needed) {
      return core::invalid_argument(fmt::format("{}: row {}: expected at least {} fields; found {}",
                                                name, row, needed, fields.size()));
    }
    core::Timestamp t;
    const std::string_view time_text = core::trim(fields[static_cast<size_t>(time_col)]);
    if (!parse_series_time(time_text, &t)) {
      return core::invalid_argument(
          fmt::format("{}: row {}, column timestamp: expected a date/time; found {}", name, row,
                      core::quote_for_message(time_text)));
    }
    if (!series.times.empty() && t < series.times.back()) {
      return core::invalid_argument(fmt::format(
          "{}: row {}, column timestamp: expected a time not before {}; found {}", name, row,
          core::format_iso8601(series.times.back()), core::quote_for_message(time_text)));
    }
    const std::string_view value_text = core::trim(fields[static_cast<size_t>(value_col)]);
    const auto value = core::parse_double(value_text);
    if (!value || !std::isfinite(*value)) {
      return core::invalid_argument(fmt::format("{}: row {}, column value: expected a number; found {}",
                                                name, row, core::quote_for_message(value_text)));
    }
    series.times.push_back(t);
    series.values.push_back(*value);
  }
  return series;
}

core::Result<ValueSeries> read_value_series_csv(const std::filesystem::path& path) {
  OPTIMA_ASSIGN_OR_RETURN(std::string text, core::read_all_decompressed(path));
  return parse_value_series_csv(text, path.string());
}

std::string format_scored_csv(const ValueSeries& series, const std::vector<double>& scores) {
  std::string out = "timestamp,value,anomaly_score\n";
  for (size_t i = 0; i < series.values.size(); ++i) {
    std::string time = core::format_iso8601(series.times[i]);  // 2015-02-26T21:42:53Z
    time[10] = ' ';
    time.pop_back();
    fmt::format_to(std::back_inserter(out), "{},{},{:.6f}\n", time, series.values[i], scores[i]);
  }
  return out;
}

}  // namespace optima::analysis
