// Reader: the interface every billing-format reader implements, and what it reports.
//
// A reader turns one InputUnit (a file, or a group of files that belong together: a CUR
// delivery's parts, an Azure actual+amortized pair) into FOCUS 1.2 rows, emitted to a TableSink
// in Tables of at most ReadOptions::batch_rows rows. Bad rows are expected, not exceptional:
// in lenient mode they are skipped and recorded as RowIssues (file, row, column, expected,
// found) up to max_bad_rows; in strict mode the first one fails the read. Readers are listed
// explicitly in registry.cc (no self-registration).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/status.h"
#include "optima/focus/table.h"

namespace optima::ingest {

enum class Strictness { kLenient, kStrict };

struct ReadOptions {
  Strictness strictness = Strictness::kLenient;
  // Lenient mode fails the read when more rows than this are bad.
  uint64_t max_bad_rows = 1000;
  // Rows per emitted Table. Small batches keep memory low when many partitions are open at once
  // (each open partition holds at most one row group of them) and fit dictionaries in cache.
  size_t batch_rows = 8192;
  // Literal cell text read as null in addition to the empty cell (FOCUS CSVs write "NULL").
  std::vector<std::string> null_literals = {"NULL"};
};

struct RowIssue {
  std::string file;
  uint64_t row = 0;     // 1-based data row (the header is row 0); 0 = whole file
  uint64_t line = 0;    // 1-based physical line, when known
  std::string column;   // source column name, when the issue is about one cell
  std::string expected;
  std::string found;
  std::string message() const;  // "file.csv row 12 (line 13), column BilledCost: expected decimal, found 'N/A'"
};

struct ReadReport {
  uint64_t rows_read = 0;      // data rows seen
  uint64_t rows_accepted = 0;  // rows emitted
  uint64_t rows_skipped = 0;   // bad rows dropped (lenient mode)
  std::vector<RowIssue> issues;  // at most ReadOptions::max_bad_rows + 1 kept
  std::vector<std::string> warnings;  // file-level notes (e.g. "older assembly ignored")
};

// Receives the rows a reader produces. Implementations decide where they go (partitions,
// a validator, a test). Returning an error stops the read.
class TableSink {
 public:
  virtual ~TableSink() = default;
  virtual core::Status consume(focus::Table table) = 0;
};

// One unit of input for one reader.
struct InputUnit {
  std::string reader;  // registry name, e.g. "focus", "aws-cur"
  std::vector<std::filesystem::path> files;
  std::string label;   // for messages, e.g. "CUR delivery 20240101-20240201 assembly 4a1b..."
};

// What a reader sees when asked whether it can read a file.
struct DetectInput {
  std::filesystem::path path;
  std::string_view head;               // first bytes (decompressed, BOM kept)
  std::vector<std::string> header;     // first CSV record if the file parses as CSV, else empty
};

class Reader {
 public:
  virtual ~Reader() = default;
  virtual std::string_view name() const = 0;         // "aws-cur"
  virtual std::string_view description() const = 0;  // one line for --help and the API
  // True when this reader recognises the file from its header or first bytes.
  virtual bool detect(const DetectInput& input) const = 0;
  // Groups the files this reader detected (in one ingest request) into units. The default is one
  // unit per file; the CUR reader groups a delivery's parts by manifest and keeps the latest
  // assembly per billing period; the Azure reader pairs actual and amortized exports. Files it
  // decides to ignore are named in *notes.
  virtual std::vector<InputUnit> plan(const std::vector<std::filesystem::path>& files,
                                      std::vector<std::string>* notes) const;
  // Reads the unit. Requires: unit.reader == name(). The report is filled even on error.
  virtual core::Status read(const InputUnit& unit, const ReadOptions& options, TableSink& sink,
                            ReadReport* report) const = 0;
};

}  // namespace optima::ingest
