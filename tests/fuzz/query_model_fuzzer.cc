// libFuzzer target: the JSON query model parser must reject any malformed or hostile document
// with an InvalidArgument naming the path, never crash; and a query it accepts must survive its
// own canonical JSON (parse(to_json(q)) == q).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "optima/query/query_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 16384) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto query = optima::query::parse_query(text);
  if (!query.is_ok()) {
    if (query.status().code() != optima::core::StatusCode::kInvalidArgument) __builtin_trap();
    return 0;
  }
  const std::string canonical = optima::query::query_to_json(*query).dump();
  auto again = optima::query::parse_query(canonical);
  if (!again.is_ok() || !(*again == *query)) __builtin_trap();
  return 0;
}
