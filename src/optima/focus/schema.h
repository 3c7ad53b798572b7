// Schema: the FOCUS column sets of versions 1.0, 1.1 and 1.2, loaded from data/focus/columns.json.
//
// Per version and column: column type (Dimension/Metric), feature level (Mandatory/Recommended/
// Conditional), nullability, data type, value format and allowed values. Immutable after load;
// thread-safe to share.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "optima/core/status.h"

namespace optima::focus {

enum class FeatureLevel { kMandatory, kRecommended, kConditional };

struct ColumnSpec {
  std::string name;
  std::string column_type;  // "Dimension" or "Metric"
  FeatureLevel level = FeatureLevel::kConditional;
  bool allows_nulls = true;
  std::string data_type;     // "String", "Decimal", "Date/Time", "JSON"
  std::string value_format;  // "string", "numeric", "datetime", "currency", "unit", "key_value", "allowed_values"
  std::vector<std::string> allowed_values;
  std::string introduced;  // FOCUS version that introduced the column id
};

class Schema {
 public:
  // Parses the columns.json document. Errors name the offending key.
  static core::Result<Schema> parse(const std::string& json_text);
  static core::Result<Schema> load(const std::filesystem::path& path);
  // The bundled schema (data/focus/columns.json), loaded once per process.
  static core::Result<std::shared_ptr<const Schema>> bundled();

  // Versions available, e.g. {"1.0", "1.1", "1.2"}.
  std::vector<std::string> versions() const;
  // The columns of `version` in specification order, or nullptr for an unknown version.
  const std::vector<ColumnSpec>* columns(const std::string& version) const;
  const ColumnSpec* find(const std::string& version, const std::string& column) const;
  // ServiceCategory -> its ServiceSubcategory values (FOCUS 1.1+).
  const std::map<std::string, std::vector<std::string>>& service_subcategories() const {
    return subcategories_;
  }

 private:
  std::map<std::string, std::vector<ColumnSpec>> versions_;
  std::map<std::string, std::vector<std::string>> subcategories_;
};

}  // namespace optima::focus
