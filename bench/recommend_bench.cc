// recommend_bench: every recommender over a generated estate — by default 100,000 resources with
// 30 days of 5-minute CPU and memory metrics (8,640 samples per series) — generated
// deterministically and streamed one resource at a time, never all samples in memory.
// A plain timing program (not Google Benchmark): one run is what is measured; see
// bench/RECOMMEND.md for how it is run under /usr/bin/time -v.
//
//   recommend_bench [--resources N] [--days D] [--threads T] [--profile aws-like|azure-like|gcp-like]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "optima/core/thread_pool.h"
#include "optima/recommend/engine.h"
#include "optima/recommend/rate_book.h"

namespace {

using optima::core::Decimal;
using optima::core::Timestamp;
using optima::inventory::MetricSeries;
using optima::inventory::Resource;
using optima::inventory::ResourceKind;
namespace rec = optima::recommend;

constexpr int64_t kStep = 300;

uint64_t mix(uint64_t x) {  // splitmix64
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

double unit(uint64_t x) { return static_cast<double>(mix(x) >> 11) * 0x1.0p-53; }

enum class Shape { kIdle, kOversized, kRightSized, kBusy };

Shape shape_of(size_t i) {
  const uint64_t u = mix(i * 7919) % 100;
  if (u < 8) return Shape::kIdle;
  if (u < 33) return Shape::kOversized;
  if (u < 90) return Shape::kRightSized;
  return Shape::kBusy;
}

// Utilization of resource i at time t (percent): a base level, a daily swing and noise.
double cpu_at(size_t i, Shape s, int64_t t) {
  const double noise = unit(i * 1000003 + static_cast<uint64_t>(t / kStep));
  const int hour = static_cast<int>((t / 3600) % 24);
  const bool day = hour >= 8 && hour < 20;
  switch (s) {
    case Shape::kIdle: return 0.5 + noise;
    case Shape::kOversized: return (day ? 9.0 : 4.0) + 6 * noise;
    case Shape::kRightSized: return (day ? 50.0 : 25.0) + 20 * noise;
    case Shape::kBusy: return 80 + 19 * noise;
  }
  return 0;
}

class GeneratedMetrics final : public rec::MetricSource {
 public:
  GeneratedMetrics(Timestamp end, int days) : end_(end), days_(days) {}
  optima::core::Status series_for(const Resource& r,
                                  std::vector<MetricSeries>* out) const override {
    if (r.kind != ResourceKind::kVirtualMachine && r.kind != ResourceKind::kDatabase) {
      out->clear();
      return optima::core::Status::ok();
    }
    const size_t i = std::strtoull(r.resource_id.c_str() + 2, nullptr, 10);
    const Shape s = shape_of(i);
    out->resize(2);
    const int64_t n = int64_t{days_} * 86400 / kStep;
    const int64_t start = end_.unix_seconds - n * kStep;
    const char* metrics[2] = {"cpu_percent", "memory_percent"};
    for (size_t m = 0; m < 2; ++m) {
      MetricSeries& series = (*out)[m];
      series.resource_id = r.resource_id;
      series.metric = metrics[m];
      series.step_seconds = kStep;
      series.samples.resize(static_cast<size_t>(n));
      for (int64_t k = 0; k < n; ++k) {
        const int64_t t = start + k * kStep;
        const double cpu = cpu_at(i, s, t);
        series.samples[static_cast<size_t>(k)] = {Timestamp{t}, m == 0 ? cpu : 20 + cpu / 4};
      }
    }
    return optima::core::Status::ok();
  }

 private:
  Timestamp end_;
  int days_;
};

rec::Rate rate(const char* amount, const char* unit_name = "hour") {
  return rec::Rate{Decimal::from_string(amount).value(), unit_name,
                   std::string("bench table ") + amount};
}

rec::TableRateBook bench_rates() {
  rec::TableRateBook b;
  auto add = [&](const char* type, const char* family, int gen, int vcpu, const char* arch,
                 bool previous, const char* price) {
    b.add_shape("AWS", rec::InstanceShape{type, family, gen, vcpu, 4.0 * vcpu, arch, previous, false});
    b.add_hourly("AWS", "*", type, rate(price));
  };
  add("m5.large", "m5", 5, 2, "x86_64", false, "0.096");
  add("m5.xlarge", "m5", 5, 4, "x86_64", false, "0.192");
  add("m5.2xlarge", "m5", 5, 8, "x86_64", false, "0.384");
  add("m4.xlarge", "m4", 4, 4, "x86_64", true, "0.2");
  add("m6g.large", "m6g", 6, 2, "arm64", false, "0.077");
  add("m6g.xlarge", "m6g", 6, 4, "arm64", false, "0.154");
  b.add_storage("AWS", "*", "gp2", rate("0.10", "GB-month"));
  b.add_storage("AWS", "*", "gp3", rate("0.08", "GB-month"));
  b.add_storage("AWS", "*", "snapshot", rate("0.05", "GB-month"));
  b.add_network_fee("AWS", "*", rec::NetworkFee::kIdlePublicIp, rate("0.005"));
  b.add_network_fee("AWS", "*", rec::NetworkFee::kLoadBalancer, rate("0.0225"));
  return b;
}

std::vector<Resource> bench_resources(size_t count, Timestamp end) {
  const char* types[] = {"m5.large", "m5.xlarge", "m5.2xlarge", "m4.xlarge"};
  std::vector<Resource> out;
  out.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    Resource r;
    r.provider = "AWS";
    r.resource_id = "r-" + std::to_string(i);
    r.name = r.resource_id;
    r.account_id = std::to_string(100000000000 + i % 40);
    r.region = "us-east-1";
    r.tags = {{"team", "team-" + std::to_string(i % 8)}, {"env", i % 5 == 0 ? "dev" : "prod"}};
    const size_t slot = i % 20;
    if (slot < 16) {
      r.kind = ResourceKind::kVirtualMachine;
      r.type = types[mix(i) % 4];
      r.state = mix(i + 17) % 100 == 0 ? "stopped" : "running";
      if (i % 10 == 3) r.tags["aws:autoscaling:groupName"] = "asg-" + std::to_string(i % 50);
    } else if (slot < 18) {
      r.kind = ResourceKind::kDisk;
      r.type = mix(i) % 2 == 0 ? "gp2" : "gp3";
      r.attributes["size_gb"] = std::to_string(50 + mix(i) % 900);
      if (mix(i + 3) % 10 != 0) r.attributes["attached_to"] = "r-" + std::to_string(i - slot);
      r.state = r.attributes.count("attached_to") ? "in-use" : "available";
      r.created_at = Timestamp{end.unix_seconds - 90 * 86400};
    } else if (slot == 18) {
      r.kind = ResourceKind::kDatabase;
      r.type = "m5.xlarge";
      r.state = "available";
    } else {
      r.kind = i % 40 == 19 ? ResourceKind::kPublicIp : ResourceKind::kSnapshot;
      r.attributes["size_gb"] = "100";
      r.attributes["volume_id"] = "vol-gone-" + std::to_string(i);
      r.created_at = Timestamp{end.unix_seconds - 200 * 86400};
      if (r.kind == ResourceKind::kPublicIp && mix(i) % 2 == 0) {
        r.attributes["attached_to"] = "r-" + std::to_string(i - slot);
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  size_t resources = 100000;
  int days = 30;
  size_t threads = 2;
  std::string profile = "aws-like";
  for (int a = 1; a + 1 < argc; a += 2) {
    if (std::strcmp(argv[a], "--resources") == 0) resources = std::strtoull(argv[a + 1], nullptr, 10);
    if (std::strcmp(argv[a], "--days") == 0) days = std::atoi(argv[a + 1]);
    if (std::strcmp(argv[a], "--threads") == 0) threads = std::strtoull(argv[a + 1], nullptr, 10);
    if (std::strcmp(argv[a], "--profile") == 0) profile = argv[a + 1];
  }
  const Timestamp end = optima::core::make_timestamp({2025, 7, 1});
  auto loaded = rec::load_profile(profile);
  if (!loaded.is_ok()) {
    std::fprintf(stderr, "%s\n", loaded.status().to_string().c_str());
    return 1;
  }
  const auto started = std::chrono::steady_clock::now();
  const std::vector<Resource> estate = bench_resources(resources, end);
  const GeneratedMetrics metrics(end, days);
  const rec::TableRateBook rates = bench_rates();
  const rec::BillingFacts billing;
  optima::core::ThreadPool pool(threads);
  rec::RunOptions options;
  options.pool = &pool;
  auto result = rec::run(estate, metrics, rates, billing, *loaded, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!result.is_ok()) {
    std::fprintf(stderr, "%s\n", result.status().to_string().c_str());
    return 1;
  }
  const double samples = static_cast<double>(result->series) * static_cast<double>(days) * 86400 / kStep;
  std::printf("profile %s, %zu resources, %zu series × %d days of 5-minute samples (%.3g samples "
              "generated and read), %zu threads\n",
              profile.c_str(), result->resources, result->series, days, samples, threads);
  std::printf("%zu recommendations (%zu before grouping), $%s/month\n",
              result->recommendations.size(), result->raw_recommendations,
              result->total_monthly_savings.to_fixed(2).c_str());
  std::printf("wall %.2f s, %.3g samples/s\n", seconds, samples / seconds);
  return 0;
}
