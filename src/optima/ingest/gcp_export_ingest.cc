#include "optima/ingest/gcp_export_ingest.h"

#include <algorithm>
#include <set>
#include <string>

#include <fmt/format.h>

#include "optima/focus/table_builder.h"
#include "optima/ingest/gcp_focus_mapper.h"

namespace optima::ingest {
namespace {

// Records a bad row; fails in strict mode and past the lenient limit.
core::Status handle_bad_row(RowIssue issue, const ReadOptions& options, ReadReport* report) {
  if (options.strictness == Strictness::kStrict) {
    const std::string message = issue.message();
    report->issues.push_back(std::move(issue));
    return core::invalid_argument(message);
  }
  ++report->rows_skipped;
  if (report->issues.size() <= options.max_bad_rows) report->issues.push_back(std::move(issue));
  if (report->rows_skipped > options.max_bad_rows) {
    return core::resource_exhausted(
        fmt::format("{} bad rows, more than the {} allowed; the first: {}", report->rows_skipped,
                    options.max_bad_rows, report->issues.front().message()));
  }
  return core::Status::ok();
}

}  // namespace

core::Status ingest_gcp_export(const std::vector<std::filesystem::path>& files,
                               const GcpRowSourceOpener& open, const ReadOptions& options,
                               TableSink& sink, ReadReport* report) {
  OPTIMA_ASSIGN_OR_RETURN(GcpFocusMapper mapper, GcpFocusMapper::load());
  focus::TableBuilder builder;
  GcpFocusMapper::declare_columns(&builder);
  const size_t batch_rows = std::max<size_t>(1, options.batch_rows);
  std::set<std::string> unmapped_services;
  std::set<std::string> unmapped_subcategories;
  GcpExportRow row;
  RowIssue issue;
  for (const auto& file : files) {
    OPTIMA_ASSIGN_OR_RETURN(auto source, open(file));
    while (true) {
      OPTIMA_ASSIGN_OR_RETURN(GcpRowOutcome outcome, source->next(&row, &issue));
      if (outcome == GcpRowOutcome::kEnd) break;
      ++report->rows_read;
      if (outcome == GcpRowOutcome::kBadRow) {
        OPTIMA_RETURN_IF_ERROR(handle_bad_row(std::move(issue), options, report));
        continue;
      }
      if (!row.service_description.empty() && !mapper.knows_service(row.service_description)) {
        unmapped_services.emplace(row.service_description);
      } else if (!row.service_description.empty() &&
                 !mapper.knows_subcategory(row.service_description)) {
        unmapped_subcategories.emplace(row.service_description);
      }
      mapper.append(row, &builder);
      ++report->rows_accepted;
      if (builder.num_rows() >= batch_rows) OPTIMA_RETURN_IF_ERROR(sink.consume(builder.finish()));
    }
  }
  if (builder.num_rows() > 0) OPTIMA_RETURN_IF_ERROR(sink.consume(builder.finish()));

  for (const std::string& service : unmapped_services) {
    report->warnings.push_back(fmt::format(
        "service '{}' has no ServiceCategory in data/gcp; its rows use 'Other'", service));
  }
  for (const std::string& service : unmapped_subcategories) {
    report->warnings.push_back(
        fmt::format("service '{}' has no ServiceSubcategory in data/gcp; its rows use 'Other (<its "
                    "ServiceCategory>)'",
                    service));
  }
  return core::Status::ok();
}

}  // namespace optima::ingest
