#include "optima/notify/smtp_client.h"

#include <gtest/gtest.h>

#include "notify_test_support.h"

namespace optima::notify {
namespace {

using testing::LocalTestServer;
using testing::NotifyTempDir;

EmailMessage sample_message() {
  EmailMessage m;
  m.from = "alerts@optima.test";
  m.to = {"finops@example.com", "cto@example.com"};
  m.subject = "Budget payments: 80% of 1000.00 USD used — März";
  m.text = "Budget payments is at 80%.\n.starts with a dot\n..two dots\nend";
  m.html = "<p>Budget <b>payments</b> is at 80%.</p>";
  return m;
}

TEST(SmtpClientTest, DeliversAMimeMessageToARealSmtpServer) {
  NotifyTempDir dir("smtp");
  LocalTestServer sink("smtp_sink.py", dir.path());
  ASSERT_GT(sink.port(), 0);
  SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = static_cast<uint16_t>(sink.port());
  const EmailMessage m = sample_message();
  const std::string mime = build_mime_message(m, core::make_timestamp({2024, 3, 5}, 14, 3), "optima.test", "abc123");
  core::Status s = send_smtp(settings, m.from, m.to, mime);
  ASSERT_TRUE(s.is_ok()) << s.to_string();
  ASSERT_TRUE(testing::notify_wait_for_file(dir.path() / "msg-1.eml"));
  const std::string received = testing::notify_read_text(dir.path() / "msg-1.eml");
  // smtpd hands over the DATA with dot-stuffing undone and LF line ends: apart from those,
  // what arrived is exactly what was built.
  std::string expected;
  for (size_t i = 0; i < mime.size(); ++i)
    if (!(mime[i] == '\r' && i + 1 < mime.size() && mime[i + 1] == '\n')) expected.push_back(mime[i]);
  EXPECT_EQ(received + "\n", expected);
  EXPECT_NE(received.find("From: CloudOptima <alerts@optima.test>\n"), std::string::npos);
  EXPECT_NE(received.find("To: finops@example.com, cto@example.com\n"), std::string::npos);
  EXPECT_NE(received.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(received.find("Date: Tue, 05 Mar 2024 14:03:00 +0000\n"), std::string::npos);
  EXPECT_NE(received.find("Content-Type: multipart/alternative;"), std::string::npos);
  EXPECT_NE(received.find("\n.starts with a dot\n..two dots\n"), std::string::npos);
  EXPECT_NE(received.find("<p>Budget <b>payments</b> is at 80%.</p>"), std::string::npos);
  const auto envelope = nlohmann::json::parse(testing::notify_read_text(dir.path() / "msg-1.json"));
  EXPECT_EQ(envelope["mail_from"], "alerts@optima.test");
  EXPECT_EQ(envelope["rcpt_tos"], nlohmann::json({"finops@example.com", "cto@example.com"}));
  EXPECT_TRUE(envelope["auth_user"].is_null());
}

TEST(SmtpClientTest, AuthenticatesWhenCredentialsAreConfigured) {
  NotifyTempDir dir("smtp-auth");
  LocalTestServer sink("smtp_sink.py", dir.path(), {"--user", "mailer", "--password", "s3cr3t"});
  ASSERT_GT(sink.port(), 0);
  SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = static_cast<uint16_t>(sink.port());
  const EmailMessage m = sample_message();
  const std::string mime = build_mime_message(m, {0}, "optima.test", "x");

  // Without credentials the server refuses MAIL.
  core::Status refused = send_smtp(settings, m.from, m.to, mime);
  ASSERT_FALSE(refused.is_ok());
  EXPECT_NE(refused.message().find("530"), std::string::npos) << refused.message();

  settings.username = "mailer";
  settings.password = "wrong-password";
  core::Status wrong = send_smtp(settings, m.from, m.to, mime);
  ASSERT_FALSE(wrong.is_ok());
  EXPECT_NE(wrong.message().find("AUTH PLAIN: 535"), std::string::npos) << wrong.message();
  EXPECT_EQ(wrong.message().find("wrong-password"), std::string::npos);

  settings.password = "s3cr3t";
  core::Status ok = send_smtp(settings, m.from, m.to, mime);
  ASSERT_TRUE(ok.is_ok()) << ok.to_string();
  ASSERT_TRUE(testing::notify_wait_for_file(dir.path() / "msg-1.json"));
  const auto envelope = nlohmann::json::parse(testing::notify_read_text(dir.path() / "msg-1.json"));
  EXPECT_EQ(envelope["auth_user"], "mailer");
}

TEST(SmtpClientTest, StartTlsIsRequiredWhenConfigured) {
  NotifyTempDir dir("smtp-tls");
  LocalTestServer sink("smtp_sink.py", dir.path());
  SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = static_cast<uint16_t>(sink.port());
  settings.security = SmtpSecurity::kStartTls;
  core::Status s = send_smtp(settings, "a@b.test", {"c@d.test"}, "Subject: x\r\n\r\nbody\r\n");
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("STARTTLS: the server does not offer it"), std::string::npos)
      << s.message();
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "msg-1.eml"));
}

TEST(SmtpClientTest, ServerDownIsAnIoErrorNotACrash) {
  SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = static_cast<uint16_t>(testing::notify_unused_port());
  settings.timeout = std::chrono::milliseconds(2000);
  core::Status s = send_smtp(settings, "a@b.test", {"c@d.test"}, "x");
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.code(), core::StatusCode::kIoError);
  EXPECT_NE(s.message().find("Connection refused"), std::string::npos) << s.message();
}

TEST(SmtpClientTest, DataBlockDotStuffsAndTerminates) {
  EXPECT_EQ(smtp_data_block(".a\r\nb\r\n..c\r\n"), "..a\r\nb\r\n...c\r\n.\r\n");
  EXPECT_EQ(smtp_data_block("x\ny"), "x\r\ny\r\n.\r\n");
  EXPECT_EQ(smtp_data_block("."), "..\r\n.\r\n");
}

}  // namespace
}  // namespace optima::notify
