// Cursor pagination.
#include "optima/server/pagination.h"

#include "optima/core/strings.h"

namespace optima::server {

std::variant<PageRequest, ApiError> page_request(const RequestContext& request) {
  PageRequest page;
  if (auto limit = request.query_param("limit")) {
    std::optional<int64_t> n = core::parse_int64(*limit);
    if (!n || *n < 1 || *n > static_cast<int64_t>(kMaxPageLimit)) {
      return invalid_argument_error("limit: expected an integer from 1 to 1000");
    }
    page.limit = static_cast<size_t>(*n);
  }
  if (auto cursor = request.query_param("cursor"); cursor && !cursor->empty()) {
    std::optional<int64_t> n = core::parse_int64(*cursor);
    if (!n || *n < 0) return invalid_argument_error("cursor: not a cursor this server issued");
    page.offset = static_cast<size_t>(*n);
  }
  return page;
}

void write_page(const nlohmann::json& all, const PageRequest& page, std::string_view key,
                nlohmann::json& out) {
  nlohmann::json items = nlohmann::json::array();
  const size_t end = std::min(all.size(), page.offset + page.limit);
  for (size_t i = page.offset; i < end; ++i) items.push_back(all[i]);
  out[std::string(key)] = std::move(items);
  if (end < all.size()) out["next_cursor"] = std::to_string(end);
}

}  // namespace optima::server
