// Bad CUR input: bad cells become RowIssues naming row and column; broken files fail clearly.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "optima/ingest/aws_cur_reader.h"

#include "aws_cur_test_support.h"
#include "support/shared_data.h"

namespace optima::ingest {
namespace {

const std::vector<std::string> kHeader = {"identity/LineItemId",   "bill/PayerAccountId",
                                          "lineItem/LineItemType", "lineItem/UsageStartDate",
                                          "lineItem/UsageEndDate", "lineItem/ProductCode",
                                          "lineItem/CurrencyCode", "lineItem/UnblendedCost"};

std::map<std::string, std::string> line(const std::string& id, const std::string& cost,
                                        const std::string& start = "2024-03-01T00:00:00Z") {
  return {{"identity/LineItemId", id},
          {"bill/PayerAccountId", "012345678901"},
          {"lineItem/LineItemType", "Usage"},
          {"lineItem/UsageStartDate", start},
          {"lineItem/UsageEndDate", "2024-03-01T01:00:00Z"},
          {"lineItem/ProductCode", "AmazonS3"},
          {"lineItem/CurrencyCode", "USD"},
          {"lineItem/UnblendedCost", cost}};
}

class AwsCurBadInputTest : public ::testing::Test {
 protected:
  std::filesystem::path write(const std::string& name, const std::string& text) {
    const auto path = dir_.path() / name;
    testing::write_text(path, text);
    return path;
  }
  optima::testing::TempDir dir_;
};

TEST_F(AwsCurBadInputTest, BadDecimalCellIsARowIssueWithRowAndColumnInLenientMode) {
  const auto path = write(
      "bad.csv", testing::make_csv(kHeader, {line("a", "1.5"), line("b", "12,5"), line("c", "2")}));
  const auto result = testing::read_with(*make_aws_cur_reader(), {path});
  ASSERT_TRUE(result.status.is_ok()) << result.status.to_string();
  EXPECT_EQ(result.report.rows_read, 3u);
  EXPECT_EQ(result.report.rows_accepted, 2u);
  EXPECT_EQ(result.report.rows_skipped, 1u);
  ASSERT_EQ(result.report.issues.size(), 1u);
  const RowIssue& issue = result.report.issues[0];
  EXPECT_EQ(issue.file, path.string());
  EXPECT_EQ(issue.row, 2u);
  EXPECT_EQ(issue.line, 3u);
  EXPECT_EQ(issue.column, "lineItem/UnblendedCost");
  EXPECT_EQ(issue.expected, "decimal");
  EXPECT_EQ(issue.found, "12,5");
  EXPECT_EQ(issue.message(),
            path.string() +
                " row 2 (line 3), column lineItem/UnblendedCost: expected decimal, found '12,5'");
  EXPECT_EQ(testing::sum(result.rows, "BilledCost"), testing::dec("3.5"));
}

TEST_F(AwsCurBadInputTest, StrictModeFailsOnTheFirstBadRow) {
  const auto path =
      write("bad.csv", testing::make_csv(kHeader, {line("a", "1.5"), line("b", "N/A")}));
  ReadOptions options;
  options.strictness = Strictness::kStrict;
  const auto result = testing::read_with(*make_aws_cur_reader(), {path}, options);
  ASSERT_FALSE(result.status.is_ok());
  EXPECT_EQ(result.status.code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(result.status.message().find(
                "row 2 (line 3), column lineItem/UnblendedCost: expected decimal, found 'N/A'"),
            std::string::npos)
      << result.status.message();
}

TEST_F(AwsCurBadInputTest, SnakeCaseFilesNameTheirOwnColumnInIssues) {
  const std::string text =
      "bill_payer_account_id,line_item_line_item_type,line_item_usage_start_date,line_item_usage_"
      "end_date,"
      "line_item_currency_code,line_item_unblended_cost\n"
      "1,Usage,2024-03-01 00:00:00.000,2024-03-01 01:00:00.000,USD,oops\n";
  const auto result = testing::read_with(*make_aws_cur_reader(), {write("athena.csv", text)});
  ASSERT_TRUE(result.status.is_ok());
  ASSERT_EQ(result.report.issues.size(), 1u);
  EXPECT_EQ(result.report.issues[0].column, "line_item_unblended_cost");
}

TEST_F(AwsCurBadInputTest, BadDateAndWrongCellCountAreRowIssues) {
  std::string text = testing::make_csv(kHeader, {line("a", "1", "yesterday")});
  text += "x,1,Usage\n";
  const auto result = testing::read_with(*make_aws_cur_reader(), {write("bad.csv", text)});
  ASSERT_TRUE(result.status.is_ok());
  ASSERT_EQ(result.report.issues.size(), 2u);
  EXPECT_EQ(result.report.issues[0].column, "lineItem/UsageStartDate");
  EXPECT_EQ(result.report.issues[0].expected, "date/time");
  EXPECT_EQ(result.report.issues[0].found, "yesterday");
  EXPECT_EQ(result.report.issues[1].row, 2u);
  EXPECT_EQ(result.report.issues[1].expected, "8 cells (one per header column)");
  EXPECT_EQ(result.report.issues[1].found, "3 cells");
  EXPECT_EQ(result.report.rows_accepted, 0u);
}

TEST_F(AwsCurBadInputTest, TooManyBadRowsFailTheRead) {
  const auto path = write(
      "bad.csv", testing::make_csv(kHeader, {line("a", "x"), line("b", "y"), line("c", "z")}));
  ReadOptions options;
  options.max_bad_rows = 1;
  const auto result = testing::read_with(*make_aws_cur_reader(), {path}, options);
  ASSERT_FALSE(result.status.is_ok());
  EXPECT_EQ(result.status.code(), core::StatusCode::kResourceExhausted);
  EXPECT_LE(result.report.issues.size(), 2u);
}

TEST_F(AwsCurBadInputTest, GzipPartsReadLikePlainOnesAndATruncatedOneFailsNamingTheFile) {
  std::vector<std::map<std::string, std::string>> rows;
  for (int i = 0; i < 5000; ++i)
    rows.push_back(line("id-" + std::to_string(i), std::to_string(i) + ".25"));
  const std::string text = testing::make_csv(kHeader, rows);
  const auto good = dir_.path() / "report-1.csv.gz";
  testing::write_gzip(good, text);
  const auto full = testing::read_with(*make_aws_cur_reader(), {good});
  ASSERT_TRUE(full.status.is_ok()) << full.status.to_string();
  EXPECT_EQ(full.report.rows_accepted, 5000u);

  const auto bytes = std::filesystem::file_size(good);
  const auto cut = dir_.path() / "report-2.csv.gz";
  std::filesystem::copy_file(good, cut);
  std::filesystem::resize_file(cut, bytes / 2);
  const auto truncated = testing::read_with(*make_aws_cur_reader(), {cut});
  ASSERT_FALSE(truncated.status.is_ok());
  EXPECT_NE(truncated.status.message().find(cut.string()), std::string::npos)
      << truncated.status.message();
  EXPECT_NE(truncated.status.message().find("truncated"), std::string::npos)
      << truncated.status.message();
  EXPECT_LT(truncated.report.rows_read, 5000u);
}

TEST_F(AwsCurBadInputTest, FileWithoutTheRequiredColumnsIsNotACur) {
  const auto path = write("other.csv", "lineItem/UnblendedCost,foo\n1,2\n");
  const auto result = testing::read_with(*make_aws_cur_reader(), {path});
  ASSERT_FALSE(result.status.is_ok());
  EXPECT_NE(result.status.message().find(
                "not an AWS Cost and Usage Report: missing column(s) lineItem/LineItemType, "
                "lineItem/CurrencyCode, bill/PayerAccountId"),
            std::string::npos)
      << result.status.message();
}

TEST_F(AwsCurBadInputTest, ParquetPartsAreRefusedWithAClearError) {
  const auto path = write("report-1.snappy.parquet", "PAR1");
  const auto result = testing::read_with(*make_aws_cur_reader(), {path});
  ASSERT_FALSE(result.status.is_ok());
  EXPECT_EQ(result.status.code(), core::StatusCode::kUnimplemented);
}

TEST_F(AwsCurBadInputTest, HugeRateTimesAmountFallsBackInsteadOfOverflowing) {
  std::vector<std::string> header = kHeader;
  header.insert(header.end(), {"lineItem/UsageAmount", "pricing/publicOnDemandRate"});
  auto row = line("a", "5");
  row["lineItem/UsageAmount"] = "100000000000";
  row["pricing/publicOnDemandRate"] = "1000000000000";
  const auto result = testing::read_with(*make_aws_cur_reader(),
                                         {write("huge.csv", testing::make_csv(header, {row}))});
  ASSERT_TRUE(result.status.is_ok()) << result.status.to_string();
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0].at("ListCost"), "5");  // 1e23 does not fit: the billed cost stands in
}

// Found by aws_cur_reader_fuzzer: nlohmann's dump() threw on invalid UTF-8 in the cells that go
// into SkuPriceDetails and x_Discounts, which terminated the process.
TEST_F(AwsCurBadInputTest, InvalidUtf8InJsonBuiltCellsIsReplacedNotThrown) {
  std::vector<std::string> header = kHeader;
  header.insert(header.end(),
                {"product/instanceType", "discount/EdpDiscount", "discount/Bad\xFFName"});
  auto row = line("a", "5");
  row["product/instanceType"] = "t3\xFF";
  row["discount/EdpDiscount"] = "n\xC3/a";
  row["discount/Bad\xFFName"] = "-1";
  const auto result = testing::read_with(*make_aws_cur_reader(),
                                         {write("utf8.csv", testing::make_csv(header, {row}))});
  ASSERT_TRUE(result.status.is_ok()) << result.status.to_string();
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0].at("SkuPriceDetails"), "{\"InstanceType\":\"t3\xEF\xBF\xBD\"}");
  EXPECT_EQ(result.rows[0].at("x_Discounts"),
            "{\"EdpDiscount\":\"n\xEF\xBF\xBD/a\",\"Bad\xEF\xBF\xBDName\":-1}");
}

// Found while fuzzing (UBSan in the fuzz build): the unused parts of an RIFee (upfront + recurring)
// and of a SavingsPlanRecurringFee (commitment - used) overflowed Decimal's 128-bit range
// (undefined behaviour) when the amounts were near its ±1.7e20 limit.
TEST_F(AwsCurBadInputTest, UnusedCommitmentAmountsThatOverflowAreARowIssue) {
  std::vector<std::string> header = kHeader;
  header.insert(header.end(), {"reservation/ReservationARN",
                               "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
                               "reservation/UnusedRecurringFee", "savingsPlan/SavingsPlanARN",
                               "savingsPlan/TotalCommitmentToDate", "savingsPlan/UsedCommitment"});
  auto ri_fee = line("a", "1");
  ri_fee["lineItem/LineItemType"] = "RIFee";
  ri_fee["reservation/ReservationARN"] = "arn:aws:ec2:us-east-1:012345678901:reserved-instances/r";
  ri_fee["reservation/UnusedAmortizedUpfrontFeeForBillingPeriod"] = "100000000000000000000";
  ri_fee["reservation/UnusedRecurringFee"] = "100000000000000000000";
  auto sp_fee = line("b", "1");
  sp_fee["lineItem/LineItemType"] = "SavingsPlanRecurringFee";
  sp_fee["savingsPlan/SavingsPlanARN"] = "arn:aws:savingsplans::012345678901:savingsplan/s";
  sp_fee["savingsPlan/TotalCommitmentToDate"] = "100000000000000000000";
  sp_fee["savingsPlan/UsedCommitment"] = "-100000000000000000000";
  const auto result = testing::read_with(
      *make_aws_cur_reader(), {write("huge.csv", testing::make_csv(header, {ri_fee, sp_fee}))});
  ASSERT_TRUE(result.status.is_ok()) << result.status.to_string();
  EXPECT_EQ(result.report.rows_accepted, 0u);
  ASSERT_EQ(result.report.issues.size(), 2u);
  EXPECT_EQ(result.report.issues[0].column, "reservation/UnusedRecurringFee");
  EXPECT_EQ(result.report.issues[0].found, "100000000000000000000");
  EXPECT_EQ(result.report.issues[1].column, "savingsPlan/UsedCommitment");
  EXPECT_EQ(result.report.issues[1].found, "-100000000000000000000");
}

// Found by csv_reader_fuzzer: a file holding only a UTF-8 BOM read as a header with one empty
// column, so it failed as "not an AWS Cost and Usage Report" instead of being an empty file.
TEST_F(AwsCurBadInputTest, BomOnlyFileIsAnEmptyFile) {
  const auto result =
      testing::read_with(*make_aws_cur_reader(), {write("bom-only.csv", "\xEF\xBB\xBF")});
  ASSERT_TRUE(result.status.is_ok()) << result.status.to_string();
  EXPECT_TRUE(result.rows.empty());
  ASSERT_EQ(result.report.warnings.size(), 1u);
  EXPECT_NE(result.report.warnings[0].find("empty file (no header)"), std::string::npos);
}

TEST_F(AwsCurBadInputTest, MissingFileFailsNamingIt) {
  const auto result = testing::read_with(*make_aws_cur_reader(), {dir_.path() / "gone.csv.gz"});
  ASSERT_FALSE(result.status.is_ok());
  EXPECT_NE(result.status.message().find("gone.csv.gz"), std::string::npos);
}

}  // namespace
}  // namespace optima::ingest
