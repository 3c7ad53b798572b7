// ingest(export(x)) = x: every row that came in through a provider reader and went out as FOCUS
// 1.2 CSV comes back identical when the export is ingested again and exported once more.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "optima/ingest/csv_reader.h"
#include "support/run_command.h"
#include "support/shared_data.h"

namespace optima {
namespace {

using testing::run_command;
using testing::shared_data;
using testing::TempDir;

std::vector<std::string> cli(const std::filesystem::path& data, std::vector<std::string> args) {
  std::vector<std::string> argv = {OPTIMA_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--data-dir");
  argv.push_back(data.string());
  return argv;
}

// Records of a CSV file (header first), each record's fields joined by a unit separator,
// data records sorted so row order does not matter.
std::vector<std::string> sorted_records(const std::filesystem::path& path) {
  auto reader = ingest::CsvReader::open(path.string());
  EXPECT_TRUE(reader.is_ok());
  std::vector<std::string> records;
  std::vector<std::string_view> fields;
  while (true) {
    auto more = (*reader)->next(&fields);
    EXPECT_TRUE(more.is_ok());
    if (!more.is_ok() || !*more) break;
    std::string joined;
    for (auto f : fields) {
      joined.append(f);
      joined.push_back('\x1f');
    }
    records.push_back(std::move(joined));
  }
  if (!records.empty()) std::sort(records.begin() + 1, records.end());
  return records;
}

TEST(ExportRoundTripTest, EveryProviderSampleSurvivesExportAndReingest) {
  TempDir dir;
  const auto first = dir.path() / "first";
  const auto second = dir.path() / "second";
  auto ingest = run_command(cli(first, {"ingest", "--json",
      shared_data("billing/focus-spec-examples/v1.2").string(),
      shared_data("billing/focus-converters/test-fixtures/aws").string(),
      shared_data("billing/koku/aws/2023-06-01.csv").string(),
      shared_data("billing/ms-finops-toolkit/cost-exports").string(),
      shared_data("billing/koku/gcp").string()}));
  ASSERT_EQ(ingest.exit_code, 0) << ingest.out << ingest.err;
  auto summary = nlohmann::json::parse(ingest.out);
  ASSERT_GE(summary["sources"].size(), 4u);
  const auto export1 = dir.path() / "export1.csv";
  const auto export2 = dir.path() / "export2.csv";
  ASSERT_EQ(run_command(cli(first, {"export", "--format", "focus-csv", "--out", export1.string()})).exit_code, 0);
  auto reingest = run_command(cli(second, {"ingest", "--strict", "--json", export1.string()}));
  ASSERT_EQ(reingest.exit_code, 0) << reingest.out << reingest.err;
  EXPECT_EQ(nlohmann::json::parse(reingest.out)["rows_accepted"], summary["rows_accepted"]);
  ASSERT_EQ(run_command(cli(second, {"export", "--format", "focus-csv", "--out", export2.string()})).exit_code, 0);
  const auto a = sorted_records(export1);
  const auto b = sorted_records(export2);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_GT(a.size(), 1000u);
  for (size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i], b[i]) << "record " << i << " differs after the round trip";
  }
}

TEST(ExportRoundTripTest, ExportFiltersByTimeRangeAndDimension) {
  TempDir dir;
  const auto data = dir.path() / "data";
  ASSERT_EQ(run_command(cli(data, {"ingest", shared_data("billing/focus-converters/test-fixtures/aws").string()})).exit_code, 0);
  const auto out = dir.path() / "s3-glue.csv";
  auto r = run_command(cli(data, {"export", "--json", "--out", out.string(), "--filter",
                                  "ServiceName=Amazon Simple Storage Service,AWS Glue"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto all = run_command(cli(data, {"export", "--json", "--out", (dir.path() / "all.csv").string()}));
  const auto filtered_rows = nlohmann::json::parse(r.out)["rows"].get<int>();
  const auto all_rows = nlohmann::json::parse(all.out)["rows"].get<int>();
  EXPECT_EQ(filtered_rows, 799 + 99);
  EXPECT_LT(filtered_rows, all_rows);
  auto bad = run_command(cli(data, {"export", "--out", out.string(), "--filter", "NoSuchColumn=1"}));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("NoSuchColumn"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace optima
