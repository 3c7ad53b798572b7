// Uploads, background ingest jobs and server-sent events against a real server.
#include <thread>

#include <gtest/gtest.h>

#include "server_test_support.h"

namespace optima::server::testing {
namespace {

// Polls GET /jobs/{id} until the job ends (or 30 s).
nlohmann::json wait_for_job(ServerTestClient& client, const std::string& token, int64_t id) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  nlohmann::json job;
  while (std::chrono::steady_clock::now() < deadline) {
    job = client.get("/api/v1/jobs/" + std::to_string(id), bearer(token)).json();
    if (job.value("state", "") == "succeeded" || job.value("state", "") == "failed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return job;
}

std::vector<std::pair<std::string, std::string>> upload_headers(const std::string& token) {
  return {{"Authorization", "Bearer " + token}, {"Content-Type", "application/octet-stream"}};
}

TEST(UploadApiTest, UploadedFileIsIngestedAndItsDataBecomesQueryable) {
  ServerTestInstance s;
  const std::string token = s.token("editor");
  ServerTestClient client(s.port());
  auto res = client.post("/api/v1/uploads?filename=new-focus.csv&source=uploaded",
                         server_test_focus_csv("New"), upload_headers(token));
  ASSERT_EQ(res.status, 202u) << res.body;
  const nlohmann::json job = res.json()["job"];
  EXPECT_EQ(job["files"][0], "new-focus.csv");
  const nlohmann::json done = wait_for_job(client, token, job["id"]);
  ASSERT_EQ(done["state"], "succeeded") << done.dump();
  EXPECT_EQ(done["rows"], 20);
  EXPECT_EQ(done["bytes_done"], done["bytes_total"]);
  auto query = client.post(
      "/api/v1/costs/query",
      R"({"metrics":["BilledCost"],"group_by":["ServiceName"],"filters":[{"dimension":"ServiceName","op":"prefix","values":["New"]}]})",
      bearer(token));
  ASSERT_EQ(query.status, 200u) << query.body;
  EXPECT_EQ(query.json()["total_rows"], 2);
  EXPECT_EQ(query.json()["totals"]["BilledCost"], "125");
  auto sources = client.get("/api/v1/sources", bearer(token));
  EXPECT_EQ(sources.json()["sources"].size(), 2u);
  auto jobs = client.get("/api/v1/jobs", bearer(token));
  EXPECT_EQ(jobs.json()["jobs"].size(), 1u);
  // The uploaded copy is removed once ingested.
  EXPECT_TRUE(std::filesystem::is_empty(s.data_dir() / "uploads"));
}

TEST(UploadApiTest, AnUnreadableUploadFailsTheJobWithAMessage) {
  ServerTestInstance s;
  const std::string token = s.token("editor");
  ServerTestClient client(s.port());
  auto res = client.post("/api/v1/uploads?filename=notes.csv", "hello,world\n1,2\n",
                         upload_headers(token));
  ASSERT_EQ(res.status, 202u) << res.body;
  const nlohmann::json done = wait_for_job(client, token, res.json()["job"]["id"]);
  EXPECT_EQ(done["state"], "failed");
  EXPECT_FALSE(done.value("error", "").empty()) << done.dump();
}

TEST(UploadApiTest, BadFileNamesAndEmptyUploadsAre400) {
  ServerTestInstance s;
  const std::string token = s.token("editor");
  ServerTestClient client(s.port());
  for (const char* target : {"/api/v1/uploads", "/api/v1/uploads?filename=.hidden",
                             "/api/v1/uploads?filename=a%20b.csv",
                             "/api/v1/uploads?filename=x.csv&source=a/b"}) {
    auto res = client.post(target, "x", upload_headers(token));
    EXPECT_EQ(res.status, 400u) << target << " " << res.body;
  }
  // A path in the name keeps only its last component.
  auto traversal = client.post("/api/v1/uploads?filename=..%2F..%2Fescape.csv", "", upload_headers(token));
  EXPECT_EQ(traversal.status, 400u);  // empty body
  EXPECT_FALSE(std::filesystem::exists(s.data_dir().parent_path() / "escape.csv"));
}

TEST(UploadApiTest, UploadsOverTheLimitAre413) {
  ServerTestInstance s([](ServerOptions& o) { o.upload_limit = 1000; });
  const std::string token = s.token("editor");
  ServerTestClient client(s.port());
  auto res = client.post("/api/v1/uploads?filename=big.csv", std::string(5000, 'x'),
                         upload_headers(token));
  EXPECT_EQ(res.status, 413u);
  EXPECT_EQ(res.error_code(), "payload_too_large");
}

TEST(UploadApiTest, EventStreamCarriesJobProgressAndDataEvents) {
  ServerTestInstance s([](ServerOptions& o) { o.sse_keepalive = std::chrono::milliseconds(200); });
  const std::string token = s.token("editor");
  ServerTestRawSocket events(s.port());
  ASSERT_TRUE(events.connected());
  ASSERT_TRUE(events.write("GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                           token + "\r\n\r\n"));
  const std::string head = events.read_until("event: data", std::chrono::seconds(5));
  ASSERT_NE(head.find("200 OK"), std::string::npos) << head;
  EXPECT_NE(head.find("text/event-stream"), std::string::npos);
  // Keep-alive comments arrive while nothing happens.
  EXPECT_NE(events.read_until(": keep-alive", std::chrono::seconds(5)).find(": keep-alive"),
            std::string::npos);
  ServerTestClient client(s.port());
  auto res = client.post("/api/v1/uploads?filename=more.csv&source=more",
                         server_test_focus_csv("More"), upload_headers(token));
  ASSERT_EQ(res.status, 202u) << res.body;
  const std::string all = events.read_until("\"version\":1", std::chrono::seconds(30));
  EXPECT_NE(all.find("event: job"), std::string::npos) << all;
  EXPECT_NE(all.find("\"state\":\"running\""), std::string::npos) << all;
  EXPECT_NE(all.find("\"state\":\"succeeded\""), std::string::npos) << all;
  EXPECT_NE(all.find("event: data\ndata: {\"version\":1}"), std::string::npos) << all;
}

TEST(UploadApiTest, RegisteringAFolderIngestsIt) {
  ServerTestInstance s;
  const std::string token = s.token("owner");
  const std::filesystem::path folder = s.temp_dir() / "exports";
  std::filesystem::create_directories(folder);
  ASSERT_TRUE(core::write_file_atomic(folder / "f.csv", server_test_focus_csv("Folder")).is_ok());
  ServerTestClient client(s.port());
  auto res = client.post("/api/v1/sources/folders",
                         nlohmann::json{{"path", folder.string()}, {"source", "folder"}}.dump(),
                         bearer(token));
  ASSERT_EQ(res.status, 202u) << res.body;
  EXPECT_EQ(wait_for_job(client, token, res.json()["job"]["id"])["state"], "succeeded");
  auto missing = client.post("/api/v1/sources/folders", R"({"path":"/no/such/dir"})", bearer(token));
  EXPECT_EQ(missing.status, 404u);
  auto relative = client.post("/api/v1/sources/folders", R"({"path":"relative"})", bearer(token));
  EXPECT_EQ(relative.status, 400u);
}

}  // namespace
}  // namespace optima::server::testing
