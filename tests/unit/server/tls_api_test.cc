// HTTPS: with --tls-cert/--tls-key the server speaks TLS only and marks the session cookie Secure.
#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>
#include <gtest/gtest.h>

#include "server_test_support.h"
#include "support/run_command.h"

namespace optima::server::testing {
namespace {

namespace ssl = net::ssl;

// A self-signed certificate for localhost from the openssl command (Debian's openssl package).
bool make_certificate(const std::filesystem::path& dir) {
  const auto result = optima::testing::run_command(
      {"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
       "/CN=localhost", "-keyout", (dir / "key.pem").string(), "-out", (dir / "cert.pem").string()});
  return result.exit_code == 0;
}

// One HTTPS request; returns the response (status 0 when the TLS connection failed).
ServerTestResponse tls_request(uint16_t port, http::verb method, const std::string& target,
                               const std::string& body) {
  ServerTestResponse out;
  net::io_context ioc;
  ssl::context ctx(ssl::context::tls_client);
  ctx.set_verify_mode(ssl::verify_none);  // self-signed test certificate
  beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
  beast::error_code ec;
  beast::get_lowest_layer(stream).socket().connect(
      tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
  if (ec) return out;
  stream.handshake(ssl::stream_base::client, ec);
  if (ec) return out;
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, "localhost");
  if (!body.empty()) {
    req.set(http::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
  }
  http::write(stream, req, ec);
  if (ec) return out;
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res, ec);
  if (ec) return out;
  out.status = res.result_int();
  out.body = res.body();
  out.headers = static_cast<const http::fields&>(res);
  return out;
}

TEST(TlsApiTest, ServesHttpsAndMarksTheSessionCookieSecure) {
  optima::testing::TempDir certs;
  ASSERT_TRUE(make_certificate(certs.path()));
  ServerTestInstance s([&](ServerOptions& o) {
    o.tls_cert = certs.path() / "cert.pem";
    o.tls_key = certs.path() / "key.pem";
  });
  ASSERT_TRUE(s.running());
  EXPECT_EQ(s.server().url().rfind("https://", 0), 0u);
  EXPECT_EQ(tls_request(s.port(), http::verb::get, "/healthz", "").status, 200u);
  auto login = tls_request(s.port(), http::verb::post, "/api/v1/auth/login",
                           R"({"username":"admin","password":"correct-horse-1"})");
  ASSERT_EQ(login.status, 200u) << login.body;
  EXPECT_NE(login.header("Set-Cookie").find("; Secure"), std::string::npos);
  // Plain HTTP on the TLS port gets nothing useful.
  ServerTestClient plain(s.port());
  EXPECT_NE(plain.get("/healthz").status, 200u);
}

TEST(TlsApiTest, UnreadableCertificatesAreAClearError) {
  optima::testing::TempDir dir;
  ServerOptions options;
  options.data_dir = dir.path();
  options.port = 0;
  options.tls_cert = dir.path() / "missing.pem";
  options.tls_key = dir.path() / "missing.key";
  auto server = Server::create(options);
  ASSERT_FALSE(server.is_ok());
  EXPECT_NE(server.status().message().find("--tls-cert"), std::string::npos);
}

}  // namespace
}  // namespace optima::server::testing
