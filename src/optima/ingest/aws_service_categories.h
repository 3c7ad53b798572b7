// AwsServiceCategories: AWS product code -> FOCUS ServiceCategory and ServiceSubcategory, loaded
// as data.
//
// Categories live in data/aws/aws_category_mapping.csv (from focus_converters, MIT) plus
// data/aws/aws_category_additions.csv (ours); subcategories in
// data/aws/aws_service_subcategories.csv (ours); see data/aws/README.md. Immutable once loaded;
// safe to share across threads.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "optima/core/status.h"

namespace optima::ingest {

class AwsServiceCategories {
 public:
  // Parses `product_code,ServiceCategory` CSV text and adds its rows (a code already present is
  // overwritten). Errors name `source` and the line: a row without two cells, an empty code, or a
  // category that is not one of the 19 FOCUS 1.2 ServiceCategory values.
  core::Status add_csv(std::string_view text, std::string_view source);

  // Parses `product_code,ServiceSubcategory` CSV text and adds its rows. Requires: the
  // categories were added first. Errors name `source` and the line: a row without two cells, a
  // product code without a category, or a subcategory that is not one of the FOCUS 1.2
  // subcategories of the code's category (`subcategories`: ServiceCategory -> its subcategories,
  // as focus::Schema::service_subcategories() gives them).
  core::Status add_subcategory_csv(
      std::string_view text, std::string_view source,
      const std::map<std::string, std::vector<std::string>>& subcategories);

  // The category of `product_code` (exact match first, then case-insensitive), if known.
  std::optional<std::string_view> find(std::string_view product_code) const;
  // The subcategory of `product_code` (same matching), if known.
  std::optional<std::string_view> find_subcategory(std::string_view product_code) const;
  size_t size() const { return exact_.size(); }

 private:
  std::unordered_map<std::string, std::string> exact_;
  std::unordered_map<std::string, std::string> lower_;
  std::unordered_map<std::string, std::string> sub_exact_;
  std::unordered_map<std::string, std::string> sub_lower_;
};

// The bundled table (categories and subcategories), loaded on first use from the data files
// (thread-safe). Fails when a data
// file is missing or malformed; the error names the file.
const core::Result<std::shared_ptr<const AwsServiceCategories>>& bundled_aws_service_categories();

}  // namespace optima::ingest
