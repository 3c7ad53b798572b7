// forecast_eval: scores the forecaster (analysis::forecast_series) on public data against the
// published baselines of docs/EVALUATION.md. Results and exact commands: bench/eval/FORECAST.md.
//
//   forecast_eval m4 DATA_DIR/forecasting/m4 [hourly|weekly] [--threads N]
//       sMAPE, MASE, OWA against our Naive2 (checked against the published Naive2 first),
//       with SNaive, Theta and ETS(AICc) as baselines, and interval coverage.
//   forecast_eval daily DATA_DIR/forecasting/daily [--threads N]
//       rolling origin (12 origins, 30 days): MAPE, sMAPE, MASE (m=7) against naive, seasonal
//       naive (7) and ETS(AICc); coverage of the 80% and 95% intervals.
//   forecast_eval speed [--series N] [--length L] [--threads N]
//       wall time to forecast N generated daily series of L points, horizon 30.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "optima/analysis/evaluation/forecast_metrics.h"
#include "optima/analysis/forecast/benchmark_models.h"
#include "optima/analysis/forecast/ets_model.h"
#include "optima/analysis/forecast/forecaster.h"
#include "optima/analysis/series/series_builder.h"
#include "optima/analysis/series/series_csv.h"
#include "optima/analysis/series/series_fill.h"
#include "optima/core/file_io.h"
#include "optima/core/strings.h"
#include "optima/core/thread_pool.h"

namespace {

using namespace optima;
using analysis::Granularity;

struct WideSeries {
  std::string id;
  std::vector<double> values;
};

// M4's wide CSV: "id","v1",…, ragged rows padded with empty cells; NA allowed in forecasts.
core::Result<std::vector<WideSeries>> read_wide(const std::filesystem::path& path) {
  OPTIMA_ASSIGN_OR_RETURN(std::string text, core::read_file(path));
  std::vector<WideSeries> out;
  bool header = true;
  for (std::string_view line : core::split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (header) {
      header = false;
      continue;
    }
    WideSeries s;
    bool first = true;
    for (std::string_view cell : core::split(line, ',')) {
      if (cell.size() >= 2 && cell.front() == '"') cell = cell.substr(1, cell.size() - 2);
      if (first) {
        s.id = std::string(cell);
        first = false;
        continue;
      }
      if (cell.empty() || cell == "NA") continue;
      auto v = core::parse_double(cell);
      if (!v) return core::invalid_argument(fmt::format("{}: series {}: bad cell '{}'", path.string(), s.id, cell));
      s.values.push_back(*v);
    }
    out.push_back(std::move(s));
  }
  return out;
}

analysis::TimeSeries synthetic_times(const std::vector<double>& values, Granularity g) {
  analysis::TimeSeries ts;
  ts.granularity = g;
  const core::Timestamp start = core::make_timestamp({2015, 1, 5});  // a Monday
  for (size_t i = 0; i < values.size(); ++i) {
    ts.times.push_back(analysis::advance_periods(start, g, static_cast<int64_t>(i)));
  }
  ts.values = values;
  return ts;
}

struct Score {
  double smape = 0, mase = 0, mape = 0, cover80 = 0, cover95 = 0;
  size_t n = 0;
  void add(double s, double m, double p, double c80 = 0, double c95 = 0) {
    smape += s;
    mase += m;
    mape += std::isnan(p) ? 0 : p;
    cover80 += c80;
    cover95 += c95;
    ++n;
  }
  double avg(double v) const { return n == 0 ? 0 : v / static_cast<double>(n); }
};

size_t flag_value(int argc, char** argv, const char* name, size_t fallback) {
  for (int i = 0; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == name) {
      if (auto v = core::parse_int64(argv[i + 1])) return static_cast<size_t>(*v);
    }
  }
  return fallback;
}

int run_m4(const std::filesystem::path& dir, const std::string& set, size_t threads) {
  const bool hourly = set == "hourly";
  const std::string cap = hourly ? "Hourly" : "Weekly";
  const int h = hourly ? 48 : 13;
  const int mase_m = hourly ? 24 : 1;
  const int naive2_m = hourly ? 24 : 1;  // M4 treats weekly data as frequency 1
  const Granularity g = hourly ? Granularity::kHour : Granularity::kWeek;
  auto train = read_wide(dir / "Train" / (cap + "-train.csv"));
  auto test = read_wide(dir / "Test" / (cap + "-test.csv"));
  auto published = read_wide(dir / "PointForecasts" / "submission-Naive2_HW.csv");
  if (!train.is_ok() || !test.is_ok() || !published.is_ok()) {
    std::fprintf(stderr, "cannot read M4 files under %s\n", dir.string().c_str());
    return 1;
  }
  std::map<std::string, std::vector<double>> published_naive2;
  for (auto& s : *published) published_naive2[s.id] = s.values;
  const size_t n = train->size();
  const std::vector<std::string> names = {"Naive2 (published file)", "Naive2 (ours)", "SNaive",
                                          "Theta", "ETS (AICc)", "CloudOptima auto"};
  std::vector<std::vector<double>> smapes(names.size(), std::vector<double>(n));
  std::vector<std::vector<double>> mases(names.size(), std::vector<double>(n));
  std::vector<double> c80(n), c95(n);
  std::vector<std::string> models(n);
  core::ThreadPool pool(threads);
  const auto start = std::chrono::steady_clock::now();
  core::Status st = pool.parallel_for(n, [&](size_t i) -> core::Status {
    const auto& y = (*train)[i].values;
    const auto& actual = (*test)[i].values;
    std::vector<std::vector<double>> fc(names.size());
    fc[0] = published_naive2[(*train)[i].id];
    fc[0].resize(static_cast<size_t>(h));
    fc[1] = analysis::naive2_forecast(y, naive2_m, h).mean;
    const int sm = hourly ? 24 : 52;
    fc[2] = y.size() > static_cast<size_t>(sm) ? analysis::seasonal_naive_forecast(y, sm, h).mean
                                               : analysis::naive_forecast(y, h).mean;
    fc[3] = analysis::theta_forecast(y, naive2_m, h).mean;
    std::vector<int> periods = hourly ? std::vector<int>{24, 168} : std::vector<int>{52};
    std::vector<int> usable;
    for (int m : periods) {
      if (y.size() >= 2 * static_cast<size_t>(m) + 2) usable.push_back(m);
    }
    const analysis::EtsFit ets = analysis::select_ets(y, usable);
    fc[4] = ets.ok ? analysis::ets_forecast(ets, h).mean : analysis::naive_forecast(y, h).mean;
    analysis::ForecastOptions options;
    options.horizon = h;
    auto ours = analysis::forecast_series(synthetic_times(y, g), options);
    if (!ours.is_ok()) return ours.status();
    std::vector<double> lo80, hi80, lo95, hi95;
    for (const auto& p : ours->points) {
      fc[5].push_back(p.mean);
      lo80.push_back(p.lower80);
      hi80.push_back(p.upper80);
      lo95.push_back(p.lower95);
      hi95.push_back(p.upper95);
    }
    models[i] = ours->model;
    for (size_t k = 0; k < names.size(); ++k) {
      smapes[k][i] = analysis::smape(actual, fc[k]);
      mases[k][i] = analysis::mase(y, actual, fc[k], mase_m);
    }
    c80[i] = analysis::interval_coverage(actual, lo80, hi80);
    c95[i] = analysis::interval_coverage(actual, lo95, hi95);
    return core::Status::ok();
  });
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!st.is_ok()) {
    std::fprintf(stderr, "%s\n", st.to_string().c_str());
    return 1;
  }
  auto mean = [](const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return s / static_cast<double>(v.size());
  };
  const double ref_s = mean(smapes[1]);
  const double ref_m = mean(mases[1]);
  std::printf("M4 %s: %zu series, h=%d, MASE m=%d, %.1f s on %zu threads\n", cap.c_str(), n, h,
              mase_m, secs, threads);
  std::printf("| method | sMAPE | MASE | OWA (vs our Naive2) |\n|---|---|---|---|\n");
  for (size_t k = 0; k < names.size(); ++k) {
    const double s = mean(smapes[k]);
    const double m = mean(mases[k]);
    std::printf("| %s | %.3f | %.3f | %.3f |\n", names[k].c_str(), s, m, 0.5 * (s / ref_s + m / ref_m));
  }
  std::printf("Interval coverage of CloudOptima auto: 80%% -> %.3f, 95%% -> %.3f\n", mean(c80), mean(c95));
  std::map<std::string, int> chosen;
  for (const auto& m : models) {
    const std::string family = m.substr(0, m.find(' '));
    ++chosen[family.substr(0, family.find('('))];
  }
  std::printf("Chosen model families:");
  for (const auto& [k, v] : chosen) std::printf(" %s %d;", k.c_str(), v);
  std::printf("\n");
  return 0;
}

int run_daily(const std::filesystem::path& dir, size_t threads) {
  const std::vector<std::string> files = {"example_wp_log_peyton_manning.csv", "example_wp_log_R.csv",
                                          "example_wp_log_R_outliers1.csv"};
  const int h = 30;
  const int origins = 12;
  const std::vector<std::string> names = {"Naive", "SNaive (7)", "ETS (AICc)", "CloudOptima auto"};
  std::vector<Score> overall(names.size());
  core::ThreadPool pool(threads);
  for (const auto& file : files) {
    auto csv = analysis::read_series_csv(dir / file, {});
    if (!csv.is_ok()) {
      std::fprintf(stderr, "%s\n", csv.status().to_string().c_str());
      return 1;
    }
    auto series = analysis::regularize(csv->points, Granularity::kDay, analysis::Aggregation::kMean, nullptr);
    if (!series.is_ok()) return 1;
    const size_t n = series->size();
    std::vector<std::vector<Score>> per(static_cast<size_t>(origins), std::vector<Score>(names.size()));
    core::Status st = pool.parallel_for(static_cast<size_t>(origins), [&](size_t k) -> core::Status {
      const size_t origin = n - static_cast<size_t>(h) * (k + 1);
      analysis::TimeSeries train;
      train.granularity = Granularity::kDay;
      train.times.assign(series->times.begin(), series->times.begin() + static_cast<std::ptrdiff_t>(origin));
      train.values.assign(series->values.begin(), series->values.begin() + static_cast<std::ptrdiff_t>(origin));
      const std::vector<double> filled = analysis::fill_missing(train.values);
      std::vector<std::vector<double>> fc(names.size());
      fc[0] = analysis::naive_forecast(filled, h).mean;
      fc[1] = analysis::seasonal_naive_forecast(filled, 7, h).mean;
      const analysis::EtsFit ets = analysis::select_ets(train.values, {7});
      fc[2] = analysis::ets_forecast(ets, h).mean;
      analysis::ForecastOptions options;
      options.horizon = h;
      auto ours = analysis::forecast_series(train, options);
      if (!ours.is_ok()) return ours.status();
      std::vector<double> lo80, hi80, lo95, hi95;
      for (const auto& p : ours->points) {
        fc[3].push_back(p.mean);
        lo80.push_back(p.lower80);
        hi80.push_back(p.upper80);
        lo95.push_back(p.lower95);
        hi95.push_back(p.upper95);
      }
      // Score only observed test days.
      std::vector<double> actual;
      std::vector<size_t> keep;
      for (size_t t = 0; t < static_cast<size_t>(h); ++t) {
        if (!std::isnan(series->values[origin + t])) {
          actual.push_back(series->values[origin + t]);
          keep.push_back(t);
        }
      }
      auto pick = [&](const std::vector<double>& v) {
        std::vector<double> o;
        for (size_t t : keep) o.push_back(v[t]);
        return o;
      };
      for (size_t m = 0; m < names.size(); ++m) {
        const auto f = pick(fc[m]);
        per[k][m].add(analysis::smape(actual, f), analysis::mase(filled, actual, f, 7),
                      analysis::mape(actual, f),
                      m == 3 ? analysis::interval_coverage(actual, pick(lo80), pick(hi80)) : 0,
                      m == 3 ? analysis::interval_coverage(actual, pick(lo95), pick(hi95)) : 0);
      }
      return core::Status::ok();
    });
    if (!st.is_ok()) {
      std::fprintf(stderr, "%s\n", st.to_string().c_str());
      return 1;
    }
    std::printf("\n%s (%zu days, %zu missing): %d origins x %d days\n", file.c_str(), n,
                analysis::count_missing(*series), origins, h);
    std::printf("| method | MAPE %% | sMAPE %% | MASE | 80%% cover | 95%% cover |\n|---|---|---|---|---|---|\n");
    for (size_t m = 0; m < names.size(); ++m) {
      Score s;
      for (const auto& o : per) {
        s.add(o[m].smape, o[m].mase, o[m].mape, o[m].cover80, o[m].cover95);
        overall[m].add(o[m].smape, o[m].mase, o[m].mape, o[m].cover80, o[m].cover95);
      }
      std::printf("| %s | %.3f | %.3f | %.3f | %s | %s |\n", names[m].c_str(), s.avg(s.mape), s.avg(s.smape),
                  s.avg(s.mase), m == 3 ? fmt::format("{:.3f}", s.avg(s.cover80)).c_str() : "-",
                  m == 3 ? fmt::format("{:.3f}", s.avg(s.cover95)).c_str() : "-");
    }
  }
  std::printf("\nAll daily series:\n| method | MAPE %% | sMAPE %% | MASE | 80%% cover | 95%% cover |\n|---|---|---|---|---|---|\n");
  for (size_t m = 0; m < names.size(); ++m) {
    const Score& s = overall[m];
    std::printf("| %s | %.3f | %.3f | %.3f | %s | %s |\n", names[m].c_str(), s.avg(s.mape), s.avg(s.smape),
                s.avg(s.mase), m == 3 ? fmt::format("{:.3f}", s.avg(s.cover80)).c_str() : "-",
                m == 3 ? fmt::format("{:.3f}", s.avg(s.cover95)).c_str() : "-");
  }
  return 0;
}

int run_speed(size_t count, size_t length, size_t threads) {
  std::mt19937_64 rng(42);
  std::normal_distribution<double> noise(0, 1);
  std::vector<analysis::TimeSeries> all(count);
  for (size_t i = 0; i < count; ++i) {
    std::vector<double> v(length);
    const double level = 100 + static_cast<double>(i % 50) * 10;
    const double slope = static_cast<double>(i % 7) * 0.05;
    for (size_t t = 0; t < length; ++t) {
      v[t] = level + slope * static_cast<double>(t) + (t % 7 >= 5 ? -15.0 : 5.0) + 3 * noise(rng);
    }
    all[i] = synthetic_times(v, Granularity::kDay);
  }
  core::ThreadPool pool(threads);
  std::vector<double> sink(count);
  const auto start = std::chrono::steady_clock::now();
  core::Status st = pool.parallel_for(count, [&](size_t i) -> core::Status {
    analysis::ForecastOptions options;
    options.horizon = 30;
    OPTIMA_ASSIGN_OR_RETURN(auto f, analysis::forecast_series(all[i], options));
    sink[i] = f.points.back().mean;
    return core::Status::ok();
  });
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!st.is_ok()) {
    std::fprintf(stderr, "%s\n", st.to_string().c_str());
    return 1;
  }
  std::printf("speed: %zu daily series x %zu points, horizon 30, %zu threads (pool) + caller: %.2f s "
              "(%.0f series/s)\n", count, length, threads, secs, static_cast<double>(count) / secs);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: forecast_eval m4 DIR [hourly|weekly] | daily DIR | speed [--series N] [--length L]\n");
    return 2;
  }
  const std::string mode = argv[1];
  const size_t threads = flag_value(argc, argv, "--threads", 2);
  // parallel_for also runs work on the calling thread: a pool of threads-1 uses `threads` cores.
  const size_t pool_threads = threads > 1 ? threads - 1 : 1;
  if (mode == "m4" && argc >= 3) {
    const std::string set = argc >= 4 && argv[3][0] != '-' ? argv[3] : "hourly";
    return run_m4(argv[2], set, pool_threads);
  }
  if (mode == "daily" && argc >= 3) return run_daily(argv[2], pool_threads);
  if (mode == "speed") {
    return run_speed(flag_value(argc, argv, "--series", 10000), flag_value(argc, argv, "--length", 400),
                     pool_threads);
  }
  std::fprintf(stderr, "unknown mode\n");
  return 2;
}
