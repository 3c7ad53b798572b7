// FocusRowConverter: parses and validates the cells of one FOCUS CSV record into a TableBuilder
// row.
//
// Every cell is read by its column's kind: Decimal via core::Decimal (plus the spreadsheet
// spellings "$10,100.00 " that the FOCUS spec's own examples contain, counted as lenient
// readings), Date/Time via core::parse_timestamp, Tags via TagsParser, closed value sets
// normalised to FOCUS spelling (an unknown ChargeCategory is a bad cell: amortization and every
// cost view depend on it; other unknown values are kept verbatim for the conformance checker).
// Empty cells and ReadOptions::null_literals (any letter case: the spec examples write "null")
// are null. A BillingPeriodEnd written as the inclusive last day of the month (Google's FOCUS
// view) becomes the exclusive end. Not thread-safe; one per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/time.h"
#include "optima/focus/table_builder.h"
#include "optima/ingest/focus_column_map.h"
#include "optima/ingest/reader.h"
#include "optima/ingest/tags_parser.h"

namespace optima::ingest {

// Cells read leniently in one file, reported once per file as warnings.
struct LenientReadings {
  struct Kind {
    uint64_t count = 0;
    std::string column;   // of the first example
    std::string example;  // first cell read this way
    std::string read_as;  // what it was read as
  };
  Kind formatted_numbers;      // "$10,100.00 " read as 10100.00
  Kind inclusive_period_ends;  // BillingPeriodEnd on the last day of the month

  // Adds other's counts; keeps this one's examples when it has them.
  void merge(const LenientReadings& other);
  void append_warnings(std::vector<std::string>* warnings) const;
};

class FocusRowConverter {
 public:
  // Declares the map's FOCUS and extension columns in *builder. Requires: map, options and
  // builder outlive the converter.
  FocusRowConverter(const FocusColumnMap& map, const ReadOptions& options,
                    focus::TableBuilder* builder);

  // Converts one record into a finished row of the builder and returns true. On the first bad
  // cell (or a record whose field count differs from the header) the row is discarded, *issue
  // gets column, expected and found (file, row and line are the caller's), and returns false.
  bool convert(const std::vector<std::string_view>& fields, RowIssue* issue);

  const LenientReadings& lenient() const { return lenient_; }

 private:
  struct TimeCache {
    std::string text;
    int64_t seconds = 0;
    bool valid = false;
  };
  struct EnumCache {
    std::string text;
    std::string_view canonical;
    bool known = false;
    bool valid = false;
  };

  bool is_null(std::string_view cell) const;
  bool read_decimal(const SourceColumn& col, std::string_view cell, RowIssue* issue);
  bool read_time(size_t index, const SourceColumn& col, std::string_view cell, RowIssue* issue);
  bool read_enum(size_t index, const SourceColumn& col, std::string_view cell, RowIssue* issue);
  bool read_tags(const SourceColumn& col, std::string_view cell, RowIssue* issue);
  void finish_billing_period();
  bool reject(const SourceColumn& col, std::string expected, std::string_view found,
              RowIssue* issue);

  const FocusColumnMap& map_;
  focus::TableBuilder* builder_;
  std::vector<std::string> null_literals_;
  uint64_t null_lengths_ = 0;            // bit n set: some literal has length n (n < 64)
  std::vector<size_t> extension_index_;  // builder index per map extension
  std::vector<TimeCache> time_caches_;   // per source column
  std::vector<EnumCache> enum_caches_;   // per source column
  TagsParser tags_;
  std::string tags_error_;
  // BillingPeriodStart/End of the current row, set after the whole row is read.
  int64_t period_start_ = focus::kNullTime;
  int64_t period_end_ = focus::kNullTime;
  std::string_view period_end_text_;
  LenientReadings lenient_;
};

}  // namespace optima::ingest
