#include "optima/query/cursor.h"

#include <array>

#include <fmt/format.h>

#include "optima/core/base64.h"
#include "optima/core/file_io.h"
#include "optima/core/strings.h"
#include "optima/query/query_json.h"

namespace optima::query {

namespace {

constexpr std::string_view kVersion = "q1";

}  // namespace

std::string query_fingerprint(const Query& query) {
  Query identity = query;
  identity.limit.reset();
  identity.offset = 0;
  return core::sha256_hex(query_to_json(identity).dump()).substr(0, 16);
}

std::string encode_cursor(const Query& query, uint64_t offset) {
  return core::base64url_encode(fmt::format("{}.{}.{}", kVersion, query_fingerprint(query), offset));
}

core::Result<uint64_t> decode_cursor(const Query& query, std::string_view cursor) {
  std::string text;
  const auto malformed = [&cursor] {
    return core::invalid_argument(
        fmt::format("cursor: expected a cursor returned as next_cursor; found {}",
                    core::quote_for_message(cursor)));
  };
  if (!core::base64url_decode(cursor, &text))
    return malformed();
  const std::vector<std::string_view> parts = core::split(text, '.');
  if (parts.size() != 3 || parts[0] != kVersion)
    return malformed();
  const std::optional<int64_t> offset = core::parse_int64(parts[2]);
  if (!offset || *offset < 0)
    return malformed();
  if (parts[1] != query_fingerprint(query)) {
    return core::invalid_argument(
        "cursor: belongs to a different query; a cursor is valid only with the query that "
        "returned it (limit may change)");
  }
  return static_cast<uint64_t>(*offset);
}

}  // namespace optima::query
