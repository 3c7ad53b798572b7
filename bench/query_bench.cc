// Query engine benchmarks on 10M generated FOCUS rows held in memory (store::InMemoryTableSource,
// row groups of 65,536 rows), the four reference queries of the embedded executor, and FOCUS
// CSV export throughput. Data is deterministic (fixed-seed generator), ordered by day as billing
// exports are, so a row group holds tens of thousands of distinct ResourceIds.
//
//   build/release/query_bench [--rows=N] [--benchmark_filter=...]
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include "optima/focus/table_builder.h"
#include "optima/query/executor.h"
#include "optima/query/focus_csv_writer.h"
#include "optima/query/query_json.h"

namespace {

using namespace optima;

constexpr size_t kRowGroupRows = 65536;
constexpr int kDays = 30;
constexpr uint32_t kResources = 200000;
constexpr uint32_t kAccounts = 100;
constexpr size_t kExportRows = 1000000;

size_t g_rows = 10000000;

// CPU time of every thread of the process, so the work per query can be read even when other
// processes compete for the cores (wall time then overstates it).
double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// SplitMix64: deterministic and fast.
uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

const char* const kServices[] = {"Amazon Elastic Compute Cloud",
                                 "Amazon Simple Storage Service",
                                 "Amazon Relational Database Service",
                                 "AWS Lambda",
                                 "Amazon CloudFront",
                                 "Amazon DynamoDB",
                                 "Amazon Elastic Kubernetes Service",
                                 "Amazon Elastic Block Store",
                                 "Amazon Virtual Private Cloud",
                                 "AWS Key Management Service",
                                 "Amazon CloudWatch",
                                 "Amazon Simple Queue Service",
                                 "Amazon Kinesis",
                                 "Amazon Redshift",
                                 "Amazon ElastiCache",
                                 "Amazon OpenSearch Service",
                                 "AWS Glue",
                                 "Amazon Athena",
                                 "Amazon Route 53",
                                 "AWS Backup",
                                 "Amazon EMR",
                                 "Amazon SageMaker",
                                 "AWS Fargate",
                                 "Amazon Elastic File System",
                                 "Amazon API Gateway",
                                 "AWS Step Functions",
                                 "Amazon Simple Notification Service",
                                 "AWS Config",
                                 "AWS CloudTrail",
                                 "Amazon GuardDuty"};
const char* const kRegions[] = {"us-east-1",    "us-east-2",      "us-west-2",      "eu-west-1",
                                "eu-central-1", "ap-southeast-1", "ap-northeast-1", "sa-east-1"};
const char* const kEnvs[] = {"prod", "prod", "prod", "prod",    "prod",
                             "dev",  "dev",  "dev",  "staging", "staging"};

struct Resource {
  std::string id;
  std::string name_tag;
  uint32_t service;
  uint32_t account;
  uint32_t region;
  int env;   // index into kEnvs, -1 = untagged
  int team;  // -1 = untagged
};

std::vector<Resource> make_resources() {
  std::vector<Resource> out(kResources);
  char buf[128];
  for (uint32_t r = 0; r < kResources; ++r) {
    const uint64_t h = mix(r);
    Resource& res = out[r];
    res.service = static_cast<uint32_t>(h % std::size(kServices));
    res.account = static_cast<uint32_t>((h >> 8) % kAccounts);
    res.region = static_cast<uint32_t>((h >> 16) % std::size(kRegions));
    res.env = (h >> 24) % 10 < 8 ? static_cast<int>((h >> 28) % std::size(kEnvs)) : -1;
    res.team = (h >> 32) % 10 < 9 ? static_cast<int>((h >> 36) % 20) : -1;
    std::snprintf(buf, sizeof(buf), "arn:aws:ec2:%s:%012u:instance/i-%017llx", kRegions[res.region],
                  100000000u + res.account,
                  static_cast<unsigned long long>(mix(h) & 0xfffffffffffffULL));
    res.id = buf;
    if ((h >> 40) % 3 == 0)
      res.name_tag = "node-" + std::to_string(r);
  }
  return out;
}

// `rows` rows over kDays days (ordered by day); every resource appears about rows/kResources
// times.
std::shared_ptr<store::InMemoryTableSource> make_source(size_t rows) {
  const std::vector<Resource> resources = make_resources();
  auto source = std::make_shared<store::InMemoryTableSource>();
  focus::TableBuilder b;
  char account[32];
  char team[16];
  const int64_t start = core::make_timestamp({2024, 1, 1}).unix_seconds;
  const size_t per_day = (rows + kDays - 1) / kDays;
  for (size_t i = 0; i < rows; ++i) {
    const size_t day = i / per_day;
    const uint64_t h = mix(i ^ 0x5bd1e995ULL);
    const Resource& res = resources[(i * 7919 + day * 104729) % kResources];
    b.set_time(focus::Column::kChargePeriodStart,
               {start + static_cast<int64_t>(day) * core::kSecondsPerDay});
    b.set_time(focus::Column::kChargePeriodEnd,
               {start + static_cast<int64_t>(day + 1) * core::kSecondsPerDay});
    b.set_string(focus::Column::kServiceName, kServices[res.service]);
    std::snprintf(account, sizeof(account), "%012u", 100000000u + res.account);
    b.set_string(focus::Column::kSubAccountId, account);
    b.set_string(focus::Column::kRegionId, kRegions[res.region]);
    b.set_string(focus::Column::kResourceId, res.id);
    b.set_string(focus::Column::kChargeCategory, "Usage");
    b.set_string(focus::Column::kBillingCurrency, "USD");
    // Costs with 10 fractional digits, up to about 50.
    const auto billed = static_cast<int64_t>(h % 500000000000ULL);
    b.set_decimal(focus::Column::kBilledCost,
                  core::Decimal::from_units(static_cast<core::Int128>(billed) * 100000000));
    b.set_decimal(focus::Column::kEffectiveCost,
                  core::Decimal::from_units(static_cast<core::Int128>(billed) * 95000000));
    b.set_decimal(focus::Column::kListCost,
                  core::Decimal::from_units(static_cast<core::Int128>(billed) * 120000000));
    b.set_decimal(focus::Column::kContractedCost,
                  core::Decimal::from_units(static_cast<core::Int128>(billed) * 100000000));
    b.set_decimal(focus::Column::kConsumedQuantity,
                  core::Decimal::from_int(static_cast<int64_t>(h >> 40) % 24 + 1));
    if (res.env >= 0)
      b.add_tag("env", kEnvs[res.env]);
    if (res.team >= 0) {
      std::snprintf(team, sizeof(team), "team-%02d", res.team);
      b.add_tag("team", team);
    }
    if (!res.name_tag.empty())
      b.add_tag("Name", res.name_tag);
    b.finish_row();
    if (b.num_rows() == kRowGroupRows)
      source->add(std::make_shared<const focus::Table>(b.finish()));
  }
  if (b.num_rows() > 0)
    source->add(std::make_shared<const focus::Table>(b.finish()));
  return source;
}

const store::InMemoryTableSource& source() {
  static const std::shared_ptr<store::InMemoryTableSource> kSource = make_source(g_rows);
  return *kSource;
}

void run_query(benchmark::State& state, const char* json) {
  const store::TableSource& data = source();
  core::Result<query::Query> q = query::parse_query(json);
  if (!q.is_ok()) {
    state.SkipWithError(q.status().message().c_str());
    return;
  }
  uint64_t rows = 0;
  size_t result_rows = 0;
  const double cpu_start = process_cpu_seconds();
  for (auto _ : state) {
    core::Result<query::QueryResult> result = query::execute(*q, data);
    if (!result.is_ok()) {
      state.SkipWithError(result.status().message().c_str());
      return;
    }
    rows += result->rows_scanned;
    result_rows = result->total_rows;
    benchmark::DoNotOptimize(result);
  }
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
  state.counters["groups"] = static_cast<double>(result_rows);
  state.counters["cpu_ms/query"] =
      (process_cpu_seconds() - cpu_start) * 1000 / static_cast<double>(state.iterations());
}

void BM_CostByService(benchmark::State& state) {
  run_query(state, R"({"metrics": ["BilledCost"], "group_by": ["ServiceName"]})");
}

void BM_CostByDayAndSubAccount(benchmark::State& state) {
  run_query(state,
            R"({"granularity": "day", "metrics": ["BilledCost"], "group_by": ["SubAccountId"]})");
}

void BM_Top100Resources(benchmark::State& state) {
  run_query(
      state,
      R"({"metrics": ["BilledCost"], "group_by": ["ResourceId"], "top_n": 100, "others": true})");
}

void BM_ProdCostByTeam(benchmark::State& state) {
  run_query(state, R"({"metrics": ["BilledCost"], "group_by": ["tag:team"],
                       "filters": [{"dimension": "tag:env", "op": "in", "values": ["prod"]}]})");
}

// FOCUS CSV export of the first kExportRows rows into a sink that only counts bytes.
void BM_FocusCsvExport(benchmark::State& state) {
  static const std::shared_ptr<store::InMemoryTableSource> kExport = make_source(kExportRows);
  uint64_t bytes = 0;
  for (auto _ : state) {
    query::FocusExportStats stats;
    core::Status s = query::write_focus_csv(
        *kExport, {}, [](std::string_view) { return core::Status::ok(); }, &stats);
    if (!s.is_ok()) {
      state.SkipWithError(s.message().c_str());
      return;
    }
    bytes += stats.bytes_written;
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["rows/s"] = benchmark::Counter(
      static_cast<double>(kExportRows * state.iterations()), benchmark::Counter::kIsRate);
}

BENCHMARK(BM_CostByService)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_CostByDayAndSubAccount)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Top100Resources)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ProdCostByTeam)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_FocusCsvExport)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  // --rows=N (ours) is taken out before Google Benchmark parses the rest.
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--rows=", 7) == 0) {
      g_rows = std::strtoull(argv[i] + 7, nullptr, 10);
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
