// ConformanceDataset: what the FOCUS conformance validator reads — column names and rows, in
// batches, column by column.
//
// Two implementations: TableDataset (our own typed focus::Table row groups, table_dataset.h) and
// ingest::RawCsvDataset (a user's CSV file read as raw text). The validator makes one forward
// pass over the batches, so a dataset may stream (memory stays bounded by one batch).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/status.h"

namespace optima::focus {

// How a dataset holds a column's cells. Raw text has no type: every check reads the text.
// Typed storage (our own tables) already guarantees what Type/Format checks would verify.
enum class CellStorage : uint8_t {
  kText,      // raw text of unknown type (a CSV cell)
  kString,    // a typed string column
  kDecimal,   // exact decimals
  kDateTime,  // UTC timestamps
  kKeyValue,  // a key/value map (our Tags), always a valid flat JSON object
};

// One column's cells for the rows of a batch. Not thread-safe.
struct ColumnBatch {
  CellStorage storage = CellStorage::kText;
  std::vector<uint8_t> nulls;                 // one per row; 1 = null
  std::vector<std::string_view> texts;        // kText, kString: one per row ("" when null)
  std::vector<core::Decimal> decimals;        // kDecimal: one per row (0 when null)
  std::vector<int64_t> seconds;               // kDateTime: one per row
  std::function<std::string(size_t)> render;  // kKeyValue: a row's JSON text

  size_t size() const { return nulls.size(); }
  bool is_null(size_t row) const { return nulls[row] != 0; }
  // The cell as text: raw text, plain decimal, ISO 8601 time or JSON object. Requires:
  // !is_null(row).
  std::string text(size_t row) const;
  // Clears the cells, keeping capacity, and sets the storage.
  void reset(CellStorage new_storage);
};

// The rows of one batch, all columns. Valid until the dataset's next next_batch() call.
struct RowBatch {
  uint64_t first_row = 0;  // 0-based position of this batch's first row in the dataset
  size_t rows = 0;
  std::vector<ColumnBatch> columns;    // one per dataset column, in column_names() order
  std::vector<uint64_t> source_lines;  // physical line of each row when known (CSV), else empty
};

class ConformanceDataset {
 public:
  virtual ~ConformanceDataset() = default;
  // Column names exactly as the dataset spells them (unique), in order.
  virtual const std::vector<std::string>& column_names() const = 0;
  // Reads the next rows into *batch; false (batch unspecified) after the last row. Errors: I/O,
  // malformed input, naming the file and line.
  virtual core::Result<bool> next_batch(RowBatch* batch) = 0;
  // Rows read so far (all rows once next_batch() has returned false).
  virtual uint64_t rows_read() const = 0;
  // Notes about the input found while reading (ragged rows, renamed headers), one line each.
  virtual std::vector<std::string> notes() const = 0;
  // What the data is, for reports: a file path or "3 tables".
  virtual std::string description() const = 0;
};

}  // namespace optima::focus
