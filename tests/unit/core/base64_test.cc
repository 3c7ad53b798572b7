// Base64 against the RFC 4648 section 10 test vectors, and base64url round trips.
#include "optima/core/base64.h"

#include <gtest/gtest.h>

namespace optima::core {
namespace {

TEST(Base64Test, EncodesTheRfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64Test, UrlFormIsUnpaddedAndRoundTrips) {
  const std::string bytes = std::string("\xfb\xff\x00\x10", 4) + "q1.abc.42";
  const std::string text = base64url_encode(bytes);
  EXPECT_EQ(text.find_first_of("+/="), std::string::npos);
  std::string back;
  ASSERT_TRUE(base64url_decode(text, &back));
  EXPECT_EQ(back, bytes);
  std::string ignored;
  EXPECT_FALSE(base64url_decode("ab+c", &ignored));
}

}  // namespace
}  // namespace optima::core
