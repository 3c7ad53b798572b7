// `cloudoptima validate FILE | --partition ID [--criteria auto|none|ALL|A,B]
//  [--columns-present-only] [--no-known-gaps]`
#include <cstdio>
#include <string>

#include <fmt/format.h>

#include "optima/cli/commands.h"
#include "optima/core/strings.h"
#include "optima/focus/conformance/conformance_validator.h"
#include "optima/focus/conformance/provider_conformance.h"
#include "optima/focus/conformance/table_dataset.h"
#include "optima/ingest/raw_csv_dataset.h"
#include "optima/store/store.h"

namespace optima::cli {
namespace {

struct ValidateFlags {
  std::string file;
  int64_t partition = 0;
  std::string criteria = "auto";
  bool present_columns_only = false;
  bool no_known_gaps = false;
  bool all_rules = false;
  bool published_model = false;  // without our errata
};

// Every row group of partition `id`, all columns loaded.
core::Result<std::unique_ptr<focus::ConformanceDataset>> partition_dataset(
    const GlobalOptions& global, int64_t id) {
  OPTIMA_ASSIGN_OR_RETURN(auto store, store::Store::open(data_dir_of(global)));
  OPTIMA_ASSIGN_OR_RETURN(auto snapshot, store->snapshot());
  const store::SnapshotPartition* partition = snapshot->partition(id);
  if (partition == nullptr) {
    return core::not_found(
        fmt::format("no current partition {} (see cloudoptima partitions)", id));
  }
  std::vector<std::shared_ptr<const focus::Table>> tables;
  for (const store::RowGroupInfo& group : snapshot->row_groups()) {
    if (group.partition_id != id) continue;
    OPTIMA_ASSIGN_OR_RETURN(auto table, snapshot->load(group, store::ColumnSelection::all()));
    tables.push_back(std::move(table));
  }
  return std::unique_ptr<focus::ConformanceDataset>(
      std::make_unique<focus::TableDataset>(std::move(tables)));
}

int run_validate(const GlobalOptions& global, const ValidateFlags& flags) {
  if (flags.file.empty() == (flags.partition <= 0)) {
    return report_error(global,
                        core::invalid_argument("give either a FILE or --partition ID, not both"));
  }
  std::unique_ptr<focus::ConformanceDataset> dataset;
  if (!flags.file.empty()) {
    auto raw = ingest::RawCsvDataset::open(flags.file);
    if (!raw.is_ok()) return report_error(global, raw.status().with_context(flags.file));
    dataset = std::move(raw).value();
  } else {
    auto from_store = partition_dataset(global, flags.partition);
    if (!from_store.is_ok()) return report_error(global, from_store.status());
    dataset = std::move(from_store).value();
  }
  auto validator = focus::ConformanceValidator::bundled(
      flags.published_model ? focus::ModelErrata::kNone : focus::ModelErrata::kApply);
  if (!validator.is_ok()) return report_error(global, validator.status());
  focus::ValidationOptions options;
  if (core::iequals(flags.criteria, "auto") || !flags.no_known_gaps) {
    auto declared = focus::ProviderConformance::bundled();
    if (!declared.is_ok()) return report_error(global, declared.status());
    if (core::iequals(flags.criteria, "auto")) options.provider_criteria = (*declared)->criteria();
    if (!flags.no_known_gaps) options.known_gaps = (*declared)->known_gaps();
  }
  if (!core::iequals(flags.criteria, "auto") && !core::iequals(flags.criteria, "none")) {
    options.applicability_criteria = focus::parse_criteria_list(flags.criteria);
  }
  options.column_scope = flags.present_columns_only ? focus::ColumnScope::kPresentColumnsOnly
                                                    : focus::ColumnScope::kAllColumns;
  auto report = validator->validate(*dataset, options);
  if (!report.is_ok()) return report_error(global, report.status());
  const std::string out = global.json
                              ? focus::render_json(*report) + "\n"
                              : focus::render_text(*report, {flags.all_rules, false});
  std::fwrite(out.data(), 1, out.size(), stdout);
  // Non-conformant data is a finding, not a usage error: exit 1 so scripts can gate on it. Known
  // provider gaps are reported as such but do not fail the gate.
  return report->summary.conformant_except_known_gaps ? 0 : 1;
}

}  // namespace

void add_validate_command(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<ValidateFlags>();
  CLI::App* cmd = app.add_subcommand(
      "validate",
      "Check FOCUS 1.2 conformance with the FinOps Foundation's executable rules: per rule id "
      "pass, fail (count and sample rows), known gap, not applicable or skipped. Exit 1 when a "
      "MUST rule fails; 0 when the only mandatory failures are documented provider gaps "
      "(data/focus/provider_conformance.json), which the report lists as known_gap.");
  cmd->add_option("file", flags->file, "A FOCUS CSV or CSV.gz file (checked on its raw text)");
  cmd->add_option("--partition", flags->partition, "A stored partition id (cloudoptima partitions)");
  cmd->add_option("--criteria", flags->criteria,
                  "Applicability criteria the data supports; conditional rules need them. auto "
                  "(default): per ProviderName, as data/focus/provider_conformance.json declares; "
                  "none; ALL; or A,B (e.g. COMMITMENT_DISCOUNT_SUPPORTED) for every row");
  cmd->add_flag("--no-known-gaps", flags->no_known_gaps,
                "Report documented provider gaps as failures");
  cmd->add_flag("--columns-present-only", flags->present_columns_only,
                "A partial table: presence rules of absent columns are not applicable");
  cmd->add_flag("--all-rules", flags->all_rules, "List every rule, not only failures");
  cmd->add_flag("--published-model", flags->published_model,
                "Use the model as published, without data/focus/validator's errata");
  cmd->callback([&global, flags, exit_code] { *exit_code = run_validate(global, *flags); });
}

}  // namespace optima::cli
