#include "optima/ingest/gcp_json_row_source.h"

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/ingest/gcp_export_row_decoder.h"

namespace optima::ingest {

GcpJsonRowSource::GcpJsonRowSource(std::unique_ptr<GcpLineReader> lines, std::string file_label)
    : lines_(std::move(lines)), file_(std::move(file_label)) {}

core::Result<std::unique_ptr<GcpRowSource>> GcpJsonRowSource::open(
    const std::filesystem::path& path) {
  OPTIMA_ASSIGN_OR_RETURN(auto lines, GcpLineReader::open(path));
  return std::unique_ptr<GcpRowSource>(
      std::make_unique<GcpJsonRowSource>(std::move(lines), path.string()));
}

core::Result<GcpRowOutcome> GcpJsonRowSource::next(GcpExportRow* row, RowIssue* issue) {
  std::string_view line;
  while (true) {
    auto more = lines_->next(&line);
    if (!more.is_ok()) return more.status().with_context(file_);
    if (!*more) return GcpRowOutcome::kEnd;
    if (!core::trim(line).empty()) break;
  }
  ++rows_;
  auto bad_row = [&](std::string column, std::string expected, std::string found) {
    issue->file = file_;
    issue->row = rows_;
    issue->line = lines_->line_number();
    issue->column = std::move(column);
    issue->expected = std::move(expected);
    issue->found = std::move(found);
    return GcpRowOutcome::kBadRow;
  };
  const core::Status parsed = doc_.parse(line, GcpLiteralSyntax::kJson);
  if (!parsed.is_ok()) return bad_row({}, {}, fmt::format("invalid JSON at {}", parsed.message()));
  row->clear();
  GcpFieldError error;
  if (!gcp_decode_json_row(doc_, row, &error) || !gcp_check_row(row, &error)) {
    return bad_row(std::move(error.field), std::move(error.expected), std::move(error.found));
  }
  return GcpRowOutcome::kRow;
}

}  // namespace optima::ingest
