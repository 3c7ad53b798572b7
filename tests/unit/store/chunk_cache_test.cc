#include "optima/store/chunk_cache.h"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace optima::store {
namespace {

std::shared_ptr<const DecodedChunk> time_chunk(size_t rows) {
  auto chunk = std::make_shared<DecodedChunk>();
  focus::TimeColumn column;
  column.seconds.assign(rows, 0);
  chunk->column = std::move(column);
  chunk->bytes = footprint(chunk->column);
  return chunk;
}

TEST(ChunkCacheTest, FootprintCountsVectorsAndLongStrings) {
  focus::StringColumn strings;
  strings.codes.assign(1000, 1);
  strings.dictionary = {"", "short", std::string(100, 'x')};
  const size_t bytes = footprint(DecodedColumn(strings));
  EXPECT_GE(bytes, 1000 * sizeof(uint32_t) + 3 * sizeof(std::string) + 101);
  EXPECT_LT(bytes, 1000 * sizeof(uint32_t) + 3 * sizeof(std::string) + 101 + 4096);
}

TEST(ChunkCacheTest, EvictsLeastRecentlyUsedBeyondCapacity) {
  const size_t one = time_chunk(1000)->bytes;
  ChunkCache cache(3 * one);
  for (uint32_t g = 0; g < 3; ++g) EXPECT_TRUE(cache.insert({1, g, 0}, time_chunk(1000)));
  EXPECT_NE(cache.find({1, 0, 0}), nullptr);  // group 0 becomes the most recent
  EXPECT_TRUE(cache.insert({1, 3, 0}, time_chunk(1000)));
  EXPECT_EQ(cache.find({1, 1, 0}), nullptr);  // the least recent went
  EXPECT_NE(cache.find({1, 0, 0}), nullptr);
  EXPECT_NE(cache.find({1, 2, 0}), nullptr);
  EXPECT_NE(cache.find({1, 3, 0}), nullptr);
  const auto stats = cache.stats();
  EXPECT_EQ(stats.entries, 3u);
  EXPECT_LE(stats.bytes, 3 * one);
  EXPECT_EQ(stats.evictions, 1u);
}

TEST(ChunkCacheTest, RefusesAChunkLargerThanTheCapacity) {
  ChunkCache cache(100);
  EXPECT_FALSE(cache.insert({1, 0, 0}, time_chunk(1000)));
  EXPECT_EQ(cache.stats().entries, 0u);
}

TEST(ChunkCacheTest, EraseSegmentDropsOnlyThatSegment) {
  ChunkCache cache(1 << 20);
  cache.insert({1, 0, 0}, time_chunk(10));
  cache.insert({2, 0, 0}, time_chunk(10));
  cache.insert({1, 1, 5}, time_chunk(10));
  cache.erase_segment(1);
  EXPECT_EQ(cache.find({1, 0, 0}), nullptr);
  EXPECT_EQ(cache.find({1, 1, 5}), nullptr);
  EXPECT_NE(cache.find({2, 0, 0}), nullptr);
  EXPECT_EQ(cache.stats().entries, 1u);
}

TEST(ChunkCacheTest, StaysWithinCapacityUnderConcurrentUse) {
  const size_t one = time_chunk(100)->bytes;
  ChunkCache cache(50 * one);
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (uint64_t t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (uint32_t i = 0; i < 2000; ++i) {
        const ChunkKey key{t % 2, i % 97, static_cast<uint16_t>(i % 5)};
        if (cache.find(key) == nullptr) cache.insert(key, time_chunk(100));
        if (i % 500 == 0) cache.erase_segment(t % 2);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const auto stats = cache.stats();
  EXPECT_LE(stats.bytes, 50 * one);
  EXPECT_EQ(stats.bytes, stats.entries * one);
}

}  // namespace
}  // namespace optima::store
