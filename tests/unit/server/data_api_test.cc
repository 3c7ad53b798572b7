// Cost queries and data routes against a real server over a small FOCUS store.
#include <gtest/gtest.h>

#include "server_test_support.h"

namespace optima::server::testing {
namespace {

constexpr const char* kMonthlyByService = R"({
  "time_range": {"start": "2024-01-01T00:00:00Z", "end": "2024-03-01T00:00:00Z"},
  "granularity": "month",
  "metrics": ["EffectiveCost"],
  "group_by": ["ServiceName"]
})";

class DataApiTest : public ::testing::Test {
 protected:
  DataApiTest() : token_(s_.token()), client_(s_.port()) {}
  ServerTestInstance s_;
  std::string token_;
  ServerTestClient client_;
};

TEST_F(DataApiTest, CostQueryReturnsExactDecimalSums) {
  auto res = client_.post("/api/v1/costs/query", kMonthlyByService, bearer(token_));
  ASSERT_EQ(res.status, 200u) << res.body;
  const nlohmann::json j = res.json();
  ASSERT_TRUE(j.contains("rows")) << res.body;
  EXPECT_EQ(j["total_rows"], 4);  // 2 months x 2 services
  // 5 days x 10.25 + 5 x 1.75 per month, two months.
  EXPECT_EQ(j["totals"]["EffectiveCost"], "120");
}

TEST_F(DataApiTest, CostQueryAsCsvIsAnAttachment) {
  auto res = client_.post("/api/v1/costs/query?format=csv", kMonthlyByService, bearer(token_));
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(res.header("Content-Type").rfind("text/csv", 0), 0u);
  EXPECT_NE(res.header("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_NE(res.body.find("ServiceName"), std::string::npos);
  EXPECT_NE(res.body.find("Compute"), std::string::npos);
}

TEST_F(DataApiTest, UnknownQueryFieldIs400NamingIt) {
  auto res = client_.post("/api/v1/costs/query",
                          R"({"time_range":{"start":"2024-01-01T00:00:00Z","end":"2024-02-01T00:00:00Z"},"metrics":["EffectiveCost"],"colour":"red"})",
                          bearer(token_));
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(res.error_code(), "invalid_argument");
  EXPECT_NE(res.json()["error"]["message"].get<std::string>().find("colour"), std::string::npos)
      << res.body;
}

TEST_F(DataApiTest, MalformedJsonIs400) {
  for (const char* body : {"{", "[]", "null", "{\"metrics\":", "\xff\xfe"}) {
    auto res = client_.post("/api/v1/costs/query", body, bearer(token_));
    EXPECT_EQ(res.status, 400u) << body;
    EXPECT_EQ(res.error_code(), "invalid_argument");
  }
}

TEST_F(DataApiTest, SqlishFilterValuesArePlainValues) {
  const nlohmann::json query = {
      {"time_range", {{"start", "2024-01-01T00:00:00Z"}, {"end", "2024-03-01T00:00:00Z"}}},
      {"metrics", {"EffectiveCost"}},
      {"group_by", {"ServiceName"}},
      {"filters",
       {{{"dimension", "ServiceName"},
         {"op", "in"},
         {"values", {"'; DROP TABLE auth_users; --", "Compute\" OR 1=1"}}}}}};
  auto res = client_.post("/api/v1/costs/query", query.dump(), bearer(token_));
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(res.json()["total_rows"], 0);
  // The users table is still there.
  EXPECT_EQ(client_.get("/api/v1/users", bearer(token_)).status, 200u);
}

TEST_F(DataApiTest, WrongContentTypeIs415) {
  auto res = client_.send(http::verb::post, "/api/v1/costs/query", kMonthlyByService,
                          {{"Authorization", "Bearer " + token_}, {"Content-Type", "text/plain"}});
  EXPECT_EQ(res.status, 415u);
  EXPECT_EQ(res.error_code(), "unsupported_media_type");
}

TEST_F(DataApiTest, SourcesAndPartitionsListTheStore) {
  auto sources = client_.get("/api/v1/sources", bearer(token_));
  ASSERT_EQ(sources.status, 200u);
  ASSERT_EQ(sources.json()["sources"].size(), 1u);
  EXPECT_EQ(sources.json()["sources"][0]["name"], "demo");
  EXPECT_EQ(sources.json()["sources"][0]["rows"], 20);
  auto partitions = client_.get("/api/v1/partitions", bearer(token_));
  ASSERT_EQ(partitions.status, 200u);
  ASSERT_EQ(partitions.json()["partitions"].size(), 2u);
  const int64_t id = partitions.json()["partitions"][0]["id"];
  auto history = client_.get("/api/v1/partitions/" + std::to_string(id) + "/history", bearer(token_));
  ASSERT_EQ(history.status, 200u);
  EXPECT_EQ(history.json()["versions"].size(), 1u);
  EXPECT_EQ(client_.get("/api/v1/partitions/999/history", bearer(token_)).status, 404u);
  EXPECT_EQ(client_.get("/api/v1/partitions/abc/history", bearer(token_)).status, 404u);
}

TEST_F(DataApiTest, ListsPageWithCursors) {
  auto first = client_.get("/api/v1/partitions?limit=1", bearer(token_));
  ASSERT_EQ(first.status, 200u);
  ASSERT_EQ(first.json()["partitions"].size(), 1u);
  const std::string cursor = first.json()["next_cursor"];
  auto second = client_.get("/api/v1/partitions?limit=1&cursor=" + cursor, bearer(token_));
  ASSERT_EQ(second.status, 200u);
  ASSERT_EQ(second.json()["partitions"].size(), 1u);
  EXPECT_FALSE(second.json().contains("next_cursor"));
  EXPECT_NE(first.json()["partitions"][0]["id"], second.json()["partitions"][0]["id"]);
  EXPECT_EQ(client_.get("/api/v1/partitions?limit=0", bearer(token_)).status, 400u);
  EXPECT_EQ(client_.get("/api/v1/partitions?limit=5000", bearer(token_)).status, 400u);
  EXPECT_EQ(client_.get("/api/v1/partitions?cursor=zz", bearer(token_)).status, 400u);
}

TEST_F(DataApiTest, PartitionConformanceReportsRules) {
  auto partitions = client_.get("/api/v1/partitions", bearer(token_));
  const int64_t id = partitions.json()["partitions"][0]["id"];
  auto res = client_.get("/api/v1/partitions/" + std::to_string(id) + "/conformance", bearer(token_));
  ASSERT_EQ(res.status, 200u) << res.body.substr(0, 500);
  EXPECT_TRUE(res.json().is_object());
  EXPECT_TRUE(res.json().contains("summary")) << res.body.substr(0, 500);
}

}  // namespace
}  // namespace optima::server::testing
