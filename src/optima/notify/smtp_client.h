// An SMTP client (RFC 5321) on Boost.Asio: EHLO, optional STARTTLS (RFC 3207) or implicit TLS,
// AUTH PLAIN or LOGIN when credentials are configured, MAIL FROM / RCPT TO / DATA with
// dot-stuffing, QUIT; a timeout on every step.
//
// Thread-safe: each call owns its io_context and connection.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/status.h"
#include "optima/notify/mime_message.h"

namespace optima::notify {

// kNone: plain TCP (credentials, if any, are sent in the clear: loopback relays only);
// kStartTls: plain TCP upgraded with STARTTLS, which the server must offer; kTls: TLS from the
// first byte (port 465).
enum class SmtpSecurity { kNone, kStartTls, kTls };

std::string_view smtp_security_name(SmtpSecurity security);
std::optional<SmtpSecurity> parse_smtp_security(std::string_view text);

struct SmtpSettings {
  std::string host;
  uint16_t port = 25;
  SmtpSecurity security = SmtpSecurity::kNone;
  std::string username;  // AUTH only when non-empty
  std::string password;
  std::string helo_name = "localhost";  // our name in EHLO
  std::string ca_file;                  // extra trusted CAs (PEM) for TLS
  std::chrono::milliseconds timeout{15000};  // per step
};

// Delivers `mime` (the full message from build_mime_message) from `from` to every address of
// `to`. Errors: IoError for network, TLS and timeouts ("connect to 127.0.0.1:2525: Connection
// refused") and for transient 4xx replies; FailedPrecondition when the server refuses a step
// for good, with its reply ("RCPT TO:<x@y>: 550 no such user"), or lacks STARTTLS / the AUTH
// mechanisms we speak.
// The error never contains the password.
core::Status send_smtp(const SmtpSettings& settings, const std::string& from,
                       const std::vector<std::string>& to, const std::string& mime);

// Dot-stuffs a CRLF message for DATA (a line starting with '.' gets another '.') and appends
// the terminating "\r\n.\r\n". Bare LF line endings become CRLF.
std::string smtp_data_block(std::string_view message);

}  // namespace optima::notify
