// JsonView: a read-only position inside a parsed JSON document that knows its file and JSON path,
// so every reader reports bad input as "<file>: $.Reservations[0].InstanceId: expected string,
// found number". Thread-compatible; it borrows the document, which must outlive it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "optima/core/status.h"

namespace optima::inventory {

// Parses `text` without exceptions. InvalidArgument "<file>: malformed JSON ..." on bad syntax.
core::Result<nlohmann::json> parse_json_document(std::string_view text, std::string_view file);

class JsonView {
 public:
  JsonView(const nlohmann::json& value, std::string path, std::string_view file)
      : value_(&value), path_(std::move(path)), file_(file) {}

  const nlohmann::json& json() const { return *value_; }
  const std::string& path() const { return path_; }
  std::string_view file() const { return file_; }

  bool is_object() const { return value_->is_object(); }
  bool is_array() const { return value_->is_array(); }
  size_t size() const { return value_->size(); }

  // InvalidArgument "<file>: <path>: expected <expected>, found <kind of value>".
  core::Status error(std::string_view expected) const;

  // The member `key` of this object. Errors when this is not an object or the member is absent.
  core::Result<JsonView> at(std::string_view key) const;
  // The member `key`, or nullopt when this is not an object, or it is absent or null.
  std::optional<JsonView> find(std::string_view key) const;
  // Element `index` of this array (requires index < size() and is_array()).
  JsonView element(size_t index) const;

  core::Status expect_object() const;
  core::Status expect_array() const;
  // The member `key` that must be an array; nullopt when absent or null.
  core::Result<std::optional<JsonView>> optional_array(std::string_view key) const;

  // This value as a string (must be a JSON string).
  core::Result<std::string> string() const;
  // This value as a number (integer or floating point).
  core::Result<double> number() const;
  // A scalar as text: strings verbatim, numbers as written, booleans "true"/"false".
  core::Result<std::string> text() const;

  // Member `key` as a required string.
  core::Result<std::string> string_at(std::string_view key) const;
  // Member `key` as a string, "" when absent or null; an error when present with another type.
  core::Result<std::string> string_or_empty(std::string_view key) const;
  // Member `key` as scalar text, "" when absent or null; an error when it is an object or array.
  core::Result<std::string> text_or_empty(std::string_view key) const;

 private:
  const nlohmann::json* value_;
  std::string path_;
  std::string_view file_;
};

// "string", "number 5", "object", … for error messages.
std::string describe_json_value(const nlohmann::json& value);

}  // namespace optima::inventory
