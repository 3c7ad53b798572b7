#include "optima/core/time.h"

#include <gtest/gtest.h>

namespace optima::core {
namespace {

std::string iso(const char* text) {
  Timestamp t;
  if (!parse_timestamp(text, &t)) return "invalid";
  return format_iso8601(t);
}

TEST(TimeTest, ParsesTheFormatsBillingFilesUse) {
  EXPECT_EQ(iso("2024-01-31T10:00:00Z"), "2024-01-31T10:00:00Z");
  EXPECT_EQ(iso("2023-11-01T00:00:00.000Z"), "2023-11-01T00:00:00Z");
  EXPECT_EQ(iso("2023-11-13T10:00Z"), "2023-11-13T10:00:00Z");
  EXPECT_EQ(iso("2024-01-31T10:00:00+02:00"), "2024-01-31T08:00:00Z");
  EXPECT_EQ(iso("2018-06-20 02:00:00"), "2018-06-20T02:00:00Z");
  EXPECT_EQ(iso("2024-01-31"), "2024-01-31T00:00:00Z");
  EXPECT_EQ(iso("09/30/2023"), "2023-09-30T00:00:00Z");
  EXPECT_EQ(iso("9/3/2023"), "2023-09-03T00:00:00Z");
  EXPECT_EQ(iso("31.01.2024"), "2024-01-31T00:00:00Z");
  EXPECT_EQ(iso("20240131"), "2024-01-31T00:00:00Z");
  EXPECT_EQ(iso("2020-11-08 02:00:00 UTC"), "2020-11-08T02:00:00Z");
  EXPECT_EQ(iso("5/1/25"), "2025-05-01T00:00:00Z");
  EXPECT_EQ(iso("12/31/24"), "2024-12-31T00:00:00Z");
}

TEST(TimeTest, FastPathAgreesWithGeneralRulesOnTheFocusShape) {
  EXPECT_EQ(iso("2024-02-29T23:59:59Z"), "2024-02-29T23:59:59Z");
  EXPECT_EQ(iso("2016-12-31T23:59:60Z"), "2017-01-01T00:00:00Z");
  for (const char* bad : {"2023-02-29T00:00:00Z", "2024-00-10T00:00:00Z", "2024-01-01T24:00:00Z",
                          "2024-01-01T00:60:00Z", "2024-01-0xT00:00:00Z", "31.01.24", "1/31/124"}) {
    EXPECT_EQ(iso(bad), "invalid") << bad;
  }
}

TEST(TimeTest, RejectsImpossibleDates) {
  for (const char* bad : {"2023-02-29", "2024-13-01", "2024-01-32T00:00:00Z", "13/13/2024", "abc",
                          "2024-01-01T25:00:00Z", "2024-01-01X", ""}) {
    EXPECT_EQ(iso(bad), "invalid") << bad;
  }
  EXPECT_EQ(iso("2024-02-29"), "2024-02-29T00:00:00Z");
}

TEST(TimeTest, MonthArithmeticIsHalfOpen) {
  const Timestamp t = make_timestamp({2024, 12, 15}, 13);
  const Period m = month_of(t);
  EXPECT_EQ(format_iso8601(m.start), "2024-12-01T00:00:00Z");
  EXPECT_EQ(format_iso8601(m.end), "2025-01-01T00:00:00Z");
  EXPECT_TRUE(m.contains(t));
  EXPECT_FALSE(m.contains(m.end));
  EXPECT_EQ(format_iso8601(add_months(t, -12)), "2023-12-01T00:00:00Z");
}

TEST(TimeTest, GoogleInvoiceMonthsArePacificTime) {
  auto jan = pacific_invoice_month("202401");
  ASSERT_TRUE(jan.is_ok());
  EXPECT_EQ(format_iso8601(jan->start), "2024-01-01T08:00:00Z");
  EXPECT_EQ(format_iso8601(jan->end), "2024-02-01T08:00:00Z");
  auto mar = pacific_invoice_month("202403");
  ASSERT_TRUE(mar.is_ok());
  EXPECT_EQ(format_iso8601(mar->end), "2024-04-01T07:00:00Z");
  auto nov = pacific_invoice_month("202311");
  ASSERT_TRUE(nov.is_ok());
  EXPECT_EQ(format_iso8601(nov->start), "2023-11-01T07:00:00Z");
  EXPECT_EQ(format_iso8601(nov->end), "2023-12-01T08:00:00Z");
  EXPECT_FALSE(pacific_invoice_month("2024-01").is_ok());
}

}  // namespace
}  // namespace optima::core
