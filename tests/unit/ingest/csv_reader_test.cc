#include "optima/ingest/csv_reader.h"

#include <gtest/gtest.h>

namespace optima::ingest {
namespace {

std::vector<std::vector<std::string>> read_all(std::string text) {
  auto reader = CsvReader::from_string(std::move(text));
  std::vector<std::vector<std::string>> out;
  std::vector<std::string_view> fields;
  while (true) {
    auto more = reader->next(&fields);
    EXPECT_TRUE(more.is_ok()) << more.status().to_string();
    if (!more.is_ok() || !*more) break;
    out.emplace_back(fields.begin(), fields.end());
  }
  return out;
}

TEST(CsvReaderTest, ReadsQuotedFieldsWithDelimitersQuotesAndNewlines) {
  auto rows = read_all("a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\n2,\"multi\nline\",\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][1], "x,y");
  EXPECT_EQ(rows[1][2], "say \"hi\"");
  EXPECT_EQ(rows[2][1], "multi\nline");
  EXPECT_EQ(rows[2][2], "");
}

TEST(CsvReaderTest, StripsBomAndHandlesMissingFinalNewlineAndCrOnly) {
  auto rows = read_all("\xEF\xBB\xBFh1,h2\r1,2\r3,4");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0], "h1");
  EXPECT_EQ(rows[2][1], "4");
}

// Found by csv_reader_fuzzer: after a BOM that was the whole input, next() parsed at the end of
// the buffer (against CsvRecordParser's precondition) and returned one empty record.
TEST(CsvReaderTest, BomOnlyInputHasNoRecords) {
  EXPECT_TRUE(read_all("\xEF\xBB\xBF").empty());
  EXPECT_TRUE(read_all("").empty());
  const auto rows = read_all("\xEF\xBB\xBF\n");
  ASSERT_EQ(rows.size(), 1u);  // a blank line is one empty field
  EXPECT_EQ(rows[0], std::vector<std::string>{""});
}

TEST(CsvReaderTest, ReportsUnterminatedQuoteWithLine) {
  auto reader = CsvReader::from_string("a\n\"open\n");
  std::vector<std::string_view> fields;
  ASSERT_TRUE(*reader->next(&fields));
  auto r = reader->next(&fields);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("line 2"), std::string::npos);
}

TEST(CsvReaderTest, TracksPhysicalLinesAcrossMultilineRecords) {
  auto reader = CsvReader::from_string("h\n\"a\nb\"\nc\n");
  std::vector<std::string_view> fields;
  ASSERT_TRUE(*reader->next(&fields));
  ASSERT_TRUE(*reader->next(&fields));
  EXPECT_EQ(reader->line_number(), 2u);
  ASSERT_TRUE(*reader->next(&fields));
  EXPECT_EQ(reader->line_number(), 4u);
}

TEST(CsvReaderTest, RecordsSpanningChunkBoundariesAreIntact) {
  std::string text = "id,value\n";
  for (int i = 0; i < 100000; ++i) text += std::to_string(i) + ",\"v" + std::to_string(i) + ",x\"\n";
  auto rows = read_all(text);
  ASSERT_EQ(rows.size(), 100001u);
  EXPECT_EQ(rows[99999][1], "v99998,x");
  EXPECT_EQ(rows[100000][0], "99999");
}

}  // namespace
}  // namespace optima::ingest
