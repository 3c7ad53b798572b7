// The timestamp,value CSV reader and the scored CSV writer (NAB's formats).
#include "optima/analysis/anomaly/value_series_csv.h"

#include <gtest/gtest.h>

namespace optima::analysis {
namespace {

TEST(ValueSeriesCsvTest, ReadsNabFilesWithExtraColumnsAndFractionalSeconds) {
  auto s = parse_value_series_csv(
      "timestamp,value,label\n2015-02-26 21:42:53.000000,104,0\n2015-02-26 21:47:53,100.5,1\n", "f.csv");
  ASSERT_TRUE(s.is_ok()) << s.status().to_string();
  ASSERT_EQ(s->values.size(), 2u);
  EXPECT_EQ(s->values[1], 100.5);
  EXPECT_EQ(s->times[1].unix_seconds - s->times[0].unix_seconds, 300);
}

TEST(ValueSeriesCsvTest, WritesTimestampValueAnomalyScore) {
  auto s = parse_value_series_csv("timestamp,value\n2015-02-26 21:42:53,104\n2015-02-26 21:47:53,0.25\n", "f");
  ASSERT_TRUE(s.is_ok());
  EXPECT_EQ(format_scored_csv(*s, {0.0, 0.75}),
            "timestamp,value,anomaly_score\n2015-02-26 21:42:53,104,0.000000\n"
            "2015-02-26 21:47:53,0.25,0.750000\n");
}

TEST(ValueSeriesCsvTest, BadInputNamesFileRowColumnAndValue) {
  auto no_header = parse_value_series_csv("time,v\n2015-01-01,1\n", "a.csv");
  ASSERT_FALSE(no_header.is_ok());
  EXPECT_EQ(no_header.status().message(),
            "a.csv: row 1: expected a header with columns 'timestamp' and 'value'; found 'time,v'");
  auto bad_value = parse_value_series_csv("timestamp,value\n2015-01-01,1\n2015-01-02,N/A\n", "b.csv");
  ASSERT_FALSE(bad_value.is_ok());
  EXPECT_EQ(bad_value.status().message(), "b.csv: row 3, column value: expected a number; found 'N/A'");
  auto bad_time = parse_value_series_csv("timestamp,value\nyesterday,1\n", "c.csv");
  ASSERT_FALSE(bad_time.is_ok());
  EXPECT_EQ(bad_time.status().message(),
            "c.csv: row 2, column timestamp: expected a date/time; found 'yesterday'");
  auto backwards = parse_value_series_csv("timestamp,value\n2015-01-02,1\n2015-01-01,2\n", "d.csv");
  ASSERT_FALSE(backwards.is_ok());
  EXPECT_NE(backwards.status().message().find("row 3, column timestamp: expected a time not before"),
            std::string::npos);
  auto short_row = parse_value_series_csv("timestamp,value\n2015-01-02\n", "e.csv");
  ASSERT_FALSE(short_row.is_ok());
  EXPECT_EQ(short_row.status().message(), "e.csv: row 2: expected at least 2 fields; found 1");
  EXPECT_FALSE(parse_value_series_csv("", "f.csv").is_ok());
  EXPECT_EQ(read_value_series_csv("/nonexistent/x.csv").status().code(), core::StatusCode::kIoError);
}

}  // namespace
}  // namespace optima::analysis
