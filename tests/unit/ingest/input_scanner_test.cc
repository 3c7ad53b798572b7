#include "optima/ingest/input_scanner.h"

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "optima/ingest/focus_csv_reader.h"
#include "optima/ingest/registry.h"

#include "support/shared_data.h"
#include "unit/ingest/ingest_test_support.h"

namespace optima::ingest {
namespace {

namespace fs = std::filesystem;
using testing::write_gzip_file;
using testing::write_text_file;

const char* kFocusCsv =
    "BilledCost,EffectiveCost,ChargePeriodStart,ChargeCategory\n1,1,2024-01-01T00:00:00Z,Usage\n";

// A stand-in for a provider reader: claims legacy CUR headers and groups all its files into one
// unit, as the CUR reader groups a delivery.
class CurLikeReader final : public Reader {
 public:
  std::string_view name() const override { return "cur-like"; }
  std::string_view description() const override { return "test reader"; }
  bool detect(const DetectInput& input) const override {
    return !input.header.empty() && input.header[0] == "lineItem/UnblendedCost";
  }
  std::vector<InputUnit> plan(const std::vector<fs::path>& files,
                              std::vector<std::string>* notes) const override {
    notes->push_back("grouped " + std::to_string(files.size()) + " CUR parts");
    return {InputUnit{"cur-like", files, "delivery"}};
  }
  core::Status read(const InputUnit&, const ReadOptions&, TableSink&, ReadReport*) const override {
    return core::unimplemented("test reader");
  }
};

std::vector<std::string> unit_files(const ScanResult& result, const fs::path& root) {
  std::vector<std::string> out;
  for (const InputUnit& unit : result.units) {
    for (const fs::path& f : unit.files)
      out.push_back(unit.reader + ":" + fs::relative(f, root).string());
  }
  return out;
}

TEST(InputScannerTest, GroupsAFolderOfMixedFilesAndNamesTheUnrecognisedOnes) {
  optima::testing::TempDir dir;
  const fs::path root = dir.path();
  write_text_file(root / "b.csv", kFocusCsv);
  write_gzip_file(root / "nested/deeper/a.csv.gz", "\xEF\xBB\xBF" + std::string(kFocusCsv));
  write_text_file(root / "cur/part-1.csv", "lineItem/UnblendedCost,lineItem/UsageStartDate\n1,2\n");
  write_text_file(root / "cur/part-2.csv", "lineItem/UnblendedCost,lineItem/UsageStartDate\n3,4\n");
  write_text_file(root / "export.json", "{\"billing_account_id\": \"X\"}\n");
  write_text_file(root / "notes.csv", "Date,Amount,Comment\n2024-01-01,5,hi\n");
  write_text_file(root / ".hidden.csv", kFocusCsv);
  write_text_file(root / ".git/objects/x.csv", kFocusCsv);
  write_text_file(root / "_SUCCESS", "");
  write_text_file(root / "b.csv.crc", "crc");

  CurLikeReader cur;
  FocusCsvReader focus;
  const InputScanner scanner({&cur, &focus});
  auto result = scanner.scan({root});
  ASSERT_TRUE(result.is_ok()) << result.status().to_string();
  EXPECT_EQ(unit_files(*result, root),
            (std::vector<std::string>{"cur-like:cur/part-1.csv", "cur-like:cur/part-2.csv",
                                      "focus:b.csv", "focus:nested/deeper/a.csv.gz"}));
  ASSERT_EQ(result->units.size(), 3u);  // one CUR delivery, two FOCUS files
  EXPECT_EQ(result->notes, (std::vector<std::string>{"grouped 2 CUR parts"}));
  ASSERT_EQ(result->errors.size(), 2u);
  EXPECT_EQ(result->errors[0], (root / "export.json").string() +
                                   ": not a recognised billing export (content starts with: "
                                   "'{\"billing_account_id\": \"X\"}'); use --format NAME to "
                                   "choose a reader");
  EXPECT_EQ(result->errors[1], (root / "notes.csv").string() +
                                   ": not a recognised billing export (header starts with: Date, "
                                   "Amount, Comment); use --format NAME to choose a reader");
}

TEST(InputScannerTest, ForcedFormatAssignsEveryFileWithoutDetection) {
  optima::testing::TempDir dir;
  write_text_file(dir.path() / "listUnitPrice.csv", "ListUnitPrice,\n0.0,\n");
  write_text_file(dir.path() / "z.csv", kFocusCsv);
  const InputScanner scanner;
  auto detected = scanner.scan({dir.path()});
  ASSERT_TRUE(detected.is_ok());
  EXPECT_EQ(detected->units.size(), 1u);
  EXPECT_EQ(detected->errors.size(), 1u);

  auto forced = scanner.scan({dir.path() / "z.csv", dir.path() / "listUnitPrice.csv"}, "focus");
  ASSERT_TRUE(forced.is_ok());
  EXPECT_TRUE(forced->errors.empty());
  EXPECT_EQ(unit_files(*forced, dir.path()),
            (std::vector<std::string>{"focus:listUnitPrice.csv", "focus:z.csv"}));
}

TEST(InputScannerTest, UnknownFormatsAndMissingPathsAreErrors) {
  optima::testing::TempDir dir;
  const InputScanner scanner;
  auto unknown = scanner.scan({dir.path()}, "parquet-magic");
  ASSERT_FALSE(unknown.is_ok());
  EXPECT_EQ(unknown.status().message().rfind("unknown format 'parquet-magic' (known: ", 0), 0u)
      << unknown.status().message();
  EXPECT_NE(unknown.status().message().find("focus"), std::string::npos);
  auto missing = scanner.scan({dir.path() / "nope"});
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.status().code(), core::StatusCode::kNotFound);
}

TEST(InputScannerTest, ExplicitlyNamedHiddenFilesAreRead) {
  optima::testing::TempDir dir;
  write_text_file(dir.path() / ".focus.csv", kFocusCsv);
  auto result = InputScanner().scan({dir.path() / ".focus.csv", dir.path() / ".focus.csv"});
  ASSERT_TRUE(result.is_ok());
  ASSERT_EQ(result->units.size(), 1u);
}

TEST(InputScannerTest, DetectSamplesParseCsvHeadersButNotJsonOrBinary) {
  optima::testing::TempDir dir;
  write_gzip_file(dir.path() / "a.csv.gz", "\xEF\xBB\xBF\"Billed,Cost\",B\r\n1,2\r\n");
  auto csv = read_detect_sample(dir.path() / "a.csv.gz");
  ASSERT_TRUE(csv.is_ok()) << csv.status().to_string();
  EXPECT_EQ(csv->header, (std::vector<std::string>{"Billed,Cost", "B"}));
  EXPECT_EQ(csv->head.substr(0, 3), "\xEF\xBB\xBF");

  write_text_file(dir.path() / "rows.jsonl", "  {\"a\":1}\n{\"a\":2}\n");
  auto jsonl = read_detect_sample(dir.path() / "rows.jsonl");
  ASSERT_TRUE(jsonl.is_ok());
  EXPECT_TRUE(jsonl->header.empty());
  EXPECT_EQ(jsonl->input().head, "  {\"a\":1}\n{\"a\":2}\n");

  auto parquet = read_detect_sample(
      optima::testing::shared_data("focus/validator-tests/samples/sample.parquet"));
  ASSERT_TRUE(parquet.is_ok());
  EXPECT_TRUE(parquet->header.empty());
  auto result = InputScanner().scan(
      {optima::testing::shared_data("focus/validator-tests/samples/sample.parquet")});
  ASSERT_TRUE(result.is_ok());
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_NE(result->errors[0].find("(binary content)"), std::string::npos);
}

TEST(RegistryTest, ListsReadersByUniqueNameAndFindsThem) {
  ASSERT_FALSE(all_readers().empty());
  std::vector<std::string> names;
  for (const auto& reader : all_readers()) names.emplace_back(reader->name());
  std::vector<std::string> sorted = names;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::unique(sorted.begin(), sorted.end()), sorted.end());
  EXPECT_EQ(names.back(), "focus");  // the generic format is detected last
  const Reader* focus = find_reader("focus");
  ASSERT_NE(focus, nullptr);
  EXPECT_FALSE(focus->description().empty());
  EXPECT_EQ(find_reader("nope"), nullptr);
}

}  // namespace
}  // namespace optima::ingest
