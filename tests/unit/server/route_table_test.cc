// RouteTable matching and the small parsing helpers of the server.
#include <gtest/gtest.h>

#include "optima/server/api_dispatcher.h"
#include "optima/server/login_rate_limiter.h"
#include "optima/server/route_table.h"
#include "optima/server/session_cookie.h"

namespace optima::server {
namespace {

namespace http = boost::beast::http;

RouteTable sample_table() {
  RouteTable t;
  auto ok = [](RequestContext&) { return json_response({}); };
  t.add({http::verb::get, "/api/v1/partitions", Role::kViewer, "list", BodyKind::kNone, nullptr,
         nullptr, 200, "application/json", ok});
  t.add({http::verb::get, "/api/v1/partitions/{id}/history", Role::kViewer, "history",
         BodyKind::kNone, nullptr, nullptr, 200, "application/json", ok});
  t.add({http::verb::delete_, "/api/v1/partitions/{id}/history", Role::kAdmin, "drop",
         BodyKind::kNone, nullptr, nullptr, 200, "application/json", ok});
  return t;
}

TEST(RouteTableTest, MatchesParametersByMethod) {
  const RouteTable t = sample_table();
  RouteMatch m = t.match(http::verb::get, "/api/v1/partitions/42/history");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->summary, "history");
  EXPECT_EQ(m.params["id"], "42");
  m = t.match(http::verb::delete_, "/api/v1/partitions/42/history");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->summary, "drop");
}

TEST(RouteTableTest, WrongMethodListsTheAllowedOnes) {
  const RouteTable t = sample_table();
  RouteMatch m = t.match(http::verb::post, "/api/v1/partitions/1/history");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "DELETE"}));
}

TEST(RouteTableTest, UnknownPathsMatchNothing) {
  const RouteTable t = sample_table();
  for (const char* path : {"/api/v1/partitions/1", "/api/v1/partitions/1/history/x", "/",
                           "/api/v1/partitions//history"}) {
    RouteMatch m = t.match(http::verb::get, path);
    EXPECT_EQ(m.route, nullptr) << path;
    EXPECT_TRUE(m.allowed.empty()) << path;
  }
}

TEST(PercentDecodeTest, DecodesEscapesAndRejectsBrokenOnes) {
  EXPECT_EQ(percent_decode("/a%20b%2Fc"), "/a b/c");
  EXPECT_EQ(percent_decode("%2e%2e"), "..");
  EXPECT_FALSE(percent_decode("%").has_value());
  EXPECT_FALSE(percent_decode("%4").has_value());
  EXPECT_FALSE(percent_decode("%zz").has_value());
}

TEST(SessionCookieTest, FindsTheSessionAmongOtherCookies) {
  EXPECT_EQ(session_from_cookie_header("a=1; optima_session=abc ; b=2"), "abc");
  EXPECT_FALSE(session_from_cookie_header("a=1; optima_sessionx=abc").has_value());
  EXPECT_NE(session_cookie("x", 10, true).find("; Secure"), std::string::npos);
}

TEST(LoginRateLimiterTest, BlocksAfterFailuresUntilTheWindowPasses) {
  int64_t now = 1000;
  LoginRateLimiter limiter(2, 60, [&now] { return now; });
  EXPECT_TRUE(limiter.allowed("u", "1.2.3.4"));
  limiter.record_failure("u", "1.2.3.4");
  limiter.record_failure("u", "1.2.3.4");
  EXPECT_FALSE(limiter.allowed("u", "5.6.7.8"));  // by username
  EXPECT_FALSE(limiter.allowed("v", "1.2.3.4"));  // by address
  EXPECT_TRUE(limiter.allowed("v", "5.6.7.8"));
  now += 61;
  EXPECT_TRUE(limiter.allowed("u", "1.2.3.4"));
}

}  // namespace
}  // namespace optima::server
