#include "optima/store/integer_encoding.h"

#include <limits>
#include <vector>

#include <gtest/gtest.h>

namespace optima::store {
namespace {

TEST(IntegerEncodingTest, ZigzagRoundTripsExtremes) {
  for (const int64_t v : {int64_t{0}, int64_t{-1}, int64_t{1}, std::numeric_limits<int64_t>::min(),
                          std::numeric_limits<int64_t>::max()}) {
    EXPECT_EQ(zigzag_decode(zigzag_encode(v)), v);
  }
  EXPECT_EQ(zigzag_encode(-1), 1u);
  EXPECT_EQ(zigzag_encode(1), 2u);
  const core::Int128 big = std::numeric_limits<core::Int128>::min();
  EXPECT_TRUE(zigzag_decode128(zigzag_encode128(big)) == big);
}

TEST(IntegerEncodingTest, PlanesUseTheNarrowestWidthAndRoundTrip) {
  const std::vector<uint64_t> values = {0, 1, 255, 256, 65535};
  std::string bytes;
  ByteWriter writer(&bytes);
  put_planes(values.data(), values.size(), &writer);
  EXPECT_EQ(bytes.size(), 1 + 2 * values.size());  // width byte + two planes
  EXPECT_EQ(bytes[0], 2);
  ByteReader reader(bytes);
  std::vector<uint64_t> out(values.size());
  ASSERT_TRUE(get_planes(&reader, out.size(), out.data()));
  EXPECT_EQ(out, values);
  EXPECT_TRUE(reader.at_end());
}

TEST(IntegerEncodingTest, AllZeroValuesTakeOnlyTheWidthByte) {
  const std::vector<uint32_t> zeros(1000, 0);
  std::string bytes;
  ByteWriter writer(&bytes);
  put_planes(zeros.data(), zeros.size(), &writer);
  EXPECT_EQ(bytes.size(), 1u);
}

TEST(IntegerEncodingTest, RejectsShortInputAndOverwideValues) {
  std::string bytes;
  ByteWriter writer(&bytes);
  const std::vector<uint64_t> wide = {uint64_t{1} << 40};
  put_planes(wide.data(), 1, &writer);
  std::vector<uint32_t> narrow(1);
  ByteReader too_wide(bytes);
  EXPECT_FALSE(get_planes(&too_wide, 1, narrow.data()));
  const std::string_view prefix = std::string_view{bytes}.substr(0, 3);
  ByteReader short_input(prefix);
  std::vector<uint64_t> out(1);
  EXPECT_FALSE(get_planes(&short_input, 1, out.data()));
}

TEST(IntegerEncodingTest, BitmapRoundTrips) {
  std::vector<uint8_t> nulls(19, 0);
  nulls[0] = nulls[7] = nulls[8] = nulls[18] = 1;
  std::string bytes;
  ByteWriter writer(&bytes);
  put_bitmap(nulls.data(), nulls.size(), &writer);
  EXPECT_EQ(bytes.size(), 3u);
  ByteReader reader(bytes);
  std::vector<uint8_t> out(nulls.size());
  ASSERT_TRUE(get_bitmap(&reader, out.size(), out.data()));
  EXPECT_EQ(out, nulls);
}

TEST(IntegerEncodingTest, ReaderFailsOnMalformedVarint) {
  const std::string endless(11, '\xff');
  ByteReader reader(endless);
  reader.get_varint();
  EXPECT_FALSE(reader.ok());
}

}  // namespace
}  // namespace optima::store
