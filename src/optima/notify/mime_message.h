// EmailMessage and its MIME text: multipart/alternative with a text/plain and a text/html part,
// both UTF-8 in quoted-printable (RFC 2045), and RFC 2047 encoded subjects.
#pragma once

#include <string>
#include <vector>

#include "optima/core/status.h"
#include "optima/core/time.h"

namespace optima::notify {

struct EmailMessage {
  std::string from;             // bare address: alerts@example.com
  std::vector<std::string> to;  // bare addresses
  std::string subject;          // UTF-8
  std::string text;             // plain-text body, UTF-8
  std::string html;             // HTML body, UTF-8
};

// Checks an address for what SMTP needs: one '@', no spaces, angle brackets or control
// characters, at most 254 bytes. The error names `field`.
core::Status validate_email_address(std::string_view address, std::string_view field);

// The full message (headers and body) with CRLF line endings, ready for SMTP DATA (before
// dot-stuffing). `message_id_domain` is the part after '@' of the Message-ID; `boundary_seed`
// makes the MIME boundary and Message-ID unique (e.g. a payload hash).
std::string build_mime_message(const EmailMessage& message, core::Timestamp date,
                               std::string_view message_id_domain,
                               std::string_view boundary_seed);

// RFC 5322 date: "Tue, 05 Mar 2024 14:03:00 +0000".
std::string rfc5322_date(core::Timestamp t);

// Quoted-printable with CRLF line breaks and soft breaks at 76 columns.
std::string quoted_printable(std::string_view text);

// The subject as is when it is printable ASCII, else "=?UTF-8?B?…?=" words.
std::string encode_header_text(std::string_view text);

}  // namespace optima::notify
