// Helpers for the Azure reader tests: run a reader into memory, and sum cost columns straight
// from the raw CSV text, independently of the reader and of core::Decimal.
#pragma once

#include "ingest_test_support.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "optima/core/decimal.h"
#include "optima/core/strings.h"
#include "optima/focus/table.h"
#include "optima/ingest/csv_reader.h"
#include "optima/ingest/reader.h"

namespace optima::ingest::testing {

struct AzureReadResult {
  core::Status status;
  ReadReport report;
  CollectingSink sink;
};

inline AzureReadResult read_unit(const Reader& reader, const std::vector<std::filesystem::path>& files,
                            ReadOptions options = {}) {
  AzureReadResult result;
  InputUnit unit{std::string(reader.name()), files, "test"};
  result.status = reader.read(unit, options, result.sink, &result.report);
  return result;
}

// Exact value of a decimal text ("12.5", "-0.75", "5.64902E-05", "") in units of 10^-18,
// rounded half to even at the 18th fractional digit, as money is represented. Written here,
// digit by digit, so that the expected totals do not come from the code under test.
inline std::optional<core::Int128> raw_units(std::string_view text) {
  text = core::trim(text);
  if (text.empty())
    return core::Int128{0};
  bool negative = false;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  std::string digits;
  int point = -1;  // number of digits before the decimal point
  size_t i = 0;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    if (text[i] == '.') {
      if (point >= 0)
        return std::nullopt;
      point = static_cast<int>(digits.size());
    } else if (text[i] >= '0' && text[i] <= '9') {
      digits.push_back(text[i]);
    } else {
      return std::nullopt;
    }
  }
  if (digits.empty())
    return std::nullopt;
  if (point < 0)
    point = static_cast<int>(digits.size());
  if (i < text.size()) {
    int exponent = 0;
    std::string_view e = text.substr(i + 1);
    bool e_negative = false;
    if (!e.empty() && (e[0] == '-' || e[0] == '+')) {
      e_negative = e[0] == '-';
      e.remove_prefix(1);
    }
    if (e.empty())
      return std::nullopt;
    for (char c : e) {
      if (c < '0' || c > '9')
        return std::nullopt;
      exponent = exponent * 10 + (c - '0');
    }
    point += e_negative ? -exponent : exponent;
  }
  // Digit k (0-based) has weight 10^(point - 1 - k); keep weights down to 10^-18.
  core::Int128 units = 0;
  const int last_kept = point - 1 + 18;  // index of the 10^-18 digit
  for (int k = 0; k <= last_kept; ++k) {
    const int d =
        (k >= 0 && k < static_cast<int>(digits.size())) ? digits[static_cast<size_t>(k)] - '0' : 0;
    units = units * 10 + d;
  }
  // Round half to even on the dropped digits.
  const int first_dropped = last_kept + 1;
  if (first_dropped >= 0 && first_dropped < static_cast<int>(digits.size())) {
    const int d = digits[static_cast<size_t>(first_dropped)] - '0';
    bool rest_nonzero = false;
    for (size_t k = static_cast<size_t>(first_dropped) + 1; k < digits.size(); ++k) {
      rest_nonzero = rest_nonzero || digits[k] != '0';
    }
    if (d > 5 || (d == 5 && (rest_nonzero || units % 2 != 0)))
      ++units;
  }
  return negative ? -units : units;
}

// Σ of column `column` (exact header name after BOM) over a CSV file, plus the row count.
// Optionally only rows whose `filter_column` is in `filter_values`.
struct RawSum {
  core::Int128 units = 0;
  size_t rows = 0;
  bool ok = true;
};

inline RawSum raw_sum(const std::filesystem::path& path, const std::string& column,
                      const std::string& filter_column = "",
                      const std::vector<std::string>& filter_values = {}) {
  RawSum out;
  auto reader = CsvReader::open(path.string());
  if (!reader.is_ok()) {
    out.ok = false;
    return out;
  }
  std::vector<std::string_view> fields;
  if (!(*reader)->next(&fields).is_ok()) {
    out.ok = false;
    return out;
  }
  int col = -1;
  int filter = -1;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i] == column)
      col = static_cast<int>(i);
    if (fields[i] == filter_column)
      filter = static_cast<int>(i);
  }
  if (col < 0 || (!filter_column.empty() && filter < 0)) {
    out.ok = false;
    return out;
  }
  while (true) {
    auto more = (*reader)->next(&fields);
    if (!more.is_ok()) {
      out.ok = false;
      return out;
    }
    if (!*more)
      break;
    if (fields.size() == 1 && fields[0].empty())
      continue;
    if (filter >= 0) {
      bool keep = false;
      for (const auto& v : filter_values)
        keep = keep || fields[static_cast<size_t>(filter)] == v;
      if (!keep)
        continue;
    }
    ++out.rows;
    const auto value = static_cast<size_t>(col) < fields.size()
                           ? raw_units(fields[static_cast<size_t>(col)])
                           : std::optional<core::Int128>(0);
    if (!value) {
      out.ok = false;
      return out;
    }
    out.units += *value;
  }
  return out;
}

inline std::string write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  return path.string();
}

}  // namespace optima::ingest::testing
