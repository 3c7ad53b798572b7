// QueryResultCache: hits for the same snapshot, a fresh start on a new one, LRU eviction.
#include <gtest/gtest.h>

#include "optima/server/query_result_cache.h"

namespace optima::server {
namespace {

std::shared_ptr<const store::Snapshot> empty_snapshot() {
  return std::make_shared<const store::Snapshot>(std::vector<store::SnapshotPartition>{});
}

TEST(QueryResultCacheTest, HitsOnlyForTheSameSnapshot) {
  QueryResultCache cache(1 << 20);
  auto first = empty_snapshot();
  auto second = empty_snapshot();
  cache.put(first, "q", "body");
  EXPECT_EQ(cache.get(first, "q"), "body");
  EXPECT_FALSE(cache.get(first, "other").has_value());
  EXPECT_FALSE(cache.get(second, "q").has_value());
  cache.put(second, "q2", "b2");  // a new snapshot drops the old entries
  EXPECT_FALSE(cache.get(first, "q").has_value());
  EXPECT_EQ(cache.get(second, "q2"), "b2");
}

TEST(QueryResultCacheTest, EvictsTheLeastRecentlyUsedBeyondItsSize) {
  QueryResultCache cache(400);
  auto snapshot = empty_snapshot();
  cache.put(snapshot, "a", std::string(90, 'a'));
  cache.put(snapshot, "b", std::string(90, 'b'));
  cache.put(snapshot, "c", std::string(90, 'c'));
  EXPECT_TRUE(cache.get(snapshot, "a").has_value());  // a is now the most recent
  cache.put(snapshot, "d", std::string(90, 'd'));
  cache.put(snapshot, "e", std::string(90, 'e'));
  EXPECT_TRUE(cache.get(snapshot, "a").has_value());
  EXPECT_FALSE(cache.get(snapshot, "b").has_value());
  cache.put(snapshot, "huge", std::string(200, 'h'));  // over a quarter: not kept
  EXPECT_FALSE(cache.get(snapshot, "huge").has_value());
}

}  // namespace
}  // namespace optima::server
