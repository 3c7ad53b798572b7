// Reading one ingest unit of Google billing export files into FOCUS tables: the part both GCP
// readers (JSON lines, koku CSV) share.
//
// Google's billing export table is append-only: late-arriving usage and corrections arrive as
// additional rows (with a later export_time) whose costs add to what was exported before, and
// Google's own reports and FOCUS view sum every row. So every good row of every file is mapped
// and emitted, in one pass, in file order; nothing is replaced or deduplicated, and Σ BilledCost
// over the unit is Σ (cost + Σ credits.amount) over all its good rows. export_time is kept in
// x_ExportTime.
#pragma once

#include <filesystem>
#include <vector>

#include "optima/core/status.h"
#include "optima/ingest/gcp_row_source.h"
#include "optima/ingest/reader.h"

namespace optima::ingest {

// Reads `files` (each opened once with `open`, in order) into `sink`, in tables of at most
// options.batch_rows rows. The report counts rows_read (data rows), rows_accepted (rows
// emitted), rows_skipped (bad rows, lenient mode), and warns once per service with no
// ServiceCategory mapping. Errors: the opener's and sources' file-level errors, the first bad row
// in strict mode, more than options.max_bad_rows bad rows (ResourceExhausted), a sink error.
// Tables emitted before an error stay emitted: the caller discards a failed read as a whole.
core::Status ingest_gcp_export(const std::vector<std::filesystem::path>& files,
                               const GcpRowSourceOpener& open, const ReadOptions& options,
                               TableSink& sink, ReadReport* report);

}  // namespace optima::ingest
