// End-to-end tests of `cloudoptima ingest`, `sources` and `partitions` through the real binary.
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/run_command.h"
#include "support/shared_data.h"

namespace optima {
namespace {

using testing::run_command;
using testing::shared_data;
using testing::TempDir;

std::vector<std::string> cli(const TempDir& dir, std::vector<std::string> args) {
  std::vector<std::string> argv = {OPTIMA_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--data-dir");
  argv.push_back((dir.path() / "data").string());
  return argv;
}

nlohmann::json json_of(const testing::CommandResult& r) {
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
  return j;
}

// A FOCUS 1.2 CSV with `rows_per_month` rows in each of `months` months from 2024-01; every
// BilledCost is `cost`.
void write_focus_csv(const std::filesystem::path& path, int months, int rows_per_month,
                     const std::string& cost) {
  std::ofstream out(path);
  out << "BillingAccountId,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,"
         "ChargePeriodEnd,ChargeCategory,BilledCost,EffectiveCost,ListCost,ContractedCost,"
         "ProviderName,PublisherName,InvoiceIssuerName,ServiceName,ServiceCategory,SubAccountId,"
         "ResourceId,Tags\n";
  for (int m = 0; m < months; ++m) {
    const std::string start = fmt::format("2024-{:02d}-01T00:00:00Z", m + 1);
    const std::string end = m == 11 ? "2025-01-01T00:00:00Z"
                                    : fmt::format("2024-{:02d}-01T00:00:00Z", m + 2);
    for (int r = 0; r < rows_per_month; ++r) {
      const int day = 1 + r % 28;
      out << fmt::format(
          "000123456789,USD,{},{},2024-{:02d}-{:02d}T00:00:00Z,2024-{:02d}-{:02d}T00:00:00Z,Usage,"
          "{},{},{},{},AWS,AWS,AWS,svc{},Compute,{:012d},r-{},\"{{\"\"team\"\":\"\"t{}\"\"}}\"\n",
          start, end, m + 1, day, m + 1, day + 1, cost, cost, cost, cost, r % 7, r % 5, r % 1000,
          r % 3);
    }
  }
}

TEST(IngestCliTest, IngestsSpecExamplesAndReportsPartitions) {
  TempDir dir;
  auto r = run_command(cli(dir, {"ingest", "--json",
                                 shared_data("billing/focus-spec-examples/v1.2").string()}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = json_of(r);
  EXPECT_GT(j["rows_accepted"].get<int>(), 70);
  ASSERT_EQ(j["sources"].size(), 1u);
  EXPECT_EQ(j["sources"][0]["source"], "focus");
  auto parts = json_of(run_command(cli(dir, {"partitions", "--json"})));
  EXPECT_EQ(parts.size(), j["sources"][0]["partitions"].size());
  auto sources = json_of(run_command(cli(dir, {"sources", "--json"})));
  ASSERT_EQ(sources.size(), 1u);
  EXPECT_EQ(sources[0]["rows"], j["rows_accepted"]);
}

TEST(IngestCliTest, ReingestingTheSameFilesIsANoOp) {
  TempDir dir;
  write_focus_csv(dir.path() / "a.csv", 2, 50, "1.25");
  ASSERT_EQ(run_command(cli(dir, {"ingest", (dir.path() / "a.csv").string()})).exit_code, 0);
  auto again = json_of(run_command(cli(dir, {"ingest", "--json", (dir.path() / "a.csv").string()})));
  EXPECT_TRUE(again["sources"][0]["already_ingested"].get<bool>());
  auto parts = json_of(run_command(cli(dir, {"partitions", "--json"})));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0]["version"], 1);
}

TEST(IngestCliTest, RestatementReplacesThePartitionAndKeepsHistory) {
  TempDir dir;
  write_focus_csv(dir.path() / "v1.csv", 1, 40, "1.00");
  write_focus_csv(dir.path() / "v2.csv", 1, 40, "2.00");
  ASSERT_EQ(run_command(cli(dir, {"ingest", "--source", "s", (dir.path() / "v1.csv").string()})).exit_code, 0);
  auto r = json_of(run_command(cli(dir, {"ingest", "--json", "--source", "s", (dir.path() / "v2.csv").string()})));
  ASSERT_EQ(r["sources"][0]["partitions"].size(), 1u);
  EXPECT_EQ(r["sources"][0]["partitions"][0]["change"], "replaced");
  const int id = r["sources"][0]["partitions"][0]["id"];
  auto history = json_of(run_command(cli(dir, {"partitions", "--json", "--history", std::to_string(id)})));
  ASSERT_EQ(history.size(), 2u);
  EXPECT_FALSE(history[0]["superseded_at"].is_null());
  EXPECT_TRUE(history[1]["superseded_at"].is_null());
}

TEST(IngestCliTest, BadRowsAreReportedWithRowAndColumnAndStrictModeCommitsNothing) {
  TempDir dir;
  write_focus_csv(dir.path() / "good.csv", 1, 10, "1.00");
  std::ifstream in(dir.path() / "good.csv");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t pos = text.find(",1.00,", text.find('\n', text.find('\n') + 1));
  text.replace(pos, 6, ",N/A,");
  std::ofstream(dir.path() / "bad.csv") << text;
  auto lenient = run_command(cli(dir, {"ingest", "--source", "l", (dir.path() / "bad.csv").string()}));
  EXPECT_EQ(lenient.exit_code, 0) << lenient.err;
  EXPECT_NE(lenient.out.find("row 2 (line 3), column BilledCost"), std::string::npos) << lenient.out;
  auto strict = run_command(cli(dir, {"ingest", "--strict", "--source", "s", (dir.path() / "bad.csv").string()}));
  EXPECT_NE(strict.exit_code, 0);
  EXPECT_NE(strict.out.find("FAILED, nothing committed"), std::string::npos) << strict.out;
  auto parts = json_of(run_command(cli(dir, {"partitions", "--json"})));
  for (const auto& p : parts) EXPECT_NE(p["source"], "s");
}

TEST(IngestCliTest, UnrecognisedFileIsAnErrorNamingIt) {
  TempDir dir;
  std::ofstream(dir.path() / "notes.csv") << "hello,world\n1,2\n";
  auto r = run_command(cli(dir, {"ingest", (dir.path() / "notes.csv").string()}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("notes.csv: not a recognised billing export"), std::string::npos) << r.err;
  auto missing = run_command(cli(dir, {"ingest", (dir.path() / "nope.csv").string()}));
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("nope.csv"), std::string::npos) << missing.err;
}

// Killing an ingest at any moment leaves every partition at its old or its new version.
TEST(IngestCliTest, KillingAnIngestNeverLeavesAMix) {
  TempDir dir;
  const auto a = dir.path() / "a.csv";
  const auto b = dir.path() / "b.csv";
  write_focus_csv(a, 6, 20000, "1.00");
  write_focus_csv(b, 6, 20000, "3.00");
  // Reference hashes of the two contents, from clean ingests in separate data dirs.
  std::map<std::string, std::set<std::string>> allowed;  // period start -> {hash A, hash B}
  for (const auto& file : {a, b}) {
    TempDir ref;
    ASSERT_EQ(run_command(cli(ref, {"ingest", "--source", "s", file.string()})).exit_code, 0);
    for (const auto& p : json_of(run_command(cli(ref, {"partitions", "--json"})))) {
      allowed[p["billing_period_start"]].insert(p["content_hash"].get<std::string>());
    }
  }
  ASSERT_EQ(allowed.size(), 6u);
  ASSERT_EQ(run_command(cli(dir, {"ingest", "--source", "s", a.string()})).exit_code, 0);
  // Time a full ingest to spread kills over its whole duration.
  const auto t0 = std::chrono::steady_clock::now();
  {
    TempDir probe;
    ASSERT_EQ(run_command(cli(probe, {"ingest", "--source", "s", b.string()})).exit_code, 0);
  }
  const auto full_us = std::chrono::duration_cast<std::chrono::microseconds>(
                           std::chrono::steady_clock::now() - t0).count();
  std::mt19937 rng(7);
  int killed = 0;
  for (int i = 0; i < 12; ++i) {
    const auto delay = static_cast<useconds_t>(rng() % static_cast<uint64_t>(full_us + 1));
    const auto& next = (i % 2 == 0) ? b : a;
    if (testing::run_and_kill_after(cli(dir, {"ingest", "--source", "s", next.string()}), delay) == -9) {
      ++killed;
    }
    auto parts = json_of(run_command(cli(dir, {"partitions", "--json"})));
    ASSERT_EQ(parts.size(), 6u) << "after kill " << i;
    for (const auto& p : parts) {
      const std::string hash = p["content_hash"];
      EXPECT_EQ(allowed[p["billing_period_start"]].count(hash), 1u)
          << "partition " << p["billing_period_start"] << " holds neither version";
      EXPECT_EQ(p["rows"], 20000);
    }
  }
  EXPECT_GT(killed, 3) << "kills should land mid-ingest most of the time";
}

}  // namespace
}  // namespace optima
