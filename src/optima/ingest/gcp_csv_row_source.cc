#include "optima/ingest/gcp_csv_row_source.h"

#include <algorithm>

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/ingest/gcp_export_row_decoder.h"

namespace optima::ingest {

GcpCsvRowSource::GcpCsvRowSource(std::unique_ptr<CsvReader> csv, std::string file_label,
                                 std::vector<std::optional<GcpFieldInfo>> columns,
                                 std::vector<std::string> null_literals)
    : csv_(std::move(csv)),
      file_(std::move(file_label)),
      columns_(std::move(columns)),
      null_literals_(std::move(null_literals)),
      docs_(columns_.size()) {}

core::Result<std::unique_ptr<GcpRowSource>> GcpCsvRowSource::open(
    const std::filesystem::path& path, std::vector<std::string> null_literals) {
  const std::string file = path.string();
  OPTIMA_ASSIGN_OR_RETURN(auto csv, CsvReader::open(file));
  std::vector<std::string_view> header;
  auto has_header = csv->next(&header);
  if (!has_header.is_ok()) return has_header.status().with_context(file);
  if (!*has_header) return core::invalid_argument(fmt::format("{}: the file is empty", file));
  std::vector<std::optional<GcpFieldInfo>> columns;
  columns.reserve(header.size());
  for (std::string_view name : header) columns.push_back(gcp_field_from_path(core::trim(name)));
  for (std::string_view required : kRequiredColumns) {
    const bool present = std::any_of(header.begin(), header.end(), [&](std::string_view name) {
      return core::trim(name) == required;
    });
    if (!present) {
      return core::invalid_argument(
          fmt::format("{} line 1: the header lacks the column '{}'", file, required));
    }
  }
  return std::unique_ptr<GcpRowSource>(std::make_unique<GcpCsvRowSource>(
      std::move(csv), file, std::move(columns), std::move(null_literals)));
}

bool GcpCsvRowSource::is_null(std::string_view cell) const {
  if (cell.empty()) return true;
  return std::find(null_literals_.begin(), null_literals_.end(), cell) != null_literals_.end();
}

core::Result<GcpRowOutcome> GcpCsvRowSource::next(GcpExportRow* row, RowIssue* issue) {
  while (true) {
    auto more = csv_->next(&fields_);
    if (!more.is_ok()) return more.status().with_context(file_);
    if (!*more) return GcpRowOutcome::kEnd;
    if (!(fields_.size() == 1 && fields_[0].empty())) break;  // a blank line
  }
  ++rows_;
  auto bad_row = [&](std::string column, std::string expected, std::string found) {
    issue->file = file_;
    issue->row = rows_;
    issue->line = csv_->line_number();
    issue->column = std::move(column);
    issue->expected = std::move(expected);
    issue->found = std::move(found);
    return GcpRowOutcome::kBadRow;
  };
  if (fields_.size() != columns_.size()) {
    return bad_row({}, fmt::format("{} fields as in the header", columns_.size()),
                   fmt::format("{} fields", fields_.size()));
  }
  row->clear();
  GcpFieldError error;
  for (size_t i = 0; i < fields_.size(); ++i) {
    const auto& info = columns_[i];
    if (!info || is_null(fields_[i])) continue;
    const GcpFieldType type = info->type;
    const bool repeated = type == GcpFieldType::kLabels || type == GcpFieldType::kTags ||
                          type == GcpFieldType::kCredits;
    GcpLiteralNode cell{GcpLiteralKind::kString, fields_[i], 0, 0};
    const GcpLiteralNode* value = &cell;
    if (repeated) {
      const core::Status parsed = docs_[i].parse(fields_[i], GcpLiteralSyntax::kPython);
      if (!parsed.is_ok()) {
        return bad_row(std::string(info->path), {},
                       fmt::format("invalid list literal in the cell, {}", parsed.message()));
      }
      value = &docs_[i].root();
    }
    if (!gcp_assign_field(*info, docs_[i], *value, row, &error)) {
      return bad_row(std::move(error.field), std::move(error.expected), std::move(error.found));
    }
  }
  if (!gcp_check_row(row, &error)) {
    return bad_row(std::move(error.field), std::move(error.expected), std::move(error.found));
  }
  return GcpRowOutcome::kRow;
}

}  // namespace optima::ingest
