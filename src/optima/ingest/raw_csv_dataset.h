// RawCsvDataset: a user's CSV file as a focus::ConformanceDataset, read as raw text.
//
// `cloudoptima validate file.csv` checks what the file says, not what a reader would make of it:
// every cell stays text (CellStorage::kText), so "1,000" fails TypeDecimal/FormatNumeric and
// "2024-01-01" fails FormatDateTime. The empty cell and the null literals (default "NULL",
// matched ignoring ASCII case, as the FOCUS example tables write "null") are null.
//
// Streaming: rows are read in batches of RawCsvOptions::batch_rows and stored column-wise for
// that batch only, so a file of millions of rows is checked in bounded memory. Tolerant of
// structure, with notes: header names are trimmed, empty and duplicate header names are
// ignored, blank lines are skipped, a short row's missing cells are null and a long row's
// extra cells are dropped. Not thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "optima/core/status.h"
#include "optima/focus/conformance/conformance_dataset.h"
#include "optima/ingest/csv_reader.h"

namespace optima::ingest {

struct RawCsvOptions {
  CsvOptions csv;
  size_t batch_rows = 16384;
  // Cell texts read as null besides the empty cell, compared ignoring ASCII case.
  std::vector<std::string> null_literals = {"NULL"};
  // When set (e.g. "F"), a header "F:ChargeType" names the column "ChargeType".
  std::string column_namespace;
  size_t max_notes = 20;  // further structural notes are counted, not listed
};

class RawCsvDataset final : public focus::ConformanceDataset {
 public:
  // Opens a plain or gzip CSV file and reads its header. Errors: I/O, no header record.
  static core::Result<std::unique_ptr<RawCsvDataset>> open(const std::filesystem::path& path,
                                                           RawCsvOptions options = {});
  // The same over in-memory CSV text; `name` is used in messages.
  static core::Result<std::unique_ptr<RawCsvDataset>> from_string(std::string csv, std::string name,
                                                                  RawCsvOptions options = {});

  const std::vector<std::string>& column_names() const override { return names_; }
  core::Result<bool> next_batch(focus::RowBatch* batch) override;
  uint64_t rows_read() const override { return rows_read_; }
  std::vector<std::string> notes() const override;
  std::string description() const override { return name_; }

 private:
  RawCsvDataset(std::unique_ptr<CsvReader> reader, std::string name, RawCsvOptions options);
  core::Status read_header();
  void note(std::string text);
  bool is_null_text(std::string_view text) const;

  // One column's cells for the current batch: bytes in one arena, (offset, length) per row.
  struct ColumnBuffer {
    std::string arena;
    std::vector<std::pair<uint32_t, uint32_t>> spans;
    std::vector<uint8_t> nulls;
  };

  std::unique_ptr<CsvReader> reader_;
  std::string name_;
  RawCsvOptions options_;
  std::vector<std::string> names_;
  std::vector<int> field_to_column_;  // CSV field index -> column index, -1 = ignored
  size_t header_fields_ = 0;
  std::vector<ColumnBuffer> buffers_;
  std::vector<std::string_view> fields_;
  uint64_t rows_read_ = 0;
  std::vector<std::string> notes_;
  uint64_t notes_dropped_ = 0;
  bool done_ = false;
};

}  // namespace optima::ingest
