// Reading one ingest unit of Google billing export files into FOCUS tables: the part both GCP
// readers (JSON lines, koku CSV) share.
//
// Google's export is restated by re-exporting rows: a row with a later export_time replaces an
// earlier row of the same charge (identity: gcp_row_identity.h). Replacement applies across all
// files of the unit, so the files are read twice: pass 1 decodes and checks every row, reports
// bad rows (strict mode fails here, before anything reaches the sink) and keeps, per identity,
// the latest export_time (24 bytes per row); pass 2 maps the rows that are not superseded to
// FOCUS and emits them in batches. Rows without export_time are never replaced; rows of one
// identity with the same latest export_time are all kept (distinct rows of the export).
#pragma once

#include <filesystem>
#include <vector>

#include "optima/core/status.h"
#include "optima/ingest/gcp_row_source.h"
#include "optima/ingest/reader.h"

namespace optima::ingest {

// Reads `files` (opened with `open`, twice each) into `sink`. The report counts rows_read (data
// rows), rows_accepted (rows emitted), rows_skipped (bad rows, lenient mode); rows replaced by
// a later export are neither and are counted in a warning, as are services with no
// ServiceCategory mapping. Errors: the opener's and sources' file-level errors, the first bad
// row in strict mode, more than options.max_bad_rows bad rows (ResourceExhausted), a sink
// error, and FailedPrecondition when a file changed between the passes.
core::Status ingest_gcp_export(const std::vector<std::filesystem::path>& files,
                               const GcpRowSourceOpener& open, const ReadOptions& options,
                               TableSink& sink, ReadReport* report);

}  // namespace optima::ingest
