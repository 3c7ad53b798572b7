#include "optima/query/focus_csv_writer.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "optima/focus/schema.h"
#include "optima/focus/table_builder.h"

#include "support/shared_data.h"

namespace optima::query {
namespace {

using focus::Column;

// A strict RFC 4180 record splitter for checking the output (the ingest module's reader is a
// higher-level module than query).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
    } else {
      field.push_back(c);
    }
  }
  return records;
}

std::string export_text(const store::TableSource& source, const FocusExportFilter& filter = {},
                        FocusExportStats* stats = nullptr) {
  std::string out;
  const core::Status s = write_focus_csv(
      source, filter,
      [&out](std::string_view chunk) {
        out.append(chunk);
        return core::Status::ok();
      },
      stats);
  EXPECT_TRUE(s.is_ok()) << s.message();
  return out;
}

// Two row groups with every kind of cell, including text that needs quoting.
std::shared_ptr<store::InMemoryTableSource> sample_source() {
  auto source = std::make_shared<store::InMemoryTableSource>();
  focus::TableBuilder a;
  a.set_time(Column::kChargePeriodStart, core::make_timestamp({2024, 1, 1}, 10));
  a.set_time(Column::kChargePeriodEnd, core::make_timestamp({2024, 1, 1}, 11));
  a.set_string(Column::kServiceName, "Amazon \"Elastic\" Compute, Cloud");
  a.set_string(Column::kChargeDescription, "line one\nline two\r\nend");
  a.set_string(Column::kSkuPriceDetails, R"({"CoreCount":4,"x_Note":"a,b"})");
  a.set_decimal(Column::kBilledCost, core::Decimal::from_units(-12345));  // -0.000000000000012345
  a.set_decimal(Column::kEffectiveCost, *core::Decimal::from_string("8e-07"));
  a.set_decimal(Column::kListCost, *core::Decimal::from_string("123456789012345678.5"));
  a.add_tag("team", "core \"platform\"");
  a.add_tag("env", "prod");
  a.add_tag("Ünïcode", "värde\\with\\backslash");
  a.add_tag("ctl", std::string("tab\there", 8));
  a.set_extension("x_Zeta", "z,1");
  a.finish_row();
  a.set_time(Column::kChargePeriodStart, core::make_timestamp({2024, 1, 2}));
  a.set_string(Column::kServiceName, "S3");
  a.set_decimal(Column::kBilledCost, core::Decimal::from_int(3));
  a.finish_row();
  source->add(std::make_shared<const focus::Table>(a.finish()));
  focus::TableBuilder b;
  b.set_time(Column::kChargePeriodStart, core::make_timestamp({2024, 2, 1}));
  b.set_string(Column::kServiceName, "EC2");
  b.set_decimal(Column::kBilledCost, *core::Decimal::from_string("0.1"));
  b.add_tag("env", "dev");
  b.set_extension("x_Alpha", "first");
  b.finish_row();
  source->add(std::make_shared<const focus::Table>(b.finish()));
  return source;
}

// The header's FOCUS 1.2 columns: every Mandatory one and the others in `with_values`, in
// specification order.
std::vector<std::string> expected_focus_header(const std::vector<std::string>& with_values) {
  auto schema = focus::Schema::bundled();
  EXPECT_TRUE(schema.is_ok()) << schema.status().message();
  const std::vector<focus::ColumnSpec>* spec = (*schema)->columns("1.2");
  EXPECT_EQ(spec->size(), 57u);
  std::vector<std::string> out;
  for (const focus::ColumnSpec& c : *spec) {
    if (c.level == focus::FeatureLevel::kMandatory ||
        std::find(with_values.begin(), with_values.end(), c.name) != with_values.end()) {
      out.push_back(c.name);
    }
  }
  return out;
}

// The column index of `name` in the header record.
size_t column_of(const std::vector<std::string>& header, std::string_view name) {
  const auto it = std::find(header.begin(), header.end(), name);
  EXPECT_NE(it, header.end()) << name;
  return static_cast<size_t>(it - header.begin());
}

TEST(FocusCsvWriterTest, HeaderIsMandatoryAndFilledColumnsInSpecificationOrderThenExtensions) {
  auto source = sample_source();
  FocusExportStats stats;
  const auto records = parse_csv(export_text(*source, {}, &stats));
  ASSERT_FALSE(records.empty());
  std::vector<std::string> expected = expected_focus_header({"SkuPriceDetails", "Tags"});
  ASSERT_EQ(expected.size(), 23u);  // 21 Mandatory columns + 2 with values
  ASSERT_EQ(stats.focus_columns.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_EQ(focus::column_name(stats.focus_columns[i]), expected[i]) << i;
  expected.push_back("x_Alpha");
  expected.push_back("x_Zeta");
  EXPECT_EQ(records[0], expected);
  EXPECT_EQ(stats.extension_columns, (std::vector<std::string>{"x_Alpha", "x_Zeta"}));
  EXPECT_EQ(stats.rows_written, 3u);
}

// A Conditional column a reader declares but no exported row fills (e.g. CapacityReservationId
// from a CUR without capacity reservations) is left out, so its nullability rules do not fire on
// data the source never had; one filled only in rows the filter drops is left out too.
TEST(FocusCsvWriterTest, LeavesOutConditionalColumnsWithoutValues) {
  auto source = std::make_shared<store::InMemoryTableSource>();
  focus::TableBuilder b;
  b.declare(Column::kCapacityReservationId);
  b.declare(Column::kResourceId);
  b.set_time(Column::kChargePeriodStart, core::make_timestamp({2024, 1, 1}));
  b.set_string(Column::kServiceName, "EC2");
  b.finish_row();
  b.set_time(Column::kChargePeriodStart, core::make_timestamp({2024, 2, 1}));
  b.set_string(Column::kServiceName, "S3");
  b.set_string(Column::kResourceId, "bucket");
  b.finish_row();
  source->add(std::make_shared<const focus::Table>(b.finish()));
  const auto all = parse_csv(export_text(*source));
  EXPECT_EQ(all[0], expected_focus_header({"ResourceId"}));
  EXPECT_EQ(all[2][column_of(all[0], "ResourceId")], "bucket");
  const auto january = parse_csv(export_text(
      *source,
      {core::Period{core::make_timestamp({2024, 1, 1}), core::make_timestamp({2024, 2, 1})}, {}}));
  ASSERT_EQ(january.size(), 2u);
  EXPECT_EQ(january[0], expected_focus_header({}));
  EXPECT_EQ(january[1].size(), 21u);
}

TEST(FocusCsvWriterTest, EveryCellIsTheCanonicalTextOfTheTableCell) {
  auto source = sample_source();
  const std::string text = export_text(*source);
  const auto records = parse_csv(text);
  ASSERT_EQ(records.size(), 4u);
  size_t record = 1;
  for (const store::RowGroupInfo& info : source->row_groups()) {
    auto table = source->load(info, store::ColumnSelection::all());
    const focus::Table& t = **table;
    for (size_t r = 0; r < t.num_rows(); ++r, ++record) {
      ASSERT_EQ(records[record].size(), 25u);
      for (size_t i = 0; i + 2 < records[0].size(); ++i) {
        const Column c = *focus::column_from_name(records[0][i]);
        EXPECT_EQ(records[record][i], t.cell_text(r, c))
            << "row " << record << ", " << records[0][i];
      }
      const focus::ExtensionColumn* alpha = t.extension("x_Alpha");
      const focus::ExtensionColumn* zeta = t.extension("x_Zeta");
      EXPECT_EQ(records[record][23], alpha && !alpha->data.is_null(r) ? alpha->data.value(r) : "");
      EXPECT_EQ(records[record][24], zeta && !zeta->data.is_null(r) ? zeta->data.value(r) : "");
    }
  }
  // Spot checks of the canonical forms.
  const auto& header = records[0];
  const auto& row = records[1];
  EXPECT_EQ(row[column_of(header, "BilledCost")], "-0.000000000000012345");
  EXPECT_EQ(row[column_of(header, "EffectiveCost")], "0.0000008");
  EXPECT_EQ(row[column_of(header, "ListCost")], "123456789012345678.5");
  EXPECT_EQ(row[column_of(header, "ChargePeriodStart")], "2024-01-01T10:00:00Z");
  EXPECT_EQ(
      row[column_of(header, "Tags")],
      R"({"ctl":"tab\there","env":"prod","team":"core \"platform\"","Ünïcode":"värde\\with\\backslash"})");
  EXPECT_EQ(records[2][column_of(header, "Tags")], "");
  EXPECT_NE(text.find("\"Amazon \"\"Elastic\"\" Compute, Cloud\""), std::string::npos);
}

TEST(FocusCsvWriterTest, ExportsOnlyRowsMatchingTheQueryFilters) {
  auto source = sample_source();
  auto q = parse_csv(export_text(
      *source,
      {core::Period{core::make_timestamp({2024, 1, 2}), core::make_timestamp({2024, 3, 1})},
       {{Dimension::of_tag("env"), FilterOp::kNotIn, {"prod"}}}}));
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[1][column_of(q[0], "ServiceName")], "S3");
  EXPECT_EQ(q[2][column_of(q[0], "ServiceName")], "EC2");
}

TEST(FocusCsvWriterTest, OutputDoesNotDependOnRowGroupBoundaries) {
  // The same rows in one row group or three give the same bytes.
  auto build = [](const std::vector<size_t>& cuts) {
    auto source = std::make_shared<store::InMemoryTableSource>();
    focus::TableBuilder b;
    b.declare_extension("x_Op");
    for (size_t i = 0; i < 9; ++i) {
      b.set_time(Column::kChargePeriodStart, {1700000000 + static_cast<int64_t>(i) * 3600});
      b.set_string(Column::kResourceId, "r" + std::to_string(i % 4));
      b.set_decimal(Column::kBilledCost,
                    core::Decimal::from_units(static_cast<core::Int128>(i) * 1000000007));
      if (i % 2 == 0)
        b.add_tag("k" + std::to_string(i % 3), "v");
      if (i % 3 == 0)
        b.set_extension("x_Op", "op" + std::to_string(i));
      b.finish_row();
      if (std::find(cuts.begin(), cuts.end(), i) != cuts.end()) {
        source->add(std::make_shared<const focus::Table>(b.finish()));
        b.declare_extension("x_Op");
      }
    }
    return source;
  };
  EXPECT_EQ(export_text(*build({8})), export_text(*build({2, 5, 8})));
}

TEST(FocusCsvWriterTest, WritesFilesAtomically) {
  optima::testing::TempDir dir;
  auto source = sample_source();
  const std::filesystem::path path = dir.path() / "export.csv";
  FocusExportStats stats;
  ASSERT_TRUE(write_focus_csv_file(*source, {}, path, &stats).is_ok());
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(), export_text(*source));
  EXPECT_EQ(stats.bytes_written, content.str().size());
  EXPECT_FALSE(std::filesystem::exists(path.string() + ".tmp"));

  const core::Status missing =
      write_focus_csv_file(*source, {}, dir.path() / "no-such-dir" / "x.csv", nullptr);
  EXPECT_EQ(missing.code(), core::StatusCode::kIoError);
  EXPECT_NE(missing.message().find("no-such-dir/x.csv.tmp: cannot create"), std::string::npos)
      << missing.message();
}

TEST(FocusCsvWriterTest, StopsAtTheFirstSinkError) {
  auto source = sample_source();
  int calls = 0;
  const core::Status s = write_focus_csv(
      *source, {},
      [&calls](std::string_view) {
        ++calls;
        return core::io_error("disk full");
      },
      nullptr);
  EXPECT_EQ(s.message(), "disk full");
  EXPECT_EQ(calls, 1);
}

TEST(FocusCsvWriterTest, MetadataNamesVersionGeneratorAndColumns) {
  const auto doc = nlohmann::json::parse(
      focus_metadata_json({Column::kBilledCost, Column::kBillingPeriodEnd, Column::kTags}, {"x_Op"},
                          core::make_timestamp({2025, 6, 1})));
  EXPECT_EQ(doc["FocusVersion"], "1.2");
  EXPECT_EQ(doc["DataGenerator"], "CloudOptima");
  EXPECT_EQ(doc["CreationDate"], "2025-06-01T00:00:00Z");
  ASSERT_EQ(doc["Columns"].size(), 4u);
  EXPECT_EQ(doc["Columns"][0]["ColumnName"], "BilledCost");
  EXPECT_EQ(doc["Columns"][0]["DataType"], "Decimal");
  EXPECT_EQ(doc["Columns"][1]["DataType"], "Date/Time");
  EXPECT_EQ(doc["Columns"][2]["ColumnName"], "Tags");
  EXPECT_EQ(doc["Columns"][2]["DataType"], "JSON");
  EXPECT_EQ(doc["Columns"][3]["ColumnName"], "x_Op");
}

}  // namespace
}  // namespace optima::query
