// Helpers for the server tests: a real server on 127.0.0.1 port 0 over a temp data dir holding a
// small FOCUS store, and a small blocking HTTP/1.1 client (Beast) that keeps its connection alive.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "optima/core/file_io.h"
#include "optima/ingest/ingest_pipeline.h"
#include "optima/server/server.h"
#include "optima/store/store.h"
#include "support/shared_data.h"

namespace optima::server::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

inline constexpr const char* kServerTestPassword = "correct-horse-1";

// A tiny FOCUS 1.2 file: two services, two months, a team tag on some rows.
inline std::string server_test_focus_csv(const std::string& service_prefix = "") {
  std::string csv =
      "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,"
      "BilledCost,EffectiveCost,BillingCurrency,ServiceName,ProviderName,Tags\n";
  const char* months[][3] = {{"2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z", "2024-01-0"},
                             {"2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z", "2024-02-0"}};
  for (const auto& m : months) {
    for (int day = 1; day <= 5; ++day) {
      const std::string start = std::string(m[2]) + std::to_string(day) + "T00:00:00Z";
      const std::string end = std::string(m[2]) + std::to_string(day) + "T01:00:00Z";
      csv += std::string(m[0]) + "," + m[1] + "," + start + "," + end + ",Usage,10.5,10.25,USD," +
             service_prefix + "Compute,AWS,\"{\"\"team\"\":\"\"web\"\"}\"\n";
      csv += std::string(m[0]) + "," + m[1] + "," + start + "," + end + ",Usage,2,1.75,USD," +
             service_prefix + "Storage,AWS,{}\n";
    }
  }
  return csv;
}

struct ServerTestResponse {
  unsigned status = 0;
  std::string body;
  http::fields headers;
  bool keep_alive = false;

  std::string header(std::string_view name) const {
    auto it = headers.find(beast::string_view(name.data(), name.size()));
    return it == headers.end() ? std::string() : std::string(it->value());
  }
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
  // The error code of an error body, or "".
  std::string error_code() const {
    const nlohmann::json j = json();
    if (!j.is_object() || !j.contains("error")) return "";
    return j["error"].value("code", "");
  }
};

// Blocking client over one keep-alive connection; reconnects when the server closed it.
class ServerTestClient {
 public:
  explicit ServerTestClient(uint16_t port) : port_(port), stream_(ioc_) {}

  ServerTestResponse send(http::verb method, const std::string& target, const std::string& body = "",
                          const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    ServerTestResponse out;
    if (!connected_ && !connect()) return out;
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, "127.0.0.1");
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty() || method == http::verb::post || method == http::verb::patch) {
      if (req.find(http::field::content_type) == req.end()) {
        req.set(http::field::content_type, "application/json");
      }
      req.body() = body;
      req.prepare_payload();
    }
    beast::error_code ec;
    http::write(stream_, req, ec);
    if (ec) return drop(out);
    http::response_parser<http::string_body> parser;
    parser.body_limit(std::uint64_t{1} << 30);
    http::read(stream_, buffer_, parser, ec);
    if (ec) return drop(out);
    auto res = parser.release();
    out.status = res.result_int();
    out.body = res.body();
    out.headers = static_cast<const http::fields&>(res);
    out.keep_alive = res.keep_alive();
    if (!out.keep_alive) close();
    return out;
  }

  ServerTestResponse get(const std::string& target,
                         const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return send(http::verb::get, target, "", headers);
  }
  ServerTestResponse post(const std::string& target, const std::string& body,
                          const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return send(http::verb::post, target, body, headers);
  }
  bool connected() const { return connected_; }
  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
    connected_ = false;
    buffer_.clear();
  }

 private:
  bool connect() {
    beast::error_code ec;
    stream_.socket().connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_), ec);
    connected_ = !ec;
    return connected_;
  }
  ServerTestResponse drop(ServerTestResponse out) {
    close();
    return out;
  }

  uint16_t port_;
  net::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  bool connected_ = false;
};

// Raw TCP for hostile-input tests: send bytes, read what comes back until the server closes or
// the timeout passes.
class ServerTestRawSocket {
 public:
  explicit ServerTestRawSocket(uint16_t port) : socket_(ioc_) {
    beast::error_code ec;
    socket_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
    connected_ = !ec;
  }
  bool connected() const { return connected_; }
  bool write(std::string_view bytes) {
    beast::error_code ec;
    net::write(socket_, net::buffer(bytes.data(), bytes.size()), ec);
    return !ec;
  }
  // Reads until `needle` appears, the peer closes (closed() then true) or `timeout` passes.
  std::string read_until(std::string_view needle, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (received_.find(needle) == std::string::npos && !closed_ &&
           std::chrono::steady_clock::now() < deadline) {
      read_some(deadline);
    }
    return received_;
  }
  // Reads until the peer closes or `timeout` passes.
  std::string read_to_close(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!closed_ && std::chrono::steady_clock::now() < deadline) read_some(deadline);
    return received_;
  }
  bool closed() const { return closed_; }

 private:
  void read_some(std::chrono::steady_clock::time_point deadline) {
    char data[4096];
    bool done = false;
    socket_.async_read_some(net::buffer(data), [&](beast::error_code ec, size_t n) {
      done = true;
      if (ec) {
        closed_ = true;
        return;
      }
      received_.append(data, n);
    });
    ioc_.restart();
    ioc_.run_until(deadline);
    if (!done) {
      socket_.cancel();
      ioc_.restart();
      ioc_.run();
    }
  }

  net::io_context ioc_;
  tcp::socket socket_;
  bool connected_ = false;
  bool closed_ = false;
  std::string received_;
};

// A running server over a temp data dir with the small FOCUS store ingested (source "demo").
class ServerTestInstance {
 public:
  explicit ServerTestInstance(const std::function<void(ServerOptions&)>& tune = {}) {
    data_dir_ = dir_.path() / "data";
    {
      auto store = store::Store::open(data_dir_);
      EXPECT_TRUE(store.is_ok()) << store.status().to_string();
      const std::filesystem::path csv = dir_.path() / "focus.csv";
      EXPECT_TRUE(core::write_file_atomic(csv, server_test_focus_csv()).is_ok());
      ingest::IngestRequest request;
      request.paths = {csv};
      request.source = "demo";
      auto summary = ingest::ingest_paths(**store, request);
      EXPECT_TRUE(summary.is_ok() && summary->overall().is_ok());
    }
    const std::filesystem::path password = dir_.path() / "password";
    EXPECT_TRUE(core::write_file_atomic(password, std::string(kServerTestPassword) + "\n").is_ok());
    ServerOptions options;
    options.data_dir = data_dir_;
    options.port = 0;
    options.bootstrap_password_file = password;
    options.web_root = dir_.path() / "web";
    options.log_requests = false;
    options.io_threads = 2;
    options.worker_threads = 2;
    options.shutdown_grace = std::chrono::milliseconds(5000);
    if (tune) tune(options);
    auto server = Server::create(options);
    EXPECT_TRUE(server.is_ok()) << server.status().to_string();
    if (server.is_ok()) {
      server_ = std::move(server).value();
      server_->start();
    }
  }

  Server& server() { return *server_; }
  bool running() const { return server_ != nullptr; }
  uint16_t port() const { return server_->port(); }
  const std::filesystem::path& data_dir() const { return data_dir_; }
  const std::filesystem::path& temp_dir() const { return dir_.path(); }

  // Signs in; returns {cookie header value, csrf token}.
  std::pair<std::string, std::string> login(const std::string& username = "admin",
                                            const std::string& password = kServerTestPassword) {
    ServerTestClient client(port());
    auto res = client.post("/api/v1/auth/login",
                           nlohmann::json{{"username", username}, {"password", password}}.dump());
    EXPECT_EQ(res.status, 200u) << res.body;
    std::string cookie = res.header("Set-Cookie");
    cookie = cookie.substr(0, cookie.find(';'));
    return {cookie, res.json().value("csrf_token", "")};
  }

  // An API token of the admin with `role`.
  std::string token(const std::string& role = "owner") {
    auto [cookie, csrf] = login();
    ServerTestClient client(port());
    auto res = client.post("/api/v1/tokens", nlohmann::json{{"name", "test"}, {"role", role}}.dump(),
                           {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
    EXPECT_EQ(res.status, 201u) << res.body;
    return res.json().value("secret", "");
  }

  // Creates a user (as admin through the API) and returns a token of theirs.
  std::string user_token(const std::string& username, const std::string& role) {
    const std::string admin = token();
    ServerTestClient client(port());
    auto res = client.post("/api/v1/users",
                           nlohmann::json{{"username", username}, {"password", "password-" + username},
                                          {"role", role}}
                               .dump(),
                           {{"Authorization", "Bearer " + admin}});
    EXPECT_EQ(res.status, 201u) << res.body;
    auto [cookie, csrf] = login(username, "password-" + username);
    auto t = client.post("/api/v1/tokens", nlohmann::json{{"name", "t"}}.dump(),
                         {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
    EXPECT_EQ(t.status, 201u) << t.body;
    return t.json().value("secret", "");
  }

 private:
  optima::testing::TempDir dir_;
  std::filesystem::path data_dir_;
  std::unique_ptr<Server> server_;
};

inline std::vector<std::pair<std::string, std::string>> bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

}  // namespace optima::server::testing
