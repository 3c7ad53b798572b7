#include "optima/inventory/json_view.h"

#include <fmt/format.h>

#include "optima/core/strings.h"

namespace optima::inventory {

core::Result<nlohmann::json> parse_json_document(std::string_view text, std::string_view file) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) {
    return core::invalid_argument(fmt::format("{}: malformed JSON", file));
  }
  return doc;
}

std::string describe_json_value(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "object";
    case nlohmann::json::value_t::array: return "array";
    case nlohmann::json::value_t::string:
      return "string " + core::quote_for_message(value.get_ref<const std::string&>());
    case nlohmann::json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return "number " + value.dump();
    default: return "binary";
  }
}

core::Status JsonView::error(std::string_view expected) const {
  return core::invalid_argument(
      fmt::format("{}: {}: expected {}, found {}", file_, path_, expected, describe_json_value(*value_)));
}

core::Result<JsonView> JsonView::at(std::string_view key) const {
  OPTIMA_RETURN_IF_ERROR(expect_object());
  auto it = value_->find(key);
  if (it == value_->end()) {
    return core::invalid_argument(fmt::format("{}: {}: missing member \"{}\"", file_, path_, key));
  }
  return JsonView(*it, fmt::format("{}.{}", path_, key), file_);
}

std::optional<JsonView> JsonView::find(std::string_view key) const {
  if (!value_->is_object()) return std::nullopt;
  auto it = value_->find(key);
  if (it == value_->end() || it->is_null()) return std::nullopt;
  return JsonView(*it, fmt::format("{}.{}", path_, key), file_);
}

JsonView JsonView::element(size_t index) const {
  return JsonView((*value_)[index], fmt::format("{}[{}]", path_, index), file_);
}

core::Status JsonView::expect_object() const {
  return value_->is_object() ? core::Status::ok() : error("object");
}

core::Status JsonView::expect_array() const {
  return value_->is_array() ? core::Status::ok() : error("array");
}

core::Result<std::optional<JsonView>> JsonView::optional_array(std::string_view key) const {
  std::optional<JsonView> member = find(key);
  if (member) OPTIMA_RETURN_IF_ERROR(member->expect_array());
  return member;
}

core::Result<std::string> JsonView::string() const {
  if (!value_->is_string()) return error("string");
  return value_->get<std::string>();
}

core::Result<double> JsonView::number() const {
  if (!value_->is_number()) return error("number");
  return value_->get<double>();
}

core::Result<std::string> JsonView::text() const {
  if (value_->is_string()) return value_->get<std::string>();
  if (value_->is_number() || value_->is_boolean()) return value_->dump();
  return error("string, number or boolean");
}

core::Result<std::string> JsonView::string_at(std::string_view key) const {
  OPTIMA_ASSIGN_OR_RETURN(JsonView member, at(key));
  return member.string();
}

core::Result<std::string> JsonView::string_or_empty(std::string_view key) const {
  std::optional<JsonView> member = find(key);
  if (!member) return std::string();
  return member->string();
}

core::Result<std::string> JsonView::text_or_empty(std::string_view key) const {
  std::optional<JsonView> member = find(key);
  if (!member) return std::string();
  return member->text();
}

}  // namespace optima::inventory
