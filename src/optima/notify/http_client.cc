#include "optima/notify/http_client.h"

#include <openssl/ssl.h>

#include <exception>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/notify/url.h"

namespace optima::notify {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

core::Status step_error(std::string_view step, const error_code& ec,
                        std::chrono::milliseconds timeout) {
  if (ec == beast::error::timeout)
    return core::io_error(fmt::format("{}: timed out after {} ms", step, timeout.count()));
  return core::io_error(fmt::format("{}: {}", step, ec.message()));
}

struct Exchange {
  const Url& url;
  const HttpRequest& request;
  const HttpClientOptions& options;
  HttpResponse* response;
};

// Writes the request and reads the response on a connected stream.
template <typename Stream>
asio::awaitable<core::Status> write_and_read(Stream& stream, const Exchange& x) {
  error_code ec;
  http::request<http::string_body> req;
  req.method(http::string_to_verb(x.request.method));
  req.target(x.url.target);
  req.version(11);
  const bool default_port = x.url.port == (x.url.https ? "443" : "80");
  req.set(http::field::host, default_port ? x.url.host : x.url.host + ":" + x.url.port);
  req.set(http::field::user_agent, "CloudOptima-notify/1");
  req.set(http::field::connection, "close");
  for (const auto& [name, value] : x.request.headers) req.set(name, value);
  req.body() = x.request.body;
  req.prepare_payload();
  beast::get_lowest_layer(stream).expires_after(x.options.timeout);
  co_await http::async_write(stream, req, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return step_error("write", ec, x.options.timeout);

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(x.options.max_response_bytes);
  beast::get_lowest_layer(stream).expires_after(x.options.timeout);
  co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  // A body over the limit still has a status worth recording.
  if (ec && !(ec == http::error::body_limit && parser.is_header_done()))
    co_return step_error("read", ec, x.options.timeout);
  const auto& res = parser.get();
  x.response->status = static_cast<int>(res.result_int());
  if (ec != http::error::body_limit) x.response->body = res.body();
  for (const auto& field : res)
    x.response->headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  co_return core::Status::ok();
}

asio::awaitable<core::Status> run(asio::ssl::context& tls, const Exchange& x) {
  auto executor = co_await asio::this_coro::executor;
  error_code ec;
  tcp::resolver resolver(executor);
  beast::tcp_stream tcp_stream(executor);
  tcp_stream.expires_after(x.options.timeout);
  // The resolver has no timeout of its own; the stream's timer does not cover it, so a slow DNS
  // is bounded by the system resolver's own limits.
  auto endpoints = co_await resolver.async_resolve(x.url.host, x.url.port,
                                                   asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return step_error(fmt::format("resolve {}", x.url.host), ec, x.options.timeout);
  co_await tcp_stream.async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
  if (ec)
    co_return step_error(fmt::format("connect to {}:{}", x.url.host, x.url.port), ec,
                         x.options.timeout);
  if (!x.url.https) {
    core::Status s = co_await write_and_read(tcp_stream, x);
    co_return s;
  }
  beast::ssl_stream<beast::tcp_stream> stream(std::move(tcp_stream), tls);
  if (!SSL_set_tlsext_host_name(stream.native_handle(), x.url.host.c_str()))
    co_return core::io_error("TLS: cannot set the server name");
  stream.set_verify_mode(asio::ssl::verify_peer);
  stream.set_verify_callback(asio::ssl::host_name_verification(x.url.host));
  beast::get_lowest_layer(stream).expires_after(x.options.timeout);
  co_await stream.async_handshake(asio::ssl::stream_base::client,
                                  asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return step_error("TLS handshake", ec, x.options.timeout);
  core::Status s = co_await write_and_read(stream, x);
  if (!s.is_ok()) co_return s;
  beast::get_lowest_layer(stream).expires_after(x.options.timeout);
  co_await stream.async_shutdown(asio::redirect_error(asio::use_awaitable, ec));
  co_return core::Status::ok();  // servers often close without close_notify
}

}  // namespace

core::Result<HttpResponse> send_http(const HttpRequest& request, const HttpClientOptions& options) {
  OPTIMA_ASSIGN_OR_RETURN(Url url, parse_url(request.url));
  if (http::string_to_verb(request.method) == http::verb::unknown)
    return core::invalid_argument(
        fmt::format("method: expected an HTTP method such as POST; found \"{}\"", request.method));
  HttpResponse response;
  core::Status status = core::internal_error("http: request did not complete");
  // Boost throws only on allocation failure and similar: this is the library's barrier.
  try {
    asio::io_context io;
    asio::ssl::context tls(asio::ssl::context::tls_client);
    error_code ec;
    tls.set_default_verify_paths(ec);
    if (!options.ca_file.empty()) {
      tls.load_verify_file(options.ca_file, ec);
      if (ec)
        return core::invalid_argument(
            fmt::format("ca_file {}: {}", core::quote_for_message(options.ca_file), ec.message()));
    }
    Exchange exchange{url, request, options, &response};
    asio::co_spawn(io, run(tls, exchange), [&](std::exception_ptr e, core::Status s) {
      status = e ? core::internal_error("http: unexpected exception") : std::move(s);
    });
    io.run();
  } catch (const std::exception& e) {
    return core::internal_error(fmt::format("http: {}", e.what()));
  }
  if (!status.is_ok()) return status;
  return response;
}

}  // namespace optima::notify
