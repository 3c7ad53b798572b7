#include "optima/ingest/aws_cur_file_reader.h"

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/focus/table_builder.h"
#include "optima/ingest/aws_cur_columns.h"
#include "optima/ingest/aws_cur_row_mapper.h"
#include "optima/ingest/aws_service_categories.h"
#include "optima/ingest/csv_reader.h"

namespace optima::ingest {
namespace {

core::Status check_supported_format(const std::filesystem::path& file) {
  const std::string name = core::to_lower_ascii(file.filename().string());
  auto ends_with = [&name](std::string_view suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".parquet")) {
    return core::unimplemented(
        fmt::format("{}: Parquet CUR files are not supported; deliver the report as CSV (gzip)",
                    file.string()));
  }
  if (ends_with(".zip")) {
    return core::unimplemented(fmt::format(
        "{}: ZIP-compressed CUR files are not supported; deliver the report as CSV (gzip)",
        file.string()));
  }
  return core::Status::ok();
}

core::Status check_required_columns(const CurLayout& layout, const std::string& file) {
  std::vector<std::string> missing;
  for (CurField f : {CurField::kLineItemType, CurField::kUnblendedCost, CurField::kCurrencyCode,
                     CurField::kPayerAccountId}) {
    if (!layout.has(f))
      missing.emplace_back(cur_field_name(f));
  }
  const bool has_usage_dates =
      layout.has(CurField::kUsageStartDate) && layout.has(CurField::kUsageEndDate);
  if (!has_usage_dates && !layout.has(CurField::kTimeInterval)) {
    missing.emplace_back(
        "lineItem/UsageStartDate + lineItem/UsageEndDate (or identity/TimeInterval)");
  }
  if (missing.empty())
    return core::Status::ok();
  return core::invalid_argument(
      fmt::format("{}: not an AWS Cost and Usage Report: missing column(s) {}", file,
                  core::join(missing, ", ")));
}

class BatchEmitter {
 public:
  BatchEmitter(TableSink& sink, size_t batch_rows) : sink_(sink), batch_rows_(batch_rows) {
    CurRowMapper::declare_columns(builder_);
  }
  focus::TableBuilder& builder() { return builder_; }
  // Flushes when the next line item (up to two rows) would overflow the batch.
  core::Status make_room() {
    if (builder_.num_rows() > 0 && builder_.num_rows() + 2 > batch_rows_)
      return flush();
    return core::Status::ok();
  }
  core::Status flush() {
    if (builder_.num_rows() == 0)
      return core::Status::ok();
    return sink_.consume(builder_.finish());
  }

 private:
  TableSink& sink_;
  size_t batch_rows_;
  focus::TableBuilder builder_;
};

core::Status read_one_file(const std::filesystem::path& path, const ReadOptions& options,
                           const AwsServiceCategories& categories, BatchEmitter& emitter,
                           ReadReport* report) {
  const std::string file = path.string();
  OPTIMA_RETURN_IF_ERROR(check_supported_format(path));
  auto opened = CsvReader::open(file);
  if (!opened.is_ok())
    return opened.status().with_context(file);
  CsvReader& csv = **opened;
  std::vector<std::string_view> fields;
  auto header_read = csv.next(&fields);
  if (!header_read.is_ok())
    return header_read.status().with_context(file);
  if (!*header_read) {
    report->warnings.push_back(fmt::format("{}: empty file (no header)", file));
    return core::Status::ok();
  }
  const CurLayout layout = CurLayout::resolve(fields);
  for (const std::string& warning : layout.warnings()) {
    report->warnings.push_back(fmt::format("{}: {}", file, warning));
  }
  OPTIMA_RETURN_IF_ERROR(check_required_columns(layout, file));

  CurRowMapper mapper(layout, categories, file, options.null_literals);
  uint64_t row = 0;
  while (true) {
    auto more = csv.next(&fields);
    if (!more.is_ok()) {
      return more.status().with_context(fmt::format("{} after data row {}", file, row));
    }
    if (!*more)
      break;
    if (fields.size() == 1 && fields[0].empty())
      continue;  // blank line
    ++row;
    ++report->rows_read;
    OPTIMA_RETURN_IF_ERROR(emitter.make_room());
    CurRowOutcome outcome = mapper.map(fields, row, csv.line_number(), emitter.builder());
    if (!outcome.issue) {
      report->rows_accepted += outcome.rows;
      continue;
    }
    const std::string message = outcome.issue->message();
    if (options.strictness == Strictness::kStrict) {
      report->issues.push_back(std::move(*outcome.issue));
      return core::invalid_argument(message);
    }
    ++report->rows_skipped;
    if (report->issues.size() <= options.max_bad_rows)
      report->issues.push_back(std::move(*outcome.issue));
    if (report->rows_skipped > options.max_bad_rows) {
      return core::resource_exhausted(fmt::format("{}: more than {} bad rows; the last: {}", file,
                                                  options.max_bad_rows, message));
    }
  }
  for (const std::string& note : mapper.notes())
    report->warnings.push_back(note);
  return core::Status::ok();
}

}  // namespace

core::Status read_cur_files(const InputUnit& unit, const ReadOptions& options, TableSink& sink,
                            ReadReport* report) {
  const auto& categories = bundled_aws_service_categories();
  if (!categories.is_ok())
    return categories.status();
  BatchEmitter emitter(sink, options.batch_rows);
  for (const std::filesystem::path& file : unit.files) {
    OPTIMA_RETURN_IF_ERROR(read_one_file(file, options, **categories, emitter, report));
  }
  return emitter.flush();
}

}  // namespace optima::ingest
