#include "optima/ingest/gcp_billing_csv_reader.h"

#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "optima/ingest/csv_reader.h"

#include "support/shared_data.h"
#include "unit/ingest/gcp_test_support.h"

namespace optima::ingest {
namespace {

using focus::Column;
using testing::CollectingSink;

const char* const kKokuSamples[] = {
    "billing/koku/gcp/202011_30c31bca571d9b7f3b2c8459dd8bc34a_2020-11-08_2020-11-11.csv",
    "billing/koku/gcp/2022-08-01_5.csv",
};

struct ReadResult {
  core::Status status;
  ReadReport report;
  CollectingSink sink;
};

ReadResult read_files(const std::vector<std::filesystem::path>& files, ReadOptions options = {}) {
  GcpBillingCsvReader reader;
  ReadResult result;
  const auto units = reader.plan(files, nullptr);
  EXPECT_EQ(units.size(), 1u);
  result.status = reader.read(units.at(0), options, result.sink, &result.report);
  return result;
}

// What the file says, computed from its raw text without the reader: the row count,
// Σ (cost + Σ credits.amount) and Σ cost, with credit amounts taken from the Python repr by a
// regular expression.
struct RawTotals {
  size_t rows = 0;
  core::Decimal net;
  core::Decimal cost;
};

RawTotals raw_totals(const std::filesystem::path& path) {
  RawTotals totals;
  auto csv = CsvReader::open(path.string());
  EXPECT_TRUE(csv.is_ok());
  std::vector<std::string_view> fields;
  EXPECT_TRUE(*(*csv)->next(&fields));
  const std::vector<std::string> header(fields.begin(), fields.end());
  const auto index_of = [&](const std::string& name) {
    return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const size_t cost_at = index_of("cost");
  const size_t credits_at = index_of("credits");
  const std::regex amount(R"('amount': (-?[0-9.eE+-]+))");
  while (*(*csv)->next(&fields)) {
    ++totals.rows;
    const core::Decimal cost = core::Decimal::from_string(fields[cost_at]).value();
    totals.cost += cost;
    totals.net += cost;
    const std::string credits(fields[credits_at]);
    for (auto it = std::sregex_iterator(credits.begin(), credits.end(), amount);
         it != std::sregex_iterator(); ++it) {
      totals.net += core::Decimal::from_string((*it)[1].str()).value();
    }
  }
  return totals;
}

TEST(GcpBillingCsvReaderTest, ReadsEveryKokuSampleAndReconcilesCosts) {
  for (const char* sample : kKokuSamples) {
    SCOPED_TRACE(sample);
    const auto path = optima::testing::shared_data(sample);
    const RawTotals expected = raw_totals(path);
    ASSERT_GT(expected.rows, 0u);
    ReadResult r = read_files({path});
    ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
    EXPECT_EQ(r.report.rows_read, expected.rows);
    EXPECT_EQ(r.report.rows_accepted, expected.rows);
    EXPECT_TRUE(r.report.issues.empty());
    EXPECT_EQ(r.sink.rows(), expected.rows);
    EXPECT_EQ(r.sink.sum(Column::kBilledCost), expected.net);
    EXPECT_EQ(r.sink.sum(Column::kEffectiveCost), expected.net);
    EXPECT_EQ(r.sink.sum(Column::kContractedCost), expected.cost);
    // koku's flattening has no cost_at_list: ListCost falls back to cost.
    EXPECT_EQ(r.sink.sum(Column::kListCost), expected.cost);
  }
}

TEST(GcpBillingCsvReaderTest, OneUnitOfSeveralFilesSumsEveryRowOfEveryFile) {
  std::vector<std::filesystem::path> paths;
  RawTotals expected;
  for (const char* sample : kKokuSamples) {
    paths.push_back(optima::testing::shared_data(sample));
    const RawTotals totals = raw_totals(paths.back());
    expected.rows += totals.rows;
    expected.net += totals.net;
    expected.cost += totals.cost;
  }
  ReadResult r = read_files(paths);
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.report.rows_accepted, expected.rows);
  EXPECT_EQ(r.sink.rows(), expected.rows);
  EXPECT_EQ(r.sink.sum(Column::kBilledCost), expected.net);
  EXPECT_EQ(r.sink.sum(Column::kContractedCost), expected.cost);
}

TEST(GcpBillingCsvReaderTest, MapsKokuRowsIncludingPromotionCreditsAndLabels) {
  ReadResult r = read_files({optima::testing::shared_data(kKokuSamples[0])});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  const CollectingSink& s = r.sink;
  // Row 1: Security Command Center, cost 5e-06 fully offset by a FreeTrial PROMOTION credit.
  EXPECT_EQ(s.cell(0, Column::kServiceName), "Security Command Center");
  EXPECT_EQ(s.cell(0, Column::kServiceCategory), "Security");
  EXPECT_EQ(s.cell(0, Column::kContractedCost), "0.000005");
  EXPECT_EQ(s.cell(0, Column::kBilledCost), "0");
  EXPECT_EQ(s.cell(0, Column::kPricingCategory), "Standard");
  EXPECT_EQ(s.cell(0, Column::kChargePeriodStart), "2020-11-09T23:00:00Z");
  EXPECT_EQ(s.cell(0, Column::kBillingPeriodStart), "2020-11-01T07:00:00Z");
  EXPECT_EQ(s.cell(0, Column::kBillingPeriodEnd), "2020-12-01T08:00:00Z");
  EXPECT_EQ(s.cell(0, Column::kConsumedQuantity), "24909");
  EXPECT_EQ(s.cell(0, Column::kConsumedUnit), "bytes");
  EXPECT_EQ(s.cell(0, Column::kPricingQuantity), "0.000023198314011097");
  EXPECT_EQ(s.cell(0, Column::kPricingUnit), "gibibyte");
  EXPECT_EQ(s.cell(0, Column::kSubAccountId), "billing-example-00000");
  EXPECT_EQ(s.cell(0, Column::kSubAccountName), "cloud-billing");
  EXPECT_EQ(s.cell(0, Column::kRegionId), "");
  EXPECT_EQ(s.extension(0, "x_Location"), "global");
  EXPECT_EQ(s.extension(0, "x_ExportTime"), "2020-11-10T05:49:32Z");
  EXPECT_EQ(
      s.extension(0, "x_Credits"),
      R"([{"name":"FreeTrial:Credit-000000-B0BBA4-940A77","amount":-0.000005,)"
      R"("full_name":null,"id":"FreeTrial:Credit-000000-B0BBA4-940A77","type":"PROMOTION"}])");
  // Row 4: a Google-applied resource label.
  EXPECT_EQ(s.cell(3, Column::kServiceName), "Stackdriver Logging");
  EXPECT_EQ(s.cell(3, Column::kServiceCategory), "Management and Governance");
  EXPECT_EQ(s.tags(3), R"({"goog-resource-type":"bigquery_resource"})");
}

TEST(GcpBillingCsvReaderTest, MapsKokuResourceAndRegionColumns) {
  ReadResult r = read_files({optima::testing::shared_data(kKokuSamples[1])});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.sink.cell(0, Column::kRegionId), "us-central1");
  EXPECT_EQ(r.sink.cell(0, Column::kRegionName), "Iowa");
  EXPECT_EQ(r.sink.cell(0, Column::kResourceName), "instance-1");
  EXPECT_EQ(r.sink.cell(0, Column::kResourceId), "//example");
  EXPECT_EQ(r.sink.cell(0, Column::kServiceCategory), "Compute");
  EXPECT_EQ(r.sink.cell(0, Column::kBillingPeriodStart), "2022-08-01T07:00:00Z");
}

std::filesystem::path write_text(const std::filesystem::path& dir, const std::string& name,
                                 const std::string& content) {
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

const char kHeader[] =
    "billing_account_id,service.id,service.description,sku.id,sku.description,usage_start_time,"
    "usage_end_time,project.id,project.name,project.labels,labels,system_labels,location.region,"
    "export_time,cost,currency,usage.amount,usage.unit,credits,invoice.month,cost_type,"
    "partition_date\n";

TEST(GcpBillingCsvReaderTest, ReportsBadListLiteralsAndFieldCountsWithTheirColumn) {
  optima::testing::TempDir dir;
  const std::string good =
      "01,S,Compute Engine,K,Core,2024-01-01 00:00:00+00:00,2024-01-01 01:00:00+00:00,p,P,"
      "\"[{'key': 'team', 'value': 'a'}]\",[],[],us-east1,2024-01-02 00:00:00+00:00,0.5,USD,1.0,"
      "hour,\"[{'name': 'x', 'amount': -0.25, 'full_name': None, 'id': 'x', 'type': "
      "'PROMOTION'}]\","
      "202401,regular,2024-01-01\n";
  const std::string bad_literal =
      "01,S,Compute Engine,K,Core,2024-01-01 01:00:00+00:00,2024-01-01 02:00:00+00:00,p,P,[],"
      "\"[{'key': 'team' 'value': 'a'}]\",[],us-east1,2024-01-02 00:00:00+00:00,0.5,USD,1.0,hour,"
      "[],202401,regular,2024-01-01\n";
  const std::string short_row = "01,S,Compute Engine\n";
  const std::string bad_cost =
      "01,S,Compute Engine,K,Core,2024-01-01 02:00:00+00:00,2024-01-01 03:00:00+00:00,p,P,[],[],[],"
      "us-east1,2024-01-02 00:00:00+00:00,N/A,USD,1.0,hour,[],202401,regular,2024-01-01\n";
  ReadResult r = read_files(
      {write_text(dir.path(), "koku.csv", kHeader + good + bad_literal + short_row + bad_cost)});
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.report.rows_read, 4u);
  EXPECT_EQ(r.report.rows_accepted, 1u);
  EXPECT_EQ(r.sink.cell(0, Column::kBilledCost), "0.25");
  EXPECT_EQ(r.sink.tags(0), R"({"team":"a"})");
  ASSERT_EQ(r.report.issues.size(), 3u);
  EXPECT_EQ(r.report.issues[0].column, "labels");
  EXPECT_EQ(r.report.issues[0].line, 3u);
  EXPECT_NE(r.report.issues[0].found.find("invalid list literal in the cell, column 17: expected "
                                          "',' or '}' after object member"),
            std::string::npos)
      << r.report.issues[0].found;
  EXPECT_EQ(r.report.issues[1].expected, "22 fields as in the header");
  EXPECT_EQ(r.report.issues[2].column, "cost");
  EXPECT_EQ(r.report.issues[2].found, "N/A");
}

TEST(GcpBillingCsvReaderTest, HeaderWithoutRequiredColumnsFails) {
  optima::testing::TempDir dir;
  const auto path = write_text(dir.path(), "x.csv", "billing_account_id,cost\n01,1\n");
  ReadResult r = read_files({path});
  ASSERT_FALSE(r.status.is_ok());
  EXPECT_NE(r.status.message().find("the header lacks the column 'service.description'"),
            std::string::npos)
      << r.status.message();
}

TEST(GcpBillingCsvReaderTest, DetectsKokuHeadersOnly) {
  GcpBillingCsvReader reader;
  auto header_of = [](const std::filesystem::path& path) {
    auto csv = CsvReader::open(path.string());
    std::vector<std::string_view> fields;
    EXPECT_TRUE(*(*csv)->next(&fields));
    return std::vector<std::string>(fields.begin(), fields.end());
  };
  for (const char* sample : kKokuSamples) {
    const auto path = optima::testing::shared_data(sample);
    EXPECT_TRUE(reader.detect({path, {}, header_of(path)})) << sample;
  }
  EXPECT_FALSE(reader.detect(
      {"focus.csv", {}, {"BilledCost", "BillingAccountId", "ChargePeriodStart", "ServiceName"}}));
  EXPECT_EQ(make_gcp_billing_csv_reader()->name(), "gcp-billing-csv");
}

}  // namespace
}  // namespace optima::ingest
