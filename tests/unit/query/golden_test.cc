// Runs every tests/golden/query/*.test file (the format is described in
// tests/golden/query/README.md): a dataset, then queries with their expected output.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "optima/query/clickhouse_sql.h"
#include "optima/query/executor.h"
#include "optima/query/query_json.h"
#include "optima/query/result_format.h"

#include "inline_dataset.h"

namespace optima::query {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kCursorPlaceholder = "$NEXT_CURSOR";

fs::path golden_dir() {
  return fs::path(OPTIMA_SOURCE_DIR) / "tests" / "golden" / "query";
}

std::vector<std::string> golden_files() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(golden_dir())) {
    if (entry.path().extension() == ".test")
      names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> read_lines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines)
    out += l + "\n";
  return out;
}

struct Case {
  size_t line = 0;  // 1-based line of the "query" line
  std::string mode;
  std::string query;
  std::string expected;
};

class GoldenTest : public ::testing::TestWithParam<std::string> {};

// Produces the output of one case: the rendering for table/csv/json, the SQL for sql and
// sql_totals, the error message for error.
std::string run_case(const Case& c, const store::TableSource* source,
                     std::optional<std::string>* next_cursor) {
  std::string text = c.query;
  if (const size_t at = text.find(kCursorPlaceholder); at != std::string::npos) {
    if (!*next_cursor)
      return "<no next_cursor from the previous query>";
    text.replace(at, kCursorPlaceholder.size(), **next_cursor);
  }
  core::Result<Query> query = parse_query(text);
  if (c.mode == "error") {
    if (!query.is_ok())
      return query.status().message() + "\n";
    if (source == nullptr)
      return "<no dataset>";
    core::Result<QueryResult> result = execute(*query, *source);
    return result.is_ok() ? "<query succeeded>\n" : result.status().message() + "\n";
  }
  if (!query.is_ok())
    return "<error> " + query.status().message() + "\n";
  if (c.mode == "sql" || c.mode == "sql_totals") {
    core::Result<ClickHouseSql> sql = compile_clickhouse(*query);
    if (!sql.is_ok())
      return "<error> " + sql.status().message() + "\n";
    return c.mode == "sql" ? sql->rows : sql->totals;
  }
  if (source == nullptr)
    return "<no dataset>";
  core::Result<QueryResult> result = execute(*query, *source);
  if (!result.is_ok())
    return "<error> " + result.status().message() + "\n";
  *next_cursor = result->next_cursor;
  if (c.mode == "table")
    return format_table(*result);
  if (c.mode == "csv")
    return format_csv(*result);
  if (c.mode == "json")
    return format_json(*result, 2) + "\n";
  return "<unknown mode " + c.mode + ">";
}

TEST_P(GoldenTest, MatchesExpectedOutput) {
  const fs::path path = golden_dir() / (GetParam() + ".test");
  const std::vector<std::string> lines = read_lines(path);
  std::shared_ptr<store::InMemoryTableSource> source;
  std::optional<std::string> next_cursor;
  size_t cases = 0;
  for (size_t i = 0; i < lines.size();) {
    const std::string& line = lines[i];
    if (line.empty() || line[0] == '#') {
      ++i;
      continue;
    }
    if (line == "data") {
      std::vector<std::string> block;
      const size_t first = i + 2;
      for (++i; i < lines.size() && lines[i] != "end"; ++i)
        block.push_back(lines[i]);
      ASSERT_LT(i, lines.size()) << path << ": data block without end";
      ++i;
      auto parsed = testing::parse_inline_dataset(block, first);
      ASSERT_TRUE(parsed.is_ok()) << path << ": " << parsed.status().message();
      source = *parsed;
      continue;
    }
    ASSERT_TRUE(line.starts_with("query "))
        << path << ":" << i + 1 << ": unexpected line: " << line;
    Case c;
    c.line = i + 1;
    c.mode = line.substr(6);
    std::vector<std::string> query_lines;
    for (++i; i < lines.size() && lines[i] != "----"; ++i)
      query_lines.push_back(lines[i]);
    ASSERT_LT(i, lines.size()) << path << ":" << c.line << ": query without ----";
    std::vector<std::string> expected;
    for (++i; i < lines.size() && !lines[i].empty(); ++i)
      expected.push_back(lines[i]);
    c.query = join_lines(query_lines);
    c.expected = join_lines(expected);
    EXPECT_EQ(run_case(c, source.get(), &next_cursor), c.expected)
        << path.filename().string() << ":" << c.line << " (query " << c.mode << ")";
    ++cases;
  }
  EXPECT_GT(cases, 0u) << path << " has no cases";
}

INSTANTIATE_TEST_SUITE_P(Query, GoldenTest, ::testing::ValuesIn(golden_files()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch)))
                               ch = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace optima::query
