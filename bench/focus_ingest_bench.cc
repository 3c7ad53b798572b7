// FOCUS CSV ingest throughput on a generated file.
//
// Generates a deterministic FOCUS 1.2 export shaped like AWS's "FOCUS 1.2 with AWS columns"
// (all 57 columns, x_ columns, Tags and SkuPriceDetails as quoted JSON, realistic cardinalities,
// about 700 bytes per row), then measures:
//   BM_FocusCsvRead/threads:N/chunk_mib:M
//                               FocusCsvReader end to end (every cell parsed, dictionary-encoded
//                               Tables delivered to a sink), N converting threads, chunks of M MiB
//                               (0 = the reader's default, about one 64k-row table per chunk)
//   BM_CsvRecordParse           the record tokenizer alone, one thread
//   BM_LastRecordEnd            the quote-aware chunk boundary scan alone
// Bytes per second are file bytes. The file is read through the page cache after the first
// pass, so this measures parsing, not the disk.
//
// Environment: OPTIMA_BENCH_ROWS (default 1000000) rows to generate; OPTIMA_BENCH_FILE to read
// an existing file instead (it is generated there when missing).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "optima/core/file_io.h"
#include "optima/focus/column.h"
#include "optima/ingest/csv_record_parser.h"
#include "optima/ingest/focus_csv_reader.h"

namespace {

namespace fs = std::filesystem;

class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return state_;
  }
  uint64_t below(uint64_t n) { return next() % n; }

 private:
  uint64_t state_;
};

std::string money(Random& rng, int whole_max) {
  return fmt::format("{}.{:06d}", rng.below(static_cast<uint64_t>(whole_max)), rng.below(1000000));
}

std::string quoted_json(const std::string& json) {
  std::string out = "\"";
  for (char c : json) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Writes `rows` rows of a generated FOCUS 1.2 + AWS columns export to `path`.
void generate_focus_file(const fs::path& path, uint64_t rows) {
  static const char* kRegions[] = {"us-east-1",    "us-east-2",      "us-west-2",      "eu-west-1",
                                   "eu-central-1", "ap-southeast-1", "ap-northeast-1", "sa-east-1",
                                   "ca-central-1", "eu-north-1"};
  static const char* kRegionNames[] = {"US East (N. Virginia)", "US East (Ohio)",
                                       "US West (Oregon)",      "Europe (Ireland)",
                                       "Europe (Frankfurt)",    "Asia Pacific (Singapore)",
                                       "Asia Pacific (Tokyo)",  "South America (Sao Paulo)",
                                       "Canada (Central)",      "Europe (Stockholm)"};
  struct Service {
    const char* name;
    const char* category;
    const char* subcategory;
    const char* code;
  };
  static const Service kServices[] = {
      {"Amazon Elastic Compute Cloud", "Compute", "Virtual Machines", "AmazonEC2"},
      {"Amazon Simple Storage Service", "Storage", "Object Storage", "AmazonS3"},
      {"Amazon Relational Database Service", "Databases", "Relational Databases", "AmazonRDS"},
      {"AWS Lambda", "Compute", "Serverless Compute", "AWSLambda"},
      {"Amazon CloudFront", "Networking", "Content Delivery", "AmazonCloudFront"},
      {"Amazon DynamoDB", "Databases", "NoSQL Databases", "AmazonDynamoDB"},
      {"Amazon Elastic Kubernetes Service", "Compute", "Containers", "AmazonEKS"},
      {"Amazon CloudWatch", "Management and Governance", "Observability", "AmazonCloudWatch"}};
  static const char* kInstanceTypes[] = {"t3.medium", "m5.large", "m5.xlarge", "c5.2xlarge",
                                         "r5.large",  "t3.small", "m6g.large", "c6g.xlarge"};
  static const char* kTeams[] = {"web", "data", "ml", "platform", "payments", "search"};
  static const char* kEnvs[] = {"prod", "staging", "dev"};

  std::ofstream out(path, std::ios::binary);
  std::vector<std::string> header;
  for (const auto& info : optima::focus::all_columns()) header.emplace_back(info.name);
  header.insert(header.end(), {"x_Discounts", "x_Operation", "x_ServiceCode", "x_UsageType"});
  for (size_t i = 0; i < header.size(); ++i) out << (i ? "," : "") << header[i];
  out << "\n";

  Random rng(20240501);
  std::string line;
  for (uint64_t r = 0; r < rows; ++r) {
    const uint64_t hour = r / 4000 % 720;  // rows grouped by charge hour, as exports are
    const int day = static_cast<int>(hour / 24) + 1;
    const int hh = static_cast<int>(hour % 24);
    const size_t region = rng.below(10);
    const Service& svc = kServices[rng.below(8)];
    const char* instance = kInstanceTypes[rng.below(8)];
    const uint64_t resource = rng.below(50000);
    const bool committed = rng.below(5) == 0;
    const uint64_t category = rng.below(100);
    const char* charge_category = category < 94   ? "Usage"
                                  : category < 97 ? "Purchase"
                                  : category < 99 ? "Tax"
                                                  : "Credit";
    const std::string billed = money(rng, 5);
    const std::string list_price = money(rng, 2);
    const std::string tags = fmt::format(R"({{"user:team":"{}","user:env":"{}"}})",
                                         kTeams[resource % 6], kEnvs[resource % 3]);
    const std::string sku_details =
        fmt::format(R"({{"InstanceType":"{}","CoreCount":{}}})", instance, 2 << (resource % 3));
    line.clear();
    fmt::format_to(
        std::back_inserter(line),
        "{az},{billed},123456789012,Acme Corp,Billing Account,USD,2024-06-01T00:00:00Z,"
        "2024-05-01T00:00:00Z,,,{cat},,{desc},Usage-Based,2024-05-{day:02d}T{h2:02d}:00:00Z,"
        "2024-05-{day:02d}T{hh:02d}:00:00Z,{cdc},{cdid},{cdname},{cdq},{cds},{cdt},{cdu},"
        "1.000000,Hours,{contracted},{cup},{effective},EUINUS24-{inv:06d},"
        "\"Amazon Web Services, Inc.\",{list},{lup},{pcat},USD,{cup},{effective},{lup},"
        "1.000000,Hours,AWS,AWS,{region},{region_name},"
        "arn:aws:ec2:{region}:123456789012:instance/i-0{res:012x},host-{res},"
        "Virtual Machine,{scat},{sname},{ssub},SKU{sku:08d},{instance},{sku_details},"
        "SKU{sku:08d}.JRTCKXETXF,2109876543{sub:02d},team-account-{sub},AWS Account,"
        "{tags},{{}},RunInstances,{code},BoxUsage:{instance}\n",
        fmt::arg("az",
                 fmt::format("{}{}", kRegions[region], static_cast<char>('a' + rng.below(3)))),
        fmt::arg("billed", billed), fmt::arg("cat", charge_category),
        fmt::arg("desc", fmt::format("Linux {} Instance Hour", instance)), fmt::arg("day", day),
        fmt::arg("h2", hh), fmt::arg("hh", hh + 1 > 23 ? 23 : hh + 1),
        fmt::arg("cdc", committed ? "Spend" : ""),
        fmt::arg("cdid", committed
                             ? fmt::format("arn:aws:savingsplans::123456789012:savingsplan/{:08x}",
                                           resource % 10)
                             : ""),
        fmt::arg("cdname", committed ? fmt::format("compute-sp-{}", resource % 10) : ""),
        fmt::arg("cdq", committed ? money(rng, 3) : ""), fmt::arg("cds", committed ? "Used" : ""),
        fmt::arg("cdt", committed ? "Savings Plan" : ""), fmt::arg("cdu", committed ? "USD" : ""),
        fmt::arg("contracted", billed), fmt::arg("cup", list_price), fmt::arg("effective", billed),
        fmt::arg("inv", r % 7), fmt::arg("list", money(rng, 6)), fmt::arg("lup", list_price),
        fmt::arg("pcat", committed ? "Committed" : "Standard"),
        fmt::arg("region", kRegions[region]), fmt::arg("region_name", kRegionNames[region]),
        fmt::arg("res", resource), fmt::arg("scat", svc.category), fmt::arg("sname", svc.name),
        fmt::arg("ssub", svc.subcategory), fmt::arg("sku", resource % 3000),
        fmt::arg("instance", instance), fmt::arg("sku_details", quoted_json(sku_details)),
        fmt::arg("sub", resource % 25), fmt::arg("tags", quoted_json(tags)),
        fmt::arg("code", svc.code));
    out << line;
  }
}

const fs::path& bench_file() {
  static const fs::path path = [] {
    const char* env_file = std::getenv("OPTIMA_BENCH_FILE");
    const char* env_rows = std::getenv("OPTIMA_BENCH_ROWS");
    const uint64_t rows = env_rows ? std::strtoull(env_rows, nullptr, 10) : 1000000;
    fs::path p = env_file
                     ? fs::path(env_file)
                     : fs::temp_directory_path() / fmt::format("optima-focus-bench-{}.csv", rows);
    if (!fs::exists(p)) {
      std::fprintf(stderr, "generating %llu rows into %s\n", static_cast<unsigned long long>(rows),
                   p.c_str());
      generate_focus_file(p, rows);
    }
    std::fprintf(stderr, "bench file %s: %.1f MB\n", p.c_str(),
                 static_cast<double>(fs::file_size(p)) / 1e6);
    return p;
  }();
  return path;
}

class CountingSink final : public optima::ingest::TableSink {
 public:
  optima::core::Status consume(optima::focus::Table table) override {
    rows += table.num_rows();
    return optima::core::Status::ok();
  }
  uint64_t rows = 0;
};

void BM_FocusCsvRead(benchmark::State& state) {
  const fs::path& file = bench_file();
  const auto threads = static_cast<size_t>(state.range(0));
  const auto chunk_bytes = static_cast<size_t>(state.range(1)) << 20;
  optima::ingest::FocusCsvReader reader(
      optima::ingest::FocusCsvReaderOptions{threads, chunk_bytes});
  uint64_t rows = 0;
  for (auto _ : state) {
    CountingSink sink;
    optima::ingest::ReadReport report;
    const auto status = reader.read({"focus", {file}, file.string()}, {}, sink, &report);
    if (!status.is_ok()) state.SkipWithError(status.to_string().c_str());
    if (report.rows_skipped != 0) state.SkipWithError("generated rows were rejected");
    rows = sink.rows;
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * fs::file_size(file)));
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(rows * state.iterations()),
                                                benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FocusCsvRead)
    ->ArgNames({"threads", "chunk_mib"})
    ->Args({1, 0})
    ->Args({2, 0})
    ->Args({1, 4})
    ->Args({2, 4})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_CsvRecordParse(benchmark::State& state) {
  auto text = optima::core::read_file(bench_file());
  if (!text.is_ok()) {
    state.SkipWithError(text.status().to_string().c_str());
    return;
  }
  optima::ingest::CsvRecordParser parser;
  std::vector<std::string_view> fields;
  for (auto _ : state) {
    size_t pos = 0;
    uint64_t lines = 0;
    uint64_t count = 0;
    while (pos < text->size()) {
      if (parser.parse(*text, &pos, true, &fields, &lines) !=
          optima::ingest::CsvRecordParser::Outcome::kRecord)
        break;
      count += fields.size();
    }
    benchmark::DoNotOptimize(count);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text->size()));
}
BENCHMARK(BM_CsvRecordParse)->Unit(benchmark::kMillisecond);

void BM_LastRecordEnd(benchmark::State& state) {
  auto text = optima::core::read_file(bench_file());
  if (!text.is_ok()) {
    state.SkipWithError(text.status().to_string().c_str());
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(optima::ingest::last_record_end(*text, ','));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text->size()));
}
BENCHMARK(BM_LastRecordEnd)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
