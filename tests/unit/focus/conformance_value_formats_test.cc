#include <gtest/gtest.h>

#include "optima/focus/conformance/check_evaluator.h"
#include "optima/focus/conformance/value_formats.h"

namespace optima::focus {
namespace {

TEST(ValueFormatsTest, NumericFormatFollowsTheFocusNumericFormatAttribute) {
  for (const char* ok : {"0", "12", "-12", "0.5", ".5", "-0.0000008", "1.2E-3", "5e10", "8e-07"}) {
    EXPECT_TRUE(is_numeric_format(ok)) << ok;
  }
  // No '+' sign (NumericFormat-A-010), no '+' in the exponent (A-006), no separators, symbols,
  // units, spaces or fractions (A-004, A-008, A-009).
  for (const char* bad : {"", "+1", "1E+3", "1,000", "$10", "10 USD", " 1", "1 ", "1/2", "5.",
                          "1.2.3", "e5", "-", "NaN", "0x10"}) {
    EXPECT_FALSE(is_numeric_format(bad)) << bad;
  }
}

TEST(ValueFormatsTest, DecimalTextAcceptsAnyNumberSpellingButNotOtherText) {
  for (const char* ok : {"12", "+1", "1e+3", "-0.25", " 0.00 ", "8E-07"}) {
    EXPECT_TRUE(is_decimal_text(ok)) << ok;
  }
  for (const char* bad : {"", "1,000", "$10,000.00", "N/A", "abc", "1.2.3"}) {
    EXPECT_FALSE(is_decimal_text(bad)) << bad;
  }
}

TEST(ValueFormatsTest, DateTimeFormatIsExactlyIsoUtcWithSeconds) {
  EXPECT_TRUE(is_datetime_format("2024-01-31T10:00:00Z"));
  EXPECT_TRUE(is_datetime_format("2024-02-29T23:59:59Z"));
  for (const char* bad :
       {"2024-01-31", "2024-01-31T10:00Z", "2024-01-31 10:00:00Z", "2024-01-31T10:00:00.000Z",
        "2024-01-31T10:00:00+00:00", "2023-02-29T00:00:00Z", "2023-02-01T30:00:00Z", "4/1/25"}) {
    EXPECT_FALSE(is_datetime_format(bad)) << bad;
  }
}

TEST(ValueFormatsTest, DateTimeTextAcceptsRecognisedDatesOnly) {
  EXPECT_TRUE(is_datetime_text("2024-01-31T10:00:00Z"));
  EXPECT_TRUE(is_datetime_text("2024-01-31"));
  EXPECT_TRUE(is_datetime_text("01/31/2024"));
  EXPECT_FALSE(is_datetime_text("4/1/25"));  // two-digit year: ambiguous
  EXPECT_FALSE(is_datetime_text("yesterday"));
}

TEST(ValueFormatsTest, Utf8ValidationRejectsMalformedSequences) {
  EXPECT_TRUE(is_valid_utf8("plain"));
  EXPECT_TRUE(is_valid_utf8("Z\xC3\xBCrich \xE2\x82\xAC \xF0\x9F\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("\xC3"));          // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(ValueFormatsTest, UnitFormatAcceptsTheSpecificationsShapes) {
  for (const char* ok :
       {"GB", "Hours", "GB-Hours", "GB/Hour", "1000 Tokens", "Units/3 Months", "Core-Hours/Day",
        "Request-Tokens", "KiB", "b", "Server Hours", "Count", "USD"}) {
    EXPECT_TRUE(is_unit_format(ok)) << ok;
  }
  for (const char* bad : {"", "gb", "hours", "GBs", "TBs", "Workflow operation", "0 Tokens",
                          "GB/Hour/Day", "GB  Hours", "GB-", "/Hour", "1.5 Hours"}) {
    EXPECT_FALSE(is_unit_format(bad)) << bad;
  }
}

TEST(ValueFormatsTest, KeyValueFormatIsAFlatJsonObjectWithUniqueKeys) {
  EXPECT_TRUE(is_key_value_format("{}"));
  EXPECT_TRUE(is_key_value_format(R"({"a":"x","b":1,"c":true,"d":null,"e":1.5})"));
  std::string why;
  EXPECT_FALSE(is_key_value_format(R"({"a":{"b":1}})", &why));
  EXPECT_EQ(why, "value of \"a\" is an object");
  EXPECT_FALSE(is_key_value_format(R"({"a":[1]})", &why));
  EXPECT_EQ(why, "value of \"a\" is an array");
  EXPECT_FALSE(is_key_value_format(R"({"a":1,"a":2})", &why));
  EXPECT_EQ(why, "duplicate key \"a\"");
  EXPECT_FALSE(is_key_value_format(R"(["a"])", &why));
  EXPECT_FALSE(is_key_value_format(R"("CostCenter": "1234")", &why));  // Azure's brace-less tags
  EXPECT_FALSE(is_key_value_format("k=v;k2=v2", &why));
  EXPECT_FALSE(is_key_value_format(R"({"a":1} x)", &why));
  EXPECT_NE(why.find("not valid JSON"), std::string::npos);
}

TEST(ValueFormatsTest, CurrencyFormatChecksNationalCodesAndAcceptsVirtualCurrencies) {
  const CurrencyCodes codes = CurrencyCodes::of({"USD", "EUR"});
  EXPECT_TRUE(is_currency_format("USD", codes));
  EXPECT_FALSE(is_currency_format("usd", codes));
  EXPECT_FALSE(is_currency_format("XYZ", codes));
  EXPECT_TRUE(is_currency_format("Token", codes));
  EXPECT_TRUE(is_currency_format("Credits", codes));
  EXPECT_FALSE(is_currency_format("  ", codes));
}

TEST(ValueFormatsTest, ProductMatchesAtThePrecisionTheResultIsWrittenWith) {
  auto d = [](const char* s) {
    return core::Decimal::from_string(s).value();
  };
  EXPECT_TRUE(product_matches(d("0.0104"), d("2"), d("0.0208"), 4));
  EXPECT_TRUE(product_matches(d("0.0123"), d("3"), d("0.04"), 2));   // 0.0369 -> 0.04
  EXPECT_FALSE(product_matches(d("0.0123"), d("3"), d("0.04"), 4));  // 0.0369 != 0.0400
  EXPECT_FALSE(product_matches(d("2"), d("3"), d("10"), 0));
  EXPECT_FALSE(product_matches(d("1e15"), d("1e15"), d("1"), 0));  // beyond the range
  EXPECT_EQ(written_fraction_digits("1.50"), 2);
  EXPECT_EQ(written_fraction_digits("12"), 0);
  EXPECT_EQ(written_fraction_digits("1.5E-3"), 4);
  EXPECT_EQ(written_fraction_digits("15E2"), 0);
}

}  // namespace
}  // namespace optima::focus
