// The API's authentication and authorization against a real server: login, cookies, CSRF,
// API tokens, roles, bootstrap, rate limiting, bad credentials.
#include <gtest/gtest.h>

#include "server_test_support.h"

namespace optima::server::testing {
namespace {

TEST(AuthApiTest, BootstrapCreatesTheOwnerFromThePasswordFile) {
  ServerTestInstance s;
  ASSERT_TRUE(s.running());
  EXPECT_FALSE(s.server().generated_password().has_value());
  ServerTestClient client(s.port());
  auto res = client.post("/api/v1/auth/login",
                         R"({"username":"admin","password":"correct-horse-1"})");
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(res.json()["user"]["role"], "owner");
}

TEST(AuthApiTest, BootstrapGeneratesAPasswordWithoutAFileAndItWorks) {
  optima::testing::TempDir dir;
  ServerOptions options;
  options.data_dir = dir.path();
  options.port = 0;
  options.log_requests = false;
  auto server = Server::create(options);
  ASSERT_TRUE(server.is_ok()) << server.status().to_string();
  ASSERT_TRUE((*server)->generated_password().has_value());
  const std::string password = *(*server)->generated_password();
  EXPECT_GE(password.size(), 16u);
  (*server)->start();
  ServerTestClient client((*server)->port());
  auto res = client.post("/api/v1/auth/login",
                         nlohmann::json{{"username", "admin"}, {"password", password}}.dump());
  EXPECT_EQ(res.status, 200u) << res.body;
  (*server)->stop();
  // A second start finds the user: no new password.
  auto again = Server::create(options);
  ASSERT_TRUE(again.is_ok());
  EXPECT_FALSE((*again)->generated_password().has_value());
}

TEST(AuthApiTest, LoginSetsAHardenedSessionCookieAndMeReturnsTheCsrfToken) {
  ServerTestInstance s;
  ServerTestClient client(s.port());
  auto res = client.post("/api/v1/auth/login",
                         R"({"username":"admin","password":"correct-horse-1"})");
  ASSERT_EQ(res.status, 200u);
  const std::string cookie = res.header("Set-Cookie");
  EXPECT_EQ(cookie.rfind("optima_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // plain HTTP
  const std::string csrf = res.json()["csrf_token"];
  EXPECT_EQ(csrf.size(), 64u);
  auto me = client.get("/api/v1/auth/me", {{"Cookie", cookie.substr(0, cookie.find(';'))}});
  ASSERT_EQ(me.status, 200u);
  EXPECT_EQ(me.json()["user"]["username"], "admin");
  EXPECT_EQ(me.json()["csrf_token"], csrf);
}

TEST(AuthApiTest, WrongPasswordAndUnknownUserAre401WithTheErrorShape) {
  ServerTestInstance s;
  ServerTestClient client(s.port());
  for (const char* body : {R"({"username":"admin","password":"wrong-password"})",
                           R"({"username":"nobody","password":"whatever-1"})"}) {
    auto res = client.post("/api/v1/auth/login", body);
    EXPECT_EQ(res.status, 401u);
    EXPECT_EQ(res.error_code(), "unauthenticated");
    EXPECT_EQ(res.json()["error"]["trace_id"], res.header("X-Request-Id"));
    EXPECT_TRUE(res.header("Set-Cookie").empty());
  }
}

TEST(AuthApiTest, RepeatedFailedLoginsAreRateLimited) {
  ServerTestInstance s([](ServerOptions& o) { o.login_max_failures = 3; });
  ServerTestClient client(s.port());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(client.post("/api/v1/auth/login", R"({"username":"admin","password":"bad-guess"})")
                  .status,
              401u);
  }
  auto blocked = client.post("/api/v1/auth/login",
                             R"({"username":"admin","password":"correct-horse-1"})");
  EXPECT_EQ(blocked.status, 429u);
  EXPECT_EQ(blocked.error_code(), "rate_limited");
}

TEST(AuthApiTest, LogoutEndsTheSession) {
  ServerTestInstance s;
  auto [cookie, csrf] = s.login();
  ServerTestClient client(s.port());
  auto out = client.post("/api/v1/auth/logout", "", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  ASSERT_EQ(out.status, 200u) << out.body;
  EXPECT_NE(out.header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  auto me = client.get("/api/v1/auth/me", {{"Cookie", cookie}});
  EXPECT_EQ(me.status, 401u);
}

TEST(AuthApiTest, StateChangingCookieRequestsNeedTheCsrfHeader) {
  ServerTestInstance s;
  auto [cookie, csrf] = s.login();
  ServerTestClient client(s.port());
  const std::string body = R"({"name":"ci"})";
  auto missing = client.post("/api/v1/tokens", body, {{"Cookie", cookie}});
  EXPECT_EQ(missing.status, 403u);
  EXPECT_EQ(missing.error_code(), "permission_denied");
  auto wrong = client.post("/api/v1/tokens", body, {{"Cookie", cookie}, {"X-CSRF-Token", "abc"}});
  EXPECT_EQ(wrong.status, 403u);
  auto right = client.post("/api/v1/tokens", body, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(right.status, 201u) << right.body;
  // Reads need no CSRF header.
  EXPECT_EQ(client.get("/api/v1/tokens", {{"Cookie", cookie}}).status, 200u);
}

TEST(AuthApiTest, TokensAreShownOnceWorkWithoutCsrfAndCanBeRevoked) {
  ServerTestInstance s;
  auto [cookie, csrf] = s.login();
  ServerTestClient client(s.port());
  auto created = client.post("/api/v1/tokens", R"({"name":"ci","role":"viewer"})",
                             {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  ASSERT_EQ(created.status, 201u) << created.body;
  const std::string secret = created.json()["secret"];
  EXPECT_EQ(secret.rfind("opt_", 0), 0u);
  const int64_t id = created.json()["token"]["id"];
  auto listed = client.get("/api/v1/tokens", {{"Cookie", cookie}});
  ASSERT_EQ(listed.status, 200u);
  EXPECT_EQ(listed.body.find(secret), std::string::npos);  // never shown again
  ASSERT_EQ(listed.json()["tokens"].size(), 1u);
  auto me = client.get("/api/v1/auth/me", bearer(secret));
  ASSERT_EQ(me.status, 200u);
  EXPECT_EQ(me.json()["user"]["role"], "viewer");
  EXPECT_EQ(me.json()["auth"], "token");
  // Used: last_used_at is recorded.
  auto after = client.get("/api/v1/tokens", {{"Cookie", cookie}});
  EXPECT_FALSE(after.json()["tokens"][0]["last_used_at"].is_null());
  auto revoked = client.send(http::verb::delete_, "/api/v1/tokens/" + std::to_string(id), "",
                             {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(revoked.status, 204u);
  EXPECT_EQ(client.get("/api/v1/auth/me", bearer(secret)).status, 401u);
}

TEST(AuthApiTest, InvalidSessionsAndTokensAre401) {
  ServerTestInstance s;
  ServerTestClient client(s.port());
  for (const auto& headers : std::vector<std::vector<std::pair<std::string, std::string>>>{
           {{"Cookie", "optima_session=deadbeef"}},
           {{"Cookie", "optima_session="}},
           {{"Authorization", "Bearer opt_0000"}},
           {{"Authorization", "Basic YWRtaW46eA=="}},
           {{"Authorization", "Bearer ' OR 1=1 --"}},
           {}}) {
    auto res = client.get("/api/v1/sources", headers);
    EXPECT_EQ(res.status, 401u) << res.body;
    EXPECT_EQ(res.error_code(), "unauthenticated");
  }
}

TEST(AuthApiTest, ViewerCannotCreateUsersOrUpload) {
  ServerTestInstance s;
  const std::string viewer = s.user_token("vera", "viewer");
  ServerTestClient client(s.port());
  auto users = client.post("/api/v1/users",
                           R"({"username":"x1","password":"password-1","role":"viewer"})",
                           bearer(viewer));
  EXPECT_EQ(users.status, 403u);
  EXPECT_EQ(users.error_code(), "permission_denied");
  auto upload = client.send(http::verb::post, "/api/v1/uploads?filename=a.csv", "a,b\n1,2\n",
                            {{"Authorization", "Bearer " + viewer}, {"Content-Type", "text/csv"}});
  EXPECT_EQ(upload.status, 403u);
  // But reads work.
  EXPECT_EQ(client.get("/api/v1/partitions", bearer(viewer)).status, 200u);
}

TEST(AuthApiTest, AdminsManageEditorsButOnlyOwnersManageAdmins) {
  ServerTestInstance s;
  const std::string admin = s.user_token("alice", "admin");
  ServerTestClient client(s.port());
  auto editor = client.post("/api/v1/users",
                            R"({"username":"ed","password":"password-ed","role":"editor"})",
                            bearer(admin));
  EXPECT_EQ(editor.status, 201u) << editor.body;
  auto another_admin = client.post(
      "/api/v1/users", R"({"username":"bob","password":"password-bob","role":"admin"})",
      bearer(admin));
  EXPECT_EQ(another_admin.status, 403u);
  auto promote = client.send(http::verb::patch, "/api/v1/users/ed", R"({"role":"owner"})",
                             bearer(admin));
  EXPECT_EQ(promote.status, 403u);
  auto demote_owner = client.send(http::verb::patch, "/api/v1/users/admin", R"({"role":"viewer"})",
                                  bearer(admin));
  EXPECT_EQ(demote_owner.status, 403u);
  auto listed = client.get("/api/v1/users", bearer(admin));
  ASSERT_EQ(listed.status, 200u);
  EXPECT_EQ(listed.json()["users"].size(), 3u);
  EXPECT_EQ(client.send(http::verb::delete_, "/api/v1/users/ed", "", bearer(admin)).status, 204u);
}

TEST(AuthApiTest, TheLastOwnerCannotBeDeletedOrDemoted) {
  ServerTestInstance s;
  const std::string owner = s.token();
  ServerTestClient client(s.port());
  auto del = client.send(http::verb::delete_, "/api/v1/users/admin", "", bearer(owner));
  EXPECT_EQ(del.status, 409u);
  EXPECT_EQ(del.error_code(), "conflict");
  auto demote = client.send(http::verb::patch, "/api/v1/users/admin", R"({"role":"admin"})",
                            bearer(owner));
  EXPECT_EQ(demote.status, 409u);
}

TEST(AuthApiTest, ATokenCannotCarryMoreThanItsUsersRole) {
  ServerTestInstance s;
  const std::string editor = s.user_token("eddie", "editor");
  ServerTestClient client(s.port());
  auto res = client.post("/api/v1/tokens", R"({"name":"up","role":"owner"})", bearer(editor));
  EXPECT_EQ(res.status, 403u);
}

TEST(AuthApiTest, NoAuthIsRefusedOnANonLoopbackAddress) {
  optima::testing::TempDir dir;
  ServerOptions options;
  options.data_dir = dir.path();
  options.host = "0.0.0.0";
  options.port = 0;
  options.no_auth = true;
  auto server = Server::create(options);
  ASSERT_FALSE(server.is_ok());
  EXPECT_NE(server.status().message().find("loopback"), std::string::npos);
}

TEST(AuthApiTest, NoAuthOnLoopbackMakesEveryoneOwner) {
  ServerTestInstance s([](ServerOptions& o) { o.no_auth = true; });
  ServerTestClient client(s.port());
  auto me = client.get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200u);
  EXPECT_EQ(me.json()["user"]["role"], "owner");
  EXPECT_EQ(client.get("/api/v1/users").status, 200u);
}

}  // namespace
}  // namespace optima::server::testing
