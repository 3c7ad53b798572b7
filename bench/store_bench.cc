// Store benchmarks: segment encode throughput (rows/s and CSV-equivalent MB/s), size against
// the FOCUS CSV the rows came from, and scan (decode) speed of a few columns with and without
// the decoded-chunk cache.
//
//   OPTIMA_BENCH_ROWS   rows per benchmark segment (default 2,000,000; the report used 10M)
//
// Rows come from bench/billing_generator.h; 1M distinct rows are generated once and cycled, so
// generation does not count in the timings. A size report per column is printed first, plus the
// ratio on the real AWS CUR sample of ../shared/data (every CSV column kept as an x_ column).
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include <benchmark/benchmark.h>

#include "billing_generator.h"
#include "optima/core/thread_pool.h"
#include "optima/ingest/csv_reader.h"
#include "optima/store/segment_reader.h"
#include "optima/store/segment_writer.h"
#include "optima/store/store.h"
#include "optima/store/unique_fd.h"

namespace optima::bench {
namespace {

constexpr uint64_t kDistinctRows = 1 << 20;
constexpr uint64_t kBatchRows = 65536;

uint64_t bench_rows() {
  const char* env = std::getenv("OPTIMA_BENCH_ROWS");  // NOLINT(concurrency-mt-unsafe)
  return env != nullptr ? std::strtoull(env, nullptr, 10) : 2000000;
}

const std::filesystem::path& work_dir() {
  static const std::filesystem::path kDir = [] {
    auto d = std::filesystem::temp_directory_path() / fmt::format("optima-store-bench-{}", ::getpid());
    std::filesystem::create_directories(d);
    return d;
  }();
  return kDir;
}

struct Dataset {
  std::vector<std::shared_ptr<const focus::Table>> batches;
  double csv_bytes_per_row = 0;
};

const Dataset& dataset() {
  static const Dataset kData = [] {
    Dataset d;
    const BillingGenerator generator;
    uint64_t csv_bytes = 0;
    for (uint64_t begin = 0; begin < kDistinctRows; begin += kBatchRows) {
      auto table = std::make_shared<const focus::Table>(generator.rows(begin, begin + kBatchRows));
      std::string csv;
      BillingGenerator::append_csv(*table, begin == 0, &csv);
      csv_bytes += csv.size();
      d.batches.push_back(std::move(table));
    }
    d.csv_bytes_per_row = static_cast<double>(csv_bytes) / kDistinctRows;
    return d;
  }();
  return kData;
}

// Writes `rows` rows (cycling the dataset) to `path`.
store::SegmentSummary write_segment(const std::filesystem::path& path, uint64_t rows,
                                    core::ThreadPool* pool, int level = 1) {
  store::UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  store::SegmentWriterOptions options;
  options.pool = pool;
  options.zstd_level = level;
  store::SegmentWriter writer(fd.get(), path.string(), options);
  const auto& batches = dataset().batches;
  uint64_t written = 0;
  for (size_t i = 0; written < rows; ++i) {
    auto batch = batches[i % batches.size()];
    if (written + batch->num_rows() > rows) {
      batch = std::make_shared<const focus::Table>(
          BillingGenerator().rows(0, rows - written));
    }
    written += batch->num_rows();
    if (!writer.append(batch).is_ok()) std::abort();
  }
  auto summary = writer.finish();
  if (!summary.is_ok()) {
    (void)std::fprintf(stderr, "%s\n", summary.status().to_string().c_str());
    std::abort();
  }
  return summary.value();
}

// CPU seconds used by every thread of the process so far (load-independent, unlike real time
// on a shared machine).
double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

size_t resident_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtoull(line.c_str() + 6, nullptr, 10) * 1024;
  }
  return 0;
}

void segment_write(benchmark::State& state) {
  const auto threads = static_cast<size_t>(state.range(0));
  const int level = static_cast<int>(state.range(1));
  const uint64_t rows = bench_rows();
  const double csv_per_row = dataset().csv_bytes_per_row;
  core::ThreadPool pool(threads);
  const auto path = work_dir() / "write.seg";
  store::SegmentSummary summary;
  const double cpu_before = process_cpu_seconds();
  while (state.KeepRunning()) summary = write_segment(path, rows, threads == 0 ? nullptr : &pool, level);
  const double cpu = (process_cpu_seconds() - cpu_before) / static_cast<double>(state.iterations());
  state.counters["cpu_s"] = cpu;
  state.counters["rows_per_cpu_s"] = static_cast<double>(rows) / cpu;
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * rows));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * rows * csv_per_row));
  state.counters["seg_bytes_per_row"] = static_cast<double>(summary.bytes) / rows;
  state.counters["pct_of_csv"] = 100.0 * summary.bytes / (rows * csv_per_row);
  std::filesystem::remove(path);
}
// Args: {encode threads (0 = caller only), zstd level}.
BENCHMARK(segment_write)->Args({0, 1})->Args({2, 1})->Args({2, 3})->Unit(benchmark::kMillisecond)->UseRealTime();

struct ScanSegment {
  std::filesystem::path path;
  uint64_t rows = 0;
};

const ScanSegment& scan_segment() {
  static const ScanSegment kSegment = [] {
    ScanSegment s;
    s.path = work_dir() / "scan.seg";
    core::ThreadPool pool(2);
    s.rows = write_segment(s.path, bench_rows(), &pool).rows;
    return s;
  }();
  return kSegment;
}

// Loads `selection` from every row group on 2 threads, summing what it loaded.
void scan(const store::SegmentReader& reader, const store::ColumnSelection& selection,
          core::ThreadPool& pool) {
  std::atomic<uint64_t> checksum{0};
  const core::Status status = pool.parallel_for(reader.row_group_count(), [&](size_t g) {
    auto table = reader.load(static_cast<uint32_t>(g), selection);
    if (!table.is_ok()) return table.status();
    uint64_t local = 0;
    for (const focus::ColumnInfo& info : focus::all_columns()) {
      if (!(*table)->present(info.column)) continue;
      switch (info.kind) {
        case focus::ColumnKind::kDecimal:
          for (const auto& v : (*table)->decimals(info.column).values) local += static_cast<uint64_t>(v.units());
          break;
        case focus::ColumnKind::kString:
          for (uint32_t c : (*table)->strings(info.column).codes) local += c;
          break;
        case focus::ColumnKind::kDateTime:
          for (int64_t t : (*table)->times(info.column).seconds) local += static_cast<uint64_t>(t);
          break;
        case focus::ColumnKind::kTags: local += (*table)->tags().keys.size(); break;
      }
    }
    checksum += local;
    return core::Status::ok();
  });
  if (!status.is_ok()) std::abort();
  benchmark::DoNotOptimize(checksum.load());
}

store::ColumnSelection dashboard_columns() {
  store::ColumnSelection s;
  s.add(focus::Column::kChargePeriodStart);
  s.add(focus::Column::kBilledCost);
  s.add(focus::Column::kServiceName);
  s.add(focus::Column::kSubAccountId);
  return s;
}

void run_scan(benchmark::State& state, const store::ColumnSelection& selection) {
  const bool cached = state.range(0) != 0;
  const ScanSegment& segment = scan_segment();
  auto cache = cached ? std::make_shared<store::ChunkCache>(store::StoreOptions().cache_bytes)
                      : nullptr;
  const size_t rss_before = resident_bytes();
  auto reader = store::SegmentReader::open(segment.path, cache);
  if (!reader.is_ok()) std::abort();
  core::ThreadPool pool(1);  // parallel_for runs on the caller and this worker: 2 threads
  if (cached) scan(**reader, selection, pool);  // warm the cache
  const double cpu_before = process_cpu_seconds();
  while (state.KeepRunning()) scan(**reader, selection, pool);
  state.counters["cpu_ms"] =
      1e3 * (process_cpu_seconds() - cpu_before) / static_cast<double>(state.iterations());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * segment.rows));
  state.counters["rows"] = static_cast<double>(segment.rows);
  state.counters["rss_growth_MB"] =
      (static_cast<double>(resident_bytes()) - static_cast<double>(rss_before)) / 1e6;
  if (cache) state.counters["cache_MB"] = static_cast<double>(cache->stats().bytes) / 1e6;
}

void scan_dashboard_columns(benchmark::State& state) { run_scan(state, dashboard_columns()); }
BENCHMARK(scan_dashboard_columns)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void scan_resource_id(benchmark::State& state) {
  store::ColumnSelection s;
  s.add(focus::Column::kResourceId);
  s.add(focus::Column::kEffectiveCost);
  run_scan(state, s);
}
BENCHMARK(scan_resource_id)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void scan_tags(benchmark::State& state) {
  store::ColumnSelection s;
  s.add(focus::Column::kTags);
  s.add(focus::Column::kEffectiveCost);
  run_scan(state, s);
}
BENCHMARK(scan_tags)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void scan_all_columns(benchmark::State& state) { run_scan(state, store::ColumnSelection::all()); }
BENCHMARK(scan_all_columns)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

// Per-column stored bytes per row of the distinct dataset, and the real-data ratio.
void print_size_report() {
  const auto path = work_dir() / "report.seg";
  core::ThreadPool pool(2);
  const store::SegmentSummary summary = write_segment(path, kDistinctRows, &pool);
  auto reader = store::SegmentReader::open(path, nullptr);
  if (!reader.is_ok()) std::abort();
  std::map<std::string, uint64_t> by_column;
  for (const auto& group : (*reader)->footer().row_groups) {
    for (const auto& chunk : group.chunks) {
      by_column[store::column_key_name(chunk.column_key, (*reader)->footer().extensions)] +=
          chunk.stored_size;
    }
  }
  std::vector<std::pair<uint64_t, std::string>> sorted;
  sorted.reserve(by_column.size());
  for (const auto& [name, bytes] : by_column) sorted.emplace_back(bytes, name);
  std::sort(sorted.rbegin(), sorted.rend());
  const double rows = static_cast<double>(summary.rows);
  std::printf("Generated FOCUS rows: %.0f, CSV %.1f bytes/row, segment %.2f bytes/row = %.2f%% of CSV\n",
              rows, dataset().csv_bytes_per_row, summary.bytes / rows,
              100.0 * summary.bytes / (rows * dataset().csv_bytes_per_row));
  std::printf("  largest columns (bytes/row):");
  for (size_t i = 0; i < std::min<size_t>(12, sorted.size()); ++i) {
    std::printf(" %s %.2f", sorted[i].second.c_str(), sorted[i].first / rows);
  }
  std::printf("\n");
  std::filesystem::remove(path);

  // Real data: the anonymized AWS CUR sample, every column as an x_ string column.
  const auto sample = std::filesystem::path(OPTIMA_SOURCE_DIR) / ".." / "shared" / "data" /
                      "billing/focus-converters/test-fixtures/aws/sample-anonymous-aws-export-dataset.csv";
  auto csv = ingest::CsvReader::open(sample.string());
  if (!csv.is_ok()) {
    std::printf("AWS CUR sample not found (%s)\n", sample.string().c_str());
    return;
  }
  std::vector<std::string_view> fields;
  std::vector<std::string> header;
  focus::TableBuilder builder;
  while (true) {
    auto more = (*csv)->next(&fields);
    if (!more.is_ok() || !*more) break;
    if (header.empty()) {
      for (auto f : fields) header.push_back("x_" + std::string(f));
      continue;
    }
    for (size_t i = 0; i < fields.size() && i < header.size(); ++i) builder.set_extension(header[i], fields[i]);
    builder.finish_row();
  }
  const auto cur_path = work_dir() / "cur.seg";
  store::UniqueFd fd(::open(cur_path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  store::SegmentWriter writer(fd.get(), cur_path.string());
  const size_t cur_rows = builder.num_rows();
  if (!writer.append(builder.finish()).is_ok()) std::abort();
  const auto cur = writer.finish();
  const auto csv_size = std::filesystem::file_size(sample);
  std::printf("AWS CUR sample (%zu rows, %zu columns): CSV %ju bytes, segment %ju bytes = %.2f%%\n",
              cur_rows, header.size(), static_cast<uintmax_t>(csv_size),
              static_cast<uintmax_t>(cur->bytes), 100.0 * cur->bytes / csv_size);
  std::filesystem::remove(cur_path);
}

}  // namespace
}  // namespace optima::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  optima::bench::print_size_report();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code ignored;
  std::filesystem::remove_all(optima::bench::work_dir(), ignored);
  return 0;
}
