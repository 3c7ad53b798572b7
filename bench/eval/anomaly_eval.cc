// anomaly_eval: scores the cost anomaly scan (analysis::scan_anomalies) on generated daily cost
// estates with injected spikes, level shifts and slow drifts of known start, size and root-cause
// cell (account × service × region), and optionally on an ingested demo estate against its
// truth/anomalies.json. Results and commands: bench/eval/ANOMALY.md.
//
//   anomaly_eval [--estates N] [--seed S]            generated estates (default 60, seed 1)
//   anomaly_eval --demo DATA_DIR --truth FILE.json   an ingested demo estate
//
// An injected event is found when a reported anomaly goes the same way and starts between 3
// days before and 7 days after it (14 for drifts); its root cause is named correctly when the
// anomaly's series and drill-down path name the injected account, service and region. Precision
// counts reported anomalies that match an injected event; delay is the day the scan raised it
// minus the injected start.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "optima/analysis/anomaly/anomaly_scan.h"
#include "optima/core/file_io.h"
#include "optima/core/strings.h"
#include "optima/focus/table_builder.h"
#include "optima/store/store.h"
#include "optima/store/table_source.h"

namespace {

using optima::analysis::Anomaly;
using optima::analysis::AnomalyKind;
namespace core = optima::core;
namespace focus = optima::focus;

constexpr int kDays = 150;
const char* kAccounts[] = {"prod-1", "prod-2", "prod-3", "dev-1", "dev-2"};
const char* kServices[] = {"Amazon EC2", "Amazon RDS", "Amazon S3", "AWS Lambda"};
const char* kRegions[] = {"us-east-1", "eu-west-1", "ap-south-1"};

struct Injected {
  AnomalyKind kind;
  int start;
  int days;  // spikes
  std::string account, service, region;
  double size;  // spike/shift: × the cell's cost added; drift: growth per day
};

struct Truth {
  std::string kind;
  core::Timestamp start;
  std::map<std::string, std::string> dims;
  bool decrease = false;
};

struct Score {
  size_t injected = 0, found = 0, reported = 0, matched_reports = 0, cause_right = 0;
  std::vector<double> delays;
  std::map<std::string, std::pair<size_t, size_t>> by_kind;  // found, injected
};

std::set<std::string> names_of(const Anomaly& a) {
  std::set<std::string> s;
  for (const auto& p : a.series) s.insert(p.dimension + "=" + p.value);
  for (const auto& p : a.root_cause.path) s.insert(p.dimension + "=" + p.value);
  return s;
}

void score_against(const std::vector<Anomaly>& reported, const std::vector<Truth>& truth, Score* score,
                   bool verbose) {
  score->injected += truth.size();
  score->reported += reported.size();
  std::vector<bool> used(reported.size(), false);
  for (const Truth& t : truth) {
    auto& kind = score->by_kind[t.kind];
    ++kind.second;
    const int64_t late = (t.kind == "drift" ? 14 : 7) * core::kSecondsPerDay;
    // The report naming the event's cells wins, then the most impactful one.
    auto names_it = [&](const Anomaly& a) {
      const auto names = names_of(a);
      bool all = true;
      for (const auto& [dim, value] : t.dims) all = all && names.count(dim + "=" + value) > 0;
      return all;
    };
    int best = -1;
    for (size_t i = 0; i < reported.size(); ++i) {
      const Anomaly& a = reported[i];
      const int64_t d = a.start.unix_seconds - t.start.unix_seconds;
      const bool dir_ok = (a.direction == optima::analysis::AnomalyDirection::kDecrease) == t.decrease;
      if (dir_ok && d >= -3 * core::kSecondsPerDay && d <= late) {
        if (best < 0) {
          best = static_cast<int>(i);
          continue;
        }
        const Anomaly& b = reported[static_cast<size_t>(best)];
        const bool na = names_it(a);
        const bool nb = names_it(b);
        if ((na && !nb) || (na == nb && std::fabs(a.impact.to_double()) > std::fabs(b.impact.to_double()))) {
          best = static_cast<int>(i);
        }
      }
    }
    if (best < 0) {
      if (verbose) std::printf("  missed %s at %s\n", t.kind.c_str(), core::format_date(t.start).c_str());
      continue;
    }
    const Anomaly& a = reported[static_cast<size_t>(best)];
    ++score->found;
    ++kind.first;
    score->delays.push_back(static_cast<double>(a.detected_at.unix_seconds - t.start.unix_seconds) /
                            core::kSecondsPerDay);
    const auto names = names_of(a);
    bool right = true;
    for (const auto& [dim, value] : t.dims) right = right && names.count(dim + "=" + value) > 0;
    score->cause_right += right ? 1 : 0;
    if (verbose) {
      std::printf("  %s %s: %s%s\n", t.kind.c_str(), core::format_date(t.start).c_str(), a.summary.c_str(),
                  right ? "" : "  [root cause WRONG]");
    }
  }
  // A report matches when some injected event lies in its window (several reports may match
  // one event, e.g. a drift's second leg).
  for (size_t i = 0; i < reported.size(); ++i) {
    bool match = false;
    for (const Truth& t : truth) {
      const int64_t d = reported[i].start.unix_seconds - t.start.unix_seconds;
      const int64_t late = (t.kind == "drift" ? 21 : 7) * core::kSecondsPerDay;
      match = match || (d >= -3 * core::kSecondsPerDay && d <= late &&
                        (reported[i].direction == optima::analysis::AnomalyDirection::kDecrease) == t.decrease);
    }
    score->matched_reports += match ? 1 : 0;
    if (!match && verbose) std::printf("  false alarm: %s\n", reported[i].summary.c_str());
  }
}

void print_score(const Score& s) {
  std::vector<double> d = s.delays;
  std::sort(d.begin(), d.end());
  const double median = d.empty() ? 0 : (d.size() % 2 ? d[d.size() / 2] : (d[d.size() / 2 - 1] + d[d.size() / 2]) / 2);
  std::printf("injected %zu, found %zu, reported %zu (matching %zu)\n", s.injected, s.found, s.reported,
              s.matched_reports);
  std::printf("precision %.3f  recall %.3f  median delay %.1f days (max %.0f)  root cause right %.3f\n",
              s.reported ? static_cast<double>(s.matched_reports) / static_cast<double>(s.reported) : 1.0,
              s.injected ? static_cast<double>(s.found) / static_cast<double>(s.injected) : 1.0, median,
              d.empty() ? 0 : d.back(),
              s.found ? static_cast<double>(s.cause_right) / static_cast<double>(s.found) : 0.0);
  for (const auto& [kind, fi] : s.by_kind) std::printf("  %-12s found %zu of %zu\n", kind.c_str(), fi.first, fi.second);
}

// One generated estate: every (account, service, region) cell has three resources with a
// weekly pattern and 3% noise; 1-2 injected events, each in one cell.
std::shared_ptr<optima::store::InMemoryTableSource> generate(unsigned seed, std::vector<Truth>* truth) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::normal_distribution<double> noise(0.0, 0.03);
  std::vector<Injected> events;
  const int count = 1 + static_cast<int>(unit(rng) * 2);
  for (int e = 0; e < count; ++e) {
    Injected in;
    const double k = unit(rng);
    in.kind = k < 0.4 ? AnomalyKind::kSpike : (k < 0.7 ? AnomalyKind::kLevelShift : AnomalyKind::kDrift);
    in.start = 60 + e * 40 + static_cast<int>(unit(rng) * 30);
    in.days = 1 + static_cast<int>(unit(rng) * 4);
    in.account = kAccounts[static_cast<size_t>(unit(rng) * 5)];
    in.service = kServices[static_cast<size_t>(unit(rng) * 2)];  // EC2 or RDS: big enough cells
    in.region = kRegions[static_cast<size_t>(unit(rng) * 3)];
    in.size = in.kind == AnomalyKind::kSpike ? 1.0 + 2.0 * unit(rng)
              : in.kind == AnomalyKind::kLevelShift ? 0.5 + unit(rng)
                                                    : 0.02 + 0.02 * unit(rng);
    events.push_back(in);
    Truth t;
    t.kind = std::string(optima::analysis::anomaly_kind_name(in.kind));
    t.start = core::make_timestamp({2025, 1, 1}) ;
    t.start.unix_seconds += static_cast<int64_t>(in.start) * core::kSecondsPerDay;
    t.dims = {{"SubAccountId", in.account}, {"ServiceName", in.service}, {"RegionId", in.region}};
    truth->push_back(t);
  }
  focus::TableBuilder b;
  const int64_t day0 = core::days_from_civil({2025, 1, 1});
  auto row = [&](int64_t day, const std::string& a, const std::string& s, const std::string& r,
                 const std::string& id, const std::string& usage, double cost) {
    b.set_time(focus::Column::kChargePeriodStart, core::Timestamp{(day0 + day) * core::kSecondsPerDay});
    b.set_time(focus::Column::kChargePeriodEnd, core::Timestamp{(day0 + day + 1) * core::kSecondsPerDay});
    b.set_string(focus::Column::kBillingCurrency, "USD");
    b.set_string(focus::Column::kChargeCategory, "Usage");
    b.set_string(focus::Column::kSubAccountId, a);
    b.set_string(focus::Column::kSubAccountName, a);
    b.set_string(focus::Column::kServiceName, s);
    b.set_string(focus::Column::kRegionId, r);
    b.set_string(focus::Column::kResourceId, id);
    b.set_extension("x_UsageType", usage);
    b.set_decimal(focus::Column::kBilledCost,
                  core::Decimal::from_units(static_cast<core::Int128>(std::llround(cost * 100)) * (core::Decimal::kOne / 100)));
    b.finish_row();
  };
  std::map<std::string, double> cell_base;
  for (const char* a : kAccounts) {
    for (const char* s : kServices) {
      for (const char* r : kRegions) cell_base[fmt::format("{}|{}|{}", a, s, r)] = 20.0 + 180.0 * unit(rng);
    }
  }
  for (int64_t d = 0; d < kDays; ++d) {
    const int64_t weekday = (day0 + d + 4) % 7;
    const double week = (weekday == 0 || weekday == 6) ? 0.7 : 1.0;
    for (const char* a : kAccounts) {
      for (const char* s : kServices) {
        for (const char* r : kRegions) {
          const std::string cell = fmt::format("{}|{}|{}", a, s, r);
          double scale = 1.0;
          double extra = 0.0;
          const Injected* spike = nullptr;
          for (const Injected& e : events) {
            if (e.account != a || e.service != s || e.region != r || d < e.start) continue;
            if (e.kind == AnomalyKind::kLevelShift) scale *= 1.0 + e.size;
            if (e.kind == AnomalyKind::kDrift) scale *= std::pow(1.0 + e.size, static_cast<double>(d - e.start + 1));
            if (e.kind == AnomalyKind::kSpike && d < e.start + e.days) {
              spike = &e;
              extra = e.size * cell_base[cell];
            }
          }
          for (int k = 0; k < 3; ++k) {
            const double cost = cell_base[cell] / 3.0 * week * scale * (1.0 + noise(rng));
            row(d, a, s, r, fmt::format("{}-{}-{}-{}", a, s, r, k), std::string("Usage:") + s, std::max(0.0, cost));
          }
          if (spike != nullptr) {
            for (int k = 0; k < 4; ++k) {
              row(d, a, s, r, fmt::format("new-{}-{}", cell, k), "BoxUsage:c5.4xlarge", extra / 4.0);
            }
          }
        }
      }
    }
  }
  auto source = std::make_shared<optima::store::InMemoryTableSource>();
  source->add(std::make_shared<const focus::Table>(b.finish()));
  return source;
}

int run_demo(const std::string& data_dir, const std::string& truth_path, bool verbose) {
  auto text = core::read_file(truth_path);
  if (!text.is_ok()) {
    std::fprintf(stderr, "error: %s\n", text.status().to_string().c_str());
    return 1;
  }
  const auto j = nlohmann::json::parse(*text, nullptr, false);
  if (!j.is_object() || !j.contains("anomalies") || !j["anomalies"].is_array()) {
    std::fprintf(stderr, "error: %s: expected {\"anomalies\": [...]}\n", truth_path.c_str());
    return 1;
  }
  std::vector<Truth> truth;
  for (const auto& a : j["anomalies"]) {
    Truth t;
    t.kind = a.value("kind", "");
    if (!core::parse_timestamp(a.value("start", ""), &t.start)) continue;
    for (const char* dim : {"SubAccountId", "ServiceName"}) {
      if (a.contains("dimensions") && a["dimensions"].contains(dim)) t.dims[dim] = a["dimensions"][dim];
    }
    truth.push_back(t);
  }
  auto store = optima::store::Store::open(data_dir);
  if (!store.is_ok()) {
    std::fprintf(stderr, "error: %s\n", store.status().to_string().c_str());
    return 1;
  }
  auto snapshot = (*store)->snapshot();
  if (!snapshot.is_ok()) return 1;
  const auto t0 = std::chrono::steady_clock::now();
  auto found = optima::analysis::scan_anomalies(**snapshot);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!found.is_ok()) {
    std::fprintf(stderr, "error: %s\n", found.status().to_string().c_str());
    return 1;
  }
  std::printf("demo estate %s: %llu rows, scan %.2f s, %zu anomalies reported\n", data_dir.c_str(),
              static_cast<unsigned long long>((*snapshot)->total_rows()), secs, found->size());
  Score s;
  score_against(*found, truth, &s, verbose);
  print_score(s);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  size_t estates = 60;
  unsigned seed = 1;
  std::string demo;
  std::string truth;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--estates" && i + 1 < argc) {
      estates = static_cast<size_t>(core::parse_int64(argv[++i]).value_or(60));
    } else if (arg == "--seed" && i + 1 < argc) {
      seed = static_cast<unsigned>(core::parse_int64(argv[++i]).value_or(1));
    } else if (arg == "--demo" && i + 1 < argc) {
      demo = argv[++i];
    } else if (arg == "--truth" && i + 1 < argc) {
      truth = argv[++i];
    } else if (arg == "--verbose") {
      verbose = true;
    } else {
      std::fprintf(stderr, "usage: anomaly_eval [--estates N] [--seed S] [--verbose] | --demo DATA_DIR --truth FILE\n");
      return 2;
    }
  }
  if (!demo.empty()) return run_demo(demo, truth, verbose);
  Score score;
  for (size_t e = 0; e < estates; ++e) {
    std::vector<Truth> t;
    auto source = generate(seed + static_cast<unsigned>(e), &t);
    auto found = optima::analysis::scan_anomalies(*source);
    if (!found.is_ok()) {
      std::fprintf(stderr, "error: %s\n", found.status().to_string().c_str());
      return 1;
    }
    if (verbose) std::printf("estate %zu\n", e);
    score_against(*found, t, &score, verbose);
  }
  std::printf("%zu generated estates (%d days, 5 accounts x 4 services x 3 regions x 3 resources)\n", estates, kDays);
  print_score(score);
  return 0;
}
