#include "optima/core/decimal.h"

#include <gtest/gtest.h>

namespace optima::core {
namespace {

Decimal d(const char* text) {
  auto r = Decimal::from_string(text);
  EXPECT_TRUE(r.is_ok()) << text;
  return r.is_ok() ? *r : Decimal();
}

TEST(DecimalTest, ParsesPlainAndScientificText) {
  EXPECT_EQ(d("12").to_string(), "12");
  EXPECT_EQ(d("-0.75").to_string(), "-0.75");
  EXPECT_EQ(d(".5").to_string(), "0.5");
  EXPECT_EQ(d("5.").to_string(), "5");
  EXPECT_EQ(d("+3").to_string(), "3");
  EXPECT_EQ(d("8e-07").to_string(), "0.0000008");
  EXPECT_EQ(d("1.2E+3").to_string(), "1200");
  EXPECT_EQ(d("0.00000080000").to_string(), "0.0000008");
  EXPECT_EQ(d("0.0000000400").to_string(), "0.00000004");
  EXPECT_EQ(d("-0").to_string(), "0");
}

TEST(DecimalTest, PlainShapesAtThePrecisionLimitsAreExact) {
  EXPECT_EQ(d("9999999999999999999").to_string(), "9999999999999999999");
  EXPECT_EQ(d("-0.000000000000000001").to_string(), "-0.000000000000000001");
  EXPECT_EQ(d("0.1234567890123456789").to_string(), "0.123456789012345679");
  EXPECT_EQ(d("12345678901234567890.5").to_string(), "12345678901234567890.5");
  EXPECT_EQ(d("00000000000000000000001.25").to_string(), "1.25");
  EXPECT_EQ(d("-.5").to_string(), "-0.5");
}

TEST(DecimalTest, RejectsNonNumbers) {
  Decimal out;
  for (const char* bad : {"", "N/A", "1,000", "$5", "1e", "--1", " 1", "1 ", ".", "e5", "0x10"}) {
    EXPECT_FALSE(Decimal::parse(bad, &out)) << bad;
  }
  EXPECT_FALSE(Decimal::from_string("abc").is_ok());
}

TEST(DecimalTest, RoundsBeyondEighteenPlacesHalfToEven) {
  EXPECT_EQ(d("0.0000000000000000005").to_string(), "0");
  EXPECT_EQ(d("0.0000000000000000015").to_string(), "0.000000000000000002");
  EXPECT_EQ(d("1.1102230246251565e-16").to_string(), "0.000000000000000111");
}

TEST(DecimalTest, SumsExactlyWhereDoublesDrift) {
  Decimal sum;
  for (int i = 0; i < 1000000; ++i) sum += d("0.1");
  EXPECT_EQ(sum.to_string(), "100000");
}

TEST(DecimalTest, MultipliesAndDividesExactly) {
  EXPECT_EQ(Decimal::multiply(d("0.0000000400"), d("123456789")).to_string(), "4.93827156");
  EXPECT_EQ(Decimal::multiply(d("-2.5"), d("4")).to_string(), "-10");
  EXPECT_EQ(Decimal::multiply(d("1000000"), d("1000000")).to_string(), "1000000000000");
  EXPECT_EQ(Decimal::divide(d("10"), d("4")).to_string(), "2.5");
  EXPECT_EQ(Decimal::divide(d("1"), d("3")).to_string(), "0.333333333333333333");
  EXPECT_EQ(Decimal::divide(d("-7"), d("100")).to_string(), "-0.07");
}

TEST(DecimalTest, FormatsFixedDigits) {
  EXPECT_EQ(d("12.345").to_fixed(2), "12.35");
  EXPECT_EQ(d("-12.344").to_fixed(2), "-12.34");
  EXPECT_EQ(d("3").to_fixed(2), "3.00");
  EXPECT_EQ(d("0.005").to_fixed(0), "0");
}

TEST(DecimalTest, RejectsOutOfRange) {
  Decimal out;
  EXPECT_FALSE(Decimal::parse("1e30", &out));
  EXPECT_TRUE(Decimal::parse("1e19", &out));
  EXPECT_FALSE(Decimal::parse("1e100000", &out));
  EXPECT_TRUE(Decimal::parse("1e-100000", &out));
  EXPECT_TRUE(out.is_zero());
}

}  // namespace
}  // namespace optima::core
