// GcpCsvRowSource: rows of koku's flattened CSV of the BigQuery billing export, plain or gzip.
//
// The dialect (koku/gcp samples): one column per leaf field, named by its dotted path
// ("service.description", "usage.amount_in_pricing_units"); repeated fields (credits, labels,
// system_labels, project.labels, tags) as Python list reprs ("[{'key': 'a', 'value': 'b'}]",
// "[]", None for nulls); timestamps like "2020-11-09 23:00:00+00:00"; floats in Python repr
// ("5e-06"). Columns we do not read (partition_date) are ignored. Empty cells and
// ReadOptions::null_literals are null. Not thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "optima/ingest/csv_reader.h"
#include "optima/ingest/gcp_literal.h"
#include "optima/ingest/gcp_row_source.h"

namespace optima::ingest {

class GcpCsvRowSource : public GcpRowSource {
 public:
  // Columns a file must have to be read as this dialect.
  static constexpr std::string_view kRequiredColumns[] = {
      "billing_account_id", "service.description", "sku.id",
      "usage_start_time",   "usage_end_time",      "cost",
      "currency",           "invoice.month",
  };

  // Opens `path` and reads its header. Errors: I/O, and InvalidArgument naming a required
  // column the header lacks.
  static core::Result<std::unique_ptr<GcpRowSource>> open(const std::filesystem::path& path,
                                                          std::vector<std::string> null_literals);

  // `columns` holds the field of each header column (nullopt: ignored); `csv` is past the
  // header. Prefer open().
  GcpCsvRowSource(std::unique_ptr<CsvReader> csv, std::string file_label,
                  std::vector<std::optional<GcpFieldInfo>> columns,
                  std::vector<std::string> null_literals);

  core::Result<GcpRowOutcome> next(GcpExportRow* row, RowIssue* issue) override;

 private:
  bool is_null(std::string_view cell) const;

  std::unique_ptr<CsvReader> csv_;
  std::string file_;
  std::vector<std::optional<GcpFieldInfo>> columns_;  // per header column; nullopt = ignored
  std::vector<std::string> null_literals_;
  std::vector<GcpLiteralDocument> docs_;  // per header column, for repeated fields
  std::vector<std::string_view> fields_;
  uint64_t rows_ = 0;
};

}  // namespace optima::ingest
