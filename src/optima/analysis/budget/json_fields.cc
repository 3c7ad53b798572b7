#include "optima/analysis/budget/json_fields.h"

#include <fmt/format.h>

namespace optima::analysis {
namespace {

constexpr size_t kMaxFoundChars = 60;

}  // namespace

std::string json_child(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

std::string json_element(const std::string& path, size_t index) {
  return fmt::format("{}[{}]", path, index);
}

core::Status json_expected(const std::string& path, std::string_view what,
                           const nlohmann::json& found) {
  std::string text = found.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > kMaxFoundChars) text = text.substr(0, kMaxFoundChars) + "...";
  return core::invalid_argument(fmt::format("{}: expected {}; found {}",
                                            path.empty() ? "document" : path, what, text));
}

core::Status check_json_object(const nlohmann::json& value, const std::string& path,
                               std::initializer_list<std::string_view> allowed) {
  if (!value.is_object()) return json_expected(path, "an object", value);
  for (const auto& [key, unused] : value.items()) {
    bool known = false;
    for (std::string_view name : allowed) known = known || key == name;
    if (known) continue;
    std::string list;
    for (std::string_view name : allowed)
      list += list.empty() ? std::string(name) : fmt::format(", {}", name);
    return core::invalid_argument(
        fmt::format("{}: unknown field; expected one of {}", json_child(path, key), list));
  }
  return core::Status::ok();
}

core::Result<std::string> json_string(const nlohmann::json& value, const std::string& path) {
  if (!value.is_string()) return json_expected(path, "a string", value);
  return value.get<std::string>();
}

core::Result<bool> json_bool(const nlohmann::json& value, const std::string& path) {
  if (!value.is_boolean()) return json_expected(path, "true or false", value);
  return value.get<bool>();
}

core::Result<int64_t> json_int(const nlohmann::json& value, const std::string& path) {
  if (!value.is_number_integer()) return json_expected(path, "an integer", value);
  return value.get<int64_t>();
}

core::Result<core::Decimal> json_decimal(const nlohmann::json& value, const std::string& path) {
  core::Decimal out;
  if (value.is_number_integer()) return core::Decimal::from_int(value.get<int64_t>());
  if (value.is_string() && core::Decimal::parse(value.get<std::string>(), &out)) return out;
  return json_expected(path, "a decimal string such as \"1250.00\"", value);
}

core::Result<core::Timestamp> json_time(const nlohmann::json& value, const std::string& path) {
  core::Timestamp out;
  if (value.is_string() && core::parse_timestamp(value.get<std::string>(), &out)) return out;
  return json_expected(path, "a date \"YYYY-MM-DD\" or time \"YYYY-MM-DDTHH:MM:SSZ\"", value);
}

core::Result<std::vector<std::string>> json_strings(const nlohmann::json& value,
                                                    const std::string& path) {
  if (!value.is_array()) return json_expected(path, "an array of strings", value);
  std::vector<std::string> out;
  for (size_t i = 0; i < value.size(); ++i) {
    OPTIMA_ASSIGN_OR_RETURN(std::string s, json_string(value[i], json_element(path, i)));
    out.push_back(std::move(s));
  }
  return out;
}

core::Result<nlohmann::json> parse_json_text(std::string_view text, std::string_view what) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) return core::invalid_argument(fmt::format("{}: invalid JSON", what));
  return doc;
}

}  // namespace optima::analysis
