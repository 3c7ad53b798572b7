// Parsing of Azure's key/value JSON cells (Tags, AdditionalInfo).
//
// Cost details exports write these objects without their outer braces
// (`"CostCenter": "1234","env": "prod"`); legacy pay-as-you-go exports and some columns keep
// them (`{"project":"p1"}`). Microsoft's FOCUS conversion wraps the text in {} when needed; so
// do we (FOCUS.md §3.4, §3.6).
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "optima/core/status.h"

namespace optima::ingest {

// Parses `cell` as a JSON object, adding the outer braces when they are missing. An empty or
// blank cell is an empty object. Returns InvalidArgument when the text is not a JSON object
// with or without braces. Never throws.
core::Result<nlohmann::json> parse_azure_key_value(std::string_view cell);

// The text of a JSON value for a tag value: strings as is, other scalars as JSON text
// (`2`, `true`), null as "", arrays and objects as compact JSON.
std::string azure_value_text(const nlohmann::json& value);

}  // namespace optima::ingest
