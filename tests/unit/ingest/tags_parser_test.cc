#include "optima/ingest/tags_parser.h"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace optima::ingest {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs parse_ok(std::string_view text) {
  TagsParser parser;
  std::string error;
  EXPECT_TRUE(parser.parse(text, &error)) << text << ": " << error;
  Pairs out;
  for (const TagPair& p : parser.pairs()) out.emplace_back(p.key, p.value);
  return out;
}

std::string parse_error(std::string_view text) {
  TagsParser parser;
  std::string error;
  EXPECT_FALSE(parser.parse(text, &error)) << text;
  return error;
}

TEST(TagsParserTest, ReadsFlatObjectsWithScalarValuesAsText) {
  EXPECT_EQ(parse_ok(R"({"team":"web","user:cost-center":"42"})"),
            (Pairs{{"team", "web"}, {"user:cost-center", "42"}}));
  EXPECT_EQ(parse_ok(R"( { "flag" : true, "n": -1.50e3, "off": false, "none": null } )"),
            (Pairs{{"flag", "true"}, {"n", "-1.50e3"}, {"off", "false"}, {"none", ""}}));
  EXPECT_TRUE(parse_ok("{}").empty());
}

TEST(TagsParserTest, UnescapesStringsIncludingSurrogatePairs) {
  EXPECT_EQ(parse_ok(R"({"a\"b":"line\nnext \u00e9 \ud83d\ude00 \/"})"),
            (Pairs{{"a\"b", "line\nnext \xC3\xA9 \xF0\x9F\x98\x80 /"}}));
}

TEST(TagsParserTest, ReadsObjectsWrittenWithoutBraces) {
  EXPECT_EQ(parse_ok(R"("CostCenter": "1234","env": "prod")"),
            (Pairs{{"CostCenter", "1234"}, {"env", "prod"}}));
}

TEST(TagsParserTest, ReadsGoogleKeyValueArrays) {
  EXPECT_EQ(parse_ok(R"([{"key":"env","value":"prod","inherited":false,"namespace":""},)"
                     R"({"key":"goog-k8s-cluster","value":null,"extra":{"a":[1,2]}}])"),
            (Pairs{{"env", "prod"}, {"goog-k8s-cluster", ""}}));
  EXPECT_TRUE(parse_ok("[]").empty());
}

TEST(TagsParserTest, RejectsNestedValuesAndMalformedJsonWithAReason) {
  EXPECT_NE(parse_error(R"({"a":{"b":"c"}})").find("nested"), std::string::npos);
  EXPECT_NE(parse_error(R"({"a":["x"]})").find("key 'a'"), std::string::npos);
  EXPECT_NE(parse_error(R"({"a" "b"})").find("offset"), std::string::npos);
  parse_error(R"({"a":"b")");
  parse_error(R"({"a":01})");
  parse_error(R"({"a":"\ud83d"})");
  parse_error("env=prod");
  parse_error(R"([{"value":"x"}])");
  EXPECT_NE(parse_error(R"({"a":"b"} x)").find("end of the JSON text"), std::string::npos);
}

TEST(TagsParserTest, RefusesDeepNestingWithoutExhaustingTheStack) {
  const std::string deep = "[{\"key\":\"k\",\"x\":" + std::string(100000, '[') + "}]";
  parse_error(deep);
}

}  // namespace
}  // namespace optima::ingest
