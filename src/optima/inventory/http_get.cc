#include "optima/inventory/http_get.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#include <fmt/format.h>

#include "optima/core/strings.h"

namespace optima::inventory {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

core::Result<HttpUrl> parse_http_url(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (!core::istarts_with(url, kScheme)) {
    return core::invalid_argument(fmt::format("{}: expected an http:// URL", core::quote_for_message(url)));
  }
  std::string_view rest = url.substr(kScheme.size());
  HttpUrl out;
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) out.path = std::string(rest.substr(slash));
  while (!out.path.empty() && out.path.back() == '/') out.path.pop_back();
  const size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    out.port = std::string(authority.substr(colon + 1));
    authority = authority.substr(0, colon);
    if (!core::parse_int64(out.port)) {
      return core::invalid_argument(fmt::format("{}: port is not a number", core::quote_for_message(url)));
    }
  }
  if (authority.empty()) return core::invalid_argument(fmt::format("{}: no host", core::quote_for_message(url)));
  out.host = std::string(authority);
  return out;
}

std::string url_encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

core::Result<HttpResponse> http_get(const HttpUrl& url, const std::string& target,
                                    std::chrono::milliseconds timeout) {
  boost::asio::io_context ioc;
  tcp::resolver resolver(ioc);
  beast::tcp_stream stream(ioc);
  beast::flat_buffer buffer;
  http::request<http::empty_body> request{http::verb::get, url.path + target, 11};
  request.set(http::field::host, url.host);
  request.set(http::field::user_agent, "cloudoptima");
  request.set(http::field::accept, "application/json");
  http::response_parser<http::string_body> parser;
  parser.body_limit(std::uint64_t{1} << 32);
  beast::error_code failure;
  const std::string where = fmt::format("http://{}:{}{}", url.host, url.port, url.path);

  // Asynchronous operations on one io_context run for at most `timeout`: the stream's
  // expiry closes the socket, so a silent server cannot block the CLI.
  stream.expires_after(timeout);
  resolver.async_resolve(url.host, url.port, [&](beast::error_code ec, tcp::resolver::results_type results) {
    if (ec) {
      failure = ec;
      return;
    }
    stream.async_connect(results, [&](beast::error_code ec2, const tcp::endpoint&) {
      if (ec2) {
        failure = ec2;
        return;
      }
      http::async_write(stream, request, [&](beast::error_code ec3, size_t) {
        if (ec3) {
          failure = ec3;
          return;
        }
        http::async_read(stream, buffer, parser, [&](beast::error_code ec4, size_t) { failure = ec4; });
      });
    });
  });
  ioc.run_for(timeout + std::chrono::seconds(1));
  if (!ioc.stopped()) return core::io_error(fmt::format("{}: no response within {} ms", where, timeout.count()));
  if (failure) return core::io_error(fmt::format("{}: {}", where, failure.message()));
  if (!parser.is_done()) return core::io_error(fmt::format("{}: incomplete response", where));
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  HttpResponse response;
  response.status = static_cast<int>(parser.get().result_int());
  response.body = std::move(parser.get().body());
  return response;
}

}  // namespace optima::inventory
