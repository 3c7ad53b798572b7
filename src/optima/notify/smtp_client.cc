#include "optima/notify/smtp_client.h"

#include <cctype>
#include <exception>
#include <optional>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <fmt/format.h>
#include <openssl/ssl.h>

#include "optima/core/base64.h"
#include "optima/core/strings.h"

namespace optima::notify {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using boost::system::error_code;

constexpr size_t kMaxReplyBytes = 64 * 1024;


struct Reply {
  int code = 0;
  std::string text;  // all lines, joined by " / "
  std::vector<std::string> lines;
};

// A refusal: 4xx replies are transient (IoError, worth retrying), others permanent
// (FailedPrecondition).
core::Status refused(std::string_view step, const Reply& reply) {
  std::string message = fmt::format("{}: {}", step, reply.text);
  if (reply.code >= 400 && reply.code < 500)
    return core::io_error(std::move(message));
  return core::failed_precondition(std::move(message));
}

// One SMTP conversation over Stream (plain TCP or TLS). Commands and replies only; the caller
// sequences them.
template <typename Stream>
class Conversation {
 public:
  Conversation(Stream& stream, beast::tcp_stream& lowest, std::chrono::milliseconds timeout)
      : stream_(stream), lowest_(lowest), timeout_(timeout) {}

  // Reads one (possibly multi-line) reply into *reply.
  asio::awaitable<core::Status> read_reply(std::string_view step, Reply* reply) {
    reply->lines.clear();
    reply->text.clear();
    while (true) {
      error_code ec;
      lowest_.expires_after(timeout_);
      const size_t n =
          co_await asio::async_read_until(stream_, asio::dynamic_buffer(buffer_, kMaxReplyBytes),
                                          "\r\n", asio::redirect_error(asio::use_awaitable, ec));
      if (ec)
        co_return failure(step, ec);
      std::string line = buffer_.substr(0, n - 2);
      buffer_.erase(0, n);
      if (line.size() < 3 || !std::isdigit(static_cast<unsigned char>(line[0])))
        co_return core::io_error(
            fmt::format("{}: malformed reply {}", step, core::quote_for_message(line)));
      reply->code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
      const bool more = line.size() > 3 && line[3] == '-';
      reply->lines.push_back(line.size() > 4 ? line.substr(4) : std::string());
      reply->text += (reply->text.empty() ? "" : " / ") + line;
      if (!more)
        co_return core::Status::ok();
    }
  }

  // Sends `line` (CRLF added) and reads the reply; a reply code other than `expected` fails.
  // `shown` is how the step is named in errors (never the line when it carries a secret).
  asio::awaitable<core::Status> command(std::string_view line, int expected, std::string_view shown,
                                        Reply* reply) {
    core::Status s = co_await send(std::string(line) + "\r\n", shown);
    if (!s.is_ok())
      co_return s;
    s = co_await read_reply(shown, reply);
    if (!s.is_ok())
      co_return s;
    if (reply->code != expected)
      co_return refused(shown, *reply);
    co_return core::Status::ok();
  }

  asio::awaitable<core::Status> send(std::string data, std::string_view step) {
    error_code ec;
    lowest_.expires_after(timeout_);
    co_await asio::async_write(stream_, asio::buffer(data),
                               asio::redirect_error(asio::use_awaitable, ec));
    if (ec)
      co_return failure(step, ec);
    co_return core::Status::ok();
  }

 private:
  core::Status failure(std::string_view step, const error_code& ec) const {
    if (ec == beast::error::timeout)
      return core::io_error(fmt::format("{}: timed out after {} ms", step, timeout_.count()));
    return core::io_error(fmt::format("{}: {}", step, ec.message()));
  }

  Stream& stream_;
  beast::tcp_stream& lowest_;
  std::chrono::milliseconds timeout_;
  std::string buffer_;
};

struct Job {
  const SmtpSettings& settings;
  const std::string& from;
  const std::vector<std::string>& to;
  const std::string& data;  // dot-stuffed, terminated
};

bool has_extension(const Reply& ehlo, std::string_view name) {
  for (size_t i = 1; i < ehlo.lines.size(); ++i)
    if (core::istarts_with(ehlo.lines[i], name))
      return true;
  return false;
}

std::string auth_mechanisms(const Reply& ehlo) {
  for (size_t i = 1; i < ehlo.lines.size(); ++i)
    if (core::istarts_with(ehlo.lines[i], "AUTH ") || core::istarts_with(ehlo.lines[i], "AUTH="))
      return core::to_lower_ascii(ehlo.lines[i].substr(5));
  return {};
}

bool offers(const std::string& mechanisms, std::string_view name) {
  for (std::string_view m : core::split(mechanisms, ' '))
    if (m == name)
      return true;
  return false;
}

// From the EHLO on: authentication and the mail transaction.
template <typename Stream>
asio::awaitable<core::Status> transact(Conversation<Stream>& c, const Job& job, Reply ehlo) {
  Reply r;
  const SmtpSettings& s = job.settings;
  if (!s.username.empty()) {
    const std::string mechanisms = auth_mechanisms(ehlo);
    if (offers(mechanisms, "plain")) {
      std::string token;
      token.push_back('\0');
      token += s.username;
      token.push_back('\0');
      token += s.password;
      core::Status st = co_await c.command("AUTH PLAIN " + core::base64_encode(token), 235, "AUTH PLAIN", &r);
      if (!st.is_ok())
        co_return st;
    } else if (offers(mechanisms, "login")) {
      core::Status st = co_await c.command("AUTH LOGIN", 334, "AUTH LOGIN", &r);
      if (!st.is_ok())
        co_return st;
      st = co_await c.command(core::base64_encode(s.username), 334, "AUTH LOGIN username", &r);
      if (!st.is_ok())
        co_return st;
      st = co_await c.command(core::base64_encode(s.password), 235, "AUTH LOGIN password", &r);
      if (!st.is_ok())
        co_return st;
    } else {
      co_return core::failed_precondition(
          fmt::format("AUTH: the server offers no PLAIN or LOGIN authentication (offers: {})",
                      mechanisms.empty() ? "none" : mechanisms));
    }
  }
  const std::string mail = "MAIL FROM:<" + job.from + ">";
  core::Status st = co_await c.command(mail, 250, mail, &r);
  if (!st.is_ok())
    co_return st;
  for (const std::string& address : job.to) {
    const std::string rcpt = "RCPT TO:<" + address + ">";
    st = co_await c.command(rcpt, 250, rcpt, &r);
    if (!st.is_ok() && r.code != 251)
      co_return st;
  }
  st = co_await c.command("DATA", 354, "DATA", &r);
  if (!st.is_ok())
    co_return st;
  st = co_await c.send(job.data, "message body");
  if (!st.is_ok())
    co_return st;
  st = co_await c.read_reply("end of DATA", &r);
  if (!st.is_ok())
    co_return st;
  if (r.code != 250)
    co_return refused("end of DATA", r);
  // The message is accepted: a failing QUIT changes nothing.
  (void)co_await c.command("QUIT", 221, "QUIT", &r);
  co_return core::Status::ok();
}

template <typename Stream>
asio::awaitable<core::Status> greet(Conversation<Stream>& c, const Job& job, Reply* ehlo) {
  Reply r;
  core::Status st = co_await c.read_reply("greeting", &r);
  if (!st.is_ok())
    co_return st;
  if (r.code != 220)
    co_return refused("greeting", r);
  co_return co_await c.command("EHLO " + job.settings.helo_name, 250, "EHLO", ehlo);
}

asio::awaitable<core::Status> run(asio::ssl::context& tls, const Job& job) {
  auto executor = co_await asio::this_coro::executor;
  const SmtpSettings& s = job.settings;
  error_code ec;
  tcp::resolver resolver(executor);
  auto endpoints = co_await resolver.async_resolve(s.host, std::to_string(s.port),
                                                   asio::redirect_error(asio::use_awaitable, ec));
  if (ec)
    co_return core::io_error(fmt::format("resolve {}: {}", s.host, ec.message()));
  beast::tcp_stream tcp_stream(executor);
  tcp_stream.expires_after(s.timeout);
  co_await tcp_stream.async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    co_return core::io_error(fmt::format("connect to {}:{}: {}", s.host, s.port,
                                         ec == beast::error::timeout ? "timed out" : ec.message()));
  }

  auto tls_session = [&](Reply* pending) -> asio::awaitable<core::Status> {
    asio::ssl::stream<beast::tcp_stream&> stream(tcp_stream, tls);
    if (!SSL_set_tlsext_host_name(stream.native_handle(), s.host.c_str()))
      co_return core::io_error("TLS: cannot set the server name");
    stream.set_verify_mode(asio::ssl::verify_peer);
    stream.set_verify_callback(asio::ssl::host_name_verification(s.host));
    error_code hec;
    tcp_stream.expires_after(s.timeout);
    co_await stream.async_handshake(asio::ssl::stream_base::client,
                                    asio::redirect_error(asio::use_awaitable, hec));
    if (hec)
      co_return core::io_error(fmt::format("TLS handshake: {}", hec.message()));
    Conversation<asio::ssl::stream<beast::tcp_stream&>> c(stream, tcp_stream, s.timeout);
    Reply ehlo;
    if (pending == nullptr) {  // implicit TLS: the greeting comes over TLS
      core::Status st = co_await greet(c, job, &ehlo);
      if (!st.is_ok())
        co_return st;
    } else {  // after STARTTLS the client says EHLO again (RFC 3207)
      core::Status st =
          co_await c.command("EHLO " + s.helo_name, 250, "EHLO after STARTTLS", &ehlo);
      if (!st.is_ok())
        co_return st;
    }
    co_return co_await transact(c, job, ehlo);
  };

  if (s.security == SmtpSecurity::kTls)
    co_return co_await tls_session(nullptr);
  Conversation<beast::tcp_stream> plain(tcp_stream, tcp_stream, s.timeout);
  Reply ehlo;
  core::Status st = co_await greet(plain, job, &ehlo);
  if (!st.is_ok())
    co_return st;
  if (s.security == SmtpSecurity::kNone)
    co_return co_await transact(plain, job, ehlo);
  if (!has_extension(ehlo, "STARTTLS"))
    co_return core::failed_precondition(
        "STARTTLS: the server does not offer it (security is starttls)");
  Reply r;
  st = co_await plain.command("STARTTLS", 220, "STARTTLS", &r);
  if (!st.is_ok())
    co_return st;
  co_return co_await tls_session(&r);
}

}  // namespace

std::string_view smtp_security_name(SmtpSecurity security) {
  switch (security) {
    case SmtpSecurity::kNone:
      return "none";
    case SmtpSecurity::kStartTls:
      return "starttls";
    case SmtpSecurity::kTls:
      return "tls";
  }
  return "none";
}

std::optional<SmtpSecurity> parse_smtp_security(std::string_view text) {
  for (SmtpSecurity s : {SmtpSecurity::kNone, SmtpSecurity::kStartTls, SmtpSecurity::kTls})
    if (text == smtp_security_name(s))
      return s;
  return std::nullopt;
}

std::string smtp_data_block(std::string_view message) {
  std::string out;
  out.reserve(message.size() + 64);
  bool line_start = true;
  for (size_t i = 0; i < message.size(); ++i) {
    const char c = message[i];
    if (line_start && c == '.')
      out.push_back('.');
    if (c == '\n' && (i == 0 || message[i - 1] != '\r'))
      out.push_back('\r');
    out.push_back(c);
    line_start = c == '\n';
  }
  if (!out.empty() && !line_start)
    out += "\r\n";
  out += ".\r\n";
  return out;
}

core::Status send_smtp(const SmtpSettings& settings, const std::string& from,
                       const std::vector<std::string>& to, const std::string& mime) {
  if (settings.host.empty())
    return core::invalid_argument("smtp host: required");
  if (to.empty())
    return core::invalid_argument("to: expected at least one recipient");
  const std::string data = smtp_data_block(mime);
  core::Status status = core::internal_error("smtp: conversation did not complete");
  // Boost throws only on allocation failure and similar: this is the library's barrier.
  try {
    asio::io_context io;
    asio::ssl::context tls(asio::ssl::context::tls_client);
    error_code ec;
    tls.set_default_verify_paths(ec);
    if (!settings.ca_file.empty()) {
      tls.load_verify_file(settings.ca_file, ec);
      if (ec)
        return core::invalid_argument(
            fmt::format("ca_file {}: {}", core::quote_for_message(settings.ca_file), ec.message()));
    }
    Job job{settings, from, to, data};
    asio::co_spawn(io, run(tls, job), [&](std::exception_ptr e, core::Status s) {
      status = e ? core::internal_error("smtp: unexpected exception") : std::move(s);
    });
    io.run();
  } catch (const std::exception& e) {
    return core::internal_error(fmt::format("smtp: {}", e.what()));
  }
  return status.is_ok()
             ? status
             : status.with_context(fmt::format("smtp {}:{}", settings.host, settings.port));
}

}  // namespace optima::notify
