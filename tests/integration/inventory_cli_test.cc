// `cloudoptima inventory`: the demo estate's inventory and utilization load out of the box and
// match truth/resources.json; costs join by resource id; a failed ingest commits nothing.
#include <fstream>
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

std::string our_kind(const std::string& truth_kind) {
  return truth_kind == "vm" ? "virtual_machine" : truth_kind;
}

TEST(InventoryCliTest, DemoInventoryAndUtilizationMatchTheTruth) {
  TempDir dir;
  const auto estate = dir.path() / "estate";
  const auto data = dir.path() / "data";
  auto gen = run_command({OPTIMA_BINARY, "demo", "generate", "--out", estate.string(), "--rows", "27000",
                          "--months", "2", "--seed", "11", "--end", "2026-03-15"});
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  auto billing = run_command({OPTIMA_BINARY, "ingest", "--data-dir", data.string(), (estate / "billing").string()});
  ASSERT_EQ(billing.exit_code, 0) << billing.err;

  auto ingest = run_command({OPTIMA_BINARY, "inventory", "ingest", "--json", "--data", data.string(),
                             "--taken-at", "2026-03-14T23:00:00Z", (estate / "inventory").string(),
                             (estate / "utilization").string()});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.out << ingest.err;
  const auto summary = nlohmann::json::parse(ingest.out);
  EXPECT_EQ(summary["snapshot"], 1);
  EXPECT_TRUE(summary["skipped"].empty()) << summary["skipped"].dump();
  EXPECT_GT(summary["series"].get<int>(), 0);

  auto list = run_command({OPTIMA_BINARY, "inventory", "list", "--json", "--data", data.string()});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  const auto listed = nlohmann::json::parse(list.out);
  std::map<std::string, nlohmann::json> by_id;
  std::map<std::pair<std::string, std::string>, int> machines;
  for (const auto& r : listed["resources"]) {
    by_id[r["resource_id"].get<std::string>()] = r;
    const std::string kind = r["kind"];
    if (kind == "virtual_machine" || kind == "database" || kind == "scale_set") ++machines[{r["provider"], kind}];
  }

  std::ifstream truth_file(estate / "truth" / "resources.json");
  const auto truth = nlohmann::json::parse(truth_file);
  std::map<std::pair<std::string, std::string>, int> truth_machines;
  for (const auto& t : truth["resources"]) {
    const std::string provider = t["provider"];
    if (provider == "Oracle") continue;  // the demo writes no OCI inventory
    const std::string id = t["resource_id"];
    ASSERT_EQ(by_id.count(id), 1u) << id;
    EXPECT_EQ(by_id[id]["kind"], our_kind(t["kind"])) << id;
    EXPECT_EQ(by_id[id]["region"], t["region"]) << id;
    if (t.contains("type") && t["kind"] != "scale_set") {
      EXPECT_EQ(by_id[id]["type"], t["type"]) << id;
    }
    const std::string kind = our_kind(t["kind"]);
    if (kind == "virtual_machine" || kind == "database" || kind == "scale_set") ++truth_machines[{provider, kind}];
    // Running resources cost something in the 30 days before the snapshot.
    if (t["state"] == "running") {
      EXPECT_FALSE(by_id[id]["effective_cost_30d"].is_null()) << id;
    }
  }
  EXPECT_EQ(machines, truth_machines);

  // A machine that ran has hourly utilization.
  for (const auto& t : truth["resources"]) {
    if (t["provider"] != "AWS" || t["kind"] != "vm" || t["state"] != "running") continue;
    auto metrics = run_command({OPTIMA_BINARY, "inventory", "metrics", "--json", "--data", data.string(),
                                t["resource_id"].get<std::string>()});
    ASSERT_EQ(metrics.exit_code, 0) << metrics.err;
    const auto series = nlohmann::json::parse(metrics.out);
    ASSERT_EQ(series.size(), 3u);
    EXPECT_EQ(series[0]["metric"], "cpu_percent");
    EXPECT_EQ(series[0]["step_seconds"], 3600);
    EXPECT_FALSE(series[0]["samples"].empty());
    break;
  }

  auto disks = run_command({OPTIMA_BINARY, "inventory", "list", "--json", "--kind", "disk", "--provider", "aws",
                            "--data", data.string()});
  ASSERT_EQ(disks.exit_code, 0) << disks.err;
  for (const auto& r : nlohmann::json::parse(disks.out)["resources"]) {
    EXPECT_EQ(r["kind"], "disk");
    EXPECT_EQ(r["provider"], "AWS");
  }
}

TEST(InventoryCliTest, FailedIngestCommitsNothing) {
  TempDir dir;
  const auto data = dir.path() / "data";
  const auto good = testing::shared_data("cloud_custodian/placebo/test_ec2_stop");
  auto first = run_command({OPTIMA_BINARY, "inventory", "ingest", "--data", data.string(), good.string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;

  const auto bad = dir.path() / "bad";
  std::filesystem::create_directories(bad);
  std::ofstream(bad / "ec2.DescribeVolumes_1.json") << R"({"status_code": 200, "data": {"Volumes": [{"Size": 8}]}})";
  auto second = run_command({OPTIMA_BINARY, "inventory", "ingest", "--data", data.string(), good.string(),
                             bad.string()});
  EXPECT_EQ(second.exit_code, 2);
  EXPECT_NE(second.err.find("ec2.DescribeVolumes_1.json: $.data.Volumes[0]: missing member \"VolumeId\""),
            std::string::npos)
      << second.err;

  auto list = run_command({OPTIMA_BINARY, "inventory", "list", "--json", "--data", data.string()});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(nlohmann::json::parse(list.out)["snapshot"], 1);
  size_t leftovers = 0;
  for (const auto& entry : std::filesystem::directory_iterator(data / "inventory")) {
    leftovers += entry.path().extension() == ".tmp" ? 1 : 0;
  }
  EXPECT_EQ(leftovers, 0u);
}

TEST(InventoryCliTest, MetricsOfAnUnknownResourceIsNotFound) {
  TempDir dir;
  auto ingest = run_command({OPTIMA_BINARY, "inventory", "ingest", "--data", dir.path().string(),
                             testing::shared_data("cloud_custodian/placebo/test_ec2_metric").string()});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  auto metrics = run_command({OPTIMA_BINARY, "inventory", "metrics", "--data", dir.path().string(), "i-nope"});
  EXPECT_EQ(metrics.exit_code, 3);
}

}  // namespace
}  // namespace optima
