// FOCUS CSV export: the rows of a TableSource as a FOCUS 1.2 CSV file, plus its metadata.
//
// Output is canonical, so the same rows always give the same bytes and a FOCUS reader gets the
// rows back: the FOCUS 1.2 columns the rows have, in specification order — the 21 Mandatory
// columns always, a Recommended or Conditional column only when at least one exported row has a
// value in it (a column present but always null would claim data the source does not carry, and
// make the conditional column's nullability rules fire) — then the x_ columns sorted by name;
// null cells are empty; RFC 4180 quoting (a field holding , " CR or LF is quoted,
// quotes doubled), '\n' line ends; date/times "YYYY-MM-DDTHH:MM:SSZ"; decimals as exact plain
// text ("0.0000004", never E-notation); Tags as a JSON object with keys sorted. Rows follow
// row-group order. Streaming: one row group in memory at a time (a first pass over the row
// groups finds the columns), text cached per distinct dictionary value.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/status.h"
#include "optima/core/time.h"
#include "optima/focus/column.h"
#include "optima/query/query.h"
#include "optima/store/table_source.h"

namespace optima::query {

// Which rows to export: ChargePeriodStart in the time range (when set) and every filter passing,
// with the query model's meaning.
struct FocusExportFilter {
  std::optional<core::Period> time_range;
  std::vector<Filter> filters;
  static FocusExportFilter from_query(const Query& query) {
    return {query.time_range, query.filters};
  }
};

struct FocusExportStats {
  uint64_t rows_written = 0;
  uint64_t bytes_written = 0;
  std::vector<focus::Column> focus_columns;    // the FOCUS columns of the header, in order
  std::vector<std::string> extension_columns;  // the x_ columns of the header, in order
};

// Receives the CSV text in chunks, in order. An error stops the export.
using ChunkSink = std::function<core::Status(std::string_view)>;

// Writes the header and the matching rows. Errors: the sink's, the source's when a row group
// cannot be loaded (with the row group named), the bundled FOCUS schema's. `stats` may be null.
core::Status write_focus_csv(const store::TableSource& source, const FocusExportFilter& filter,
                             const ChunkSink& sink, FocusExportStats* stats);

// As write_focus_csv(), into `path`, atomically: written to a temporary file beside it,
// fsynced, then renamed, so `path` never holds a partial export. Errors: IoError naming the path.
core::Status write_focus_csv_file(const store::TableSource& source, const FocusExportFilter& filter,
                                  const std::filesystem::path& path, FocusExportStats* stats);

// The FOCUS metadata object for an export: FocusVersion "1.2", DataGenerator "CloudOptima",
// CreationDate, and Columns [{ColumnName, DataType}] in file order (`focus_columns`, then
// `extension_columns`, as FocusExportStats lists them).
std::string focus_metadata_json(const std::vector<focus::Column>& focus_columns,
                                const std::vector<std::string>& extension_columns,
                                core::Timestamp created);

}  // namespace optima::query
