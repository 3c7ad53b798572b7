#include "optima/notify/mime_message.h"

#include <gtest/gtest.h>

namespace optima::notify {
namespace {

TEST(MimeMessageTest, QuotedPrintableEncodesNonAsciiEqualsAndLongLines) {
  EXPECT_EQ(quoted_printable("a=b"), "a=3Db");
  EXPECT_EQ(quoted_printable("März"), "M=C3=A4rz");
  EXPECT_EQ(quoted_printable("trailing \nx"), "trailing=20\r\nx");
  const std::string long_line(100, 'x');
  const std::string encoded = quoted_printable(long_line);
  EXPECT_EQ(encoded, std::string(75, 'x') + "=\r\n" + std::string(25, 'x'));
}

TEST(MimeMessageTest, HeaderTextIsEncodedOnlyWhenNeeded) {
  EXPECT_EQ(encode_header_text("Budget alert"), "Budget alert");
  EXPECT_EQ(encode_header_text("März"), "=?UTF-8?B?TcOkcno=?=");
  // CR/LF can never inject a header: they force the encoded form.
  EXPECT_EQ(encode_header_text("x\r\nBcc: evil@example.com").rfind("=?UTF-8?B?", 0), 0u);
}

TEST(MimeMessageTest, DateIsRfc5322InUtc) {
  EXPECT_EQ(rfc5322_date(core::make_timestamp({2024, 3, 5}, 14, 3)), "Tue, 05 Mar 2024 14:03:00 +0000");
  EXPECT_EQ(rfc5322_date({0}), "Thu, 01 Jan 1970 00:00:00 +0000");
}

TEST(MimeMessageTest, AddressesAreChecked) {
  EXPECT_TRUE(validate_email_address("a@b.example", "to[0]").is_ok());
  EXPECT_EQ(validate_email_address("a b@c", "to[1]").message(),
            "to[1]: expected an email address such as alerts@example.com; found \"a b@c\"");
  EXPECT_FALSE(validate_email_address("<a@b>", "from").is_ok());
  EXPECT_FALSE(validate_email_address("nobody", "from").is_ok());
}

TEST(MimeMessageTest, MessageHasBothAlternatives) {
  EmailMessage m{"from@x.test", {"to@y.test"}, "Hi", "plain", "<b>html</b>"};
  const std::string mime = build_mime_message(m, {0}, "x.test", "seed");
  EXPECT_NE(mime.find("MIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(mime.find("Message-ID: <seed.0@x.test>\r\n"), std::string::npos);
  EXPECT_NE(mime.find("Content-Type: text/plain; charset=utf-8\r\n"), std::string::npos);
  EXPECT_NE(mime.find("Content-Type: text/html; charset=utf-8\r\n"), std::string::npos);
  EXPECT_NE(mime.find("--=_optima_seed--\r\n"), std::string::npos);
}

}  // namespace
}  // namespace optima::notify
