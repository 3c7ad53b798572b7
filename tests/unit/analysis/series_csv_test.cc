#include "optima/analysis/series/series_csv.h"

#include <gtest/gtest.h>

#include "optima/analysis/series/series_builder.h"
#include "support/shared_data.h"

namespace optima::analysis {
namespace {

TEST(SeriesCsvTest, ReadsCrOnlyLineEndingsOfAirPassengers) {
  auto csv = read_series_csv(testing::shared_data("forecasting/daily/example_air_passengers.csv"), {});
  ASSERT_TRUE(csv.is_ok()) << csv.status().to_string();
  EXPECT_TRUE(csv->has_header);
  EXPECT_EQ(csv->time_column, "ds");
  EXPECT_EQ(csv->value_column, "y");
  ASSERT_EQ(csv->points.size(), 144u);
  EXPECT_EQ(csv->points.front().value, 112);
  auto series = regularize(csv->points, Granularity::kMonth, Aggregation::kSum, nullptr);
  ASSERT_TRUE(series.is_ok());
  EXPECT_EQ(series->size(), 144u);
  EXPECT_EQ(count_missing(*series), 0u);
}

TEST(SeriesCsvTest, UnsortedQuotedRowsWithMissingDaysRegularize) {
  auto csv = read_series_csv(testing::shared_data("forecasting/daily/example_wp_log_R.csv"), {});
  ASSERT_TRUE(csv.is_ok()) << csv.status().to_string();
  RegularizeReport report;
  auto series = regularize(csv->points, Granularity::kDay, Aggregation::kSum, &report);
  ASSERT_TRUE(series.is_ok());
  EXPECT_TRUE(report.was_unsorted);
  EXPECT_GT(report.missing_periods, 0u);
  EXPECT_EQ(series->size(), csv->points.size() + report.missing_periods - report.merged_points);
  for (size_t i = 1; i < series->size(); ++i) {
    EXPECT_EQ(series->times[i].unix_seconds - series->times[i - 1].unix_seconds, 86400);
  }
}

TEST(SeriesCsvTest, HeaderlessFileWithDuplicatesSumsThem) {
  auto csv = parse_series_csv("2024-01-02,5\n2024-01-01,1\n2024-01-02,2\n2024-01-04,4\n", "x.csv", {});
  ASSERT_TRUE(csv.is_ok()) << csv.status().to_string();
  EXPECT_FALSE(csv->has_header);
  RegularizeReport report;
  auto series = regularize(csv->points, Granularity::kDay, Aggregation::kSum, &report);
  ASSERT_TRUE(series.is_ok());
  ASSERT_EQ(series->size(), 4u);
  EXPECT_EQ(series->values[0], 1);
  EXPECT_EQ(series->values[1], 7);
  EXPECT_TRUE(std::isnan(series->values[2]));
  EXPECT_EQ(series->values[3], 4);
  EXPECT_EQ(report.merged_points, 1u);
  EXPECT_EQ(report.missing_periods, 1u);
}

TEST(SeriesCsvTest, BadValueCellNamesFileRowAndColumn) {
  auto csv = parse_series_csv("day,cost\r\n2024-01-01,1.5\r\n2024-01-02,n/a\r\n", "costs.csv", {});
  ASSERT_FALSE(csv.is_ok());
  EXPECT_EQ(csv.status().message(), "costs.csv: row 3, column cost: expected a number, found 'n/a'");
}

TEST(SeriesCsvTest, BadDateCellNamesFileRowAndColumn) {
  auto csv = parse_series_csv("ds,y\n2024-01-01,1\n2024-13-45,2\n", "s.csv", {});
  ASSERT_FALSE(csv.is_ok());
  EXPECT_NE(csv.status().message().find("s.csv: row 3, column ds: expected a date"),
            std::string::npos) << csv.status().message();
}

TEST(SeriesCsvTest, NamedColumnsAndDateTimes) {
  auto csv = parse_series_csv("id,when,other,v\na,2024-01-01T01:00:00Z,9,1\nb,2024-01-01T03:00:00Z,9,3\n",
                              "h.csv", {"when", "v"});
  ASSERT_TRUE(csv.is_ok()) << csv.status().to_string();
  EXPECT_TRUE(csv->has_time_of_day);
  auto series = regularize(csv->points, Granularity::kHour, Aggregation::kSum, nullptr);
  ASSERT_TRUE(series.is_ok());
  EXPECT_EQ(series->size(), 3u);
  EXPECT_EQ(series->values[2], 3);
  auto missing = parse_series_csv("ds,y\n2024-01-01,1\n", "s.csv", {"ds", "cost"});
  ASSERT_FALSE(missing.is_ok());
  EXPECT_NE(missing.status().message().find("--value-col 'cost'"), std::string::npos);
}

}  // namespace
}  // namespace optima::analysis
