// Cursor pagination of list routes (docs/api.md, "Paging"): ?limit= (default 100, max 1000) and
// ?cursor= (opaque; here the offset of the next item); responses carry "next_cursor" unless
// the page is the last.
#pragma once

#include <cstddef>
#include <variant>

#include <nlohmann/json.hpp>

#include "optima/server/api_response.h"
#include "optima/server/request_context.h"

namespace optima::server {

struct PageRequest {
  size_t offset = 0;
  size_t limit = 100;
};

inline constexpr size_t kDefaultPageLimit = 100;
inline constexpr size_t kMaxPageLimit = 1000;

// The page asked for, or a 400 for a bad limit or cursor.
std::variant<PageRequest, ApiError> page_request(const RequestContext& request);

// Adds items[offset, offset + limit) of `all` (an array) to `out[key]`, and "next_cursor" when
// more remain.
void write_page(const nlohmann::json& all, const PageRequest& page, std::string_view key,
                nlohmann::json& out);

}  // namespace optima::server
