// Operations: health, metrics, the OpenAPI document, request ids, graceful shutdown.
#include <future>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "server_test_support.h"

namespace optima::server::testing {
namespace {

using namespace std::chrono_literals;

TEST(OpsApiTest, HealthAndReadinessArePublic) {
  ServerTestInstance s;
  ServerTestClient client(s.port());
  EXPECT_EQ(client.get("/healthz").json()["status"], "ok");
  EXPECT_EQ(client.get("/readyz").json()["status"], "ready");
}

TEST(OpsApiTest, EveryResponseCarriesARequestIdAndAGivenOneIsKept) {
  ServerTestInstance s;
  ServerTestClient client(s.port());
  auto a = client.get("/healthz");
  auto b = client.get("/healthz");
  EXPECT_EQ(a.header("X-Request-Id").size(), 16u);
  EXPECT_NE(a.header("X-Request-Id"), b.header("X-Request-Id"));
  EXPECT_EQ(client.get("/api/v1/sources", {{"X-Request-Id", "trace-42"}}).json()["error"]["trace_id"],
            "trace-42");
  EXPECT_NE(client.get("/healthz", {{"X-Request-Id", "bad id\"<>"}}).header("X-Request-Id"),
            "bad id\"<>");
}

TEST(OpsApiTest, MetricsCountRequestsByRouteAndStatus) {
  ServerTestInstance s;
  ServerTestClient client(s.port());
  client.get("/healthz");
  client.get("/api/v1/partitions");  // 401
  auto res = client.get("/metrics");
  ASSERT_EQ(res.status, 200u);
  EXPECT_EQ(res.header("Content-Type").rfind("text/plain; version=0.0.4", 0), 0u);
  EXPECT_NE(res.body.find(R"(optima_http_requests_total{method="GET",route="/healthz",status="200"} 1)"),
            std::string::npos)
      << res.body;
  EXPECT_NE(res.body.find(R"(route="/api/v1/partitions",status="401")"), std::string::npos);
  EXPECT_NE(res.body.find("optima_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",status=\"200\",le=\"+Inf\"} 1"),
            std::string::npos);
  EXPECT_NE(res.body.find("optima_http_open_connections 1"), std::string::npos) << res.body;
  EXPECT_NE(res.body.find("optima_store_bytes "), std::string::npos);
  EXPECT_EQ(res.body.find("optima_store_bytes 0\n"), std::string::npos);
  EXPECT_NE(res.body.find("optima_ingested_rows_total 0"), std::string::npos);
}

TEST(OpsApiTest, OpenApiDocumentCoversEveryRoute) {
  ServerTestInstance s;
  ServerTestClient client(s.port());
  auto res = client.get("/api/v1/openapi.json");
  ASSERT_EQ(res.status, 200u);
  const nlohmann::json doc = res.json();
  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"/api/v1/auth/login", "post"},       {"/api/v1/auth/logout", "post"},
      {"/api/v1/auth/me", "get"},           {"/api/v1/users", "get"},
      {"/api/v1/users", "post"},            {"/api/v1/users/{username}", "patch"},
      {"/api/v1/users/{username}", "delete"}, {"/api/v1/tokens", "get"},
      {"/api/v1/tokens", "post"},           {"/api/v1/tokens/{id}", "delete"},
      {"/api/v1/costs/query", "post"},      {"/api/v1/sources", "get"},
      {"/api/v1/dimensions", "get"},        {"/api/v1/dimensions/{name}/values", "get"},
      {"/api/v1/kpis", "get"},
      {"/api/v1/sources/folders", "post"},  {"/api/v1/partitions", "get"},
      {"/api/v1/partitions/{id}/history", "get"}, {"/api/v1/partitions/{id}/conformance", "get"},
      {"/api/v1/uploads", "post"},          {"/api/v1/jobs", "get"},
      {"/api/v1/jobs/{id}", "get"},         {"/api/v1/events", "get"},
      {"/healthz", "get"},                  {"/readyz", "get"},
      {"/metrics", "get"},                  {"/api/v1/openapi.json", "get"}};
  std::set<std::string> operation_ids;
  for (const auto& [path, method] : expected) {
    ASSERT_TRUE(doc["paths"].contains(path)) << path;
    ASSERT_TRUE(doc["paths"][path].contains(method)) << path << " " << method;
    const nlohmann::json& op = doc["paths"][path][method];
    EXPECT_FALSE(op.value("summary", "").empty()) << path;
    EXPECT_TRUE(op["responses"].contains("default")) << path;
    EXPECT_TRUE(op.contains("x-min-role")) << path;
    EXPECT_TRUE(operation_ids.insert(op["operationId"].get<std::string>()).second) << path;
    if (path.find('{') != std::string::npos) {
      EXPECT_TRUE(op.contains("parameters")) << path;
    }
  }
  size_t operations = 0;
  for (const auto& [path, methods] : doc["paths"].items()) operations += methods.size();
  EXPECT_GE(operations, expected.size());
  EXPECT_EQ(doc["paths"]["/api/v1/users"]["post"]["x-min-role"], "admin");
  EXPECT_EQ(doc["paths"]["/api/v1/auth/login"]["post"]["requestBody"]["content"]["application/json"]
               ["schema"]["additionalProperties"],
            false);
}

TEST(OpsApiTest, GracefulShutdownClosesIdleConnectionsAndFinishesRequestsInFlight) {
  ServerTestInstance s;
  ServerTestRawSocket idle(s.port());
  ASSERT_TRUE(idle.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_NE(idle.read_until("\"ok\"", 5s).find("200 OK"), std::string::npos);
  // A login hashes a password (slow): stop while it is in flight.
  ServerTestRawSocket busy(s.port());
  const std::string body = R"({"username":"admin","password":"correct-horse-1"})";
  ASSERT_TRUE(busy.write("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: "
                         "application/json\r\nContent-Length: " +
                         std::to_string(body.size()) + "\r\n\r\n" + body));
  std::this_thread::sleep_for(30ms);
  const auto start = std::chrono::steady_clock::now();
  s.server().stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  const std::string answer = busy.read_to_close(5s);
  EXPECT_NE(answer.find("HTTP/1.1 200"), std::string::npos) << answer;
  EXPECT_NE(answer.find("Connection: close"), std::string::npos) << answer;
  idle.read_to_close(2s);
  EXPECT_TRUE(idle.closed());
  ServerTestRawSocket late(s.port());
  EXPECT_FALSE(late.connected());
}

TEST(OpsApiTest, ManyConcurrentKeepAliveConnectionsAreServed) {
  ServerTestInstance s;
  std::vector<std::unique_ptr<ServerTestRawSocket>> sockets;
  for (int i = 0; i < 300; ++i) {
    sockets.push_back(std::make_unique<ServerTestRawSocket>(s.port()));
    ASSERT_TRUE(sockets.back()->connected());
  }
  for (auto& sock : sockets) ASSERT_TRUE(sock->write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  for (auto& sock : sockets) EXPECT_NE(sock->read_until("\"ok\"", 5s).find("\"ok\""), std::string::npos);
  ServerTestClient client(s.port());
  EXPECT_NE(client.get("/metrics").body.find("optima_http_open_connections 301"), std::string::npos);
}

}  // namespace
}  // namespace optima::server::testing
