#include "optima/query/string_interner.h"

#include <random>
#include <unordered_map>

#include <gtest/gtest.h>

namespace optima::query {
namespace {

TEST(StringInternerTest, GivesEqualStringsEqualIdsFromOne) {
  StringInterner interner;
  EXPECT_EQ(interner.size(), 1u);
  const uint32_t a = interner.intern("alpha");
  const uint32_t empty = interner.intern("");
  EXPECT_EQ(a, 1u);
  EXPECT_EQ(empty, 2u);
  EXPECT_EQ(interner.intern("alpha"), a);
  EXPECT_EQ(interner.intern(std::string("alpha\0x", 7)), 3u);  // embedded NUL is part of the value
  EXPECT_EQ(interner.value(a), "alpha");
  EXPECT_EQ(interner.value(empty), "");
  EXPECT_EQ(interner.size(), 4u);
}

TEST(StringInternerTest, BatchAgreesWithOneByOneAcrossGrowth) {
  std::mt19937_64 rng(5);
  std::vector<std::string> values;
  for (int i = 0; i < 50000; ++i) {
    // Long shared prefixes and suffixes, as resource ids have.
    values.push_back("arn:aws:ec2:us-east-1:123456789012:instance/i-" +
                     std::to_string(rng() % 20000) + std::string(rng() % 40, 'x'));
  }
  StringInterner one;
  StringInterner batch;
  std::vector<std::string_view> views(values.begin(), values.end());
  std::vector<uint32_t> ids(views.size());
  batch.intern_batch(views.data(), views.size(), ids.data());
  std::unordered_map<std::string, uint32_t> expected;
  for (size_t i = 0; i < values.size(); ++i) {
    const uint32_t id = one.intern(values[i]);
    EXPECT_EQ(ids[i], id) << i;
    auto [it, inserted] = expected.emplace(values[i], id);
    EXPECT_EQ(it->second, id);
    EXPECT_EQ(batch.value(ids[i]), values[i]);
  }
  EXPECT_EQ(batch.size(), expected.size() + 1);
}

TEST(StringInternerTest, HashSeesEveryByte) {
  const std::string base(100, 'a');
  for (size_t i = 0; i < base.size(); ++i) {
    std::string changed = base;
    changed[i] = 'b';
    EXPECT_NE(fast_hash(changed), fast_hash(base)) << i;
  }
  EXPECT_NE(fast_hash(""), fast_hash(std::string(1, '\0')));
}

}  // namespace
}  // namespace optima::query
