// Hostile and malformed input gets a 4xx with the error shape (or a closed connection), never a
// crash: slow clients, huge headers and bodies, bad request lines, bad methods, path traversal.
#include <gtest/gtest.h>

#include "server_test_support.h"

namespace optima::server::testing {
namespace {

using namespace std::chrono_literals;

TEST(HostileInputTest, SlowlorisIsClosedAfterTheHeaderTimeout) {
  ServerTestInstance s([](ServerOptions& o) { o.header_timeout = 300ms; });
  ServerTestRawSocket slow(s.port());
  ASSERT_TRUE(slow.connected());
  ASSERT_TRUE(slow.write("GET /healthz HTTP/1.1\r\nHost: x\r\n"));
  const auto start = std::chrono::steady_clock::now();
  slow.read_to_close(5s);
  EXPECT_TRUE(slow.closed());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  // The server still serves others.
  ServerTestClient client(s.port());
  EXPECT_EQ(client.get("/healthz").status, 200u);
}

TEST(HostileInputTest, IdleKeepAliveConnectionsAreClosed) {
  ServerTestInstance s([](ServerOptions& o) { o.idle_timeout = 300ms; });
  ServerTestRawSocket idle(s.port());
  ASSERT_TRUE(idle.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::string got = idle.read_to_close(5s);
  EXPECT_TRUE(idle.closed());
  EXPECT_NE(got.find("200 OK"), std::string::npos);
}

TEST(HostileInputTest, SlowBodiesAreClosedAfterTheBodyTimeout) {
  ServerTestInstance s([](ServerOptions& o) { o.body_timeout = 300ms; });
  ServerTestRawSocket slow(s.port());
  ASSERT_TRUE(slow.write(
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"user"));
  slow.read_to_close(5s);
  EXPECT_TRUE(slow.closed());
}

TEST(HostileInputTest, HugeHeadersAre431) {
  ServerTestInstance s;
  ServerTestRawSocket raw(s.port());
  ASSERT_TRUE(raw.write("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 * 1024, 'a') +
                        "\r\n\r\n"));
  const std::string got = raw.read_to_close(5s);
  EXPECT_NE(got.find("HTTP/1.1 431"), std::string::npos) << got.substr(0, 200);
  EXPECT_NE(got.find("\"code\":\"invalid_argument\""), std::string::npos);
}

TEST(HostileInputTest, OversizeJsonBodiesAre413WithoutReadingThem) {
  ServerTestInstance s;
  ServerTestClient client(s.port());
  auto res = client.post("/api/v1/auth/login", std::string((1 << 20) + 10, ' '));
  EXPECT_EQ(res.status, 413u);
  EXPECT_EQ(res.error_code(), "payload_too_large");
  EXPECT_FALSE(res.keep_alive);
}

TEST(HostileInputTest, ChunkedBodiesOverTheLimitAre413) {
  ServerTestInstance s([](ServerOptions& o) { o.json_body_limit = 100; });
  ServerTestRawSocket raw(s.port());
  std::string req = "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  req += "c8\r\n" + std::string(200, 'x') + "\r\n0\r\n\r\n";
  ASSERT_TRUE(raw.write(req));
  const std::string got = raw.read_until("payload_too_large", 5s);
  EXPECT_NE(got.find("HTTP/1.1 413"), std::string::npos) << got;
}

TEST(HostileInputTest, GarbageRequestLinesAre400) {
  ServerTestInstance s;
  for (const char* garbage : {"HELLO\r\n\r\n", "GET\r\n\r\n", "GET / HTTP/9.9\r\n\r\n",
                              "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",
                              "GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n"}) {
    ServerTestRawSocket raw(s.port());
    ASSERT_TRUE(raw.write(garbage));
    const std::string got = raw.read_to_close(5s);
    EXPECT_TRUE(got.empty() || got.find("HTTP/1.1 400") == 0) << got;
  }
  ServerTestClient client(s.port());
  EXPECT_EQ(client.get("/healthz").status, 200u);
}

TEST(HostileInputTest, WrongMethodsAre405WithAllow) {
  ServerTestInstance s;
  ServerTestClient client(s.port());
  auto res = client.send(http::verb::delete_, "/api/v1/partitions");
  EXPECT_EQ(res.status, 405u);
  EXPECT_EQ(res.error_code(), "method_not_allowed");
  EXPECT_EQ(res.header("Allow"), "GET");
  auto stat = client.send(http::verb::post, "/index.html", "{}");
  EXPECT_EQ(stat.status, 405u);
  ServerTestRawSocket raw(s.port());
  ASSERT_TRUE(raw.write("BREW /api/v1/sources HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::string got = raw.read_until("\r\n\r\n", 5s);
  EXPECT_TRUE(got.find("HTTP/1.1 405") == 0 || got.find("HTTP/1.1 400") == 0) << got;
}

TEST(HostileInputTest, UnknownApiPathsAre404WithTheErrorShape) {
  ServerTestInstance s;
  ServerTestClient client(s.port());
  auto res = client.get("/api/v1/nope");
  EXPECT_EQ(res.status, 404u);
  EXPECT_EQ(res.error_code(), "not_found");
  EXPECT_FALSE(res.header("X-Request-Id").empty());
}

TEST(HostileInputTest, UnknownFieldsInBodiesAre400NamingTheField) {
  ServerTestInstance s;
  ServerTestClient client(s.port());
  auto res = client.post("/api/v1/auth/login",
                         R"({"username":"admin","password":"x","remember_me":true})");
  EXPECT_EQ(res.status, 400u);
  EXPECT_NE(res.body.find("remember_me"), std::string::npos);
  EXPECT_EQ(res.json()["error"]["details"][0]["path"], "/remember_me");
}

TEST(HostileInputTest, MalformedPercentEncodingIs400) {
  ServerTestInstance s;
  ServerTestClient client(s.port());
  EXPECT_EQ(client.get("/api/v1/sources%zz").status, 400u);
  EXPECT_EQ(client.get("/api/v1/jobs?limit=%").status, 400u);
}

class StaticFilesApiTest : public ::testing::Test {
 protected:
  StaticFilesApiTest() {
    s_ = std::make_unique<ServerTestInstance>([this](ServerOptions& o) {
      root_ = o.web_root;
      std::filesystem::create_directories(root_ / "assets");
      EXPECT_TRUE(core::write_file_atomic(root_ / "index.html", "<html>app</html>").is_ok());
      EXPECT_TRUE(core::write_file_atomic(root_ / "assets" / "app-1a2b3c.js", "let a=1;").is_ok());
      EXPECT_TRUE(core::write_file_atomic(root_.parent_path() / "secret.txt", "secret").is_ok());
      std::filesystem::create_symlink(root_.parent_path() / "secret.txt", root_ / "link.txt");
    });
  }
  std::filesystem::path root_;
  std::unique_ptr<ServerTestInstance> s_;
};

TEST_F(StaticFilesApiTest, ServesFilesWithTypesAndCacheHeaders) {
  ServerTestClient client(s_->port());
  auto js = client.get("/assets/app-1a2b3c.js");
  ASSERT_EQ(js.status, 200u);
  EXPECT_EQ(js.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_NE(js.header("Cache-Control").find("immutable"), std::string::npos);
  auto index = client.get("/");
  ASSERT_EQ(index.status, 200u);
  EXPECT_EQ(index.body, "<html>app</html>");
  EXPECT_EQ(index.header("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesApiTest, UnknownPathsFallBackToTheAppButMissingAssetsAre404) {
  ServerTestClient client(s_->port());
  auto spa = client.get("/costs/explorer?x=1");
  ASSERT_EQ(spa.status, 200u);
  EXPECT_EQ(spa.body, "<html>app</html>");
  EXPECT_EQ(client.get("/assets/missing.js").status, 404u);
}

TEST_F(StaticFilesApiTest, PathTraversalNeverLeavesTheRoot) {
  for (const char* target : {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
                             "/assets/..%2f..%2fsecret.txt", "/..\\secret.txt",
                             "/%5c..%5csecret.txt", "/link.txt", "/a/%00/b"}) {
    ServerTestRawSocket raw(s_->port());
    ASSERT_TRUE(raw.write(std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    const std::string got = raw.read_until("\r\n\r\n", 5s);
    EXPECT_TRUE(got.find("HTTP/1.1 400") == 0 || got.find("HTTP/1.1 404") == 0)
        << target << ": " << got.substr(0, 100);
    EXPECT_EQ(raw.read_until("secret", 200ms).find("secret"), std::string::npos) << target;
  }
}

TEST(StaticFilesFallbackTest, WithoutABuiltUiTheRootSaysHowToBuildIt) {
  ServerTestInstance s;
  ServerTestClient client(s.port());
  auto res = client.get("/");
  ASSERT_EQ(res.status, 200u);
  EXPECT_NE(res.body.find("make run"), std::string::npos);
}

}  // namespace
}  // namespace optima::server::testing
