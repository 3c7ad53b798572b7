#include "optima/notify/mime_message.h"

#include <array>

#include <fmt/format.h>

#include "optima/core/base64.h"

namespace optima::notify {
namespace {


// Normalises line endings to LF (CRLF and lone CR become LF).
std::string to_lf(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n')
        ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

}  // namespace

core::Status validate_email_address(std::string_view address, std::string_view field) {
  const size_t at = address.find('@');
  bool ok = !address.empty() && address.size() <= 254 && at != std::string_view::npos && at > 0 &&
            at + 1 < address.size() && address.find('@', at + 1) == std::string_view::npos;
  for (char c : address)
    ok = ok && static_cast<unsigned char>(c) > 0x20 && c != 0x7f && c != '<' && c != '>' &&
         c != ',' && c != '"';
  if (!ok)
    return core::invalid_argument(fmt::format(
        "{}: expected an email address such as alerts@example.com; found \"{}\"", field, address));
  return core::Status::ok();
}

std::string rfc5322_date(core::Timestamp t) {
  static constexpr std::array<const char*, 7> kDays = {"Mon", "Tue", "Wed", "Thu",
                                                       "Fri", "Sat", "Sun"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int64_t days = t.unix_seconds >= 0
                           ? t.unix_seconds / core::kSecondsPerDay
                           : (t.unix_seconds - core::kSecondsPerDay + 1) / core::kSecondsPerDay;
  const int64_t secs = t.unix_seconds - days * core::kSecondsPerDay;
  const core::CivilDate d = core::civil_from_days(days);
  const auto weekday = static_cast<size_t>(((days % 7) + 7 + 3) % 7);
  return fmt::format("{}, {:02d} {} {:04d} {:02d}:{:02d}:{:02d} +0000", kDays[weekday], d.day,
                     kMonths[static_cast<size_t>(d.month - 1)], d.year, secs / 3600,
                     (secs / 60) % 60, secs % 60);
}

std::string quoted_printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const std::string lf = to_lf(text);
  std::string out;
  size_t column = 0;
  for (size_t i = 0; i < lf.size(); ++i) {
    const auto c = static_cast<unsigned char>(lf[i]);
    if (c == '\n') {
      out += "\r\n";
      column = 0;
      continue;
    }
    const bool at_line_end = i + 1 == lf.size() || lf[i + 1] == '\n';
    std::string piece;
    if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_line_end)) {
      piece = std::string(1, static_cast<char>(c));
    } else {
      piece = {'=', kHex[c >> 4], kHex[c & 15]};
    }
    if (column + piece.size() > 75) {
      out += "=\r\n";
      column = 0;
    }
    out += piece;
    column += piece.size();
  }
  return out;
}

std::string encode_header_text(std::string_view text) {
  bool plain = true;
  for (char c : text)
    plain = plain && static_cast<unsigned char>(c) >= 0x20 && c != 0x7f &&
            static_cast<unsigned char>(c) < 0x80;
  if (plain)
    return std::string(text);
  // Encoded words of at most 45 input bytes (60 base64 characters), split between UTF-8
  // characters, folded onto continuation lines.
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = std::min(text.size(), i + 45);
    while (end < text.size() && end > i && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
      --end;
    if (!out.empty())
      out += "\r\n ";
    out += "=?UTF-8?B?" + core::base64_encode(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string build_mime_message(const EmailMessage& message, core::Timestamp date,
                               std::string_view message_id_domain, std::string_view boundary_seed) {
  const std::string boundary = fmt::format("=_optima_{}", boundary_seed);
  std::string to;
  for (const std::string& address : message.to)
    to += (to.empty() ? "" : ", ") + address;
  std::string out;
  out += "From: CloudOptima <" + message.from + ">\r\n";
  out += "To: " + to + "\r\n";
  out += "Subject: " + encode_header_text(message.subject) + "\r\n";
  out += "Date: " + rfc5322_date(date) + "\r\n";
  out += fmt::format("Message-ID: <{}.{}@{}>\r\n", boundary_seed, date.unix_seconds,
                     message_id_domain);
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
  out += "\r\n";
  out += "This is a multi-part message in MIME format.\r\n";
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  out += quoted_printable(message.text) + "\r\n";
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/html; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  out += quoted_printable(message.html) + "\r\n";
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace optima::notify
