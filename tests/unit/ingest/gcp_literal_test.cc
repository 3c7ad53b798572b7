#include "optima/ingest/gcp_literal.h"

#include <string>

#include <gtest/gtest.h>

namespace optima::ingest {
namespace {

TEST(GcpLiteralDocumentTest, KeepsNumbersAsSourceText) {
  GcpLiteralDocument doc;
  ASSERT_TRUE(doc.parse(R"({"a": 1.0E-6, "b": -0.30000000000000004, "c": 12345678901234567890123})",
                        GcpLiteralSyntax::kJson)
                  .is_ok());
  const GcpLiteralNode& root = doc.root();
  ASSERT_EQ(root.kind, GcpLiteralKind::kObject);
  ASSERT_EQ(root.count, 3u);
  EXPECT_EQ(doc.find(root, "a")->text, "1.0E-6");
  EXPECT_EQ(doc.find(root, "b")->text, "-0.30000000000000004");
  EXPECT_EQ(doc.find(root, "c")->text, "12345678901234567890123");
  EXPECT_EQ(doc.find(root, "a")->kind, GcpLiteralKind::kNumber);
  EXPECT_EQ(doc.find(root, "missing"), nullptr);
}

TEST(GcpLiteralDocumentTest, ParsesNestedArraysObjectsAndKeywords) {
  GcpLiteralDocument doc;
  ASSERT_TRUE(doc.parse(R"( {"l":[{"key":"k","value":null},true,false,[]],"o":{}} )",
                        GcpLiteralSyntax::kJson)
                  .is_ok());
  const GcpLiteralNode* l = doc.find(doc.root(), "l");
  ASSERT_NE(l, nullptr);
  ASSERT_EQ(l->kind, GcpLiteralKind::kArray);
  auto elements = doc.members(*l);
  ASSERT_EQ(elements.size(), 4u);
  const GcpLiteralNode& first = doc.node(elements[0]);
  EXPECT_EQ(doc.find(first, "key")->text, "k");
  EXPECT_EQ(doc.find(first, "value")->kind, GcpLiteralKind::kNull);
  EXPECT_EQ(doc.node(elements[1]).text, "true");
  EXPECT_EQ(doc.node(elements[2]).text, "false");
  EXPECT_EQ(doc.node(elements[3]).count, 0u);
  EXPECT_EQ(doc.find(doc.root(), "o")->kind, GcpLiteralKind::kObject);
}

TEST(GcpLiteralDocumentTest, DecodesJsonEscapesIncludingSurrogatePairs) {
  GcpLiteralDocument doc;
  ASSERT_TRUE(doc.parse(R"(["a\"b\\c\/d\n\t", "caf\u00e9 \ud83d\ude00"])", GcpLiteralSyntax::kJson)
                  .is_ok());
  auto elements = doc.members(doc.root());
  EXPECT_EQ(doc.node(elements[0]).text, "a\"b\\c/d\n\t");
  EXPECT_EQ(doc.node(elements[1]).text, "caf\xC3\xA9 \xF0\x9F\x98\x80");
}

TEST(GcpLiteralDocumentTest, ParsesPythonReprOfKokuCredits) {
  GcpLiteralDocument doc;
  const std::string cell =
      "[{'name': 'FreeTrial:Credit-000000', 'amount': -5e-06, 'full_name': None, "
      "'id': 'FreeTrial:Credit-000000', 'type': 'PROMOTION', 'ok': True, 'q': \"it's\", "
      "'esc': 'a\\'b\\x41\\u00e9'},]";
  ASSERT_TRUE(doc.parse(cell, GcpLiteralSyntax::kPython).is_ok()) << cell;
  auto elements = doc.members(doc.root());
  ASSERT_EQ(elements.size(), 1u);
  const GcpLiteralNode& credit = doc.node(elements[0]);
  EXPECT_EQ(doc.find(credit, "amount")->text, "-5e-06");
  EXPECT_EQ(doc.find(credit, "full_name")->kind, GcpLiteralKind::kNull);
  EXPECT_EQ(doc.find(credit, "ok")->text, "true");
  EXPECT_EQ(doc.find(credit, "q")->text, "it's");
  EXPECT_EQ(doc.find(credit, "esc")->text, "a'bA\xC3\xA9");
}

TEST(GcpLiteralDocumentTest, JsonRejectsPythonSyntax) {
  GcpLiteralDocument doc;
  EXPECT_FALSE(doc.parse("['a']", GcpLiteralSyntax::kJson).is_ok());
  EXPECT_FALSE(doc.parse("[None]", GcpLiteralSyntax::kJson).is_ok());
  EXPECT_FALSE(doc.parse("[1,]", GcpLiteralSyntax::kJson).is_ok());
  EXPECT_FALSE(doc.parse(R"(["\x41"])", GcpLiteralSyntax::kJson).is_ok());
}

TEST(GcpLiteralDocumentTest, ErrorsNameTheColumnAndWhatWasExpected) {
  GcpLiteralDocument doc;
  core::Status s = doc.parse(R"({"cost": 1.5 "currency": "USD"})", GcpLiteralSyntax::kJson);
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.message(), "column 14: expected ',' or '}' after object member, found '\"'");

  s = doc.parse(R"({"cost": 1.5)", GcpLiteralSyntax::kJson);
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("found end of input"), std::string::npos) << s.message();

  s = doc.parse(R"({"a": "unterminated})", GcpLiteralSyntax::kJson);
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("column 7: expected a closing quote"), std::string::npos)
      << s.message();
}

TEST(GcpLiteralDocumentTest, RejectsMalformedNumbersAndTrailingContent) {
  GcpLiteralDocument doc;
  for (const char* bad : {"01", "1.", ".5", "-", "1e", "+1", "NaN", "Infinity", "1.5x", "{} {}",
                          "\"\\ud800\"", "\"a\x01\""}) {
    EXPECT_FALSE(doc.parse(bad, GcpLiteralSyntax::kJson).is_ok()) << bad;
  }
  for (const char* good : {"0", "-0", "0.5", "1e5", "1E+5", "1e-05", "-12.75"}) {
    EXPECT_TRUE(doc.parse(good, GcpLiteralSyntax::kJson).is_ok()) << good;
    EXPECT_EQ(doc.root().text, good);
  }
}

TEST(GcpLiteralDocumentTest, LimitsNestingDepth) {
  GcpLiteralDocument doc;
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  const core::Status s = doc.parse(deep, GcpLiteralSyntax::kJson);
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("nesting at most 64 deep"), std::string::npos) << s.message();
  const std::string ok = std::string(60, '[') + std::string(60, ']');
  EXPECT_TRUE(doc.parse(ok, GcpLiteralSyntax::kJson).is_ok());
}

TEST(GcpLiteralDocumentTest, ReusedDocumentForgetsThePreviousParse) {
  GcpLiteralDocument doc;
  ASSERT_TRUE(doc.parse(R"({"a":"x\ny","b":[1,2,3]})", GcpLiteralSyntax::kJson).is_ok());
  ASSERT_TRUE(doc.parse(R"({"c":"z"})", GcpLiteralSyntax::kJson).is_ok());
  EXPECT_EQ(doc.root().count, 1u);
  EXPECT_EQ(doc.find(doc.root(), "a"), nullptr);
  EXPECT_EQ(doc.find(doc.root(), "c")->text, "z");
}

}  // namespace
}  // namespace optima::ingest
