// Forecasting throughput: forecast_series() on generated daily series (level, trend, weekly
// pattern, Gaussian noise; deterministic seeds). The 10,000-series target (docs/EVALUATION.md)
// is measured by `forecast_eval speed`; these report the per-series cost and a pooled batch.
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "optima/analysis/forecast/forecaster.h"
#include "optima/core/thread_pool.h"

namespace {

using namespace optima;

analysis::TimeSeries generated_series(size_t index, size_t length) {
  std::mt19937_64 rng(index + 1);
  std::normal_distribution<double> noise(0, 1);
  analysis::TimeSeries s;
  s.granularity = analysis::Granularity::kDay;
  const core::Timestamp start = core::make_timestamp({2023, 1, 2});
  const double level = 100 + static_cast<double>(index % 50) * 10;
  const double slope = static_cast<double>(index % 7) * 0.05;
  for (size_t t = 0; t < length; ++t) {
    s.times.push_back(analysis::advance_periods(start, analysis::Granularity::kDay, static_cast<int64_t>(t)));
    s.values.push_back(level + slope * static_cast<double>(t) + (t % 7 >= 5 ? -15.0 : 5.0) + 3 * noise(rng));
  }
  return s;
}

void BM_ForecastDailySeries(benchmark::State& state) {
  const auto length = static_cast<size_t>(state.range(0));
  std::vector<analysis::TimeSeries> series;
  for (size_t i = 0; i < 16; ++i) series.push_back(generated_series(i, length));
  analysis::ForecastOptions options;
  options.horizon = 30;
  size_t i = 0;
  for (auto _ : state) {
    auto f = analysis::forecast_series(series[i++ % series.size()], options);
    benchmark::DoNotOptimize(f);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_ForecastDailySeries)->Arg(90)->Arg(400)->Arg(1100)->Unit(benchmark::kMillisecond);

// A batch of 1,000 series of 400 days on two threads (the pool's worker and the caller).
void BM_ForecastBatchTwoThreads(benchmark::State& state) {
  const size_t count = 1000;
  std::vector<analysis::TimeSeries> series;
  for (size_t i = 0; i < count; ++i) series.push_back(generated_series(i, 400));
  core::ThreadPool pool(1);
  analysis::ForecastOptions options;
  options.horizon = 30;
  for (auto _ : state) {
    core::Status st = pool.parallel_for(count, [&](size_t i) -> core::Status {
      auto f = analysis::forecast_series(series[i], options);
      return f.is_ok() ? core::Status::ok() : f.status();
    });
    benchmark::DoNotOptimize(st);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * count));
}
BENCHMARK(BM_ForecastBatchTwoThreads)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
