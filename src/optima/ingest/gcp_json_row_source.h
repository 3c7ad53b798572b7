// GcpJsonRowSource: rows of a BigQuery billing export written as JSON lines (bq extract
// --destination_format NEWLINE_DELIMITED_JSON), plain or gzip. One JSON object per line; blank
// lines are skipped; numbers are read from their source text into exact decimals. Not
// thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "optima/ingest/gcp_line_reader.h"
#include "optima/ingest/gcp_literal.h"
#include "optima/ingest/gcp_row_source.h"

namespace optima::ingest {

class GcpJsonRowSource : public GcpRowSource {
 public:
  GcpJsonRowSource(std::unique_ptr<GcpLineReader> lines, std::string file_label);
  static core::Result<std::unique_ptr<GcpRowSource>> open(const std::filesystem::path& path);

  core::Result<GcpRowOutcome> next(GcpExportRow* row, RowIssue* issue) override;

 private:
  std::unique_ptr<GcpLineReader> lines_;
  std::string file_;
  GcpLiteralDocument doc_;
  uint64_t rows_ = 0;
};

}  // namespace optima::ingest
