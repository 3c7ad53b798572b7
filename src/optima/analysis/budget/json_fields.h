// Strict reading of JSON objects for the budget and alert types: unknown fields are errors, and
// every error is InvalidArgument naming the field's path, what was expected and what was found
// ("thresholds[0].percent: expected a decimal string; found true"). No exceptions.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "optima/core/decimal.h"
#include "optima/core/status.h"
#include "optima/core/time.h"

namespace optima::analysis {

// "a.b" (or "b" when path is empty) and "a[3]".
std::string json_child(const std::string& path, std::string_view key);
std::string json_element(const std::string& path, size_t index);

// "<path>: expected <what>; found <value as short JSON>".
core::Status json_expected(const std::string& path, std::string_view what,
                           const nlohmann::json& found);

// Requires `value` to be an object whose keys are all in `allowed`.
core::Status check_json_object(const nlohmann::json& value, const std::string& path,
                               std::initializer_list<std::string_view> allowed);

core::Result<std::string> json_string(const nlohmann::json& value, const std::string& path);
core::Result<bool> json_bool(const nlohmann::json& value, const std::string& path);
core::Result<int64_t> json_int(const nlohmann::json& value, const std::string& path);
// A decimal string ("12.50") or a JSON integer.
core::Result<core::Decimal> json_decimal(const nlohmann::json& value, const std::string& path);
// A date or time as the query model reads it ("2024-03-01", "2024-03-01T00:00:00Z").
core::Result<core::Timestamp> json_time(const nlohmann::json& value, const std::string& path);
core::Result<std::vector<std::string>> json_strings(const nlohmann::json& value,
                                                    const std::string& path);
// Parses text into JSON without exceptions; `what` names the document in the error.
core::Result<nlohmann::json> parse_json_text(std::string_view text, std::string_view what);

}  // namespace optima::analysis
