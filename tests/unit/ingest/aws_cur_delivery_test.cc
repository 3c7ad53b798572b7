// Planning S3 deliveries copied to disk: the latest CUR assembly per billing period, CUR 2.0
// export partitions, and manifests.
#include "optima/ingest/aws_cur_delivery.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "optima/ingest/aws_cur2_reader.h"
#include "optima/ingest/aws_cur_manifest.h"
#include "optima/ingest/aws_cur_reader.h"

#include "aws_cur_test_support.h"
#include "support/shared_data.h"

namespace optima::ingest {
namespace {

namespace fs = std::filesystem;

std::string legacy_part(const std::vector<std::pair<std::string, std::string>>& items) {
  std::string out =
      "identity/LineItemId,bill/PayerAccountId,bill/BillingPeriodStartDate,bill/"
      "BillingPeriodEndDate,"
      "lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/ProductCode,"
      "lineItem/CurrencyCode,lineItem/UnblendedCost\n";
  for (const auto& [id, cost] : items) {
    out += id +
           ",012345678901,2024-03-01T00:00:00Z,2024-04-01T00:00:00Z,Usage,2024-03-02T00:00:00Z,"
           "2024-03-02T01:00:00Z,AmazonS3,USD," +
           cost + "\n";
  }
  return out;
}

std::string cur2_part(const std::vector<std::pair<std::string, std::string>>& items) {
  std::string out =
      "identity_line_item_id,bill_payer_account_id,line_item_line_item_type,line_item_usage_start_"
      "date,"
      "line_item_usage_end_date,line_item_product_code,line_item_currency_code,line_item_unblended_"
      "cost,"
      "resource_tags\n";
  for (const auto& [id, cost] : items) {
    out += id +
           ",012345678901,Usage,2024-03-02T00:00:00.000Z,2024-03-02T01:00:00.000Z,AmazonS3,USD," +
           cost + ",\"{\"\"user_team\"\":\"\"data\"\"}\"\n";
  }
  return out;
}

std::string legacy_manifest(const std::string& assembly, const std::vector<std::string>& keys) {
  std::string list;
  for (const std::string& k : keys)
    list += (list.empty() ? "\"" : ",\"") + k + "\"";
  return R"({"assemblyId":")" + assembly +
         R"(","account":"012345678901","columns":[{"category":"identity","name":"LineItemId"},)"
         R"({"category":"lineItem","name":"UnblendedCost"}],"charset":"UTF-8","compression":"GZIP",)"
         R"("contentType":"text/csv","reportId":"abc","reportName":"myreport",)"
         R"("billingPeriod":{"start":"20240301T000000.000Z","end":"20240401T000000.000Z"},)"
         R"("bucket":"my-bucket","reportKeys":[)" +
         list + "]}";
}

void set_age(const fs::path& p, int hours_ago) {
  fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::hours(hours_ago));
}

std::vector<fs::path> all_files(const fs::path& root) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file())
      out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool any_note(const std::vector<std::string>& notes, std::string_view needle) {
  return std::any_of(notes.begin(), notes.end(),
                     [&](const std::string& n) { return n.find(needle) != std::string::npos; });
}

class AwsCurDeliveryTest : public ::testing::Test {
 protected:
  // <bucket>/cur/myreport/20240301-20240401/{asm-old,asm-new}/...
  void write_two_assemblies(bool period_manifest) {
    const std::string key_prefix = "cur/myreport/20240301-20240401/";
    testing::write_gzip(period_ / "asm-old" / "myreport-1.csv.gz",
                        legacy_part({{"a", "1.00"}, {"b", "2.00"}}));
    testing::write_text(period_ / "asm-old" / "myreport-Manifest.json",
                        legacy_manifest("asm-old", {key_prefix + "asm-old/myreport-1.csv.gz"}));
    testing::write_gzip(period_ / "asm-new" / "myreport-1.csv.gz", legacy_part({{"a", "1.50"}}));
    testing::write_gzip(period_ / "asm-new" / "myreport-2.csv.gz",
                        legacy_part({{"b", "2.50"}, {"c", "3.00"}}));
    const std::vector<std::string> new_keys = {key_prefix + "asm-new/myreport-1.csv.gz",
                                               key_prefix + "asm-new/myreport-2.csv.gz"};
    testing::write_text(period_ / "asm-new" / "myreport-Manifest.json",
                        legacy_manifest("asm-new", new_keys));
    if (period_manifest)
      testing::write_text(period_ / "myreport-Manifest.json", legacy_manifest("asm-new", new_keys));
  }

  optima::testing::TempDir dir_;
  fs::path period_ = dir_.path() / "my-bucket" / "cur" / "myreport" / "20240301-20240401";
};

TEST_F(AwsCurDeliveryTest, ReadsOnlyTheAssemblyThePeriodManifestNames) {
  write_two_assemblies(true);
  set_age(period_ / "asm-new", 5);
  set_age(period_ / "asm-old", 1);  // touched later, but the manifest decides
  std::vector<std::string> notes;
  const auto reader = make_aws_cur_reader();
  const auto units = reader->plan(all_files(dir_.path()), &notes);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].reader, "aws-cur");
  ASSERT_EQ(units[0].files.size(), 2u);
  EXPECT_EQ(units[0].files[0], period_ / "asm-new" / "myreport-1.csv.gz");
  EXPECT_EQ(units[0].files[1], period_ / "asm-new" / "myreport-2.csv.gz");
  EXPECT_NE(units[0].label.find("20240301-20240401 assembly asm-new"), std::string::npos)
      << units[0].label;
  EXPECT_TRUE(any_note(notes,
                       "older assembly asm-old ignored; assembly asm-new is the latest (the period "
                       "manifest names it)"))
      << (notes.empty() ? "" : notes[0]);

  const auto result = testing::read_with(*reader, units[0].files);
  ASSERT_TRUE(result.status.is_ok()) << result.status.to_string();
  EXPECT_EQ(result.report.rows_accepted, 3u);
  EXPECT_EQ(testing::sum(result.rows, "BilledCost"), testing::dec("7"));
}

TEST_F(AwsCurDeliveryTest, WithoutThePeriodManifestTheAssemblyModifiedLastWins) {
  write_two_assemblies(false);
  set_age(period_ / "asm-new", 1);
  set_age(period_ / "asm-old", 5);
  std::vector<std::string> notes;
  auto units = make_aws_cur_reader()->plan(all_files(dir_.path()), &notes);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].files.front().parent_path().filename(), "asm-new");
  EXPECT_TRUE(any_note(notes, "its folder was modified last"));

  set_age(period_ / "asm-new", 9);
  notes.clear();
  units = make_aws_cur_reader()->plan(all_files(dir_.path()), &notes);
  ASSERT_EQ(units.size(), 1u);
  ASSERT_EQ(units[0].files.size(), 1u);
  EXPECT_EQ(units[0].files.front().parent_path().filename(), "asm-old");
  EXPECT_TRUE(any_note(notes, "older assembly asm-new ignored"));
}

TEST_F(AwsCurDeliveryTest, ThePeriodManifestAloneLocatesItsParts) {
  write_two_assemblies(true);
  std::vector<std::string> notes;
  const auto units = make_aws_cur_reader()->plan({period_ / "myreport-Manifest.json"}, &notes);
  ASSERT_EQ(units.size(), 1u);
  ASSERT_EQ(units[0].files.size(), 2u);
  EXPECT_EQ(units[0].files[1], period_ / "asm-new" / "myreport-2.csv.gz");
}

TEST_F(AwsCurDeliveryTest, FallsBackWhenThePeriodManifestNamesAnAssemblyThatIsNotHere) {
  write_two_assemblies(true);
  fs::remove_all(period_ / "asm-new");
  std::vector<std::string> notes;
  const auto units = make_aws_cur_reader()->plan(all_files(dir_.path()), &notes);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].files.front(), period_ / "asm-old" / "myreport-1.csv.gz");
  EXPECT_TRUE(any_note(notes, "names assembly asm-new but none of its files is here"));
}

TEST_F(AwsCurDeliveryTest, OnePeriodPerUnitAndPartsInNumericOrder) {
  const fs::path april = period_.parent_path() / "20240401-20240501" / "asm-x";
  for (int part : {10, 2, 1}) {
    testing::write_gzip(april / ("myreport-" + std::to_string(part) + ".csv.gz"),
                        legacy_part({{"p" + std::to_string(part), "1"}}));
  }
  testing::write_gzip(period_ / "asm-y" / "myreport-1.csv.gz", legacy_part({{"m", "1"}}));
  std::vector<std::string> notes;
  const auto units = make_aws_cur_reader()->plan(all_files(dir_.path()), &notes);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_TRUE(notes.empty()) << notes.front();
  const auto& april_unit = units[0].files.size() == 3 ? units[0] : units[1];
  ASSERT_EQ(april_unit.files.size(), 3u);
  EXPECT_EQ(april_unit.files[0].filename(), "myreport-1.csv.gz");
  EXPECT_EQ(april_unit.files[1].filename(), "myreport-2.csv.gz");
  EXPECT_EQ(april_unit.files[2].filename(), "myreport-10.csv.gz");
}

TEST_F(AwsCurDeliveryTest, LooseFilesAreOneUnitEach) {
  const auto a = dir_.path() / "a.csv";
  const auto b = dir_.path() / "b.csv";
  testing::write_text(a, legacy_part({{"a", "1"}}));
  testing::write_text(b, legacy_part({{"b", "1"}}));
  std::vector<std::string> notes;
  const auto units = make_aws_cur_reader()->plan({a, b}, &notes);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].files, std::vector<fs::path>{a});
}

TEST(AwsCurManifestTest, ParsesLegacyManifestAndResolvesKeysAgainstTheLocalCopy) {
  optima::testing::TempDir dir;
  const fs::path period = dir.path() / "copy" / "myreport" / "20240301-20240401";
  testing::write_text(period / "asm-1" / "myreport-1.csv.gz", "x");
  const fs::path path = period / "myreport-Manifest.json";
  testing::write_text(
      path, legacy_manifest("asm-1", {"cur/myreport/20240301-20240401/asm-1/myreport-1.csv.gz"}));
  const auto manifest = read_cur_manifest(path);
  ASSERT_TRUE(manifest.is_ok()) << manifest.status().to_string();
  EXPECT_EQ(manifest->kind, CurManifestKind::kLegacy);
  EXPECT_EQ(manifest->assembly_id, "asm-1");
  EXPECT_EQ(manifest->report_name, "myreport");
  ASSERT_TRUE(manifest->billing_period.has_value());
  EXPECT_EQ(core::format_iso8601(manifest->billing_period->start), "2024-03-01T00:00:00Z");
  EXPECT_EQ(core::format_iso8601(manifest->billing_period->end), "2024-04-01T00:00:00Z");
  EXPECT_EQ(manifest->columns,
            (std::vector<std::string>{"identity/LineItemId", "lineItem/UnblendedCost"}));
  EXPECT_EQ(resolve_manifest_key(path, manifest->keys[0]), period / "asm-1" / "myreport-1.csv.gz");
  EXPECT_FALSE(parse_cur_manifest(path, "[1,2]").is_ok());
  EXPECT_FALSE(parse_cur_manifest(path, R"({"name":"x"})").is_ok());
  EXPECT_TRUE(is_cur_period_folder("20240301-20240401"));
  EXPECT_FALSE(is_cur_period_folder("2024-03"));
}

class AwsCur2ExportTest : public ::testing::Test {
 protected:
  optima::testing::TempDir dir_;
  fs::path export_ = dir_.path() / "prefix" / "myexport";
};

TEST_F(AwsCur2ExportTest, ReadsTheFilesTheExportManifestListsPerBillingPeriod) {
  const fs::path march = export_ / "data" / "BILLING_PERIOD=2024-03";
  testing::write_gzip(march / "myexport-00001.csv.gz", cur2_part({{"a", "1.25"}, {"b", "2"}}));
  testing::write_gzip(march / "stale-00001.csv.gz", cur2_part({{"old", "99"}}));
  testing::write_text(
      export_ / "metadata" / "BILLING_PERIOD=2024-03" / "myexport-Manifest.json",
      R"({"executionId":"e-1","exportName":"myexport",)"
      R"("billingPeriod":{"start":"2024-03-01T00:00:00.000Z","end":"2024-04-01T00:00:00.000Z"},)"
      R"("columns":[{"name":"line_item_unblended_cost","type":"double"}],)"
      R"("dataFiles":["s3://my-bucket/prefix/myexport/data/BILLING_PERIOD=2024-03/myexport-00001.csv.gz"]})");
  testing::write_gzip(export_ / "data" / "BILLING_PERIOD=2024-04" / "myexport-00001.csv.gz",
                      cur2_part({{"c", "3"}}));
  std::vector<std::string> notes;
  const auto reader = make_aws_cur2_reader();
  const auto units = reader->plan(all_files(dir_.path()), &notes);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].files, std::vector<fs::path>{march / "myexport-00001.csv.gz"});
  EXPECT_EQ(units[0].label, "CUR 2.0 export myexport BILLING_PERIOD=2024-03");
  EXPECT_TRUE(any_note(notes, "stale-00001.csv.gz ignored (not listed in the export manifest)"));
  EXPECT_EQ(units[1].files.size(), 1u);

  const auto result = testing::read_with(*reader, units[0].files);
  ASSERT_TRUE(result.status.is_ok()) << result.status.to_string();
  EXPECT_EQ(testing::sum(result.rows, "BilledCost"), testing::dec("3.25"));
  EXPECT_EQ(result.rows[0].at("Tags"), R"({"team":"data"})");
}

TEST_F(AwsCur2ExportTest, WithoutAManifestTheDeliveryFolderModifiedLastWins) {
  const fs::path march = export_ / "data" / "BILLING_PERIOD=2024-03";
  testing::write_gzip(march / "exec-1" / "myexport-00001.csv.gz", cur2_part({{"a", "1"}}));
  testing::write_gzip(march / "exec-2" / "myexport-00001.csv.gz", cur2_part({{"a", "2"}}));
  set_age(march / "exec-1", 1);
  set_age(march / "exec-2", 3);
  std::vector<std::string> notes;
  const auto units = make_aws_cur2_reader()->plan(all_files(dir_.path()), &notes);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].files, std::vector<fs::path>{march / "exec-1" / "myexport-00001.csv.gz"});
  EXPECT_TRUE(any_note(notes, "an older delivery folder"));
}

TEST_F(AwsCur2ExportTest, IgnoresTheManifestOfANonCurExport) {
  testing::write_text(export_ / "metadata" / "BILLING_PERIOD=2024-03" / "myexport-Manifest.json",
                      R"({"executionId":"e","columns":[{"name":"BilledCost"}],"dataFiles":[]})");
  std::vector<std::string> notes;
  const auto units = make_aws_cur2_reader()->plan(all_files(dir_.path()), &notes);
  EXPECT_TRUE(units.empty());
  EXPECT_TRUE(any_note(notes, "not CUR 2.0"));
}

}  // namespace
}  // namespace optima::ingest
