// The demo estate end to end: generated in every provider's native format, ingested through
// every reader, the totals per provider equal what the generator wrote, to the last digit.
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/run_command.h"
#include "support/shared_data.h"

namespace optima {
namespace {

using testing::run_command;
using testing::TempDir;

TEST(DemoEstateTest, IngestedTotalsPerProviderEqualTheGeneratedTotals) {
  TempDir dir;
  const auto estate = dir.path() / "estate";
  const auto data = dir.path() / "data";
  auto gen = run_command({OPTIMA_BINARY, "demo", "generate", "--json", "--out", estate.string(),
                          "--rows", "200000", "--seed", "7", "--end", "2026-03-15"});
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  const auto generated = nlohmann::json::parse(gen.out);
  ASSERT_EQ(generated["providers"].size(), 4u);

  auto ingest = run_command({OPTIMA_BINARY, "ingest", "--json", "--strict", "--data-dir",
                             data.string(), (estate / "billing").string()});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.out << ingest.err;
  const auto summary = nlohmann::json::parse(ingest.out);
  EXPECT_EQ(summary["rows_skipped"], 0);
  ASSERT_EQ(summary["sources"].size(), 4u);
  for (const auto& s : summary["sources"]) EXPECT_EQ(s["partitions"].size(), 13u) << s["source"];

  auto query = run_command({OPTIMA_BINARY, "query", "--json", "--data-dir", data.string(),
                            R"({"metrics":["BilledCost","EffectiveCost"],"group_by":["ProviderName"]})"});
  ASSERT_EQ(query.exit_code, 0) << query.err;
  std::map<std::string, std::pair<std::string, std::string>> ingested;
  const auto result = nlohmann::json::parse(query.out);
  for (const auto& row : result["rows"]) {
    ingested[row["ProviderName"].get<std::string>()] = {row["BilledCost"].get<std::string>(),
                                                        row["EffectiveCost"].get<std::string>()};
  }
  for (const auto& p : generated["providers"]) {
    const std::string provider = p["provider"];
    ASSERT_EQ(ingested.count(provider), 1u) << provider;
    EXPECT_EQ(ingested[provider].first, p["billed_cost"].get<std::string>()) << provider;
    EXPECT_EQ(ingested[provider].second, p["effective_cost"].get<std::string>()) << provider;
  }
}

TEST(DemoEstateTest, SameSeedGivesTheSameEstateAndTheRestatedCurPicksTheLatestAssembly) {
  TempDir dir;
  auto a = run_command({OPTIMA_BINARY, "demo", "generate", "--json", "--out",
                        (dir.path() / "a").string(), "--rows", "200000", "--seed", "3", "--end",
                        "2025-07-01"});
  auto b = run_command({OPTIMA_BINARY, "demo", "generate", "--json", "--out",
                        (dir.path() / "b").string(), "--rows", "200000", "--seed", "3", "--end",
                        "2025-07-01"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  auto ja = nlohmann::json::parse(a.out);
  auto jb = nlohmann::json::parse(b.out);
  EXPECT_EQ(ja["providers"], jb["providers"]);
  EXPECT_EQ(ja["files"], jb["files"]);
  auto ingest = run_command({OPTIMA_BINARY, "ingest", "--data-dir",
                             (dir.path() / "data").string(), (dir.path() / "a" / "billing").string()});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  EXPECT_NE(ingest.out.find("older assembly"), std::string::npos) << ingest.out;
}

}  // namespace
}  // namespace optima
