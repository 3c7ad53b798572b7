// read_cur_files(): streams the CSV files of one CUR unit (legacy or 2.0) through CurRowMapper
// into FOCUS tables. The read() of both AWS readers.
#pragma once

#include "optima/core/status.h"
#include "optima/ingest/reader.h"

namespace optima::ingest {

// Reads every file of `unit` in order (plain or gzip CSV; each part has its own header) and
// hands FOCUS tables of about options.batch_rows rows to `sink` (an RIFee / SavingsPlanRecurring
// Fee line and its split-off Unused row always land in the same table, which may then hold one
// row more). Bad rows follow options.strictness (see reader.h). Header quirks and mapping notes
// go to report->warnings, prefixed with the file.
// Errors: the service-category data files missing or malformed; a file that cannot be opened
// or is not a CUR (a required column missing: lineItem/LineItemType, lineItem/UnblendedCost,
// lineItem/CurrencyCode, bill/PayerAccountId, and lineItem/UsageStartDate + UsageEndDate or
// identity/TimeInterval); Parquet or ZIP parts (not supported); a CSV or gzip error (truncated
// stream, unterminated quote), naming the file and the last good row; strict mode's first bad
// row; more than options.max_bad_rows bad rows. The report is filled even on error.
core::Status read_cur_files(const InputUnit& unit, const ReadOptions& options, TableSink& sink,
                            ReadReport* report);

}  // namespace optima::ingest
