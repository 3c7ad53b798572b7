// Inventory store throughput: commit a snapshot of N resources × 30 days of 5-minute cpu samples
// (8,640 per series), then stream every series back one resource at a time. Deterministic data;
// reports samples per second and stored bytes per sample. The recommender scale is 100,000
// resources (864M samples per metric): run with --benchmark_filter and a larger argument.
#include <benchmark/benchmark.h>

#include <cmath>
#include <filesystem>
#include <random>

#include "optima/inventory/inventory_store.h"

namespace {

using optima::inventory::InventoryStore;
using optima::inventory::MetricSeries;

constexpr int64_t kSamplesPerSeries = 30 * 24 * 12;
constexpr int64_t kStart = 1767225600;  // 2026-01-01T00:00:00Z

std::filesystem::path bench_dir() {
  std::random_device rd;
  return std::filesystem::temp_directory_path() / ("optima-inventory-bench-" + std::to_string(rd()));
}

MetricSeries cpu_series(int64_t resource) {
  MetricSeries s;
  s.resource_id = "i-" + std::to_string(1000000 + resource);
  s.metric = "cpu_percent";
  s.samples.reserve(kSamplesPerSeries);
  for (int64_t i = 0; i < kSamplesPerSeries; ++i) {
    // A daily swing plus a per-resource level, rounded to two decimals like CloudWatch exports.
    const double level = static_cast<double>(resource % 50) + 20.0 * std::sin(static_cast<double>(i) * 0.0218);
    s.samples.push_back({optima::core::Timestamp{kStart + i * 300}, std::round(std::fabs(level) * 100) / 100});
  }
  return s;
}

void BM_CommitAndStreamSeries(benchmark::State& state) {
  const int64_t resources = state.range(0);
  int64_t samples = 0;
  uintmax_t bytes = 0;
  for (auto _ : state) {
    const auto dir = bench_dir();
    {
      auto store = InventoryStore::open(dir);
      auto writer = (*store)->begin_snapshot(optima::core::Timestamp{kStart});
      for (int64_t r = 0; r < resources; ++r) {
        if (!(*writer)->add_series(cpu_series(r)).is_ok()) state.SkipWithError("add_series failed");
      }
      auto info = (*store)->commit_snapshot(std::move(*writer), optima::core::Timestamp{kStart});
      if (!info.is_ok()) state.SkipWithError(info.status().to_string().c_str());
      bytes = std::filesystem::file_size(dir / "inventory" / "metrics-1.bin");
      int64_t read = 0;
      auto status = (*store)->for_each_series(1, [&](const std::string&, std::vector<MetricSeries>& series) {
        for (const auto& s : series) read += static_cast<int64_t>(s.samples.size());
        return optima::core::Status::ok();
      });
      if (!status.is_ok() || read != resources * kSamplesPerSeries) state.SkipWithError("stream failed");
      samples += read;
    }
    std::filesystem::remove_all(dir);
  }
  state.counters["samples_per_s"] = benchmark::Counter(static_cast<double>(samples), benchmark::Counter::kIsRate);
  state.counters["bytes_per_sample"] =
      static_cast<double>(bytes) / static_cast<double>(resources * kSamplesPerSeries);
}
BENCHMARK(BM_CommitAndStreamSeries)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
