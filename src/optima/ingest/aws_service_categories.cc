#include "optima/ingest/aws_service_categories.h"

#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>

#include "optima/core/file_io.h"
#include "optima/core/paths.h"
#include "optima/core/strings.h"
#include "optima/focus/schema.h"
#include "optima/ingest/csv_reader.h"

namespace optima::ingest {
namespace {

// FOCUS 1.2 ServiceCategory allowed values.
constexpr std::array<std::string_view, 19> kFocusServiceCategories = {"AI and Machine Learning",
                                                                      "Analytics",
                                                                      "Business Applications",
                                                                      "Compute",
                                                                      "Databases",
                                                                      "Developer Tools",
                                                                      "Identity",
                                                                      "Integration",
                                                                      "Internet of Things",
                                                                      "Management and Governance",
                                                                      "Media",
                                                                      "Migration",
                                                                      "Mobile",
                                                                      "Multicloud",
                                                                      "Networking",
                                                                      "Other",
                                                                      "Security",
                                                                      "Storage",
                                                                      "Web"};

bool is_focus_service_category(std::string_view value) {
  for (std::string_view c : kFocusServiceCategories) {
    if (c == value)
      return true;
  }
  return false;
}

core::Result<std::shared_ptr<const AwsServiceCategories>> load_bundled() {
  auto table = std::make_shared<AwsServiceCategories>();
  for (std::string_view name : {std::string_view("aws/aws_category_mapping.csv"),
                                std::string_view("aws/aws_category_additions.csv")}) {
    OPTIMA_ASSIGN_OR_RETURN(const std::filesystem::path path, core::find_data_file(name));
    OPTIMA_ASSIGN_OR_RETURN(const std::string text, core::read_file(path));
    OPTIMA_RETURN_IF_ERROR(table->add_csv(text, path.string()));
  }
  OPTIMA_ASSIGN_OR_RETURN(std::shared_ptr<const focus::Schema> schema, focus::Schema::bundled());
  OPTIMA_ASSIGN_OR_RETURN(const std::filesystem::path path,
                          core::find_data_file("aws/aws_service_subcategories.csv"));
  OPTIMA_ASSIGN_OR_RETURN(const std::string text, core::read_file(path));
  OPTIMA_RETURN_IF_ERROR(
      table->add_subcategory_csv(text, path.string(), schema->service_subcategories()));
  return std::shared_ptr<const AwsServiceCategories>(std::move(table));
}

}  // namespace

core::Status AwsServiceCategories::add_csv(std::string_view text, std::string_view source) {
  auto reader = CsvReader::from_string(std::string(text));
  std::vector<std::string_view> fields;
  bool header = true;
  while (true) {
    auto more = reader->next(&fields);
    if (!more.is_ok())
      return more.status().with_context(source);
    if (!*more)
      break;
    if (header) {
      header = false;
      continue;
    }
    if (fields.size() == 1 && fields[0].empty())
      continue;  // blank line
    const uint64_t line = reader->line_number();
    if (fields.size() != 2) {
      return core::invalid_argument(
          fmt::format("{} line {}: expected 2 cells (product_code,ServiceCategory), found {}",
                      source, line, fields.size()));
    }
    const std::string_view code = core::trim(fields[0]);
    const std::string_view category = core::trim(fields[1]);
    if (code.empty()) {
      return core::invalid_argument(fmt::format("{} line {}: empty product code", source, line));
    }
    if (!is_focus_service_category(category)) {
      return core::invalid_argument(
          fmt::format("{} line {}: expected a FOCUS ServiceCategory, found {}", source, line,
                      core::quote_for_message(category)));
    }
    exact_[std::string(code)] = std::string(category);
    lower_[core::to_lower_ascii(code)] = std::string(category);
  }
  return core::Status::ok();
}

core::Status AwsServiceCategories::add_subcategory_csv(
    std::string_view text, std::string_view source,
    const std::map<std::string, std::vector<std::string>>& subcategories) {
  auto reader = CsvReader::from_string(std::string(text));
  std::vector<std::string_view> fields;
  bool header = true;
  while (true) {
    auto more = reader->next(&fields);
    if (!more.is_ok())
      return more.status().with_context(source);
    if (!*more)
      break;
    if (header) {
      header = false;
      continue;
    }
    if (fields.size() == 1 && fields[0].empty())
      continue;  // blank line
    const uint64_t line = reader->line_number();
    if (fields.size() != 2) {
      return core::invalid_argument(
          fmt::format("{} line {}: expected 2 cells (product_code,ServiceSubcategory), found {}",
                      source, line, fields.size()));
    }
    const std::string_view code = core::trim(fields[0]);
    const std::string_view subcategory = core::trim(fields[1]);
    const std::optional<std::string_view> category = find(code);
    if (!category) {
      return core::invalid_argument(
          fmt::format("{} line {}: product code {} has no ServiceCategory", source, line,
                      core::quote_for_message(code)));
    }
    const auto children = subcategories.find(std::string(*category));
    if (children == subcategories.end() ||
        std::find(children->second.begin(), children->second.end(), subcategory) ==
            children->second.end()) {
      return core::invalid_argument(fmt::format(
          "{} line {}: expected a FOCUS ServiceSubcategory of {} (the category of {}), found {}",
          source, line, *category, code, core::quote_for_message(subcategory)));
    }
    sub_exact_[std::string(code)] = std::string(subcategory);
    sub_lower_[core::to_lower_ascii(code)] = std::string(subcategory);
  }
  return core::Status::ok();
}

std::optional<std::string_view> AwsServiceCategories::find_subcategory(
    std::string_view product_code) const {
  if (const auto it = sub_exact_.find(std::string(product_code)); it != sub_exact_.end())
    return it->second;
  if (const auto it = sub_lower_.find(core::to_lower_ascii(product_code)); it != sub_lower_.end())
    return it->second;
  return std::nullopt;
}

std::optional<std::string_view> AwsServiceCategories::find(std::string_view product_code) const {
  if (const auto it = exact_.find(std::string(product_code)); it != exact_.end())
    return it->second;
  if (const auto it = lower_.find(core::to_lower_ascii(product_code)); it != lower_.end()) {
    return it->second;
  }
  return std::nullopt;
}

const core::Result<std::shared_ptr<const AwsServiceCategories>>& bundled_aws_service_categories() {
  static const core::Result<std::shared_ptr<const AwsServiceCategories>> table = load_bundled();
  return table;
}

}  // namespace optima::ingest
