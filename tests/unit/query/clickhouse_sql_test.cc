#include "optima/query/clickhouse_sql.h"

#include <gtest/gtest.h>

#include "optima/query/query_json.h"

namespace optima::query {
namespace {

TEST(ClickHouseSqlTest, EscapesStringLiterals) {
  EXPECT_EQ(clickhouse_string_literal("plain"), "'plain'");
  EXPECT_EQ(clickhouse_string_literal("it's"), R"('it\'s')");
  EXPECT_EQ(clickhouse_string_literal(R"(back\slash)"), R"('back\\slash')");
  EXPECT_EQ(clickhouse_string_literal(R"(\')"), R"('\\\'')");
  EXPECT_EQ(clickhouse_string_literal(std::string("nul\0byte", 8)), R"('nul\0byte')");
  EXPECT_EQ(clickhouse_string_literal("a\nb\rc\td\x01\x7f"), R"('a\nb\rc\td\x01\x7F')");
  EXPECT_EQ(clickhouse_string_literal("värde"), "'värde'");
}

// Every quote in the output is either the literal's own or escaped: scanning the literal as
// ClickHouse does ends exactly at its last character, whatever the input bytes.
TEST(ClickHouseSqlTest, LiteralsCannotBeEscapedFrom) {
  std::string all;
  for (int c = 0; c < 256; ++c)
    all.push_back(static_cast<char>(c));
  for (const std::string& text :
       {all, std::string("'); DROP TABLE focus; --"), std::string("\\"), std::string("'\\'")}) {
    const std::string lit = clickhouse_string_literal(text);
    ASSERT_EQ(lit.front(), '\'');
    size_t i = 1;
    while (i < lit.size() && lit[i] != '\'')
      i += lit[i] == '\\' ? 2 : 1;
    EXPECT_EQ(i, lit.size() - 1) << lit;
  }
}

TEST(ClickHouseSqlTest, UsesTheConfiguredTable) {
  auto q = parse_query(R"({"metrics": ["BilledCost"]})");
  ASSERT_TRUE(q.is_ok());
  auto sql = compile_clickhouse(*q, {"billing.focus_rows"});
  ASSERT_TRUE(sql.is_ok());
  EXPECT_EQ(sql->rows,
            "SELECT\n  sum(BilledCost) AS m0\nFROM billing.focus_rows\nORDER BY isNull(m0) ASC, "
            "toFloat64(m0) DESC, m0 DESC\n");
  EXPECT_EQ(sql->totals,
            "SELECT sum(BilledCost) AS m0, groupUniqArray(BillingCurrency) AS c0, "
            "countIf(isNull(BillingCurrency)) AS n0\nFROM billing.focus_rows\n");
}

TEST(ClickHouseSqlTest, RejectsTableNamesThatAreNotIdentifiers) {
  auto q = parse_query(R"({"metrics": ["BilledCost"]})");
  ASSERT_TRUE(q.is_ok());
  for (const char* bad : {"", "focus; DROP TABLE x", "a.b.c", "1focus", "`focus`"}) {
    auto sql = compile_clickhouse(*q, {bad});
    ASSERT_FALSE(sql.is_ok()) << bad;
    EXPECT_EQ(sql.status().code(), core::StatusCode::kInvalidArgument);
  }
}

TEST(ClickHouseSqlTest, RejectsInvalidQueries) {
  Query q;
  auto sql = compile_clickhouse(q);
  ASSERT_FALSE(sql.is_ok());
  EXPECT_EQ(sql.status().message(), "metrics: expected at least one metric");
}

TEST(ClickHouseSqlTest, UsesNoWindowOrJsonFunctions) {
  auto q = parse_query(
      R"({"granularity": "month", "metrics": ["BilledCost", "row_count"], "group_by": ["ServiceName", "tag:team"],
                           "filters": [{"dimension": "tag:env", "op": "in", "values": ["prod"]}], "top_n": 5, "others": true,
                           "limit": 10})");
  ASSERT_TRUE(q.is_ok());
  auto sql = compile_clickhouse(*q);
  ASSERT_TRUE(sql.is_ok());
  for (const char* banned :
       {" OVER", "JSONExtract", "visitParam", "OFFSET", "WITH TOTALS", "FINAL"}) {
    EXPECT_EQ(sql->rows.find(banned), std::string::npos) << banned;
  }
}

TEST(ClickHouseSqlTest, ColumnDefinitionsCoverEveryFocusColumn) {
  const std::string defs = clickhouse_column_definitions();
  size_t lines = 1;
  for (char c : defs)
    lines += c == '\n' ? 1 : 0;
  EXPECT_EQ(lines, 56u + 4u);  // 56 columns + tag and x_ arrays (Tags itself is the tag arrays)
  EXPECT_NE(defs.find("BilledCost Nullable(Decimal128(18)),\n"), std::string::npos);
  EXPECT_NE(defs.find("ChargePeriodStart Nullable(DateTime('UTC')),\n"), std::string::npos);
  EXPECT_NE(defs.find("tag_keys Array(String),\ntag_values Array(String)"), std::string::npos);
  EXPECT_TRUE(defs.ends_with("x_names Array(String),\nx_values Array(String)"));
}

}  // namespace
}  // namespace optima::query
