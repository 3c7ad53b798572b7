// AwsServiceCategories: AWS product code -> FOCUS ServiceCategory, loaded as data.
//
// The table lives in data/aws/aws_category_mapping.csv (from focus_converters, MIT) plus
// data/aws/aws_category_additions.csv (ours); see data/aws/README.md. Immutable once loaded;
// safe to share across threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "optima/core/status.h"

namespace optima::ingest {

class AwsServiceCategories {
 public:
  // Parses `product_code,ServiceCategory` CSV text and adds its rows (a code already present is
  // overwritten). Errors name `source` and the line: a row without two cells, an empty code, or a
  // category that is not one of the 19 FOCUS 1.2 ServiceCategory values.
  core::Status add_csv(std::string_view text, std::string_view source);

  // The category of `product_code` (exact match first, then case-insensitive), if known.
  std::optional<std::string_view> find(std::string_view product_code) const;
  size_t size() const { return exact_.size(); }

 private:
  std::unordered_map<std::string, std::string> exact_;
  std::unordered_map<std::string, std::string> lower_;
};

// The bundled table, loaded on first use from the data files (thread-safe). Fails when a data
// file is missing or malformed; the error names the file.
const core::Result<std::shared_ptr<const AwsServiceCategories>>& bundled_aws_service_categories();

}  // namespace optima::ingest
