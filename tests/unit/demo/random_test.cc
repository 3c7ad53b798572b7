#include "optima/demo/random.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace optima::demo {
namespace {

TEST(RandomTest, HashesAreDeterministicAndKeySensitive) {
  EXPECT_EQ(hash_keys(1, 2, 3), hash_keys(1, 2, 3));
  EXPECT_NE(hash_keys(1, 2, 3), hash_keys(1, 3, 2));
  EXPECT_NE(hash_keys(1, 2), hash_keys(2, 2));
  EXPECT_EQ(hash_text("abc"), hash_text("abc"));
  EXPECT_NE(hash_text("abc"), hash_text("abd"));
}

TEST(RandomTest, UnitIntervalStaysInRange) {
  for (uint64_t i = 0; i < 10000; ++i) {
    const double u = unit_interval(mix64(i));
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
  }
  EXPECT_EQ(unit_interval(0), 0.0);
  EXPECT_LT(unit_interval(~uint64_t{0}), 1.0);
}

TEST(RandomTest, GeneratorsProduceWellFormedIdentifiers) {
  Rng rng(7);
  const std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string u = rng.uuid();
    EXPECT_TRUE(std::regex_match(u, uuid)) << u;
    seen.insert(u);
  }
  EXPECT_EQ(seen.size(), 100U);
  const std::string digits = rng.digits(12);
  EXPECT_EQ(digits.size(), 12U);
  EXPECT_NE(digits[0], '0');
  EXPECT_TRUE(std::regex_match(google_style_id("Compute Engine"), std::regex("^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$")));
  EXPECT_EQ(google_style_id("x"), google_style_id("x"));
  EXPECT_TRUE(std::regex_match(aws_style_sku("BoxUsage"), std::regex("^[A-Z0-9]{16}$")));
}

TEST(RandomTest, RangeIsInclusiveAndCoversBothEnds) {
  Rng rng(99);
  bool low = false;
  bool high = false;
  for (int i = 0; i < 2000; ++i) {
    const int64_t v = rng.range(3, 6);
    ASSERT_GE(v, 3);
    ASSERT_LE(v, 6);
    low |= v == 3;
    high |= v == 6;
  }
  EXPECT_TRUE(low && high);
}

}  // namespace
}  // namespace optima::demo
