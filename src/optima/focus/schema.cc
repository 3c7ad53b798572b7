#include "optima/focus/schema.h"

#include <mutex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "optima/core/file_io.h"
#include "optima/core/paths.h"

namespace optima::focus {

using core::Result;
using nlohmann::json;

namespace {
Result<std::string> get_string(const json& obj, const char* key, const std::string& where) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) {
    return core::invalid_argument(fmt::format("{}: missing string '{}'", where, key));
  }
  return it->get<std::string>();
}
}  // namespace

Result<Schema> Schema::parse(const std::string& json_text) {
  json doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return core::invalid_argument("FOCUS schema: not a JSON object");
  }
  Schema schema;
  auto versions = doc.find("versions");
  if (versions == doc.end() || !versions->is_object()) {
    return core::invalid_argument("FOCUS schema: missing object 'versions'");
  }
  for (const auto& [version, columns] : versions->items()) {
    if (!columns.is_array()) {
      return core::invalid_argument(fmt::format("FOCUS schema: versions.{} is not an array", version));
    }
    std::vector<ColumnSpec>& specs = schema.versions_[version];
    for (size_t i = 0; i < columns.size(); ++i) {
      const json& c = columns[i];
      const std::string where = fmt::format("FOCUS schema versions.{}[{}]", version, i);
      if (!c.is_object()) return core::invalid_argument(where + ": not an object");
      ColumnSpec spec;
      OPTIMA_ASSIGN_OR_RETURN(spec.name, get_string(c, "name", where));
      OPTIMA_ASSIGN_OR_RETURN(spec.column_type, get_string(c, "column_type", where));
      OPTIMA_ASSIGN_OR_RETURN(std::string level, get_string(c, "level", where));
      if (level == "Mandatory") {
        spec.level = FeatureLevel::kMandatory;
      } else if (level == "Recommended") {
        spec.level = FeatureLevel::kRecommended;
      } else if (level == "Conditional") {
        spec.level = FeatureLevel::kConditional;
      } else {
        return core::invalid_argument(fmt::format("{}: unknown level '{}'", where, level));
      }
      auto nulls = c.find("allows_nulls");
      if (nulls == c.end() || !nulls->is_boolean()) {
        return core::invalid_argument(where + ": missing boolean 'allows_nulls'");
      }
      spec.allows_nulls = nulls->get<bool>();
      OPTIMA_ASSIGN_OR_RETURN(spec.data_type, get_string(c, "data_type", where));
      OPTIMA_ASSIGN_OR_RETURN(spec.value_format, get_string(c, "value_format", where));
      OPTIMA_ASSIGN_OR_RETURN(spec.introduced, get_string(c, "introduced", where));
      if (auto allowed = c.find("allowed_values"); allowed != c.end() && allowed->is_array()) {
        for (const auto& v : *allowed) {
          if (v.is_string()) spec.allowed_values.push_back(v.get<std::string>());
        }
      }
      specs.push_back(std::move(spec));
    }
  }
  if (auto subs = doc.find("service_subcategories"); subs != doc.end() && subs->is_object()) {
    for (const auto& [category, values] : subs->items()) {
      auto& out = schema.subcategories_[category];
      if (!values.is_array()) continue;
      for (const auto& v : values) {
        if (v.is_string()) out.push_back(v.get<std::string>());
      }
    }
  }
  return schema;
}

Result<Schema> Schema::load(const std::filesystem::path& path) {
  OPTIMA_ASSIGN_OR_RETURN(std::string text, core::read_file(path));
  auto schema = parse(text);
  if (!schema.is_ok()) return schema.status().with_context(path.string());
  return schema;
}

Result<std::shared_ptr<const Schema>> Schema::bundled() {
  static std::mutex mutex;
  static std::shared_ptr<const Schema> cached;
  std::lock_guard<std::mutex> lock(mutex);
  if (cached) return cached;
  OPTIMA_ASSIGN_OR_RETURN(auto path, core::find_data_file("focus/columns.json"));
  OPTIMA_ASSIGN_OR_RETURN(Schema schema, load(path));
  cached = std::make_shared<const Schema>(std::move(schema));
  return cached;
}

std::vector<std::string> Schema::versions() const {
  std::vector<std::string> out;
  for (const auto& [v, _] : versions_) out.push_back(v);
  return out;
}

const std::vector<ColumnSpec>* Schema::columns(const std::string& version) const {
  auto it = versions_.find(version);
  return it == versions_.end() ? nullptr : &it->second;
}

const ColumnSpec* Schema::find(const std::string& version, const std::string& column) const {
  const auto* cols = columns(version);
  if (cols == nullptr) return nullptr;
  for (const auto& spec : *cols) {
    if (spec.name == column) return &spec;
  }
  return nullptr;
}

}  // namespace optima::focus
