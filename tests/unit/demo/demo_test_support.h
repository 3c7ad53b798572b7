// Helpers for the demo generator tests: an RFC 4180 CSV parser, file discovery, decimal sums
// and one generated estate shared by the tests of a binary (generating it takes seconds).
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/file_io.h"
#include "optima/demo/generate.h"
#include "support/shared_data.h"

namespace optima::demo::testing {

// A parsed CSV file: header and rows of cells. Quoted cells may hold commas, quotes ("") and
// line breaks. A UTF-8 byte order mark before the header is dropped (and reported).
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  bool had_bom = false;
  bool well_formed = true;  // every row has as many cells as the header
  // Column index by exact name; -1 when absent.
  int col(std::string_view name) const {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return static_cast<int>(i);
    }
    return -1;
  }
};

inline CsvTable parse_csv(std::string_view text) {
  CsvTable t;
  if (text.starts_with("\xEF\xBB\xBF")) {
    t.had_bom = true;
    text.remove_prefix(3);
  }
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false;
  bool any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cell.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(std::move(cell));
      cell.clear();
      any = true;
    } else if (c == '\n') {
      row.push_back(std::move(cell));
      cell.clear();
      if (t.header.empty()) {
        t.header = std::move(row);
      } else {
        if (row.size() != t.header.size()) t.well_formed = false;
        t.rows.push_back(std::move(row));
      }
      row.clear();
      any = false;
    } else if (c != '\r') {
      cell.push_back(c);
      any = true;
    }
  }
  if (any || !row.empty()) t.well_formed = false;  // no trailing line feed
  return t;
}

inline CsvTable read_csv(const std::filesystem::path& path) {
  auto text = core::read_all_decompressed(path);
  EXPECT_TRUE(text.is_ok()) << path << ": " << text.status().to_string();
  if (!text.is_ok()) return {};
  return parse_csv(*text);
}

inline core::Decimal dec(std::string_view text) {
  if (text.empty()) return {};
  core::Decimal d;
  EXPECT_TRUE(core::Decimal::parse(text, &d)) << "not a decimal: '" << text << "'";
  return d;
}

// Files under `dir` whose path (relative to dir) contains `part` and ends with `suffix`,
// sorted.
inline std::vector<std::filesystem::path> find_files(const std::filesystem::path& dir,
                                                     std::string_view part,
                                                     std::string_view suffix) {
  std::vector<std::filesystem::path> out;
  if (!std::filesystem::exists(dir)) return out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string p = entry.path().string();
    if (p.find(part) != std::string::npos && p.ends_with(suffix)) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Parses JSON keeping numbers with a fraction or exponent as strings of their exact text, so
// decimal amounts can be compared exactly (nlohmann would turn them into doubles).
class ExactJsonBuilder : public nlohmann::json_sax<nlohmann::json> {
 public:
  using json = nlohmann::json;
  static std::optional<json> parse(std::string_view text) {
    ExactJsonBuilder b;
    const bool ok = json::sax_parse(text, &b);
    if (!ok || b.failed_) return std::nullopt;
    return std::move(b.root_);
  }
  bool null() override { return put(nullptr); }
  bool boolean(bool v) override { return put(v); }
  bool number_integer(number_integer_t v) override { return put(v); }
  bool number_unsigned(number_unsigned_t v) override { return put(v); }
  bool number_float(number_float_t, const string_t& text) override { return put(text); }
  bool string(string_t& v) override { return put(v); }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override {
    stack_.push_back(place(json::object()));
    return true;
  }
  bool key(string_t& k) override {
    key_ = k;
    return true;
  }
  bool end_object() override {
    stack_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override {
    stack_.push_back(place(json::array()));
    return true;
  }
  bool end_array() override {
    stack_.pop_back();
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    failed_ = true;
    return false;
  }

 private:
  json* place(json v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    json& top = *stack_.back();
    if (top.is_array()) {
      top.push_back(std::move(v));
      return &top.back();
    }
    top[key_] = std::move(v);
    return &top[key_];
  }
  bool put(json v) {
    place(std::move(v));
    return true;
  }
  json root_;
  std::vector<json*> stack_;
  std::string key_;
  bool failed_ = false;
};

// A number read by ExactJsonBuilder (integer or exact decimal text) as a Decimal.
inline core::Decimal json_decimal(const nlohmann::json& j) {
  if (j.is_string()) return dec(j.get_ref<const std::string&>());
  if (j.is_number_integer()) return core::Decimal::from_int(j.get<int64_t>());
  ADD_FAILURE() << "not a number: " << j.dump();
  return {};
}

inline core::Timestamp fixed_end() { return core::make_timestamp({2025, 7, 1}); }

// One estate generated once per test binary: the default demo size (200,000 rows, daily).
struct SharedEstate {
  optima::testing::TempDir dir;
  GenerateOptions options;
  GenerateSummary summary;
  bool ok = false;
  std::string error;

  static SharedEstate& get() {
    static SharedEstate estate;
    static const bool generated = estate.generate();
    (void)generated;
    return estate;
  }
  bool generate() {
    options.out_dir = dir.path() / "estate";
    options.rows = 200000;
    options.seed = 42;
    options.end_date = fixed_end();
    options.cur_rows_per_part = 4000;  // several parts per CUR delivery
    auto result = demo::generate(options);
    ok = result.is_ok();
    if (ok) {
      summary = std::move(result).value();
    } else {
      error = result.status().to_string();
    }
    return ok;
  }
  const std::filesystem::path& root() const { return options.out_dir; }
  const ProviderSummary& provider(std::string_view name) const {
    for (const ProviderSummary& p : summary.providers) {
      if (p.provider == name) return p;
    }
    ADD_FAILURE() << "no provider " << name;
    return summary.providers.front();
  }
};

// Cell of a row by column name ("" when the column is absent).
inline std::string cell(const CsvTable& t, const std::vector<std::string>& row, std::string_view column) {
  const int c = t.col(column);
  return c < 0 ? std::string() : row[static_cast<size_t>(c)];
}

inline nlohmann::json read_json(const std::filesystem::path& path) {
  auto text = core::read_file(path);
  EXPECT_TRUE(text.is_ok()) << path;
  auto j = nlohmann::json::parse(text.is_ok() ? *text : std::string("{}"), nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << path;
  return j;
}

// The shared estate's current CUR assembly of every period (as the period manifests name them).
struct CurDelivery {
  std::string period;  // "20240601-20240701"
  nlohmann::json manifest;
  std::vector<CsvTable> parts;
};

inline const std::vector<CurDelivery>& cur_deliveries() {
  static const std::vector<CurDelivery> all = [] {
    std::vector<CurDelivery> out;
    const auto aws = SharedEstate::get().root() / "billing" / "aws";
    const auto report = aws / "cur" / "northwind-cur";
    if (!std::filesystem::exists(report)) return out;
    for (const auto& entry : std::filesystem::directory_iterator(report)) {
      if (!entry.is_directory()) continue;
      CurDelivery d;
      d.period = entry.path().filename().string();
      d.manifest = read_json(entry.path() / "northwind-cur-Manifest.json");
      for (const auto& key : d.manifest["reportKeys"]) d.parts.push_back(read_csv(aws / key.get<std::string>()));
      out.push_back(std::move(d));
    }
    std::sort(out.begin(), out.end(), [](const CurDelivery& a, const CurDelivery& b) { return a.period < b.period; });
    return out;
  }();
  return all;
}

// Calls fn(table, row) for every line of every current CUR assembly.
template <typename Fn>
void for_each_cur_line(Fn fn) {
  for (const CurDelivery& d : cur_deliveries()) {
    for (const CsvTable& t : d.parts) {
      for (const auto& row : t.rows) fn(t, row);
    }
  }
}

// One Azure export's monthly files.
struct AzureFile {
  std::string period;  // folder name, e.g. 20250501-20250531
  CsvTable table;
};

inline const std::vector<AzureFile>& azure_export(const std::string& name) {
  static std::map<std::string, std::vector<AzureFile>> cache;
  auto [it, inserted] = cache.emplace(name, std::vector<AzureFile>{});
  if (inserted) {
    const std::string scope = name.find("-ea-") != std::string::npos ? "ea" : "mca";
    for (const auto& f : find_files(SharedEstate::get().root() / "billing" / "azure" / scope / name, "", ".csv")) {
      it->second.push_back({f.parent_path().filename().string(), read_csv(f)});
    }
  }
  return it->second;
}

// The BigQuery export lines (numbers kept exact), with the invoice-month folder they sit in.
struct GcpLine {
  std::string month_folder;
  nlohmann::json row;
};

inline const std::vector<GcpLine>& gcp_lines() {
  static const std::vector<GcpLine> all = [] {
    std::vector<GcpLine> out;
    for (const auto& f : find_files(SharedEstate::get().root() / "billing" / "gcp", "", ".jsonl.gz")) {
      auto text = core::read_all_decompressed(f);
      EXPECT_TRUE(text.is_ok());
      if (!text.is_ok()) continue;
      size_t pos = 0;
      while (pos < text->size()) {
        size_t end = text->find('\n', pos);
        if (end == std::string::npos) end = text->size();
        const std::string_view line(text->data() + pos, end - pos);
        pos = end + 1;
        if (line.empty()) continue;
        auto j = ExactJsonBuilder::parse(line);
        EXPECT_TRUE(j.has_value()) << f << ": " << line.substr(0, 200);
        if (j) out.push_back({f.parent_path().filename().string(), std::move(*j)});
      }
    }
    return out;
  }();
  return all;
}

}  // namespace optima::demo::testing
