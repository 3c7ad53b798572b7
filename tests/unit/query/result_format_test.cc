#include "optima/query/result_format.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace optima::query {
namespace {

QueryResult sample() {
  QueryResult r;
  r.columns = {{"ServiceName", ValueType::kString},
               {"BilledCost", ValueType::kMoney},
               {"ConsumedQuantity", ValueType::kDecimal},
               {"row_count", ValueType::kInteger}};
  r.rows.push_back({{std::string("Bücher, \"Books\""), *core::Decimal::from_string("1234.565"),
                     *core::Decimal::from_string("0.0000001"), int64_t{3}}});
  r.rows.push_back(
      {{std::monostate{}, *core::Decimal::from_string("-0.004"), std::monostate{}, int64_t{1}}});
  r.rows.push_back({{std::string(kOthersLabel),
                     *core::Decimal::from_string("12345678901234567890.123456789012345678"),
                     std::monostate{}, int64_t{7}},
                    true});
  r.totals = {std::monostate{},
              *core::Decimal::from_string("12345678901234569124.684456789012345678"),
              *core::Decimal::from_string("0.0000001"), int64_t{11}};
  r.total_rows = 5;
  r.next_cursor = "abc";
  r.rows_scanned = 42;
  return r;
}

TEST(ResultFormatTest, TableAlignsColumnsAndRoundsMoneyForDisplay) {
  // Widths count code points ("Bücher" is 6 wide); -0.004 shows as 0.00.
  EXPECT_EQ(format_table(sample()),
            "ServiceName                   BilledCost  ConsumedQuantity  row_count\n"
            "---------------  -----------------------  ----------------  ---------\n"
            "Bücher, \"Books\"                  1234.57         0.0000001          3\n"
            "(null)                              0.00            (null)          1\n"
            "(others)         12345678901234567890.12            (null)          7\n"
            "---------------  -----------------------  ----------------  ---------\n"
            "Total            12345678901234569124.68         0.0000001         11\n"
            "3 of 5 rows; 42 rows scanned\n"
            "next_cursor: abc\n");
}

TEST(ResultFormatTest, CsvIsExactAndQuoted) {
  EXPECT_EQ(format_csv(sample()),
            "ServiceName,BilledCost,ConsumedQuantity,row_count\n"
            "\"Bücher, \"\"Books\"\"\",1234.565,0.0000001,3\n"
            ",-0.004,,1\n"
            "(others),12345678901234567890.123456789012345678,,7\n");
}

TEST(ResultFormatTest, JsonCarriesExactDecimalsAsStrings) {
  const auto doc = nlohmann::json::parse(format_json(sample()));
  EXPECT_EQ(doc["columns"][1]["type"], "money");
  EXPECT_EQ(doc["rows"][0]["BilledCost"], "1234.565");
  EXPECT_EQ(doc["rows"][0]["row_count"], 3);
  EXPECT_TRUE(doc["rows"][1]["ServiceName"].is_null());
  EXPECT_FALSE(doc["rows"][1].contains("others"));
  EXPECT_EQ(doc["rows"][2]["others"], true);
  EXPECT_EQ(doc["rows"][2]["BilledCost"], "12345678901234567890.123456789012345678");
  EXPECT_EQ(doc["totals"]["BilledCost"], "12345678901234569124.684456789012345678");
  EXPECT_FALSE(doc["totals"].contains("ServiceName"));
  EXPECT_EQ(doc["total_rows"], 5);
  EXPECT_EQ(doc["next_cursor"], "abc");
  EXPECT_EQ(doc["rows_scanned"], 42);
  // Row members keep column order.
  const std::string text = format_json(sample());
  EXPECT_LT(text.find("\"ServiceName\":\"Bücher"), text.find("\"BilledCost\":\"1234.565\""));
}

TEST(ResultFormatTest, MoneyColumnsNameTheirCurrencyInTableHeaderAndJson) {
  QueryResult r = sample();
  r.columns[1].currency = "EUR";
  const std::string table = format_table(r);
  EXPECT_EQ(table.substr(0, table.find('\n')),
            "ServiceName             BilledCost (EUR)  ConsumedQuantity  row_count");
  EXPECT_EQ(format_csv(r).substr(0, 50), "ServiceName,BilledCost,ConsumedQuantity,row_count\n");
  const auto doc = nlohmann::json::parse(format_json(r));
  EXPECT_EQ(doc["columns"][1]["currency"], "EUR");
  EXPECT_FALSE(doc["columns"][2].contains("currency"));
  // Unknown currency: no label.
  EXPECT_FALSE(nlohmann::json::parse(format_json(sample()))["columns"][1].contains("currency"));
}

TEST(ResultFormatTest, TimesAreIso8601) {
  EXPECT_EQ(value_text(Value{core::make_timestamp({2024, 2, 29}, 13, 5)}), "2024-02-29T13:05:00Z");
  EXPECT_EQ(value_text(Value{}), "");
}

}  // namespace
}  // namespace optima::query
