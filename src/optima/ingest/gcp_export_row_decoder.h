// Decoding Google billing export values into a GcpExportRow: type checks per field, exact
// decimals, timestamps, the repeated label/tag/credit records, and the completeness check every
// row must pass before it becomes a FOCUS row. Shared by the JSON lines and the CSV dialects.
#pragma once

#include <string>

#include "optima/ingest/gcp_export_row.h"
#include "optima/ingest/gcp_literal.h"

namespace optima::ingest {

// What is wrong with one field of one row. `field` is the dotted export path, with an index for
// repeated records ("credits[1].amount").
struct GcpFieldError {
  std::string field;
  std::string expected;  // empty when `found` is a whole description
  std::string found;
};

// Assigns `value` to `info.field` of *row. Null leaves the field null. Scalars accept the JSON
// types BigQuery writes and their string forms (decimals as numbers or numeric strings, strings
// as strings or bare numbers, timestamps as "2024-01-01 00:00:00 UTC" or ISO 8601); labels,
// tags and credits need an array of objects from `doc`. Returns false and fills *error when the
// value has the wrong type or does not parse.
bool gcp_assign_field(const GcpFieldInfo& info, const GcpLiteralDocument& doc,
                      const GcpLiteralNode& value, GcpExportRow* row, GcpFieldError* error);

// Decodes one BigQuery JSON row (doc.root() must be an object): top-level fields and the fields
// of nested records (service.id, usage.amount …). Fields we do not read are ignored, since
// Google adds fields over time. Requires: row->clear() was called.
bool gcp_decode_json_row(const GcpLiteralDocument& doc, GcpExportRow* row, GcpFieldError* error);

// Checks that the row carries what every FOCUS row needs (billing account, usage window, cost,
// currency, invoice month) and derives cost_type_value and billing_period. An absent cost_type
// reads as "regular"; an unknown one is an error, so no charge is silently misclassified.
bool gcp_check_row(GcpExportRow* row, GcpFieldError* error);

}  // namespace optima::ingest
