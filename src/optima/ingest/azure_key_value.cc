#include "optima/ingest/azure_key_value.h"

#include <string>

#include "optima/core/strings.h"

namespace optima::ingest {

core::Result<nlohmann::json> parse_azure_key_value(std::string_view cell) {
  const std::string_view text = core::trim(cell);
  if (text.empty())
    return nlohmann::json::object();
  std::string wrapped;
  if (text.front() != '{') {
    wrapped.reserve(text.size() + 2);
    wrapped.push_back('{');
    wrapped.append(text);
    wrapped.push_back('}');
  }
  nlohmann::json doc = nlohmann::json::parse(wrapped.empty() ? text : std::string_view(wrapped),
                                             nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return core::invalid_argument("expected a JSON object (with or without outer braces)");
  }
  return doc;
}

std::string azure_value_text(const nlohmann::json& value) {
  if (value.is_string())
    return value.get<std::string>();
  if (value.is_null())
    return std::string();
  // The parser only admits valid UTF-8, but dump() must never fail: invalid bytes are replaced.
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace optima::ingest
