#include "optima/query/cursor.h"

#include <array>

#include <fmt/format.h>

#include "optima/core/file_io.h"
#include "optima/core/strings.h"
#include "optima/query/query_json.h"

namespace optima::query {

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kVersion = "q1";

// Unpadded base64url, so cursors survive URLs and shells unquoted.
std::string base64url_encode(std::string_view bytes) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(acc >> bits) & 63]);
    }
  }
  if (bits > 0)
    out.push_back(kAlphabet[(acc << (6 - bits)) & 63]);
  return out;
}

bool base64url_decode(std::string_view text, std::string* out) {
  std::array<int, 256> value{};
  value.fill(-1);
  for (size_t i = 0; i < kAlphabet.size(); ++i)
    value[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int>(i);
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : text) {
    if (value[c] < 0)
      return false;
    acc = (acc << 6) | static_cast<uint32_t>(value[c]);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return true;
}

}  // namespace

std::string query_fingerprint(const Query& query) {
  Query identity = query;
  identity.limit.reset();
  identity.offset = 0;
  return core::sha256_hex(query_to_json(identity).dump()).substr(0, 16);
}

std::string encode_cursor(const Query& query, uint64_t offset) {
  return base64url_encode(fmt::format("{}.{}.{}", kVersion, query_fingerprint(query), offset));
}

core::Result<uint64_t> decode_cursor(const Query& query, std::string_view cursor) {
  std::string text;
  const auto malformed = [&cursor] {
    return core::invalid_argument(
        fmt::format("cursor: expected a cursor returned as next_cursor; found {}",
                    core::quote_for_message(cursor)));
  };
  if (!base64url_decode(cursor, &text))
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
