// Helpers for the AWS CUR reader tests: run a reader over files and look at the FOCUS rows as
// text, and read raw CUR CSV text independently of the reader (for reconciliation).
#pragma once

#include "ingest_test_support.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <zlib.h>

#include "optima/core/decimal.h"
#include "optima/focus/column.h"
#include "optima/focus/table.h"
#include "optima/ingest/csv_reader.h"
#include "optima/ingest/reader.h"

namespace optima::core {
// Lets GoogleTest print decimals in failure messages.
inline void PrintTo(const Decimal& d, std::ostream* os) {
  *os << d.to_string();
}
}  // namespace optima::core

namespace optima::ingest::testing {

// One FOCUS row as text: FOCUS columns by name ("" = null), x_ columns by name, "Tags" as JSON.
using TextRow = std::map<std::string, std::string>;

struct CurReadResult {
  core::Status status;
  ReadReport report;
  std::vector<focus::Table> tables;
  std::vector<TextRow> rows;
};

inline std::vector<TextRow> rows_as_text(const std::vector<focus::Table>& tables) {
  std::vector<TextRow> out;
  for (const focus::Table& t : tables) {
    for (size_t r = 0; r < t.num_rows(); ++r) {
      TextRow row;
      for (const focus::ColumnInfo& info : focus::all_columns()) {
        if (!t.present(info.column))
          continue;
        row[std::string(info.name)] =
            info.column == focus::Column::kTags ? t.tags_json(r) : t.cell_text(r, info.column);
      }
      for (const focus::ExtensionColumn& ext : t.extensions()) {
        row[ext.name] = ext.data.is_null(r) ? std::string() : ext.data.value(r);
      }
      out.push_back(std::move(row));
    }
  }
  return out;
}

inline CurReadResult read_with(const Reader& reader, std::vector<std::filesystem::path> files,
                            ReadOptions options = {}) {
  CurReadResult result;
  CollectingSink sink;
  InputUnit unit{std::string(reader.name()), std::move(files), "test"};
  result.status = reader.read(unit, options, sink, &result.report);
  result.tables = std::move(sink.tables);
  result.rows = rows_as_text(result.tables);
  return result;
}

inline core::Decimal dec(const std::string& text) {
  if (text.empty())
    return core::Decimal();
  auto d = core::Decimal::from_string(text);
  EXPECT_TRUE(d.is_ok()) << text;
  return d.is_ok() ? *d : core::Decimal();
}

inline core::Decimal sum(const std::vector<TextRow>& rows, const std::string& column) {
  core::Decimal total;
  for (const TextRow& row : rows)
    total += dec(row.at(column));
  return total;
}

inline std::string cell(const TextRow& row, const std::string& column) {
  const auto it = row.find(column);
  return it == row.end() ? std::string("<absent>") : it->second;
}

// A CUR file read as plain CSV: header names and rows of cells.
struct RawCsv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // The cell of the first of `names` the header has; "" when none.
  std::string get(size_t row, std::initializer_list<std::string_view> names) const {
    for (std::string_view name : names) {
      for (size_t i = 0; i < header.size(); ++i) {
        if (header[i] == name)
          return rows[row][i];
      }
    }
    return {};
  }
  bool has(std::initializer_list<std::string_view> names) const {
    for (std::string_view name : names) {
      for (const std::string& h : header) {
        if (h == name)
          return true;
      }
    }
    return false;
  }
};

inline RawCsv load_raw(const std::filesystem::path& path) {
  RawCsv raw;
  auto reader = CsvReader::open(path.string());
  EXPECT_TRUE(reader.is_ok()) << reader.status().to_string();
  if (!reader.is_ok())
    return raw;
  std::vector<std::string_view> fields;
  bool first = true;
  while (true) {
    auto more = (*reader)->next(&fields);
    EXPECT_TRUE(more.is_ok()) << more.status().to_string();
    if (!more.is_ok() || !*more)
      break;
    if (fields.size() == 1 && fields[0].empty())
      continue;
    std::vector<std::string> cells(fields.begin(), fields.end());
    if (first) {
      raw.header = std::move(cells);
      first = false;
    } else {
      raw.rows.push_back(std::move(cells));
    }
  }
  return raw;
}

// CSV text for `header` and rows given as column -> value (missing columns are empty cells).
inline std::string make_csv(const std::vector<std::string>& header,
                            const std::vector<std::map<std::string, std::string>>& rows) {
  auto quoted = [](const std::string& v) {
    if (v.find_first_of(",\"\n") == std::string::npos)
      return v;
    std::string out = "\"";
    for (char c : v) {
      if (c == '"')
        out += '"';
      out += c;
    }
    return out + "\"";
  };
  std::string out;
  for (size_t i = 0; i < header.size(); ++i)
    out += (i ? "," : "") + quoted(header[i]);
  out += "\n";
  for (const auto& row : rows) {
    for (const auto& [column, value] : row) {
      EXPECT_NE(std::find(header.begin(), header.end(), column), header.end()) << column;
    }
    for (size_t i = 0; i < header.size(); ++i) {
      const auto it = row.find(header[i]);
      out += (i ? "," : "") + (it == row.end() ? std::string() : quoted(it->second));
    }
    out += "\n";
  }
  return out;
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

inline void write_gzip(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  gzFile f = gzopen(path.string().c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, text.data(), static_cast<unsigned>(text.size())),
            static_cast<int>(text.size()));
  ASSERT_EQ(gzclose(f), Z_OK);
}

}  // namespace optima::ingest::testing
