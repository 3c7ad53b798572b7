#include "optima/ingest/azure_key_value.h"

#include <gtest/gtest.h>

namespace optima::ingest {
namespace {

TEST(AzureKeyValueTest, WrapsObjectsWrittenWithoutOuterBraces) {
  auto parsed = parse_azure_key_value(R"("CostCenter": "1234","env": "prod")");
  ASSERT_TRUE(parsed.is_ok()) << parsed.status().to_string();
  EXPECT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)["CostCenter"], "1234");
  EXPECT_EQ((*parsed)["env"], "prod");
}

TEST(AzureKeyValueTest, KeepsObjectsThatHaveBraces) {
  auto parsed = parse_azure_key_value(R"({"project":"p1"})");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ((*parsed)["project"], "p1");
  // AdditionalInfo of legacy exports: padded, with nulls and numbers.
  parsed =
      parse_azure_key_value(R"({  "UsageType": "DataTrOut",  "ImageType": null,  "VCPUs": 2})");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ(parsed->size(), 3u);
}

TEST(AzureKeyValueTest, EmptyOrBlankCellIsAnEmptyObject) {
  for (const char* text : {"", "   ", "{}"}) {
    auto parsed = parse_azure_key_value(text);
    ASSERT_TRUE(parsed.is_ok()) << text;
    EXPECT_TRUE(parsed->is_object());
    EXPECT_TRUE(parsed->empty());
  }
}

TEST(AzureKeyValueTest, EmptyValuesStayEmptyStrings) {
  auto parsed = parse_azure_key_value(R"("CostCenter": "SubACM","org": "")");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ((*parsed)["org"], "");
}

TEST(AzureKeyValueTest, RejectsTextThatIsNotAnObject) {
  EXPECT_FALSE(parse_azure_key_value("not json").is_ok());
  EXPECT_FALSE(parse_azure_key_value(R"("a": )").is_ok());
  EXPECT_FALSE(parse_azure_key_value("[1,2]").is_ok());
  EXPECT_FALSE(parse_azure_key_value(R"({"a": 1)").is_ok());
}

TEST(AzureKeyValueTest, ValueTextKeepsStringsAndWritesOtherScalarsAsJson) {
  EXPECT_EQ(azure_value_text(nlohmann::json("x y")), "x y");
  EXPECT_EQ(azure_value_text(nlohmann::json(2)), "2");
  EXPECT_EQ(azure_value_text(nlohmann::json(true)), "true");
  EXPECT_EQ(azure_value_text(nlohmann::json(nullptr)), "");
  EXPECT_EQ(azure_value_text(nlohmann::json::parse(R"({"k":[1]})", nullptr, false)),
            R"({"k":[1]})");
}

}  // namespace
}  // namespace optima::ingest
