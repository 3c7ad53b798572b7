#include "optima/query/time_bucket.h"

#include <gtest/gtest.h>

#include "optima/focus/table.h"

namespace optima::query {
namespace {

int64_t at(int y, int m, int d, int h = 0, int min = 0) {
  return core::make_timestamp({y, m, d}, h, min).unix_seconds;
}

TEST(TimeBucketTest, BucketStarts) {
  const int64_t t = at(2024, 2, 29, 17, 45);  // a Thursday
  EXPECT_EQ(bucket_start(t, Granularity::kHour), at(2024, 2, 29, 17));
  EXPECT_EQ(bucket_start(t, Granularity::kDay), at(2024, 2, 29));
  EXPECT_EQ(bucket_start(t, Granularity::kWeek), at(2024, 2, 26));
  EXPECT_EQ(bucket_start(t, Granularity::kMonth), at(2024, 2, 1));
}

TEST(TimeBucketTest, IsoWeeksStartOnMonday) {
  EXPECT_EQ(bucket_start(at(2024, 1, 1), Granularity::kWeek), at(2024, 1, 1));      // Monday
  EXPECT_EQ(bucket_start(at(2024, 1, 7, 23), Granularity::kWeek), at(2024, 1, 1));  // Sunday
  EXPECT_EQ(bucket_start(at(2023, 1, 1), Granularity::kWeek), at(2022, 12, 26));    // across a year
  EXPECT_EQ(bucket_start(at(1970, 1, 1), Granularity::kWeek), at(1969, 12, 29));    // the epoch
  EXPECT_EQ(bucket_start(at(1969, 12, 31, 5), Granularity::kDay), at(1969, 12, 31));  // before it
  EXPECT_EQ(bucket_start(at(1969, 12, 31, 5, 30), Granularity::kHour), at(1969, 12, 31, 5));
}

TEST(TimeBucketTest, IndexerMapsTimesToDenseIndexes) {
  BucketIndexer indexer;
  ASSERT_TRUE(indexer.reset(Granularity::kDay, at(2024, 1, 30, 5), at(2024, 2, 2, 1), 100));
  EXPECT_EQ(indexer.cardinality(), 5u);  // null + 4 days
  EXPECT_EQ(indexer.index(focus::kNullTime), 0u);
  EXPECT_EQ(indexer.start(0), focus::kNullTime);
  EXPECT_EQ(indexer.start(indexer.index(at(2024, 1, 30, 23))), at(2024, 1, 30));
  EXPECT_EQ(indexer.start(indexer.index(at(2024, 2, 2, 1))), at(2024, 2, 2));
}

TEST(TimeBucketTest, MonthIndexerHandlesUnorderedTimes) {
  BucketIndexer indexer;
  ASSERT_TRUE(indexer.reset(Granularity::kMonth, at(2023, 11, 15), at(2024, 3, 1), 100));
  EXPECT_EQ(indexer.cardinality(), 6u);  // null + Nov..Mar
  for (int64_t t : {at(2024, 3, 1), at(2023, 11, 30, 23), at(2024, 1, 31, 23), at(2023, 12, 1),
                    at(2024, 2, 29)}) {
    EXPECT_EQ(indexer.start(indexer.index(t)), bucket_start(t, Granularity::kMonth));
  }
}

TEST(TimeBucketTest, BatchIndexesEqualOneByOneIndexesForEveryGranularity) {
  // Times before the epoch, on bucket edges, a second before them, and null.
  const std::vector<int64_t> times = {
      at(1969, 12, 29, 5, 1), at(1970, 1, 5) - 1, focus::kNullTime, at(1970, 1, 5),
      at(1970, 3, 1, 23, 59), at(1970, 2, 28),    at(1970, 1, 1)};
  const std::vector<uint32_t> rows = {6, 2, 0, 4};
  for (Granularity g :
       {Granularity::kHour, Granularity::kDay, Granularity::kWeek, Granularity::kMonth}) {
    BucketIndexer indexer;
    ASSERT_TRUE(indexer.reset(g, at(1969, 12, 29, 5, 1), at(1970, 3, 1, 23, 59), 100000));
    std::vector<uint32_t> all(times.size());
    indexer.index_batch(times.data(), nullptr, times.size(), all.data());
    for (size_t k = 0; k < times.size(); ++k) {
      EXPECT_EQ(all[k], indexer.index(times[k])) << granularity_name(g) << " time " << k;
      if (times[k] != focus::kNullTime) {
        EXPECT_EQ(indexer.start(all[k]), bucket_start(times[k], g)) << granularity_name(g);
      }
    }
    std::vector<uint32_t> some(rows.size());
    indexer.index_batch(times.data(), rows.data(), rows.size(), some.data());
    for (size_t k = 0; k < rows.size(); ++k)
      EXPECT_EQ(some[k], all[rows[k]]) << granularity_name(g) << " row " << rows[k];
  }
}

TEST(TimeBucketTest, IndexerRefusesSpansWithTooManyBuckets) {
  BucketIndexer indexer;
  EXPECT_FALSE(indexer.reset(Granularity::kHour, at(2000, 1, 1), at(2030, 1, 1), 1000));
  EXPECT_TRUE(indexer.reset(Granularity::kMonth, at(2000, 1, 1), at(2030, 1, 1), 1000));
  EXPECT_EQ(indexer.cardinality(), 362u);
}

}  // namespace
}  // namespace optima::query
