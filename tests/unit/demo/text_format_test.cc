#include "optima/demo/text_format.h"

#include <gtest/gtest.h>

namespace optima::demo {
namespace {

Int128 units(std::string_view text) {
  core::Decimal d;
  EXPECT_TRUE(core::Decimal::parse(text, &d)) << text;
  return d.units();
}

std::string plain(std::string_view text) {
  std::string s;
  append_decimal(s, units(text));
  return s;
}

std::string java(std::string_view text) {
  std::string s;
  append_decimal_java(s, units(text));
  return s;
}

std::string json(std::string_view text) {
  std::string s;
  append_decimal_json(s, units(text));
  return s;
}

TEST(TextFormatTest, WritesShortestExactDecimals) {
  EXPECT_EQ(plain("0"), "0");
  EXPECT_EQ(plain("12.500"), "12.5");
  EXPECT_EQ(plain("-0.75"), "-0.75");
  EXPECT_EQ(plain("0.000000000000000001"), "0.000000000000000001");
  EXPECT_EQ(plain("123456789012345678901"), "123456789012345678901");
  EXPECT_EQ(plain("-98765432109876543210.123"), "-98765432109876543210.123");
}

TEST(TextFormatTest, UsesJavaNotationBelowOneMillionthLikeCur) {
  EXPECT_EQ(java("0.00000044"), "4.4E-7");
  EXPECT_EQ(java("0.0000044"), "0.0000044");
  EXPECT_EQ(java("-0.0000001"), "-1E-7");
  EXPECT_EQ(java("0.000000000123"), "1.23E-10");
  EXPECT_EQ(java("5"), "5");
}

TEST(TextFormatTest, UsesPythonLikeNotationBelowOneTenThousandthForJson) {
  EXPECT_EQ(json("0.000005"), "5e-06");
  EXPECT_EQ(json("0.00001385"), "1.385e-05");
  EXPECT_EQ(json("0.0001"), "0.0001");
  EXPECT_EQ(json("-0.00002"), "-2e-05");
}

TEST(TextFormatTest, RoundsFixedDigitsHalfAwayFromZero) {
  std::string s;
  append_decimal_fixed(s, units("12.345"), 2);
  EXPECT_EQ(s, "12.35");
  s.clear();
  append_decimal_fixed(s, units("-3"), 2);
  EXPECT_EQ(s, "-3.00");
  s.clear();
  append_decimal_fixed(s, units("0.004"), 2);
  EXPECT_EQ(s, "0.00");
}

TEST(TextFormatTest, QuotesCsvCellsOnlyWhenNeeded) {
  std::string s;
  append_csv(s, "plain");
  s.push_back('|');
  append_csv(s, "a,b");
  s.push_back('|');
  append_csv(s, "say \"hi\"");
  s.push_back('|');
  append_csv(s, "line\nbreak");
  EXPECT_EQ(s, "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"line\nbreak\"");
}

TEST(TextFormatTest, EscapesJsonStrings) {
  std::string s;
  append_json_string(s, "a\"b\\c\n\x01");
  EXPECT_EQ(s, "\"a\\\"b\\\\c\\u000a\\u0001\"");
}

TEST(TextFormatTest, FormatsTimestampsForEachExport) {
  const core::Timestamp t = core::make_timestamp({2024, 2, 29}, 7, 5, 9);
  std::string s;
  append_iso8601(s, t);
  EXPECT_EQ(s, "2024-02-29T07:05:09Z");
  s.clear();
  append_iso8601_millis(s, t);
  EXPECT_EQ(s, "2024-02-29T07:05:09.000Z");
  s.clear();
  append_mdy(s, t);
  EXPECT_EQ(s, "02/29/2024");
  s.clear();
  append_bigquery_timestamp(s, t);
  EXPECT_EQ(s, "2024-02-29 07:05:09 UTC");
  s.clear();
  append_compact_date(s, t);
  EXPECT_EQ(s, "20240229");
}

}  // namespace
}  // namespace optima::demo
