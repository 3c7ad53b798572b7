// FocusCsvReader: reads FOCUS 1.0, 1.1 and 1.2 CSV files (plain or gzip) into FOCUS 1.2 Tables.
//
// Covers the FOCUS files clouds and tools actually write: the spec's example files (a subset of
// columns, "null" literals, M/D/YY dates, spreadsheet-formatted numbers, BOM, no final newline),
// AWS Data Exports "FOCUS 1.0/1.2 with AWS columns" (x_ columns, Tags as JSON text), Azure
// FocusCost 1.0 / 1.0r2 / 1.2-preview / 1.2 (x_ columns; 1.0's x_InvoiceId, x_PricingCurrency,
// x_SkuDetails and x_SkuMeterName also fill the FOCUS 1.2 columns), Google's FOCUS view
// (lowercase enum values, inclusive BillingPeriodEnd, Tags as [{key, value}]), and FOCUS
// 0.5/1.0-preview column names. Header mapping is FocusColumnMap, cell rules FocusRowConverter.
//
// Columns absent from the file are not present() in the Tables. Large files are cut into chunks
// at record boundaries while they are read; chunks are converted on a private thread pool and
// emitted to the sink in file order on the calling thread, so the output (tables, issues, row
// and line numbers) is the same for any thread count. Thread-safe: concurrent read() calls on
// different units are fine.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "optima/ingest/reader.h"

namespace optima::ingest {

struct FocusCsvReaderOptions {
  size_t threads = 0;      // converting threads; 0 = one per core
  size_t chunk_bytes = 0;  // bytes per chunk; 0 = about ReadOptions::batch_rows rows per chunk
};

class FocusCsvReader final : public Reader {
 public:
  explicit FocusCsvReader(FocusCsvReaderOptions options = {});

  std::string_view name() const override { return "focus"; }
  std::string_view description() const override;
  // True when the first record has BilledCost and at least two more FOCUS columns (older names
  // count; FocusColumnMap::looks_like_focus).
  bool detect(const DetectInput& input) const override;
  // Reads every file of the unit in order. Errors (InvalidArgument unless noted), each naming
  // the file: unreadable file (IoError), empty file, header without any FOCUS column, CSV syntax
  // error (unclosed quote, oversized field, with its line), the first bad row in strict mode,
  // more than max_bad_rows bad rows in lenient mode (ResourceExhausted), or the sink's error.
  core::Status read(const InputUnit& unit, const ReadOptions& options, TableSink& sink,
                    ReadReport* report) const override;

 private:
  FocusCsvReaderOptions options_;
};

// The registry's factory for the "focus" reader.
std::unique_ptr<Reader> make_focus_csv_reader();

}  // namespace optima::ingest
