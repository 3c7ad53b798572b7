#include "optima/ingest/csv_record_parser.h"

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace optima::ingest {
namespace {

struct Parsed {
  std::vector<std::vector<std::string>> records;
  std::vector<size_t> ends;  // offset after each record
};

Parsed parse_all(std::string_view data) {
  Parsed out;
  CsvRecordParser parser;
  std::vector<std::string_view> fields;
  size_t pos = 0;
  uint64_t lines = 0;
  while (pos < data.size()) {
    const auto outcome = parser.parse(data, &pos, true, &fields, &lines);
    if (outcome != CsvRecordParser::Outcome::kRecord) break;
    out.records.emplace_back(fields.begin(), fields.end());
    out.ends.push_back(pos);
  }
  return out;
}

TEST(CsvRecordParserTest, ViewsUnescapedFieldsInPlaceAndCopiesEscapedOnes) {
  const std::string data = "a,\"b,c\",\"say \"\"hi\"\"\",\"q\"tail,\"multi\nline\"\r\nnext";
  CsvRecordParser parser;
  std::vector<std::string_view> fields;
  size_t pos = 0;
  uint64_t lines = 0;
  ASSERT_EQ(parser.parse(data, &pos, true, &fields, &lines), CsvRecordParser::Outcome::kRecord);
  ASSERT_EQ(fields.size(), 5u);
  EXPECT_EQ(fields[0], "a");
  EXPECT_EQ(fields[1], "b,c");
  EXPECT_EQ(fields[2], "say \"hi\"");
  EXPECT_EQ(fields[3], "qtail");
  EXPECT_EQ(fields[4], "multi\nline");
  EXPECT_EQ(lines, 2u);
  EXPECT_EQ(data.substr(pos), "next");
}

TEST(CsvRecordParserTest, CountsEveryKindOfLineBreakInsideQuotedFields) {
  CsvRecordParser parser;
  std::vector<std::string_view> fields;
  size_t pos = 0;
  uint64_t lines = 0;
  const std::string data = "\"a\rb\r\nc\nd\",e\r";
  ASSERT_EQ(parser.parse(data, &pos, true, &fields, &lines), CsvRecordParser::Outcome::kRecord);
  EXPECT_EQ(fields[0], "a\rb\r\nc\nd");
  EXPECT_EQ(lines, 4u);
}

TEST(CsvRecordParserTest, ReportsIncompleteRecordsUntilTheEnd) {
  CsvRecordParser parser;
  std::vector<std::string_view> fields;
  uint64_t lines = 0;
  for (const char* partial : {"a,b", "a,\"b", "a,\"b\"", "a,b\r"}) {
    size_t pos = 0;
    EXPECT_EQ(parser.parse(partial, &pos, false, &fields, &lines),
              CsvRecordParser::Outcome::kIncomplete)
        << partial;
    EXPECT_EQ(pos, 0u);
  }
  size_t pos = 0;
  EXPECT_EQ(parser.parse("a,\"b", &pos, true, &fields, &lines),
            CsvRecordParser::Outcome::kUnclosedQuote);
  EXPECT_EQ(parser.parse("a,b", &pos, true, &fields, &lines), CsvRecordParser::Outcome::kRecord);
  EXPECT_EQ(fields.size(), 2u);
}

TEST(CsvRecordParserTest, RejectsFieldsOverTheLimit) {
  CsvRecordParser parser(CsvOptions{',', 4});
  std::vector<std::string_view> fields;
  uint64_t lines = 0;
  size_t pos = 0;
  EXPECT_EQ(parser.parse("abcde\n", &pos, true, &fields, &lines),
            CsvRecordParser::Outcome::kFieldTooLong);
  EXPECT_EQ(parser.parse("\"ab\"\"cd\"\n", &pos, true, &fields, &lines),
            CsvRecordParser::Outcome::kFieldTooLong);
}

TEST(CsvRecordParserTest, LastRecordEndIgnoresLineBreaksInsideQuotes) {
  EXPECT_EQ(last_record_end("a,\"x\ny\"\nb,\"p\nq", ','), 8u);
  EXPECT_EQ(last_record_end("a,b", ','), 0u);
  EXPECT_EQ(last_record_end("a,b\r", ','), 0u);  // \n may follow
  EXPECT_EQ(last_record_end("a\rb\rc", ','), 4u);
  EXPECT_EQ(last_record_end("5\" disk,x\ny", ','), 10u);  // a literal quote in a field
  EXPECT_EQ(last_record_end("a,\"x\"", ','), 0u);
}

// Random CSV built from the awkward pieces, cut at every offset: each cut must be a record end
// of the whole text, and parsing up to the cut must give exactly the records before it.
TEST(CsvRecordParserTest, LastRecordEndAgreesWithTheParserOnRandomText) {
  const std::vector<std::string> pieces = {"a",          "bc",   ",",    "\n",      "\r\n",
                                           "\r",         "\"",   "\"\"", "\"x,y\"", "\"p\nq\"",
                                           "\"s\"\"t\"", "z\"w", " ",    "\"u\"v"};
  std::mt19937 rng(42);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    const Parsed whole = parse_all(text);
    const std::set<size_t> ends(whole.ends.begin(), whole.ends.end());
    for (size_t cut_at = 0; cut_at <= text.size(); ++cut_at) {
      const std::string_view prefix = std::string_view(text).substr(0, cut_at);
      const size_t cut = last_record_end(prefix, ',');
      if (cut == 0) continue;
      ASSERT_TRUE(ends.count(cut)) << "text '" << text << "' prefix " << cut_at << " cut " << cut;
      const Parsed head = parse_all(prefix.substr(0, cut));
      const size_t count = static_cast<size_t>(
          std::distance(whole.ends.begin(), std::find(whole.ends.begin(), whole.ends.end(), cut)) +
          1);
      ASSERT_EQ(head.records.size(), count) << text;
      for (size_t r = 0; r < count; ++r) ASSERT_EQ(head.records[r], whole.records[r]) << text;
    }
  }
}

}  // namespace
}  // namespace optima::ingest
