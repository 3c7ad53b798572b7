// The JSON form of the query model: parsing (strict, without exceptions) and canonical output.
//
// Every error is InvalidArgument and names the JSON path and what was expected, e.g.
//   filters[2].op: expected one of in, not_in, prefix, is_null, not_null; found "like"
// Unknown fields are rejected. The field reference is docs/query-model.md.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "optima/core/status.h"
#include "optima/query/query.h"

namespace optima::query {

// Parses and validates a query document. A "cursor" field is decoded into Query::offset and
// must belong to this query (see cursor.h).
core::Result<Query> parse_query(std::string_view json_text);
// As parse_query(), for a document already parsed (e.g. one member of an API request body).
core::Result<Query> query_from_json(const nlohmann::json& document);

// The canonical JSON of a query: keys sorted, defaults omitted, times as
// "YYYY-MM-DDTHH:MM:SSZ", order_by directions explicit, Query::offset as a "cursor".
// parse_query(query_to_json(q)) == q for every valid q.
nlohmann::json query_to_json(const Query& query);

}  // namespace optima::query
