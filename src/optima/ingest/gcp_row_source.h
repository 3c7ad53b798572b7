// GcpRowSource: a stream of decoded, checked Google billing export rows from one file,
// whatever its dialect (BigQuery JSON lines, koku's flattened CSV). The ingest driver opens the
// files of a unit one after another through a GcpRowSourceOpener (see gcp_export_ingest.h), so
// only one is open at a time. Sources are not thread-safe.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>

#include "optima/core/status.h"
#include "optima/ingest/gcp_export_row.h"
#include "optima/ingest/reader.h"

namespace optima::ingest {

enum class GcpRowOutcome { kRow, kBadRow, kEnd };

class GcpRowSource {
 public:
  virtual ~GcpRowSource() = default;
  // Reads the next data row. kRow: *row holds a row that passed gcp_check_row(), valid until
  // the next call. kBadRow: the row was unreadable or incomplete, *issue says where (file, row,
  // line, field) and why. kEnd: no more rows. Errors are file-level failures that stop the
  // read: I/O, a truncated gzip stream, a header without the required columns.
  virtual core::Result<GcpRowOutcome> next(GcpExportRow* row, RowIssue* issue) = 0;
};

using GcpRowSourceOpener =
    std::function<core::Result<std::unique_ptr<GcpRowSource>>(const std::filesystem::path&)>;

}  // namespace optima::ingest
