#include "optima/ingest/focus_csv_reader.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "optima/core/strings.h"

#include "support/shared_data.h"
#include "unit/ingest/ingest_test_support.h"

namespace optima::ingest {
namespace {

namespace fs = std::filesystem;
using focus::Column;
using testing::CollectingSink;
using testing::csv_line;
using testing::write_gzip_file;
using testing::write_text_file;

struct ReadResult {
  core::Status status;
  ReadReport report;
  CollectingSink sink;
};

ReadResult read_focus(const fs::path& path, ReadOptions options = {},
                      FocusCsvReaderOptions reader_options = {}) {
  ReadResult result;
  FocusCsvReader reader(reader_options);
  result.status =
      reader.read(InputUnit{"focus", {path}, path.string()}, options, result.sink, &result.report);
  return result;
}

bool has_warning(const ReadReport& report, std::string_view text) {
  for (const std::string& w : report.warnings) {
    if (w.find(text) != std::string::npos) return true;
  }
  return false;
}

// --- An independent reading of the raw text, for reconciling the reader's sums. ---

struct RawCsv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // blank lines dropped
};

RawCsv raw_csv(std::string text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(cell);
      cell.clear();
    } else if (c == '\n') {
      record.push_back(cell);
      cell.clear();
      records.push_back(record);
      record.clear();
    } else if (c != '\r') {
      cell += c;
    }
  }
  if (!cell.empty() || !record.empty()) {
    record.push_back(cell);
    records.push_back(record);
  }
  RawCsv out;
  out.header = records.front();
  for (size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() == 1 && records[r][0].empty()) continue;
    out.rows.push_back(records[r]);
  }
  return out;
}

// Σ of a column from the raw cells: currency symbols, separators and spaces removed, nulls
// skipped.
core::Decimal raw_sum(const RawCsv& csv, const std::string& column) {
  const auto it = std::find(csv.header.begin(), csv.header.end(), column);
  if (it == csv.header.end()) return core::Decimal();
  const auto index = static_cast<size_t>(it - csv.header.begin());
  core::Decimal total;
  for (const auto& row : csv.rows) {
    std::string v;
    for (char c : row[index]) {
      if (c != '$' && c != ',' && c != ' ') v += c;
    }
    if (v.empty() || core::iequals(v, "null")) continue;
    auto d = core::Decimal::from_string(v);
    EXPECT_TRUE(d.is_ok()) << column << " '" << row[index] << "'";
    if (d.is_ok()) total += *d;
  }
  return total;
}

// The first cell of a row shaped YYYY-MM-DDTHH:MM:SSZ whose hour is impossible, as
// (column, text); two spec examples have ChargePeriodEnd "2023-02-01T30:00:00Z".
std::pair<std::string, std::string> impossible_hour(const RawCsv& csv,
                                                    const std::vector<std::string>& row) {
  for (size_t i = 0; i < row.size(); ++i) {
    const std::string& c = row[i];
    if (c.size() == 20 && c[10] == 'T' && c[13] == ':' && (c[11] - '0') * 10 + (c[12] - '0') > 23) {
      return {csv.header[i], c};
    }
  }
  return {};
}

std::vector<fs::path> csv_files_under(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".csv")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// --- The FOCUS 1.2 specification's example files. ---

TEST(FocusCsvReaderTest, ReadsEverySpecExampleFileWithExactSums) {
  const auto files =
      csv_files_under(optima::testing::shared_data("billing/focus-spec-examples/v1.2"));
  ASSERT_EQ(files.size(), 26u);
  size_t files_with_bad_rows = 0;
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.filename().string());
    RawCsv raw = raw_csv(testing::read_text_file(file));
    // Rows the spec itself got wrong are reported, not read: split them off independently.
    std::vector<std::pair<uint64_t, std::pair<std::string, std::string>>> expected_issues;
    RawCsv good = raw;
    good.rows.clear();
    for (size_t i = 0; i < raw.rows.size(); ++i) {
      const auto bad = impossible_hour(raw, raw.rows[i]);
      if (bad.first.empty()) {
        good.rows.push_back(raw.rows[i]);
      } else {
        expected_issues.emplace_back(i + 1, bad);
      }
    }
    files_with_bad_rows += expected_issues.empty() ? 0 : 1;
    ReadResult r = read_focus(file);
    ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
    ASSERT_EQ(r.report.issues.size(), expected_issues.size());
    for (size_t i = 0; i < expected_issues.size(); ++i) {
      EXPECT_EQ(r.report.issues[i].row, expected_issues[i].first);
      EXPECT_EQ(r.report.issues[i].column, expected_issues[i].second.first);
      EXPECT_EQ(r.report.issues[i].found, expected_issues[i].second.second);
    }
    EXPECT_EQ(r.report.rows_read, raw.rows.size());
    EXPECT_EQ(r.report.rows_accepted, good.rows.size());
    EXPECT_EQ(r.sink.rows(), good.rows.size());
    EXPECT_EQ(r.sink.sum(Column::kBilledCost), raw_sum(good, "BilledCost"));
    EXPECT_EQ(r.sink.sum(Column::kEffectiveCost), raw_sum(good, "EffectiveCost"));
    EXPECT_EQ(r.sink.sum(Column::kListCost), raw_sum(good, "ListCost"));
  }
  // commitment_discount_purchase_scenario_2/3 end a charge period at "2023-02-01T30:00:00Z".
  EXPECT_EQ(files_with_bad_rows, 2u);
}

TEST(FocusCsvReaderTest, ColumnsAbsentFromTheFileAreNotPresent) {
  const fs::path file = optima::testing::shared_data(
      "billing/focus-spec-examples/v1.2/commitment_discount_flexibility/"
      "one_hundred_percent_utilization_with_commitment_discount_flexibility_with_1_resource.csv");
  ReadResult r = read_focus(file);
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  ASSERT_EQ(r.sink.tables.size(), 1u);
  const focus::Table& t = r.sink.tables[0];
  EXPECT_TRUE(t.present(Column::kBilledCost));
  EXPECT_TRUE(t.present(Column::kSkuPriceId));  // written "SkuPriceid"
  EXPECT_FALSE(t.present(Column::kTags));
  EXPECT_FALSE(t.present(Column::kServiceName));
  EXPECT_FALSE(t.present(Column::kBillingCurrency));
  ASSERT_NE(t.extension("x_CommitmentDiscountUnitPrice"), nullptr);
  EXPECT_EQ(t.extension("x_CommitmentDiscountUnitPrice")->data.value(0), "0.50");
  // "null" literals are null; the purchase row has no consumption.
  EXPECT_TRUE(t.decimals(Column::kConsumedQuantity).is_null(0));
  EXPECT_TRUE(t.strings(Column::kConsumedUnit).is_null(0));
  EXPECT_EQ(t.strings(Column::kSkuPriceId).value(0), "VM_SMALL_COMMITTED_PURCHASE_NO_UPFRONT");
  EXPECT_EQ(t.cell_text(0, Column::kBillingPeriodEnd), "2023-02-01T00:00:00Z");
  // Rows are separated by blank lines in this file, which are not rows.
  EXPECT_EQ(r.report.rows_read, 3u);
}

TEST(FocusCsvReaderTest, ReadsSpreadsheetFormattedNumbersAndTwoDigitYearsWithAWarning) {
  const fs::path file = optima::testing::shared_data(
      "billing/focus-spec-examples/v1.2/saas_examples/simple_agreements/"
      "simple_saas_agreements_c.csv");
  ReadResult r = read_focus(file);
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  const focus::Table& t = r.sink.tables.at(0);
  EXPECT_EQ(t.cell_text(0, Column::kBilledCost), "10100");
  EXPECT_EQ(t.cell_text(0, Column::kContractedUnitPrice), "20");
  EXPECT_EQ(t.cell_text(0, Column::kBillingPeriodStart), "2025-04-01T00:00:00Z");
  EXPECT_TRUE(has_warning(r.report, "numbers written with a currency symbol"));
  EXPECT_TRUE(has_warning(r.report, "'$10,100.00 ' as 10100"));
}

TEST(FocusCsvReaderTest, ReadsFilesWithBomAndNoFinalNewline) {
  const fs::path file = optima::testing::shared_data(
      "billing/focus-spec-examples/v1.2/saas_examples/virtual_currency_pricing_model_a2.csv");
  ASSERT_EQ(testing::read_text_file(file).back(), '1');
  ReadResult r = read_focus(file);
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.report.rows_accepted, 3u);
  const focus::Table& t = r.sink.tables.at(0);
  EXPECT_TRUE(t.present(Column::kBilledCost));  // the first header name, after the BOM
  EXPECT_EQ(t.strings(Column::kSkuPriceId).value(2), "78314-1");
  EXPECT_EQ(t.strings(Column::kPricingCurrency).value(0), "Token");
  EXPECT_EQ(t.cell_text(1, Column::kPricingCurrencyEffectiveCost), "10");
}

TEST(FocusCsvReaderTest, GzipFileReadsLikeThePlainOne) {
  optima::testing::TempDir dir;
  const fs::path plain = optima::testing::shared_data(
      "billing/focus-spec-examples/v1.2/saas_examples/spend_agreements/"
      "saas_spend_agreements_b2.csv");
  const fs::path gz = dir.path() / "b2.csv.gz";
  write_gzip_file(gz, testing::read_text_file(plain));
  ReadResult a = read_focus(plain);
  ReadResult b = read_focus(gz);
  ASSERT_TRUE(a.status.is_ok());
  ASSERT_TRUE(b.status.is_ok()) << b.status.to_string();
  EXPECT_EQ(b.report.rows_accepted, 14u);
  EXPECT_EQ(a.sink.row_texts(), b.sink.row_texts());
}

// --- The FinOps Foundation validator's sample files (deliberately bad values). ---

TEST(FocusCsvReaderTest, ValidatorSamplesReadOrFailWithRowAndColumn) {
  const fs::path dir = optima::testing::shared_data("focus/validator-tests/samples");
  FocusCsvReader reader;
  std::map<std::string, int> seen;
  for (const fs::path& file : csv_files_under(dir)) {
    const std::string name = file.filename().string();
    SCOPED_TRACE(name);
    ++seen[name];
    ReadResult r = read_focus(file);
    if (name == "all_pass_0.5.csv") {
      ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
      EXPECT_EQ(r.report.rows_accepted, 2u);
      const focus::Table& t = r.sink.tables.at(0);
      EXPECT_EQ(t.strings(Column::kChargeCategory).value(0), "Purchase");
      EXPECT_EQ(t.cell_text(0, Column::kEffectiveCost), "0.01");       // AmortizedCost
      EXPECT_EQ(t.strings(Column::kRegionId).value(1), "B");           // Region
      EXPECT_EQ(t.strings(Column::kResourceId).value(0), "r1");        // ResourceID
      EXPECT_EQ(t.strings(Column::kProviderName).value(0), "A");       // Provider
      EXPECT_TRUE(t.strings(Column::kBillingAccountName).is_null(1));  // NULL
      ASSERT_NE(t.extension("BilledCurrency"), nullptr);
      EXPECT_TRUE(has_warning(r.report, "ChargeType as ChargeCategory"));
      EXPECT_TRUE(has_warning(r.report, "own names: BilledCurrency"));
    } else if (name == "fail_charge_type_bad_value.csv" ||
               name == "multiple_failure_examples.csv") {
      ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
      EXPECT_EQ(r.report.rows_accepted, 0u);
      ASSERT_EQ(r.report.issues.size(), 3u);
      for (uint64_t i = 0; i < 3; ++i) {
        const RowIssue& issue = r.report.issues[i];
        EXPECT_EQ(issue.row, i + 1);
        EXPECT_EQ(issue.line, i + 2);
        EXPECT_EQ(issue.column, "ChargeType");
        EXPECT_EQ(issue.found, std::string(1, static_cast<char>('a' + i)));
      }
      EXPECT_EQ(r.report.issues[0].message(),
                file.string() +
                    " row 1 (line 2), column ChargeType: expected one of Usage, "
                    "Purchase, Tax, Credit or Adjustment, found 'a'");
    } else if (name == "billedCostTest.csv") {
      ASSERT_TRUE(r.status.is_ok());
      ASSERT_EQ(r.report.issues.size(), 2u);
      EXPECT_EQ(r.report.issues[1].row, 2u);
      EXPECT_EQ(r.report.issues[1].column, "InvoiceIssuerName");
      EXPECT_NE(r.report.issues[1].message().find("the row has 2 fields but the header has 3"),
                std::string::npos);
      EXPECT_TRUE(reader.detect(
          DetectInput{file, "", {"BilledCost", " ProviderName", " InvoiceIssuerName"}}));
    } else if (name == "fail_invoice_issuer.csv") {
      ASSERT_TRUE(r.status.is_ok());
      EXPECT_EQ(r.report.rows_accepted, 2u);
      EXPECT_EQ(r.sink.tables.at(0).strings(Column::kAvailabilityZone).value(0), "1.2");
      EXPECT_EQ(r.sink.sum(Column::kBilledCost).to_string(), "100.85");
    } else if (name == "listUnitPriceTest.csv") {
      ASSERT_TRUE(r.status.is_ok());
      EXPECT_EQ(r.report.rows_accepted, 2u);
      EXPECT_TRUE(has_warning(r.report, "without a name are ignored: column 2"));
    } else if (name == "all_fail.csv" || name == "multiple_failure_example_namespaced.csv") {
      ASSERT_FALSE(r.status.is_ok());
      EXPECT_NE(r.status.message().find("no header column is a FOCUS column"), std::string::npos)
          << r.status.message();
    } else {
      ADD_FAILURE() << "no expectation for " << name;
    }
  }
  EXPECT_EQ(seen.size(), 8u);
}

// --- Bad cells, strict and lenient. ---

const char* kSmallHeader =
    "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,"
    "BilledCost,EffectiveCost,ServiceName,Tags\n";

std::string small_row(const std::string& billed, const std::string& tags = "{}",
                      const std::string& start = "2024-01-01T00:00:00Z") {
  return csv_line({"2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z", start, "2024-01-01T01:00:00Z",
                   "Usage", billed, billed, "Compute Engine", tags});
}

TEST(FocusCsvReaderTest, LenientModeSkipsABadCellAndReportsRowLineAndColumn) {
  optima::testing::TempDir dir;
  const fs::path file = dir.path() / "bad.csv";
  write_text_file(file, std::string(kSmallHeader) + small_row("1.5") +
                            small_row("2.5", "{\"note\":\"two\nlines\"}") + small_row("N/A") +
                            small_row("4"));
  ReadResult r = read_focus(file);
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_EQ(r.report.rows_read, 4u);
  EXPECT_EQ(r.report.rows_accepted, 3u);
  EXPECT_EQ(r.report.rows_skipped, 1u);
  ASSERT_EQ(r.report.issues.size(), 1u);
  const RowIssue& issue = r.report.issues[0];
  EXPECT_EQ(issue.row, 3u);
  EXPECT_EQ(issue.line, 5u);  // the second row spans two lines
  EXPECT_EQ(issue.column, "BilledCost");
  EXPECT_EQ(issue.message(), file.string() +
                                 " row 3 (line 5), column BilledCost: expected a decimal number, "
                                 "found 'N/A'");
  EXPECT_EQ(r.sink.sum(Column::kBilledCost).to_string(), "8");
  EXPECT_EQ(r.sink.tables.at(0).tags_json(1), "{\"note\":\"two\\nlines\"}");
}

TEST(FocusCsvReaderTest, StrictModeFailsOnTheFirstBadCell) {
  optima::testing::TempDir dir;
  const fs::path file = dir.path() / "bad.csv";
  write_text_file(file, std::string(kSmallHeader) + small_row("1") +
                            small_row("2", "{}", "2024-13-01T00:00:00Z") + small_row("x"));
  ReadOptions options;
  options.strictness = Strictness::kStrict;
  ReadResult r = read_focus(file, options);
  ASSERT_FALSE(r.status.is_ok());
  EXPECT_EQ(r.status.code(), core::StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status.message(),
            file.string() +
                " row 2 (line 3), column ChargePeriodStart: expected a date/time (ISO 8601 UTC, "
                "e.g. 2024-01-31T00:00:00Z), found '2024-13-01T00:00:00Z'");
  ASSERT_EQ(r.report.issues.size(), 1u);
}

TEST(FocusCsvReaderTest, TooManyBadRowsFailTheLenientRead) {
  optima::testing::TempDir dir;
  const fs::path file = dir.path() / "bad.csv";
  std::string text = kSmallHeader;
  for (int i = 0; i < 5; ++i) text += small_row("bad");
  write_text_file(file, text);
  ReadOptions options;
  options.max_bad_rows = 3;
  ReadResult r = read_focus(file, options);
  ASSERT_FALSE(r.status.is_ok());
  EXPECT_EQ(r.status.code(), core::StatusCode::kResourceExhausted);
  EXPECT_NE(r.status.message().find("more than 3 bad rows"), std::string::npos);
  EXPECT_EQ(r.report.issues.size(), 4u);
}

TEST(FocusCsvReaderTest, BadTagsAreRowIssuesNamingTheProblem) {
  optima::testing::TempDir dir;
  const fs::path file = dir.path() / "tags.csv";
  write_text_file(file, std::string(kSmallHeader) + small_row("1", "{\"a\":{\"b\":1}}") +
                            small_row("1", "{\"a\" 1}") +
                            small_row("1", "{\"ok\":true,\"n\":2.50,\"none\":null}"));
  ReadResult r = read_focus(file);
  ASSERT_TRUE(r.status.is_ok());
  ASSERT_EQ(r.report.issues.size(), 2u);
  EXPECT_EQ(r.report.issues[0].column, "Tags");
  EXPECT_NE(r.report.issues[0].expected.find("nested object or array as the value of key 'a'"),
            std::string::npos);
  EXPECT_NE(r.report.issues[1].expected.find("expected ':' at offset 5"), std::string::npos);
  EXPECT_EQ(r.sink.tables.at(0).tags_json(0), "{\"n\":\"2.50\",\"none\":\"\",\"ok\":\"true\"}");
}

TEST(FocusCsvReaderTest, SpreadsheetNumbersNeedUnambiguousSeparators) {
  optima::testing::TempDir dir;
  const fs::path file = dir.path() / "n.csv";
  write_text_file(file, std::string(kSmallHeader) + small_row("$1,000") + small_row("(12.50)") +
                            small_row(" 7 ") + small_row("1,234.5") + small_row("1,000") +
                            small_row("1,00.0") + small_row("$"));
  ReadResult r = read_focus(file);
  ASSERT_TRUE(r.status.is_ok());
  EXPECT_EQ(r.report.rows_accepted, 4u);
  ASSERT_EQ(r.report.issues.size(), 3u);
  EXPECT_EQ(r.report.issues[0].found, "1,000");
  EXPECT_EQ(r.sink.sum(Column::kBilledCost).to_string(), "2229");  // 1000 - 12.5 + 7 + 1234.5
}

TEST(FocusCsvReaderTest, CustomNullLiteralsAndEmptyCellsAreNull) {
  optima::testing::TempDir dir;
  const fs::path file = dir.path() / "n.csv";
  write_text_file(file, std::string(kSmallHeader) +
                            csv_line({"2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z",
                                      "2024-01-01T00:00:00Z", "N/A", "Usage", "1", "", "", ""}));
  ReadOptions options;
  options.null_literals = {"N/A"};
  ReadResult r = read_focus(file, options);
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  const focus::Table& t = r.sink.tables.at(0);
  EXPECT_TRUE(t.times(Column::kChargePeriodEnd).is_null(0));
  EXPECT_TRUE(t.decimals(Column::kEffectiveCost).is_null(0));
  EXPECT_TRUE(t.strings(Column::kServiceName).is_null(0));
  EXPECT_TRUE(t.present(Column::kTags));
  EXPECT_EQ(t.tags_json(0), "{}");
}

TEST(FocusCsvReaderTest, MalformedFilesFailWithFileAndLine) {
  optima::testing::TempDir dir;
  const fs::path empty = dir.path() / "empty.csv";
  write_text_file(empty, "");
  ReadResult r1 = read_focus(empty);
  ASSERT_FALSE(r1.status.is_ok());
  EXPECT_NE(r1.status.message().find("empty.csv: the file is empty"), std::string::npos);

  const fs::path open_quote = dir.path() / "quote.csv";
  write_text_file(open_quote, std::string(kSmallHeader) + small_row("1") + "2024,\"never closed\n");
  ReadResult r2 = read_focus(open_quote);
  ASSERT_FALSE(r2.status.is_ok());
  EXPECT_NE(r2.status.message().find("quote.csv line 3: quoted field is never closed"),
            std::string::npos)
      << r2.status.message();

  const fs::path header_only = dir.path() / "header.csv";
  write_text_file(header_only, kSmallHeader);
  ReadResult r3 = read_focus(header_only);
  ASSERT_TRUE(r3.status.is_ok());
  EXPECT_EQ(r3.report.rows_read, 0u);
  EXPECT_TRUE(r3.sink.tables.empty());

  ReadResult r4 = read_focus(dir.path() / "missing.csv");
  ASSERT_FALSE(r4.status.is_ok());
  EXPECT_NE(r4.status.message().find("missing.csv"), std::string::npos);
}

TEST(FocusCsvReaderTest, SinkErrorsStopTheRead) {
  class FailingSink final : public TableSink {
   public:
    core::Status consume(focus::Table) override { return core::io_error("disk full"); }
  };
  optima::testing::TempDir dir;
  const fs::path file = dir.path() / "a.csv";
  write_text_file(file, std::string(kSmallHeader) + small_row("1"));
  FailingSink sink;
  ReadReport report;
  const core::Status status =
      FocusCsvReader().read(InputUnit{"focus", {file}, "a"}, ReadOptions{}, sink, &report);
  EXPECT_EQ(status.code(), core::StatusCode::kIoError);
}

// --- Provider dialects, built from their documented column sets. ---

// Column ids and data types of a FOCUS version, from the spec's column metadata.
std::vector<std::pair<std::string, std::string>> focus_version_columns(const std::string& version) {
  const std::string text = testing::read_text_file(
      optima::testing::shared_data("focus/focus_columns_v" + version + ".json"));
  auto json = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [id, spec] : json.items()) out.emplace_back(id, spec.value("Data type", ""));
  return out;
}

// Column names and types of an Azure Cost Management export schema.
std::vector<std::pair<std::string, std::string>> azure_export_columns(const std::string& file) {
  const std::string text = testing::read_text_file(
      optima::testing::shared_data("billing/ms-finops-toolkit/export-schemas/" + file));
  auto json = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& mapping : json["translator"]["mappings"]) {
    out.emplace_back(mapping["source"]["name"].get<std::string>(),
                     mapping["source"]["type"].get<std::string>());
  }
  return out;
}

// A plausible cell for a column: valid values for FOCUS columns, overridable per name.
std::string cell_for(const std::string& name, const std::string& type, int row,
                     const std::map<std::string, std::string>& overrides) {
  if (auto it = overrides.find(name); it != overrides.end()) return it->second;
  if (name == "ChargeCategory" || name == "ChargeType") return "Usage";
  if (name == "ChargeClass") return "";
  if (name == "ChargeFrequency") return "Usage-Based";
  if (name == "PricingCategory") return "Standard";
  if (name == "CommitmentDiscountCategory") return "Spend";
  if (name == "CommitmentDiscountStatus" || name == "CapacityReservationStatus") return "Used";
  if (name == "Tags") return "{\"env\":\"prod\"}";
  if (name == "SkuPriceDetails" || name == "x_SkuDetails") return "{\"CoreCount\":4}";
  if (type == "Decimal") return std::to_string(row + 1) + ".25";
  if (type == "Date/Time" || type == "DateTimeOffset" || type == "DateTime") {
    return "2024-05-01T0" + std::to_string(row % 10) + ":00:00Z";
  }
  if (type == "Boolean") return row % 2 == 0 ? "true" : "false";
  return name + "-" + std::to_string(row);
}

std::string dialect_file(const std::vector<std::pair<std::string, std::string>>& columns, int rows,
                         const std::map<std::string, std::string>& overrides = {}) {
  std::vector<std::string> names;
  for (const auto& c : columns) names.push_back(c.first);
  std::string text = csv_line(names);
  for (int r = 0; r < rows; ++r) {
    std::vector<std::string> cells;
    for (const auto& [name, type] : columns) cells.push_back(cell_for(name, type, r, overrides));
    text += csv_line(cells);
  }
  return text;
}

bool detects(const fs::path& file) {
  const std::string text = testing::read_text_file(file);
  const RawCsv raw = raw_csv(text);
  return FocusCsvReader().detect(DetectInput{file, text, raw.header});
}

TEST(FocusCsvReaderTest, ReadsAwsFocus10WithAwsColumns) {
  auto columns = focus_version_columns("1.0");
  ASSERT_EQ(columns.size(), 43u);
  for (const char* x :
       {"x_CostCategories", "x_Discounts", "x_Operation", "x_ServiceCode", "x_UsageType"}) {
    columns.emplace_back(x, "String");
  }
  optima::testing::TempDir dir;
  const fs::path file = dir.path() / "aws-focus-1.0.csv";
  write_text_file(
      file, dialect_file(columns, 3,
                         {{"BillingAccountId", "012345678901"},
                          {"ChargePeriodStart", "2024-05-01T00:00:00.000Z"},
                          {"Tags", "{\"user:team\":\"web\",\"aws:createdBy\":\"AssumedRole:x\"}"},
                          {"x_Discounts", "{\"bundled_discount\":-0.5}"},
                          {"x_CostCategories", "{}"},
                          {"ProviderName", "AWS"}}));
  EXPECT_TRUE(detects(file));
  ReadResult r = read_focus(file);
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_TRUE(r.report.warnings.empty()) << r.report.warnings.front();
  EXPECT_EQ(r.report.rows_accepted, 3u);
  const focus::Table& t = r.sink.tables.at(0);
  for (const auto& c : focus_version_columns("1.0")) {
    EXPECT_TRUE(t.present(*focus::column_from_name(c.first))) << c.first;
  }
  EXPECT_FALSE(t.present(Column::kInvoiceId));  // a 1.2 column
  EXPECT_EQ(t.strings(Column::kBillingAccountId).value(0), "012345678901");
  EXPECT_EQ(t.cell_text(0, Column::kChargePeriodStart), "2024-05-01T00:00:00Z");
  EXPECT_EQ(t.tags_json(2), "{\"aws:createdBy\":\"AssumedRole:x\",\"user:team\":\"web\"}");
  ASSERT_EQ(t.extensions().size(), 5u);
  EXPECT_EQ(t.extension("x_Discounts")->data.value(0), "{\"bundled_discount\":-0.5}");
  EXPECT_EQ(t.extension("x_UsageType")->data.value(1), "x_UsageType-1");
  EXPECT_EQ(r.sink.sum(Column::kBilledCost).to_string(), "6.75");  // 1.25 + 2.25 + 3.25
}

TEST(FocusCsvReaderTest, ReadsAwsFocus12WithAwsColumns) {
  auto columns = focus_version_columns("1.2");
  ASSERT_EQ(columns.size(), 57u);
  for (const char* x : {"x_Discounts", "x_Operation", "x_ServiceCode"})
    columns.emplace_back(x, "String");
  optima::testing::TempDir dir;
  const fs::path file = dir.path() / "aws-focus-1.2.csv.gz";
  write_gzip_file(file, dialect_file(columns, 4, {{"InvoiceId", "EUINGB24-123"}}));
  ReadResult r = read_focus(file);
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  EXPECT_TRUE(r.report.warnings.empty());
  const focus::Table& t = r.sink.tables.at(0);
  for (const auto& info : focus::all_columns()) EXPECT_TRUE(t.present(info.column)) << info.name;
  EXPECT_EQ(t.strings(Column::kInvoiceId).value(3), "EUINGB24-123");
  EXPECT_EQ(t.strings(Column::kSkuPriceDetails).value(0), "{\"CoreCount\":4}");
  EXPECT_EQ(t.extensions().size(), 3u);
  EXPECT_EQ(r.sink.sum(Column::kEffectiveCost).to_string(), "11");  // 1.25+2.25+3.25+4.25
}

TEST(FocusCsvReaderTest, ReadsAzureFocusCost10AndPromotesItsExtensionColumns) {
  const auto columns = azure_export_columns("focuscost_1.0.json");
  size_t x_columns = 0;
  for (const auto& c : columns) x_columns += c.first.rfind("x_", 0) == 0 ? 1 : 0;
  optima::testing::TempDir dir;
  const fs::path file = dir.path() / "part_0_0001.csv";
  // 1.0 and 1.0r2 share this column set; Azure writes dates with and without fractions.
  write_text_file(
      file, "\xEF\xBB\xBF" + dialect_file(columns, 2,
                                          {{"x_InvoiceId", "G012345678"},
                                           {"x_PricingCurrency", "USD"},
                                           {"x_SkuMeterName", "D2s v3"},
                                           {"x_SkuDetails", "{\"VCPUs\":2}"},
                                           {"ChargePeriodEnd", "2024-05-02T00:00:00.0000000Z"},
                                           {"Tags", "{\"env\":\"prod\",\"temp\":true}"},
                                           {"ProviderName", "Microsoft"}}));
  EXPECT_TRUE(detects(file));
  ReadResult r = read_focus(file);
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  const focus::Table& t = r.sink.tables.at(0);
  EXPECT_EQ(t.strings(Column::kInvoiceId).value(0), "G012345678");
  EXPECT_EQ(t.strings(Column::kPricingCurrency).value(0), "USD");
  EXPECT_EQ(t.strings(Column::kSkuMeter).value(1), "D2s v3");
  EXPECT_EQ(t.strings(Column::kSkuPriceDetails).value(0), "{\"VCPUs\":2}");
  EXPECT_EQ(t.extension("x_InvoiceId")->data.value(0), "G012345678");
  EXPECT_EQ(t.extension("x_SkuIsCreditEligible")->data.value(0), "true");
  EXPECT_EQ(t.extensions().size(), x_columns);
  EXPECT_EQ(t.cell_text(0, Column::kChargePeriodEnd), "2024-05-02T00:00:00Z");
  EXPECT_EQ(t.tags_json(1), "{\"env\":\"prod\",\"temp\":\"true\"}");
  EXPECT_TRUE(has_warning(r.report,
                          "x_InvoiceId as InvoiceId, x_PricingCurrency as PricingCurrency, "
                          "x_SkuDetails as SkuPriceDetails, x_SkuMeterName as SkuMeter"));
  EXPECT_EQ(r.report.warnings.size(), 1u);
}

TEST(FocusCsvReaderTest, ReadsAzureFocusCost10PreviewWithOlderNames) {
  const auto columns = azure_export_columns("focuscost_1.0-preview(v1).json");
  optima::testing::TempDir dir;
  const fs::path file = dir.path() / "preview.csv";
  write_text_file(file, dialect_file(columns, 2,
                                     {{"Region", "eastus"},
                                      {"UsageQuantity", "24"},
                                      {"UsageUnit", "Hours"},
                                      {"PricingCategory", "On-Demand"},
                                      {"ChargeSubcategory", "On-Demand"}}));
  ReadResult r = read_focus(file);
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  const focus::Table& t = r.sink.tables.at(0);
  EXPECT_EQ(t.strings(Column::kRegionId).value(0), "eastus");
  EXPECT_EQ(t.cell_text(0, Column::kConsumedQuantity), "24");
  EXPECT_EQ(t.strings(Column::kConsumedUnit).value(0), "Hours");
  EXPECT_EQ(t.strings(Column::kPricingCategory).value(1), "Standard");
  EXPECT_EQ(t.strings(Column::kInvoiceId).value(0), "x_InvoiceId-0");
  ASSERT_NE(t.extension("ChargeSubcategory"), nullptr);
  EXPECT_TRUE(has_warning(r.report, "Region as RegionId"));
  EXPECT_TRUE(has_warning(r.report, "own names: ChargeSubcategory"));
}

TEST(FocusCsvReaderTest, ReadsAzureFocusCost12PreviewAnd12) {
  for (const char* schema : {"focuscost_1.2-preview.json", "focuscost_1.2.json"}) {
    SCOPED_TRACE(schema);
    const auto columns = azure_export_columns(schema);
    size_t focus_columns = 0;
    for (const auto& c : columns) focus_columns += c.first.rfind("x_", 0) == 0 ? 0 : 1;
    optima::testing::TempDir dir;
    const fs::path file = dir.path() / "focus.csv";
    write_text_file(file, dialect_file(columns, 3, {{"x_SkuDetails", "{\"x\":1}"}}));
    EXPECT_TRUE(detects(file));
    ReadResult r = read_focus(file);
    ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
    EXPECT_TRUE(r.report.warnings.empty()) << r.report.warnings.front();
    const focus::Table& t = r.sink.tables.at(0);
    size_t present = 0;
    for (const auto& info : focus::all_columns()) present += t.present(info.column) ? 1 : 0;
    EXPECT_EQ(present, focus_columns);
    EXPECT_EQ(t.extensions().size(), columns.size() - focus_columns);
    EXPECT_EQ(t.strings(Column::kSkuPriceDetails).value(0), "{\"CoreCount\":4}");
    EXPECT_EQ(r.sink.sum(Column::kBilledCost).to_string(), "6.75");
  }
}

TEST(FocusCsvReaderTest, ReadsGoogleFocusViewQuirks) {
  const std::vector<std::pair<std::string, std::string>> columns = {
      {"BillingAccountId", "String"},    {"BillingPeriodStart", "Date/Time"},
      {"BillingPeriodEnd", "Date/Time"}, {"ChargePeriodStart", "Date/Time"},
      {"ChargePeriodEnd", "Date/Time"},  {"ChargeCategory", "String"},
      {"ChargeClass", "String"},         {"ChargeFrequency", "String"},
      {"PricingCategory", "String"},     {"BilledCost", "Decimal"},
      {"EffectiveCost", "Decimal"},      {"ListCost", "Decimal"},
      {"ProviderName", "String"},        {"Tags", "JSON"},
      {"x_CostType", "String"},          {"x_Credits", "String"},
      {"x_ExportTime", "String"}};
  optima::testing::TempDir dir;
  const fs::path file = dir.path() / "gcp-focus.csv";
  std::string text =
      dialect_file(columns, 1,
                   {{"BillingPeriodStart", "2024-03-01T08:00:00Z"},
                    {"BillingPeriodEnd", "2024-03-31"},
                    {"ChargeCategory", "usage"},
                    {"ChargeClass", "correction"},
                    {"ChargeFrequency", "usage-based"},
                    {"PricingCategory", "committed"},
                    {"ProviderName", "Google Cloud"},
                    {"Tags",
                     "[{\"key\":\"env\",\"value\":\"prod\",\"inherited\":false,\"namespace\":\"\"},"
                     "{\"key\":\"goog-k8s-cluster-name\",\"value\":\"c1\",\"inherited\":true}]"},
                    {"x_Credits", "[{\"name\":\"CUD\",\"amount\":-0.25}]"}});
  text += csv_line({"0012-ABCD", "2024-01-01T00:00:00Z", "2024-01-31T00:00:00Z",
                    "2024-01-05T00:00:00Z", "2024-01-05T01:00:00Z", "tax", "", "", "", "0.50",
                    "0.50", "0.50", "Google Cloud", "[]", "tax", "[]", "2024-02-01"});
  write_text_file(file, text);
  EXPECT_TRUE(detects(file));
  ReadResult r = read_focus(file);
  ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
  const focus::Table& t = r.sink.tables.at(0);
  EXPECT_EQ(t.strings(Column::kChargeCategory).value(0), "Usage");
  EXPECT_EQ(t.strings(Column::kChargeCategory).value(1), "Tax");
  EXPECT_EQ(t.strings(Column::kChargeClass).value(0), "Correction");
  EXPECT_EQ(t.strings(Column::kChargeFrequency).value(0), "Usage-Based");
  EXPECT_EQ(t.strings(Column::kPricingCategory).value(0), "Committed");
  // Pacific-time invoice month: March starts in PST and ends in PDT.
  EXPECT_EQ(t.cell_text(0, Column::kBillingPeriodEnd), "2024-04-01T07:00:00Z");
  EXPECT_EQ(t.cell_text(1, Column::kBillingPeriodEnd), "2024-02-01T00:00:00Z");
  EXPECT_EQ(t.tags_json(0), "{\"env\":\"prod\",\"goog-k8s-cluster-name\":\"c1\"}");
  EXPECT_EQ(t.tags_json(1), "{}");
  EXPECT_EQ(t.extension("x_Credits")->data.value(0), "[{\"name\":\"CUD\",\"amount\":-0.25}]");
  EXPECT_TRUE(has_warning(r.report, "2 BillingPeriodEnd values were the inclusive last day"));
  EXPECT_TRUE(has_warning(r.report, "'2024-03-31' as 2024-04-01T07:00:00Z"));
}

TEST(FocusCsvReaderTest, DoesNotDetectOtherExports) {
  const fs::path ea = optima::testing::shared_data(
      "billing/ms-finops-toolkit/cost-exports/EA_ActualCost_Small.csv");
  EXPECT_FALSE(detects(ea));
  EXPECT_FALSE(FocusCsvReader().detect(DetectInput{"x.json", "{\"a\":1}", {}}));
}

// --- Chunked parallel reading. ---

// Rows with multi-line quoted tags, escaped quotes and bad cells at known places.
std::string generated_file(int rows, std::vector<uint64_t>* bad_rows,
                           std::vector<uint64_t>* bad_lines) {
  std::string text = kSmallHeader;
  uint64_t line = 2;
  for (int i = 1; i <= rows; ++i) {
    std::string tags = "{\"i\":\"" + std::to_string(i) + "\"}";
    if (i % 7 == 0)
      tags = "{\"note\":\"say \\\"hi\\\"\nand more\n\",\"k\":\"" + std::to_string(i % 5) + "\"}";
    std::string billed = std::to_string(i % 1000) + "." + std::to_string(i % 97);
    if (i % 101 == 0) {
      billed = "bad" + std::to_string(i);
      bad_rows->push_back(static_cast<uint64_t>(i));
      bad_lines->push_back(line);
    }
    const std::string row = small_row(billed, tags,
                                      "2024-01-" + std::string(i % 28 < 9 ? "0" : "") +
                                          std::to_string(i % 28 + 1) + "T00:00:00Z");
    line += static_cast<uint64_t>(std::count(row.begin(), row.end(), '\n'));
    text += row;
  }
  return text;
}

TEST(FocusCsvReaderTest, ParallelChunksGiveTheSameRowsIssuesAndLinesAsOneThread) {
  optima::testing::TempDir dir;
  const fs::path file = dir.path() / "big.csv";
  std::vector<uint64_t> bad_rows;
  std::vector<uint64_t> bad_lines;
  write_text_file(file, generated_file(20000, &bad_rows, &bad_lines));
  ReadOptions options;
  options.batch_rows = 1500;
  ReadResult one = read_focus(file, options, FocusCsvReaderOptions{1, 0});
  ReadResult many = read_focus(file, options, FocusCsvReaderOptions{3, 7000});
  ASSERT_TRUE(one.status.is_ok()) << one.status.to_string();
  ASSERT_TRUE(many.status.is_ok()) << many.status.to_string();
  EXPECT_GT(many.sink.tables.size(), 100u);  // many chunks
  EXPECT_EQ(one.report.rows_read, 20000u);
  EXPECT_EQ(many.report.rows_read, 20000u);
  EXPECT_EQ(one.report.rows_accepted, 20000u - bad_rows.size());
  EXPECT_EQ(many.report.rows_accepted, one.report.rows_accepted);
  ASSERT_EQ(one.report.issues.size(), bad_rows.size());
  ASSERT_EQ(many.report.issues.size(), bad_rows.size());
  for (size_t i = 0; i < bad_rows.size(); ++i) {
    EXPECT_EQ(one.report.issues[i].row, bad_rows[i]);
    EXPECT_EQ(one.report.issues[i].line, bad_lines[i]);
    EXPECT_EQ(many.report.issues[i].message(), one.report.issues[i].message());
  }
  for (const auto& t : one.sink.tables) EXPECT_LE(t.num_rows(), 1500u);
  for (const auto& t : many.sink.tables) EXPECT_LE(t.num_rows(), 1500u);
  EXPECT_EQ(one.sink.sum(Column::kBilledCost), many.sink.sum(Column::kBilledCost));
  EXPECT_EQ(one.sink.row_texts(), many.sink.row_texts());
}

TEST(FocusCsvReaderTest, ParallelChunksHandleCrlfAndCrOnlyLineEndsAndGzip) {
  std::vector<uint64_t> bad_rows;
  std::vector<uint64_t> bad_lines;
  const std::string lf = generated_file(3000, &bad_rows, &bad_lines);
  optima::testing::TempDir dir;
  ReadOptions options;
  options.batch_rows = 500;
  ReadResult reference = read_focus([&] {
    write_text_file(dir.path() / "lf.csv", lf);
    return dir.path() / "lf.csv";
  }());
  ASSERT_TRUE(reference.status.is_ok());
  for (const std::string ending : {"\r\n", "\r"}) {
    std::string text;
    for (char c : lf) {
      if (c == '\n') {
        text += ending;
      } else {
        text += c;
      }
    }
    const fs::path plain = dir.path() / "ends.csv";
    const fs::path gz = dir.path() / "ends.csv.gz";
    write_text_file(plain, text);
    write_gzip_file(gz, text);
    for (const fs::path& file : {plain, gz}) {
      SCOPED_TRACE(file.filename().string() + (ending == "\r" ? " CR" : " CRLF"));
      ReadResult r = read_focus(file, options, FocusCsvReaderOptions{2, 3000});
      ASSERT_TRUE(r.status.is_ok()) << r.status.to_string();
      EXPECT_EQ(r.report.rows_read, 3000u);
      ASSERT_EQ(r.report.issues.size(), bad_rows.size());
      EXPECT_EQ(r.report.issues.back().line, bad_lines.back());
      // Line ends inside quoted tags are part of the values: compare sums and row counts.
      EXPECT_EQ(r.sink.sum(Column::kBilledCost), reference.sink.sum(Column::kBilledCost));
      EXPECT_EQ(r.sink.rows(), reference.sink.rows());
    }
  }
}

// Malformed text of every kind (stray quotes, ragged rows, bad cells, odd line ends) must read
// the same in chunks on several threads as in one piece, and never crash.
TEST(FocusCsvReaderTest, ChunkedReadsOfRandomMalformedTextMatchTheSequentialRead) {
  const std::vector<std::string> pieces = {"1.5",
                                           "x",
                                           ",",
                                           ",",
                                           ",",
                                           "\n",
                                           "\r\n",
                                           "\r",
                                           "\"",
                                           "\"\"",
                                           "\"a,b\"",
                                           "\"p\nq\"",
                                           "5\" disk",
                                           "{\"\"k\"\":\"\"v\"\"}",
                                           "\"{\"\"k\"\":1}\"",
                                           "2024-01-01T00:00:00Z",
                                           "Usage",
                                           "usage",
                                           "",
                                           "$1,000.00",
                                           "NULL",
                                           " "};
  std::mt19937 rng(7);
  optima::testing::TempDir dir;
  const fs::path file = dir.path() / "random.csv";
  for (int round = 0; round < 60; ++round) {
    std::string text = "BilledCost,ChargeCategory,ChargePeriodStart,Tags,x_Note\n";
    const int n = 50 + static_cast<int>(rng() % 400);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    write_text_file(file, text);
    ReadResult one = read_focus(file, ReadOptions{}, FocusCsvReaderOptions{1, 0});
    for (size_t chunk : {size_t{16}, size_t{64}, size_t{257}}) {
      ReadResult many = read_focus(file, ReadOptions{}, FocusCsvReaderOptions{3, chunk});
      ASSERT_EQ(many.status.to_string(), one.status.to_string()) << text;
      ASSERT_EQ(many.report.rows_read, one.report.rows_read) << text;
      ASSERT_EQ(many.report.issues.size(), one.report.issues.size()) << text;
      for (size_t i = 0; i < one.report.issues.size(); ++i) {
        ASSERT_EQ(many.report.issues[i].message(), one.report.issues[i].message()) << text;
      }
      ASSERT_EQ(many.sink.row_texts(), one.sink.row_texts()) << text;
    }
  }
}

TEST(FocusCsvReaderTest, StrictParallelReadStopsAtTheFirstBadRowInFileOrder) {
  optima::testing::TempDir dir;
  const fs::path file = dir.path() / "big.csv";
  std::vector<uint64_t> bad_rows;
  std::vector<uint64_t> bad_lines;
  write_text_file(file, generated_file(5000, &bad_rows, &bad_lines));
  ReadOptions options;
  options.strictness = Strictness::kStrict;
  ReadResult r = read_focus(file, options, FocusCsvReaderOptions{2, 4096});
  ASSERT_FALSE(r.status.is_ok());
  EXPECT_NE(r.status.message().find(" row 101 (line " + std::to_string(bad_lines[0]) + ")"),
            std::string::npos)
      << r.status.message();
}

}  // namespace
}  // namespace optima::ingest
