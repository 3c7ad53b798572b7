// anomaly_bench: speed of the anomaly detectors on deterministic generated data.
//
//   BM_CostDetector/<days>   detect_cost_events on one daily series (weekly pattern, a spike)
//   BM_StreamScorer/<n>      score_series on n points (NAB-style streaming score)
//   BM_ScanEstate            scan_anomalies on an in-memory estate: 60 series cells × 3
//                            resources × 400 days (72k rows), every dimension and combination
//
// The scan of a real store is measured by bench/eval/anomaly_eval --demo (bench/eval/ANOMALY.md).
#include <cmath>
#include <random>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "optima/analysis/anomaly/anomaly_scan.h"
#include "optima/analysis/anomaly/cost_detector.h"
#include "optima/analysis/anomaly/stream_scorer.h"
#include "optima/focus/table_builder.h"

namespace {

using optima::core::Decimal;

std::vector<Decimal> daily_series(size_t days) {
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0.0, 0.03);
  std::vector<Decimal> v;
  for (size_t d = 0; d < days; ++d) {
    double x = (d % 7 >= 5 ? 600.0 : 1000.0) * (1.0 + noise(rng));
    if (d == days * 3 / 4) x += 800.0;
    v.push_back(Decimal::from_units(static_cast<optima::core::Int128>(std::llround(x * 100)) * (Decimal::kOne / 100)));
  }
  return v;
}

void BM_CostDetector(benchmark::State& state) {
  const auto v = daily_series(static_cast<size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(optima::analysis::detect_cost_events(v));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_CostDetector)->Arg(400)->Arg(24 * 400);

void BM_StreamScorer(benchmark::State& state) {
  std::mt19937 rng(3);
  std::normal_distribution<double> noise(0.0, 1.0);
  std::vector<double> v(static_cast<size_t>(state.range(0)));
  for (size_t i = 0; i < v.size(); ++i) v[i] = 10 * std::sin(static_cast<double>(i) / 45.0) + noise(rng);
  for (auto _ : state) benchmark::DoNotOptimize(optima::analysis::score_series(v));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_StreamScorer)->Arg(4000);

void BM_ScanEstate(benchmark::State& state) {
  namespace focus = optima::focus;
  namespace core = optima::core;
  focus::TableBuilder b;
  std::mt19937 rng(11);
  std::normal_distribution<double> noise(0.0, 0.03);
  const int64_t day0 = core::days_from_civil({2024, 1, 1});
  for (int64_t d = 0; d < 400; ++d) {
    for (int cell = 0; cell < 60; ++cell) {
      for (int k = 0; k < 3; ++k) {
        b.set_time(focus::Column::kChargePeriodStart, core::Timestamp{(day0 + d) * core::kSecondsPerDay});
        b.set_string(focus::Column::kBillingCurrency, "USD");
        b.set_string(focus::Column::kChargeCategory, "Usage");
        b.set_string(focus::Column::kSubAccountId, fmt::format("acct-{}", cell % 5));
        b.set_string(focus::Column::kServiceName, fmt::format("svc-{}", cell / 5 % 4));
        b.set_string(focus::Column::kRegionId, fmt::format("region-{}", cell / 20));
        b.set_string(focus::Column::kResourceId, fmt::format("r-{}-{}", cell, k));
        const double x = 50.0 * (1.0 + noise(rng));
        b.set_decimal(focus::Column::kBilledCost,
                      Decimal::from_units(static_cast<core::Int128>(std::llround(x * 100)) * (Decimal::kOne / 100)));
        b.finish_row();
      }
    }
  }
  optima::store::InMemoryTableSource source;
  source.add(std::make_shared<const focus::Table>(b.finish()));
  for (auto _ : state) {
    auto r = optima::analysis::scan_anomalies(source);
    if (!r.is_ok()) state.SkipWithError(r.status().to_string().c_str());
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * 400 * 60 * 3);
}
BENCHMARK(BM_ScanEstate)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
