#include "optima/ingest/gcp_export_ingest.h"

#include <algorithm>
#include <set>
#include <string>

#include <fmt/format.h>

#include "optima/focus/table_builder.h"
#include "optima/ingest/gcp_focus_mapper.h"
#include "optima/ingest/gcp_row_identity.h"

namespace optima::ingest {
namespace {

struct LatestExport {
  GcpRowIdentity identity;
  int64_t export_time_us = 0;
};

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

// Sorted by identity, one entry per identity with its latest export time.
std::vector<LatestExport> collapse_latest(std::vector<LatestExport> entries) {
  std::sort(entries.begin(), entries.end(), [](const LatestExport& a, const LatestExport& b) {
    if (a.identity != b.identity) return a.identity < b.identity;
    return a.export_time_us > b.export_time_us;
  });
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const LatestExport& a, const LatestExport& b) {
                              return a.identity == b.identity;
                            }),
                entries.end());
  entries.shrink_to_fit();
  return entries;
}

}  // namespace

core::Status ingest_gcp_export(const std::vector<std::filesystem::path>& files,
                               const GcpRowSourceOpener& open, const ReadOptions& options,
                               TableSink& sink, ReadReport* report) {
  OPTIMA_ASSIGN_OR_RETURN(GcpFocusMapper mapper, GcpFocusMapper::load());
  GcpExportRow row;
  RowIssue issue;

  // Pass 1: check every row, find the latest export of each identity.
  std::vector<LatestExport> latest;
  std::set<std::string> unmapped_services;
  uint64_t good_rows = 0;
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
      ++good_rows;
      if (row.export_time_us) latest.push_back({gcp_row_identity(row), *row.export_time_us});
      if (!row.service_description.empty() && !mapper.knows_service(row.service_description)) {
        unmapped_services.emplace(row.service_description);
      }
    }
  }
  const size_t dated_rows = latest.size();
  latest = collapse_latest(std::move(latest));
  const bool may_supersede = latest.size() < dated_rows;

  // Pass 2: map and emit the rows no later export replaces.
  focus::TableBuilder builder;
  GcpFocusMapper::declare_columns(&builder);
  const size_t batch_rows = std::max<size_t>(1, options.batch_rows);
  uint64_t good_rows_again = 0;
  uint64_t superseded = 0;
  for (const auto& file : files) {
    OPTIMA_ASSIGN_OR_RETURN(auto source, open(file));
    while (true) {
      OPTIMA_ASSIGN_OR_RETURN(GcpRowOutcome outcome, source->next(&row, &issue));
      if (outcome == GcpRowOutcome::kEnd) break;
      if (outcome == GcpRowOutcome::kBadRow) continue;  // reported in pass 1
      ++good_rows_again;
      if (may_supersede && row.export_time_us) {
        const GcpRowIdentity identity = gcp_row_identity(row);
        const auto it = std::lower_bound(
            latest.begin(), latest.end(), identity,
            [](const LatestExport& e, const GcpRowIdentity& id) { return e.identity < id; });
        if (it != latest.end() && it->identity == identity &&
            it->export_time_us > *row.export_time_us) {
          ++superseded;
          continue;
        }
      }
      mapper.append(row, &builder);
      ++report->rows_accepted;
      if (builder.num_rows() >= batch_rows) OPTIMA_RETURN_IF_ERROR(sink.consume(builder.finish()));
    }
  }
  if (good_rows_again != good_rows) {
    return core::failed_precondition(
        fmt::format("the input changed while it was read: {} good rows in the first pass, {} in "
                    "the second",
                    good_rows, good_rows_again));
  }
  if (builder.num_rows() > 0) OPTIMA_RETURN_IF_ERROR(sink.consume(builder.finish()));

  if (superseded > 0) {
    report->warnings.push_back(
        fmt::format("{} rows replaced by rows of the same charge exported later (later "
                    "export_time)",
                    superseded));
  }
  for (const std::string& service : unmapped_services) {
    report->warnings.push_back(fmt::format(
        "service '{}' has no ServiceCategory in data/gcp; its rows use 'Other'", service));
  }
  return core::Status::ok();
}

}  // namespace optima::ingest
