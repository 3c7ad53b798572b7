// Pagination cursors: opaque tokens that carry a row offset and are bound to one query.
//
// A cursor holds a fingerprint of the query that produced it (everything but limit and cursor)
// and the offset of the next page's first row. Results are ordered totally (effective_order),
// so on the same data successive pages neither repeat nor skip rows, whichever executor runs
// them. The page size may change between pages.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "optima/core/status.h"
#include "optima/query/query.h"

namespace optima::query {

// 16 hex digits identifying the query's result set (limit and offset excluded).
std::string query_fingerprint(const Query& query);
// The cursor for the page of `query` that starts at row `offset`.
std::string encode_cursor(const Query& query, uint64_t offset);
// The offset a cursor carries. InvalidArgument ("cursor: …") when the text is not a cursor or
// was issued for a different query.
core::Result<uint64_t> decode_cursor(const Query& query, std::string_view cursor);

}  // namespace optima::query
