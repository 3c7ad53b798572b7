// Store-backed query benchmark: the four reference queries of the embedded executor over the
// snapshot of an existing data directory, as `cloudoptima query` runs them.
//
//   OPTIMA_BENCH_DATA_DIR=/path/to/data build/release/store_query_bench [--runs=N]
//
// Without OPTIMA_BENCH_DATA_DIR it prints why and exits 0. Build a directory with e.g.
//   cloudoptima demo generate --rows 1000000 --out /tmp/estate --seed 1
//   cloudoptima ingest --data-dir /tmp/data /tmp/estate/billing
//
// Per query:
// - cold: a freshly opened Store (empty chunk cache) whose segment files were just dropped from
//   the OS page cache (posix_fadvise DONTNEED, which touches only those files): the first run's
//   wall and CPU time;
// - warm: then --runs runs (default 30) on that Store's snapshot, chunk cache filled: median and
//   p95 wall time per run, CPU time per run (all threads of the process, so the work can be read
//   even when other processes share the cores), and the CPU time spent inside
//   TableSource::load() (decoding on a miss, copying cached chunks into the row group's Table
//   on a hit).
// Peak RSS (getrusage ru_maxrss) so far is a counter of each benchmark and is printed to stderr
// at the end; the data directory's size is in the benchmark context. Standard output is only
// Google Benchmark's, so --benchmark_format=json stays parseable (bench/run.sh). Numbers, not
// a pass/fail test.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "optima/query/executor.h"
#include "optima/query/query_json.h"
#include "optima/store/store.h"

namespace {

using namespace optima;

int g_runs = 30;

const char* data_dir() {
  return std::getenv("OPTIMA_BENCH_DATA_DIR");  // NOLINT(concurrency-mt-unsafe)
}

double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

int64_t thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// Forwards to a source and adds up the CPU time its load() calls take, over every thread.
class TimedSource final : public store::TableSource {
 public:
  explicit TimedSource(const store::TableSource& inner) : inner_(inner) {}
  const std::vector<store::RowGroupInfo>& row_groups() const override {
    return inner_.row_groups();
  }
  core::Result<std::shared_ptr<const focus::Table>> load(
      const store::RowGroupInfo& group, const store::ColumnSelection& columns) const override {
    const int64_t start = thread_cpu_ns();
    auto table = inner_.load(group, columns);
    load_ns_.fetch_add(thread_cpu_ns() - start, std::memory_order_relaxed);
    return table;
  }
  int64_t take_load_ns() const { return load_ns_.exchange(0); }

 private:
  const store::TableSource& inner_;
  mutable std::atomic<int64_t> load_ns_{0};
};

// Drops the segment files of `dir` from the OS page cache, so the next read comes from disk.
void evict_segment_files(const std::filesystem::path& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "segments", ec)) {
    const int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
      continue;
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
  }
}

double percentile(std::vector<double> values, double p) {
  if (values.empty())
    return 0;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(rank, values.size() - 1)];
}

void run_query(benchmark::State& state, const char* json) {
  core::Result<query::Query> q = query::parse_query(json);
  if (!q.is_ok()) {
    state.SkipWithError(q.status().message().c_str());
    return;
  }
  const std::filesystem::path dir = data_dir();
  evict_segment_files(dir);
  auto store = store::Store::open(dir);
  if (!store.is_ok()) {
    state.SkipWithError(store.status().message().c_str());
    return;
  }
  auto snapshot = (*store)->snapshot();
  if (!snapshot.is_ok()) {
    state.SkipWithError(snapshot.status().message().c_str());
    return;
  }
  const TimedSource source(**snapshot);

  // The cold run: chunk cache empty, segment files out of the page cache.
  double cpu = process_cpu_seconds();
  auto start = std::chrono::steady_clock::now();
  auto cold = query::execute(*q, source);
  const double cold_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  const double cold_cpu_ms = (process_cpu_seconds() - cpu) * 1000;
  const double cold_load_ms = static_cast<double>(source.take_load_ns()) / 1e6;
  if (!cold.is_ok()) {
    state.SkipWithError(cold.status().message().c_str());
    return;
  }

  std::vector<double> wall_ms;
  uint64_t rows = 0;
  cpu = process_cpu_seconds();
  for (auto _ : state) {
    start = std::chrono::steady_clock::now();
    auto result = query::execute(*q, source);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (!result.is_ok()) {
      state.SkipWithError(result.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(result);
    rows += result->rows_scanned;
    wall_ms.push_back(elapsed.count() * 1000);
    state.SetIterationTime(elapsed.count());
  }
  const auto runs = static_cast<double>(state.iterations());
  state.counters["cold_ms"] = cold_ms;
  state.counters["cold_cpu_ms"] = cold_cpu_ms;
  state.counters["cold_load_cpu_ms"] = cold_load_ms;
  state.counters["p50_ms"] = percentile(wall_ms, 0.5);
  state.counters["p95_ms"] = percentile(wall_ms, 0.95);
  state.counters["cpu_ms"] = (process_cpu_seconds() - cpu) * 1000 / runs;
  state.counters["load_cpu_ms"] = static_cast<double>(source.take_load_ns()) / 1e6 / runs;
  state.counters["rows"] = static_cast<double>(rows) / runs;
  state.counters["groups"] = static_cast<double>(cold->total_rows);
  const store::ChunkCache::Stats cache = (*store)->cache_stats();
  state.counters["cache_MB"] = static_cast<double>(cache.bytes) / (1 << 20);
  state.counters["peak_rss_MB"] = peak_rss_mb();
}

void BM_CostByService(benchmark::State& state) {
  run_query(state, R"({"metrics":["BilledCost"],"group_by":["ServiceName"]})");
}

void BM_CostByDayAndSubAccount(benchmark::State& state) {
  run_query(state, R"({"granularity":"day","metrics":["BilledCost"],"group_by":["SubAccountId"]})");
}

void BM_Top100Resources(benchmark::State& state) {
  run_query(state, R"({"metrics":["BilledCost"],"group_by":["ResourceId"],"top_n":100})");
}

void BM_ProdCostByTeam(benchmark::State& state) {
  run_query(state, R"({"metrics":["BilledCost"],"group_by":["tag:team"],)"
                   R"("filters":[{"dimension":"tag:env","op":"in","values":["prod"]}]})");
}

void register_benchmarks() {
  for (auto [name, fn] : {std::pair{"BM_CostByService", &BM_CostByService},
                          std::pair{"BM_CostByDayAndSubAccount", &BM_CostByDayAndSubAccount},
                          std::pair{"BM_Top100Resources", &BM_Top100Resources},
                          std::pair{"BM_ProdCostByTeam", &BM_ProdCostByTeam}}) {
    benchmark::RegisterBenchmark(name, fn)
        ->Unit(benchmark::kMillisecond)
        ->UseManualTime()
        ->Iterations(g_runs);
  }
}

// What the snapshot holds, so the figures can be read against it: added to the benchmark context.
bool describe_dataset() {
  auto store = store::Store::open(data_dir());
  if (!store.is_ok()) {
    std::fprintf(stderr, "%s: %s\n", data_dir(), store.status().message().c_str());
    return false;
  }
  auto snapshot = (*store)->snapshot();
  if (!snapshot.is_ok()) {
    std::fprintf(stderr, "%s: %s\n", data_dir(), snapshot.status().message().c_str());
    return false;
  }
  uint64_t bytes = 0;
  for (const store::SnapshotPartition& p : (*snapshot)->partitions())
    bytes += p.segment->file_bytes();
  char text[256];
  std::snprintf(text, sizeof(text), "%s: %zu partitions, %zu row groups, %llu rows, %.1f MB",
                data_dir(), (*snapshot)->partitions().size(), (*snapshot)->row_groups().size(),
                static_cast<unsigned long long>((*snapshot)->total_rows()),
                static_cast<double>(bytes) / 1e6);
  benchmark::AddCustomContext("data_dir", text);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (data_dir() == nullptr) {
    std::printf(
        "store_query_bench: OPTIMA_BENCH_DATA_DIR is not set; skipping (point it at a "
        "data directory made by `cloudoptima ingest --data-dir DIR ...`)\n");
    return 0;
  }
  // --runs=N (ours) is taken out before Google Benchmark parses the rest.
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--runs=", 7) == 0) {
      g_runs = std::max(1, static_cast<int>(std::strtol(argv[i] + 7, nullptr, 10)));
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  if (!describe_dataset())
    return 1;
  register_benchmarks();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::fprintf(stderr, "peak RSS (ru_maxrss): %.1f MB\n", peak_rss_mb());
  return 0;
}
