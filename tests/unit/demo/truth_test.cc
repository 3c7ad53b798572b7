// The ground truth files agree with the data they describe: anomalies move the billed cost of
// their dimension by the stated amount, utilization matches the planted profiles, and the
// Kubernetes cluster runs on billed instances.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "demo_test_support.h"

namespace optima::demo {
namespace {

using testing::cell;
using testing::dec;
using testing::SharedEstate;

class TruthTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(SharedEstate::get().ok) << SharedEstate::get().error; }
  static nlohmann::json anomalies() { return testing::read_json(SharedEstate::get().root() / "truth" / "anomalies.json"); }
  static nlohmann::json resources() { return testing::read_json(SharedEstate::get().root() / "truth" / "resources.json"); }
};

std::string day_of(std::string_view text) { return std::string(text.substr(0, 10)); }

std::string shift_day(const std::string& day, int days) {
  core::Timestamp t;
  EXPECT_TRUE(core::parse_timestamp(day, &t));
  return core::format_date(core::Timestamp{t.unix_seconds + days * core::kSecondsPerDay});
}

// Billed cost per day ("YYYY-MM-DD") of an anomaly's dimension, read from the native files.
std::map<std::string, Int128> daily_cost(const nlohmann::json& a) {
  std::map<std::string, Int128> out;
  const std::string provider = a["provider"];
  const auto& dims = a["dimensions"];
  std::set<std::string> ids;
  for (const auto& id : a["resource_ids"]) ids.insert(id.get<std::string>());
  if (provider == "AWS") {
    testing::for_each_cur_line([&](const testing::CsvTable& t, const std::vector<std::string>& row) {
      if (cell(t, row, "lineItem/UsageAccountId") != dims["SubAccountId"]) return;
      if (cell(t, row, "product/ProductName") != dims["ServiceName"]) return;
      if (cell(t, row, "product/region") != dims["RegionId"]) return;
      const std::string type = cell(t, row, "lineItem/LineItemType");
      if (type != "Usage" && type != "DiscountedUsage" && type.rfind("SavingsPlan", 0) != 0) return;
      out[day_of(cell(t, row, "lineItem/UsageStartDate"))] += dec(cell(t, row, "lineItem/UnblendedCost")).units();
    });
  } else if (provider == "Microsoft") {
    for (const char* name : {"northwind-ea-actual", "northwind-mca-actual"}) {
      const bool ea = std::string(name).find("-ea-") != std::string::npos;
      for (const auto& f : testing::azure_export(name)) {
        for (const auto& row : f.table.rows) {
          if (cell(f.table, row, "SubscriptionId") != dims["SubAccountId"]) continue;
          if (!ids.empty() && !ids.contains(cell(f.table, row, "ResourceId"))) continue;
          const std::string date = cell(f.table, row, ea ? "Date" : "date");  // MM/DD/YYYY
          const std::string iso = date.substr(6, 4) + "-" + date.substr(0, 2) + "-" + date.substr(3, 2);
          out[iso] += dec(cell(f.table, row, ea ? "CostInBillingCurrency" : "costInBillingCurrency")).units();
        }
      }
    }
  } else {
    for (const testing::GcpLine& l : testing::gcp_lines()) {
      const auto& r = l.row;
      if (r["project"]["id"] != dims["SubAccountId"] || r["service"]["description"] != dims["ServiceName"]) continue;
      if (r["cost_type"] != "regular") continue;
      if (!ids.empty() && (!r.contains("resource") || !ids.contains(r["resource"]["global_name"].get<std::string>()))) continue;
      Int128 net = testing::json_decimal(r["cost"]).units();
      for (const auto& c : r["credits"]) net += testing::json_decimal(c["amount"]).units();
      out[day_of(r["usage_start_time"].get<std::string>())] += net;
    }
  }
  return out;
}

TEST_F(TruthTest, AnomaliesChangeTheirDimensionsDailyCostByTheStatedSize) {
  const auto doc = anomalies();
  ASSERT_GE(doc["anomalies"].size(), 5U);
  std::set<std::string> kinds;
  for (const auto& a : doc["anomalies"]) {
    kinds.insert(a["kind"].get<std::string>());
    const std::map<std::string, Int128> cost = daily_cost(a);
    ASSERT_FALSE(cost.empty()) << a.dump();
    const std::string start = day_of(a["start"].get<std::string>());
    const double expected = dec(a["expected_daily_delta"].get<std::string>()).to_double();
    ASSERT_GT(expected, 0.0);
    double observed = 0.0;
    double tolerance = 0.10;
    const auto at = [&](const std::string& day) {
      const auto it = cost.find(day);
      return it == cost.end() ? 0.0 : core::Decimal::from_units(it->second).to_double();
    };
    if (a["kind"] == "drift") {
      // 30 days in, against the day before it started (storage also grows on its own).
      observed = at(shift_day(start, 30)) - at(shift_day(start, -1));
      tolerance = 0.25;
    } else {
      // Against the same weekday a week earlier.
      observed = at(start) - at(shift_day(start, -7));
    }
    EXPECT_NEAR(observed, expected, expected * tolerance) << a["id"] << " " << a["cause"];
    if (!a["end"].is_null()) {
      const std::string end = day_of(a["end"].get<std::string>());
      EXPECT_NEAR(at(end) - at(shift_day(start, -7)), 0.0, expected * 0.10) << "spike ended: " << a["id"];
    }
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"spike", "level_shift", "drift"}));
}

struct Stats {
  double mean = 0.0;
  double max = 0.0;
  double p95 = 0.0;
  size_t samples = 0;
};

std::map<std::string, Stats> cpu_stats() {
  std::map<std::string, std::vector<double>> values;
  const testing::CsvTable t = testing::read_csv(SharedEstate::get().root() / "utilization" / "samples.csv");
  EXPECT_EQ(t.header, (std::vector<std::string>{"resource_id", "timestamp", "metric", "value"}));
  EXPECT_TRUE(t.well_formed);
  for (const auto& row : t.rows) {
    if (row[2] != "cpu_percent") continue;
    values[row[0]].push_back(dec(row[3]).to_double());
  }
  std::map<std::string, Stats> out;
  for (auto& [id, v] : values) {
    std::sort(v.begin(), v.end());
    Stats s;
    s.samples = v.size();
    for (const double x : v) s.mean += x;
    s.mean /= static_cast<double>(v.size());
    s.max = v.back();
    s.p95 = v[v.size() * 95 / 100];
    out[id] = s;
  }
  return out;
}

TEST_F(TruthTest, UtilizationMatchesThePlantedProfiles) {
  const auto stats = cpu_stats();
  std::map<std::string, int> seen;
  const auto doc = resources();
  for (const auto& r : doc["resources"]) {
    const std::string profile = r["profile"];
    if (profile == "none" || r["state"] == "stopped") continue;
    const std::string id = r["resource_id"];
    ASSERT_TRUE(stats.contains(id)) << id;
    const Stats& s = stats.at(id);
    EXPECT_GE(s.samples, r["schedule"] == "office_hours" ? 200U : 700U) << id;
    ++seen[profile];
    if (profile == "idle") {
      EXPECT_LT(s.mean, 3.0) << id;
      EXPECT_LT(s.max, 6.0) << id;
    } else if (profile == "oversized") {
      EXPECT_LT(s.p95, 20.0) << id;
      EXPECT_GT(s.mean, 2.0) << id;
    } else if (profile == "right_sized") {
      EXPECT_GT(s.mean, 20.0) << id;
      EXPECT_LT(s.p95, 75.0) << id;
    } else if (profile == "busy") {
      EXPECT_GT(s.p95, 85.0) << id;
    }
  }
  for (const char* p : {"idle", "oversized", "right_sized", "busy"}) EXPECT_GT(seen[p], 0) << p;
}

TEST_F(TruthTest, PlantedWasteIsInTheInventoryAndStillBilled) {
  std::set<std::string> billed;
  testing::for_each_cur_line([&](const testing::CsvTable& t, const std::vector<std::string>& row) {
    if (cell(t, row, "bill/BillingPeriodStartDate").starts_with("2025-06")) billed.insert(cell(t, row, "lineItem/ResourceId"));
  });
  size_t waste = 0;
  const auto doc = resources();
  for (const auto& r : doc["resources"]) {
    if (r["provider"] != "AWS" || r["expected_finding"].is_null()) continue;
    const std::string finding = r["expected_finding"];
    if (finding.find("unattached") == std::string::npos && finding.find("Elastic IP") == std::string::npos) continue;
    ++waste;
    EXPECT_TRUE(billed.contains(r["resource_id"].get<std::string>())) << r["resource_id"];
  }
  EXPECT_GE(waste, 4U);
}

TEST_F(TruthTest, KubernetesNodesAreBilledInstancesWithRoomForTheirPods) {
  const auto cluster = testing::read_json(SharedEstate::get().root() / "kubernetes" / "platform-prod" / "cluster.json");
  std::set<std::string> billed;
  testing::for_each_cur_line([&](const testing::CsvTable& t, const std::vector<std::string>& row) {
    billed.insert(cell(t, row, "lineItem/ResourceId"));
  });
  std::map<std::string, double> free_cpu;
  for (const auto& n : cluster["nodes"]) {
    EXPECT_TRUE(billed.contains(n["resource_id"].get<std::string>())) << n["resource_id"];
    EXPECT_TRUE(n["provider_id"].get<std::string>().ends_with(n["resource_id"].get<std::string>()));
    const std::string cpu = n["allocatable"]["cpu"];
    free_cpu[n["name"]] = cpu.ends_with("m") ? std::stod(cpu.substr(0, cpu.size() - 1)) : std::stod(cpu) * 1000;
  }
  EXPECT_EQ(cluster["nodes"].size(), 6U);
  size_t pods = 0;
  for (const auto& w : cluster["workloads"]) {
    const std::string req = w["containers"][0]["requests"]["cpu"];
    const double milli = req.ends_with("m") ? std::stod(req.substr(0, req.size() - 1)) : std::stod(req) * 1000;
    EXPECT_EQ(w["pods"].size(), w["replicas"].get<size_t>());
    for (const auto& p : w["pods"]) {
      free_cpu[p["node"]] -= milli;
      ++pods;
    }
  }
  for (const auto& [node, left] : free_cpu) EXPECT_GE(left, 0.0) << node;
  const testing::CsvTable usage = testing::read_csv(SharedEstate::get().root() / "kubernetes" / "platform-prod" / "usage.csv");
  EXPECT_TRUE(usage.well_formed);
  EXPECT_EQ(usage.rows.size(), pods * 30 * 24);
  const auto truth = testing::read_json(SharedEstate::get().root() / "truth" / "kubernetes.json");
  EXPECT_EQ(truth["workloads"].size(), cluster["workloads"].size());
}

TEST_F(TruthTest, CommitmentsInTheTruthAreTheOnesBilled) {
  std::set<std::string> arns;
  testing::for_each_cur_line([&](const testing::CsvTable& t, const std::vector<std::string>& row) {
    const std::string ri = cell(t, row, "reservation/ReservationARN");
    const std::string sp = cell(t, row, "savingsPlan/SavingsPlanARN");
    if (!ri.empty()) arns.insert(ri);
    if (!sp.empty()) arns.insert(sp);
  });
  size_t aws = 0;
  const auto doc = resources();
  for (const auto& c : doc["commitments"]) {
    if (c["provider"] != "AWS") continue;
    ++aws;
    EXPECT_TRUE(arns.contains(c["id"].get<std::string>())) << c["id"];
  }
  EXPECT_EQ(aws, 5U);
}

}  // namespace
}  // namespace optima::demo
