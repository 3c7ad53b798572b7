#include "optima/ingest/azure_cost_reader.h"

#include <fmt/format.h>

#include "optima/focus/table_builder.h"
#include "optima/ingest/azure_cost_dataset.h"
#include "optima/ingest/azure_cost_header.h"
#include "optima/ingest/azure_cost_mapper.h"
#include "optima/ingest/azure_export_pairing.h"
#include "optima/ingest/azure_lookups.h"
#include "optima/ingest/csv_reader.h"

namespace optima::ingest {
namespace {

// Reads the files of one unit into one builder, flushing full batches to the sink.
class UnitRead {
 public:
  UnitRead(const AzureLookups& lookups, const ReadOptions& options, TableSink& sink,
           ReadReport* report, bool joined)
      : lookups_(lookups), options_(options), sink_(sink), report_(report), joined_(joined) {}

  core::Status read_file(const std::filesystem::path& path, AzureCostDataset dataset);
  core::Status flush();

 private:
  // Records a bad row; fails in strict mode or past the bad-row budget.
  core::Status reject(RowIssue issue);
  void warn_notes(const std::string& file, const AzureMappingNotes& notes, uint64_t short_rows,
                  uint64_t left_out);

  const AzureLookups& lookups_;
  const ReadOptions& options_;
  TableSink& sink_;
  ReadReport* report_;
  bool joined_;
  focus::TableBuilder builder_;
};

core::Status UnitRead::reject(RowIssue issue) {
  ++report_->rows_skipped;
  const std::string message = issue.message();
  if (report_->issues.size() <= options_.max_bad_rows)
    report_->issues.push_back(std::move(issue));
  if (options_.strictness == Strictness::kStrict)
    return core::invalid_argument(message);
  if (report_->rows_skipped > options_.max_bad_rows) {
    return core::resource_exhausted(
        fmt::format("more than {} bad rows; the last: {}", options_.max_bad_rows, message));
  }
  return core::Status::ok();
}

core::Status UnitRead::flush() {
  if (builder_.num_rows() == 0)
    return core::Status::ok();
  return sink_.consume(builder_.finish());
}

core::Status UnitRead::read_file(const std::filesystem::path& path, AzureCostDataset dataset) {
  const std::string file = path.string();
  auto opened = CsvReader::open(file);
  if (!opened.is_ok())
    return opened.status().with_context(file);
  CsvReader& reader = **opened;
  std::vector<std::string_view> fields;
  auto has_header = reader.next(&fields);
  if (!has_header.is_ok())
    return has_header.status().with_context(file);
  if (!*has_header) {
    report_->warnings.push_back(fmt::format("{}: empty file (no header)", file));
    return core::Status::ok();
  }
  const std::vector<std::string> names(fields.begin(), fields.end());
  const auto header = AzureCostHeader::recognize(names);
  if (!header) {
    return core::invalid_argument(fmt::format(
        "{}: not an Azure cost details export: the header needs a cost (CostInBillingCurrency, "
        "Cost or PreTaxCost), a date (Date or UsageDateTime) and a subscription column",
        file));
  }
  AzureCostMapper mapper(*header, lookups_, dataset, joined_, options_.null_literals);
  mapper.declare(&builder_);

  uint64_t row = 0;
  uint64_t short_rows = 0;
  uint64_t left_out = 0;
  while (true) {
    auto more = reader.next(&fields);
    if (!more.is_ok())
      return more.status().with_context(file);
    if (!*more)
      break;
    if (fields.size() == 1 && fields[0].empty())
      continue;  // blank line
    ++row;
    ++report_->rows_read;
    if (fields.size() > header->column_count()) {
      OPTIMA_RETURN_IF_ERROR(reject(RowIssue{file, row, reader.line_number(), "",
                                             fmt::format("{} fields", header->column_count()),
                                             fmt::format("{} fields", fields.size())}));
      continue;
    }
    if (fields.size() < header->column_count())
      ++short_rows;
    if (!mapper.selected(fields)) {
      ++left_out;
      continue;
    }
    if (auto issue = mapper.map(fields, &builder_)) {
      OPTIMA_RETURN_IF_ERROR(reject(
          RowIssue{file, row, reader.line_number(), issue->column, issue->expected, issue->found}));
      continue;
    }
    ++report_->rows_accepted;
    if (builder_.num_rows() >= options_.batch_rows)
      OPTIMA_RETURN_IF_ERROR(flush());
  }
  warn_notes(file, mapper.notes(), short_rows, left_out);
  return core::Status::ok();
}

void UnitRead::warn_notes(const std::string& file, const AzureMappingNotes& notes,
                          uint64_t short_rows, uint64_t left_out) {
  auto& w = report_->warnings;
  if (left_out > 0) {
    w.push_back(fmt::format(
        "{}: {} actual-cost rows left out: Microsoft's join takes only commitment purchases and "
        "refunds from the actual export; the amortized export holds the other charges",
        file, left_out));
  }
  if (short_rows > 0) {
    w.push_back(fmt::format(
        "{}: {} rows have fewer fields than the header; their missing trailing cells read as "
        "empty",
        file, short_rows));
  }
  if (notes.empty_cost > 0) {
    w.push_back(
        fmt::format("{}: {} rows have an empty cost cell, read as 0", file, notes.empty_cost));
  }
  if (notes.derived_billing_period > 0) {
    w.push_back(fmt::format(
        "{}: {} rows lack billing period dates; their billing period is the calendar month of "
        "their Date",
        file, notes.derived_billing_period));
  }
  if (notes.missing_currency > 0) {
    w.push_back(fmt::format("{}: {} rows have no billing currency; BillingCurrency left null", file,
                            notes.missing_currency));
  }
  if (notes.missing_billing_account > 0) {
    w.push_back(fmt::format(
        "{}: {} rows have no billing account or billing profile; BillingAccountId left null", file,
        notes.missing_billing_account));
  }
  if (notes.unconverted_prices > 0) {
    w.push_back(fmt::format(
        "{}: {} rows lack exchangeRatePricingToBilling while the pricing and billing currencies "
        "differ; ContractedUnitPrice and ListUnitPrice left null",
        file, notes.unconverted_prices));
  }
  if (notes.unamortized_purchases > 0) {
    w.push_back(fmt::format(
        "{}: {} commitment purchase or refund rows read without the amortized export of the "
        "same billing account and period: their EffectiveCost is the purchase cost, not "
        "amortized",
        file, notes.unamortized_purchases));
  }
  if (notes.amortized_without_actual > 0) {
    w.push_back(fmt::format(
        "{}: {} commitment-covered or unused commitment rows have BilledCost 0; the purchases "
        "that bill them are in the actual cost export, which was not given with this one",
        file, notes.amortized_without_actual));
  }
  if (joined_ && notes.amortized_purchases > 0) {
    w.push_back(fmt::format(
        "{}: {} commitment purchase rows inside the amortized export; the actual export's are "
        "added too, so their BilledCost is counted twice",
        file, notes.amortized_purchases));
  }
}

class AzureCostReader final : public Reader {
 public:
  std::string_view name() const override { return "azure-cost"; }
  std::string_view description() const override {
    return "Azure Cost Management cost details exports (EA, MCA, legacy pay-as-you-go; actual "
           "and amortized, joined as Microsoft's FOCUS conversion does)";
  }

  bool detect(const DetectInput& input) const override {
    return AzureCostHeader::recognize(input.header).has_value();
  }

  std::vector<InputUnit> plan(const std::vector<std::filesystem::path>& files,
                              std::vector<std::string>* notes) const override {
    return plan_azure_units(files, name(), notes);
  }

  core::Status read(const InputUnit& unit, const ReadOptions& options, TableSink& sink,
                    ReadReport* report) const override {
    OPTIMA_ASSIGN_OR_RETURN(auto lookups, AzureLookups::bundled());
    std::vector<AzureCostDataset> datasets;
    bool has_actual = false;
    bool has_amortized = false;
    for (const auto& file : unit.files) {
      datasets.push_back(azure_cost_dataset_of(file));
      has_actual = has_actual || datasets.back() == AzureCostDataset::kActual;
      has_amortized = has_amortized || datasets.back() == AzureCostDataset::kAmortized;
    }
    UnitRead run(*lookups, options, sink, report, has_actual && has_amortized);
    for (size_t i = 0; i < unit.files.size(); ++i) {
      OPTIMA_RETURN_IF_ERROR(run.read_file(unit.files[i], datasets[i]));
    }
    return run.flush();
  }
};

}  // namespace

std::unique_ptr<Reader> make_azure_cost_reader() {
  return std::make_unique<AzureCostReader>();
}

}  // namespace optima::ingest
