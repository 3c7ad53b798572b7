// Cloud Custodian's "placebo" recording layout for boto3 responses: files named
// `<service>.<Operation>_<n>.json` holding {"status_code": 200, "data": {...}}, with datetimes
// encoded as {"__class__": "datetime", "year": …, "microsecond": …}.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "optima/core/status.h"
#include "optima/core/time.h"
#include "optima/inventory/json_view.h"

namespace optima::inventory {

struct PlaceboName {
  std::string service;    // "ec2", "elasticloadbalancing", "monitoring", …
  std::string operation;  // "DescribeInstances"
  int sequence = 0;       // the _<n> call number, from 1
};

// The parts of a placebo file name, or nullopt when `file_name` does not follow the layout.
std::optional<PlaceboName> parse_placebo_name(const std::string& file_name);

struct PlaceboDocument {
  int64_t status_code = 0;
  nlohmann::json document;  // the whole file; `data` is an object
  bool succeeded() const { return status_code >= 200 && status_code <= 299; }
  // For failed calls: "400 InvalidAllocationID.NotFound" (status and data.Error.Code).
  std::string failure() const;
};

// Reads and parses a placebo file. Errors: unreadable file, malformed JSON, or a document that
// is not {"status_code": <integer>, "data": <object>}. A recorded failed call (4xx/5xx) is not an
// error: callers check succeeded().
core::Result<PlaceboDocument> load_placebo_document(const std::filesystem::path& path);

// A placebo datetime object (UTC; microseconds are dropped) or an ISO-8601 string.
core::Result<core::Timestamp> placebo_datetime(const JsonView& value);

}  // namespace optima::inventory
