#include "optima/ingest/aws_cur_detect.h"

#include <string>
#include <vector>

#include "optima/core/strings.h"
#include "optima/ingest/aws_cur_columns.h"
#include "optima/ingest/aws_cur_manifest.h"

namespace optima::ingest {
namespace {

CurDialect detect_manifest(const DetectInput& input, std::string_view text) {
  if (text.find("\"BilledCost\"") != std::string_view::npos)
    return CurDialect::kNone;
  const std::string dir = input.path.parent_path().filename().string();
  const bool metadata_partition = core::istarts_with(dir, "BILLING_PERIOD=") &&
                                  input.path.parent_path().parent_path().filename() == "metadata";
  if (metadata_partition || text.find("\"dataFiles\"") != std::string_view::npos ||
      text.find("\"executionId\"") != std::string_view::npos) {
    return CurDialect::kCur2;
  }
  if (text.find("\"assemblyId\"") != std::string_view::npos ||
      text.find("\"reportKeys\"") != std::string_view::npos) {
    return CurDialect::kLegacy;
  }
  return CurDialect::kNone;
}

CurDialect detect_header(const std::vector<std::string_view>& header) {
  bool slash = false;
  bool cur = false;
  bool cur2_marker = false;
  const std::string type_key(cur_field_key(CurField::kLineItemType));
  const std::string cost_key(cur_field_key(CurField::kUnblendedCost));
  for (std::string_view raw : header) {
    const std::string_view name = core::trim(raw);
    if (name.find('/') != std::string_view::npos)
      slash = true;
    const std::string key = cur_column_key(name);
    if (key == type_key || key == cost_key)
      cur = true;
    if (name == "resource_tags" || name == "cost_category" || name == "discount" ||
        name == "product" || name == "bill_payer_account_name" ||
        name == "line_item_usage_account_name") {
      cur2_marker = true;
    }
  }
  if (!cur)
    return CurDialect::kNone;
  if (slash)
    return CurDialect::kLegacy;
  return cur2_marker ? CurDialect::kCur2 : CurDialect::kLegacy;
}

}  // namespace

CurDialect detect_cur_dialect(const DetectInput& input) {
  const std::string_view text = core::trim(core::strip_utf8_bom(input.head));
  if (is_manifest_name(input.path) || (!text.empty() && text.front() == '{')) {
    return detect_manifest(input, text);
  }
  if (!input.header.empty()) {
    std::vector<std::string_view> header(input.header.begin(), input.header.end());
    return detect_header(header);
  }
  // No parsed header (e.g. the head ends inside a long first line): split what there is.
  const std::string_view first_line = text.substr(0, text.find_first_of("\r\n"));
  return detect_header(core::split(first_line, ','));
}

}  // namespace optima::ingest
