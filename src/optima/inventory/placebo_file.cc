#include "optima/inventory/placebo_file.h"

#include <fmt/format.h>

#include "optima/core/file_io.h"

namespace optima::inventory {
namespace {

bool is_service_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

core::Result<int> datetime_field(const JsonView& value, std::string_view key, int min, int max) {
  OPTIMA_ASSIGN_OR_RETURN(JsonView field, value.at(key));
  if (!field.json().is_number_integer()) return field.error("integer");
  const int64_t v = field.json().get<int64_t>();
  if (v < min || v > max) return field.error(fmt::format("integer in [{}, {}]", min, max));
  return static_cast<int>(v);
}

}  // namespace

std::optional<PlaceboName> parse_placebo_name(const std::string& file_name) {
  constexpr std::string_view kSuffix = ".json";
  if (file_name.size() <= kSuffix.size() ||
      file_name.compare(file_name.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
    return std::nullopt;
  }
  const std::string stem = file_name.substr(0, file_name.size() - kSuffix.size());
  const size_t dot = stem.find('.');
  const size_t underscore = stem.rfind('_');
  if (dot == std::string::npos || dot == 0 || underscore == std::string::npos || underscore < dot + 2 ||
      underscore + 1 == stem.size()) {
    return std::nullopt;
  }
  PlaceboName name;
  name.service = stem.substr(0, dot);
  name.operation = stem.substr(dot + 1, underscore - dot - 1);
  for (char c : name.service) {
    if (!is_service_char(c)) return std::nullopt;
  }
  if (name.operation[0] < 'A' || name.operation[0] > 'Z') return std::nullopt;
  for (char c : name.operation) {
    if (!is_name_char(c)) return std::nullopt;
  }
  int sequence = 0;
  for (size_t i = underscore + 1; i < stem.size(); ++i) {
    if (stem[i] < '0' || stem[i] > '9' || sequence > 100000000) return std::nullopt;
    sequence = sequence * 10 + (stem[i] - '0');
  }
  name.sequence = sequence;
  return name;
}

std::string PlaceboDocument::failure() const {
  std::string code;
  const nlohmann::json& data = document["data"];
  if (auto error = data.find("Error"); error != data.end() && error->is_object()) {
    if (auto c = error->find("Code"); c != error->end() && c->is_string()) code = c->get<std::string>();
  }
  return code.empty() ? std::to_string(status_code) : fmt::format("{} {}", status_code, code);
}

core::Result<PlaceboDocument> load_placebo_document(const std::filesystem::path& path) {
  OPTIMA_ASSIGN_OR_RETURN(std::string text, core::read_file(path));
  const std::string file = path.string();
  PlaceboDocument out;
  OPTIMA_ASSIGN_OR_RETURN(out.document, parse_json_document(text, file));
  JsonView root(out.document, "$", file);
  OPTIMA_RETURN_IF_ERROR(root.expect_object());
  OPTIMA_ASSIGN_OR_RETURN(JsonView status, root.at("status_code"));
  if (!status.json().is_number_integer()) return status.error("integer HTTP status");
  out.status_code = status.json().get<int64_t>();
  OPTIMA_ASSIGN_OR_RETURN(JsonView data, root.at("data"));
  OPTIMA_RETURN_IF_ERROR(data.expect_object());
  return out;
}

core::Result<core::Timestamp> placebo_datetime(const JsonView& value) {
  if (value.json().is_string()) {
    core::Timestamp t;
    if (!core::parse_timestamp(value.json().get_ref<const std::string&>(), &t)) {
      return value.error("ISO-8601 datetime");
    }
    return t;
  }
  if (!value.is_object()) return value.error("placebo datetime object");
  OPTIMA_ASSIGN_OR_RETURN(std::string cls, value.string_at("__class__"));
  if (cls != "datetime") return value.error("{\"__class__\": \"datetime\"}");
  OPTIMA_ASSIGN_OR_RETURN(int year, datetime_field(value, "year", 1, 9999));
  OPTIMA_ASSIGN_OR_RETURN(int month, datetime_field(value, "month", 1, 12));
  OPTIMA_ASSIGN_OR_RETURN(int day, datetime_field(value, "day", 1, 31));
  OPTIMA_ASSIGN_OR_RETURN(int hour, datetime_field(value, "hour", 0, 23));
  OPTIMA_ASSIGN_OR_RETURN(int minute, datetime_field(value, "minute", 0, 59));
  OPTIMA_ASSIGN_OR_RETURN(int second, datetime_field(value, "second", 0, 60));
  const core::CivilDate date{year, month, day};
  if (!core::is_valid_date(date)) return value.error("a valid calendar date");
  return core::make_timestamp(date, hour, minute, second);
}

}  // namespace optima::inventory
