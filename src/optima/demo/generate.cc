#include "optima/demo/generate.h"

#include <algorithm>
#include <chrono>
#include <memory>

#include <fmt/format.h>

#include "optima/core/thread_pool.h"
#include "optima/demo/aws_cur_writer.h"
#include "optima/demo/azure_export_writer.h"
#include "optima/demo/estate_builder.h"
#include "optima/demo/focus_csv_writer.h"
#include "optima/demo/gcp_export_writer.h"
#include "optima/demo/inventory_writer.h"
#include "optima/demo/kubernetes_writer.h"
#include "optima/demo/simulator.h"
#include "optima/demo/truth_writer.h"
#include "optima/demo/utilization_writer.h"

namespace optima::demo {
namespace {

constexpr Cloud kClouds[] = {Cloud::kAws, Cloud::kAzure, Cloud::kGcp, Cloud::kOci};

struct Totals {
  Int128 billed = 0;
  Int128 effective = 0;
  Int128 list = 0;
  Int128 tagged_effective = 0;
};

// Forwards charges to a writer and sums their FOCUS cost metrics.
class TotalsSink : public ChargeSink {
 public:
  explicit TotalsSink(ChargeSink& next) : next_(next) {}
  core::Status consume(const Charge& ch) override {
    totals_.billed += ch.billed_cost;
    totals_.effective += ch.effective_cost;
    totals_.list += ch.list_cost;
    if (ch.tagged()) totals_.tagged_effective += ch.effective_cost;
    return next_.consume(ch);
  }
  const Totals& totals() const { return totals_; }

 private:
  ChargeSink& next_;
  Totals totals_;
};

struct Task {
  Cloud cloud = Cloud::kAws;
  uint32_t period = 0;
};

struct TaskResult {
  uint64_t rows = 0;
  uint64_t superseded_rows = 0;
  Totals totals;
  std::vector<FileInfo> files;
};

// The month whose CUR is delivered twice (restated): the one before the last.
uint32_t restated_period(const Estate& estate) {
  return estate.periods.size() >= 2 ? static_cast<uint32_t>(estate.periods.size()) - 2 : 0;
}

core::Status run_writer(const Estate& estate, Cloud cloud, const PeriodRun& run,
                        BillingWriter& writer, TaskResult* result, bool counted) {
  TotalsSink totals(writer);
  OPTIMA_RETURN_IF_ERROR(simulate_period(estate, cloud, run, totals));
  OPTIMA_RETURN_IF_ERROR(writer.finish());
  if (counted) {
    result->rows += writer.rows();
    result->totals.billed += totals.totals().billed;
    result->totals.effective += totals.totals().effective;
    result->totals.list += totals.totals().list;
    result->totals.tagged_effective += totals.totals().tagged_effective;
  } else {
    result->superseded_rows += writer.rows();
  }
  result->files.insert(result->files.end(), writer.files().begin(), writer.files().end());
  return core::Status::ok();
}

core::Status run_task(const Estate& estate, const std::shared_ptr<const FocusText>& text,
                      const GenerateOptions& options, const Task& task, TaskResult* result) {
  PeriodRun run;
  run.period = task.period;
  run.data_end = estate.end;
  if (options.formats == OutputFormats::kFocus || task.cloud == Cloud::kOci) {
    FocusCsvWriter writer(estate, text, options.out_dir, task.cloud, task.period);
    return run_writer(estate, task.cloud, run, writer, result, true);
  }
  switch (task.cloud) {
    case Cloud::kAws: {
      int version = 1;
      if (task.period == restated_period(estate)) {
        // A preliminary assembly delivered three days before the month closed, then restated.
        PeriodRun early = run;
        early.data_end = Timestamp{estate.periods[task.period].end.unix_seconds - 3 * core::kSecondsPerDay};
        early.late_adjustments = false;
        AwsCurWriter first(estate, options.out_dir,
                           {task.period, AwsCurWriter::assembly_id(estate, task.period, 1), false,
                            options.cur_rows_per_part});
        OPTIMA_RETURN_IF_ERROR(run_writer(estate, task.cloud, early, first, result, false));
        version = 2;
      }
      AwsCurWriter writer(estate, options.out_dir,
                          {task.period, AwsCurWriter::assembly_id(estate, task.period, version), true,
                           options.cur_rows_per_part});
      return run_writer(estate, task.cloud, run, writer, result, true);
    }
    case Cloud::kAzure: {
      AzureExportWriter writer(estate, options.out_dir, task.period);
      return run_writer(estate, task.cloud, run, writer, result, true);
    }
    case Cloud::kGcp: {
      GcpExportWriter writer(estate, options.out_dir, task.period, options.cur_rows_per_part * 2);
      return run_writer(estate, task.cloud, run, writer, result, true);
    }
    case Cloud::kOci:
      break;
  }
  return core::Status::ok();
}

core::Status run_all(size_t threads, size_t count, const std::function<core::Status(size_t)>& fn) {
  if (threads == 1 || count <= 1) {
    for (size_t i = 0; i < count; ++i) OPTIMA_RETURN_IF_ERROR(fn(i));
    return core::Status::ok();
  }
  // parallel_for also works on the calling thread.
  core::ThreadPool pool(threads - 1);
  return pool.parallel_for(count, fn);
}

}  // namespace

core::Timestamp resolve_end_date(const GenerateOptions& options) {
  if (options.end_date) return core::start_of_day(*options.end_date);
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return core::start_of_day(Timestamp{std::chrono::duration_cast<std::chrono::seconds>(now).count()});
}

core::Result<GenerateSummary> generate(const GenerateOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  if (options.out_dir.empty()) return core::invalid_argument("demo generate: --out is required");
  if (options.rows == 0) return core::invalid_argument("demo generate: --rows must be positive");
  if (options.cur_rows_per_part == 0) {
    return core::invalid_argument("demo generate: rows per CUR part must be positive");
  }
  EstateOptions eo;
  eo.seed = options.seed;
  eo.end = resolve_end_date(options);
  eo.months = options.months;
  eo.rows = options.rows;
  eo.granularity = options.granularity;
  eo.format = options.formats == OutputFormats::kFocus ? RowFormat::kFocus : RowFormat::kNative;
  OPTIMA_ASSIGN_OR_RETURN(Estate estate, build_estate(eo));

  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec) {
    return core::io_error(fmt::format("cannot create {}: {}", options.out_dir.string(), ec.message()));
  }
  const std::shared_ptr<const FocusText> text = FocusText::build(estate);

  std::vector<Task> tasks;
  for (const Cloud cloud : kClouds) {
    for (uint32_t p = 0; p < estate.periods.size(); ++p) tasks.push_back({cloud, p});
  }
  const size_t threads = options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency())
                                              : options.threads;
  std::vector<TaskResult> results(tasks.size());
  const bool native = options.formats == OutputFormats::kNative;
  // Documents (inventory, utilization, cluster, truth) are extra tasks after the billing ones.
  const size_t extra = native ? 4 : 1;
  std::vector<std::vector<FileInfo>> documents(extra);
  OPTIMA_RETURN_IF_ERROR(run_all(threads, tasks.size() + extra, [&](size_t i) -> core::Status {
    if (i < tasks.size()) return run_task(estate, text, options, tasks[i], &results[i]);
    const size_t d = i - tasks.size();
    if (d == 0) return write_truth(estate, options.out_dir, &documents[d]);
    if (d == 1) return write_inventory(estate, options.out_dir, &documents[d]);
    if (d == 2) return write_utilization(estate, options.out_dir, &documents[d]);
    return write_kubernetes(estate, options.out_dir, &documents[d]);
  }));

  GenerateSummary summary;
  summary.target_rows = options.rows;
  summary.granularity = estate.granularity;
  summary.start = estate.start;
  summary.end = estate.end;
  for (const Cloud cloud : kClouds) {
    ProviderSummary ps;
    ps.provider = std::string(provider_name(cloud));
    Totals t;
    for (size_t i = 0; i < tasks.size(); ++i) {
      if (tasks[i].cloud != cloud) continue;
      ps.rows += results[i].rows;
      summary.superseded_rows += results[i].superseded_rows;
      t.billed += results[i].totals.billed;
      t.effective += results[i].totals.effective;
      t.list += results[i].totals.list;
      t.tagged_effective += results[i].totals.tagged_effective;
    }
    ps.billed_cost = core::Decimal::from_units(t.billed);
    ps.effective_cost = core::Decimal::from_units(t.effective);
    ps.list_cost = core::Decimal::from_units(t.list);
    ps.tagged_effective_cost = core::Decimal::from_units(t.tagged_effective);
    summary.billing_rows += ps.rows;
    summary.providers.push_back(std::move(ps));
  }
  for (const TaskResult& r : results) summary.files.insert(summary.files.end(), r.files.begin(), r.files.end());
  for (const auto& docs : documents) summary.files.insert(summary.files.end(), docs.begin(), docs.end());
  for (const FileInfo& f : summary.files) summary.total_bytes += f.bytes;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace optima::demo
