// Helpers for the ingest tests: a sink that keeps tables, file writers, column sums.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <zlib.h>

#include "optima/core/decimal.h"
#include "optima/focus/table.h"
#include "optima/ingest/reader.h"

namespace optima::ingest::testing {

class CollectingSink final : public TableSink {
 public:
  core::Status consume(focus::Table table) override {
    tables.push_back(std::move(table));
    return core::Status::ok();
  }
  size_t rows() const {
    size_t n = 0;
    for (const auto& t : tables) n += t.num_rows();
    return n;
  }
  // Σ of a decimal column over all rows (nulls count as 0).
  core::Decimal sum(focus::Column c) const {
    core::Decimal total;
    for (const auto& t : tables) {
      if (!t.present(c)) continue;
      for (const auto& v : t.decimals(c).values) total += v;
    }
    return total;
  }
  // Every row as text: FOCUS cells in column order, then extensions and tags.
  std::vector<std::string> row_texts() const {
    std::vector<std::string> out;
    for (const auto& t : tables) {
      for (size_t r = 0; r < t.num_rows(); ++r) {
        std::string row;
        for (const auto& info : focus::all_columns()) {
          if (!t.present(info.column)) continue;
          row += t.cell_text(r, info.column);
          row += '|';
        }
        for (const auto& ext : t.extensions()) {
          row += ext.data.is_null(r) ? std::string("<null>") : ext.data.value(r);
          row += '|';
        }
        out.push_back(std::move(row));
      }
    }
    return out;
  }
  // Cell text of the row-th row counted across tables ("" for null).
  std::string cell(size_t row, focus::Column c) const {
    for (const auto& t : tables) {
      if (row < t.num_rows()) return t.cell_text(row, c);
      row -= t.num_rows();
    }
    return "<no such row>";
  }
  // x_ cell of the row-th row ("" for null or an absent column).
  std::string extension(size_t row, std::string_view name) const {
    for (const auto& t : tables) {
      if (row < t.num_rows()) {
        const focus::ExtensionColumn* ext = t.extension(name);
        if (ext == nullptr || ext->data.is_null(row)) return "";
        return ext->data.value(row);
      }
      row -= t.num_rows();
    }
    return "<no such row>";
  }
  // Tags of the row-th row as a JSON object.
  std::string tags(size_t row) const {
    for (const auto& t : tables) {
      if (row < t.num_rows()) return t.tags_json(row);
      row -= t.num_rows();
    }
    return "<no such row>";
  }
  std::vector<focus::Table> tables;
};

inline void write_text_file(const std::filesystem::path& path, const std::string& content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

inline void write_gzip_file(const std::filesystem::path& path, const std::string& content) {
  std::filesystem::create_directories(path.parent_path());
  gzFile gz = gzopen(path.c_str(), "wb");
  gzwrite(gz, content.data(), static_cast<unsigned>(content.size()));
  gzclose(gz);
}

inline std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// One CSV cell, quoted when it holds a delimiter, quote or line break.
inline std::string csv_cell(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

inline std::string csv_line(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += ',';
    line += csv_cell(cells[i]);
  }
  return line + "\n";
}

}  // namespace optima::ingest::testing
