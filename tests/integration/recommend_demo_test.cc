// The recommenders on the demo estate, through the CLI: demo generate → ingest billing →
// recommend (inventory and utilization read from the estate's files) under each profile,
// compared with truth/resources.json; every saving recomputed exactly from its terms; the
// lifecycle commands round-trip through state.db.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "optima/core/decimal.h"
#include "optima/core/file_io.h"
#include "optima/core/strings.h"
#include "support/run_command.h"
#include "support/shared_data.h"

namespace optima {
namespace {

using testing::run_command;

class RecommendDemoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    estate_ = (dir_->path() / "estate").string();
    data_ = (dir_->path() / "data").string();
    auto gen = run_command({OPTIMA_BINARY, "demo", "generate", "--out", estate_, "--rows",
                            "200000", "--seed", "42", "--end", "2025-07-01"});
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    auto ingest = run_command({OPTIMA_BINARY, "ingest", "--data-dir", data_, estate_ + "/billing"});
    ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  }
  static void TearDownTestSuite() { delete dir_; }

  static nlohmann::json recommend(const std::string& profile, std::vector<std::string> extra = {}) {
    std::vector<std::string> argv = {OPTIMA_BINARY, "recommend", "--json", "--data-dir", data_,
                                     "--profile", profile, "--inventory", estate_ + "/inventory",
                                     "--inventory", estate_ + "/utilization"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    auto r = run_command(argv);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out, nullptr, false);
  }

  static testing::TempDir* dir_;
  static std::string estate_;
  static std::string data_;
};

testing::TempDir* RecommendDemoTest::dir_ = nullptr;
std::string RecommendDemoTest::estate_;
std::string RecommendDemoTest::data_;

core::Decimal dec(const nlohmann::json& j) { return core::Decimal::from_string(j.get<std::string>()).value(); }

TEST_F(RecommendDemoTest, PlantedWasteIsFoundAndPrecisionRecallAreReported) {
  const auto truth =
      nlohmann::json::parse(core::read_file(estate_ + "/truth/resources.json").value(), nullptr, false);
  ASSERT_TRUE(truth.is_object());
  for (const std::string profile : {"aws-like", "azure-like", "gcp-like"}) {
    const auto out = recommend(profile);
    ASSERT_TRUE(out.is_object());
    std::map<std::string, std::set<std::string>> found;  // lower-cased resource id → recommenders
    for (const auto& item : out["items"]) {
      found[core::to_lower_ascii(item["resource_id"].get<std::string>())].insert(
          item["recommender"].get<std::string>());
      for (const auto& alt : item["alternatives"]) {
        found[core::to_lower_ascii(alt["resource_id"].get<std::string>())].insert(
            alt["recommender"].get<std::string>());
      }
    }
    int tp = 0, fp = 0, fn = 0, waste = 0, waste_found = 0;
    for (const auto& r : truth["resources"]) {
      std::set<std::string> hits;
      for (const char* key : {"resource_id", "inventory_id"}) {
        if (!r.contains(key) || !r[key].is_string()) continue;
        auto it = found.find(core::to_lower_ascii(r[key].get<std::string>()));
        if (it != found.end()) hits.insert(it->second.begin(), it->second.end());
      }
      const std::string expected = r["expected_finding"].is_string() ? r["expected_finding"].get<std::string>() : "";
      // Upsizing is a performance finding without a saving: not in scope of cost recall.
      const bool planted = !expected.empty() && expected.rfind("upsize", 0) != 0;
      const std::string kind = r["kind"].get<std::string>();
      if (planted && kind != "vm" && kind != "database") {
        ++waste;
        if (!hits.empty()) ++waste_found;
      }
      if (planted && !hits.empty()) ++tp;
      if (planted && hits.empty()) ++fn;
      if (!planted && !hits.empty()) ++fp;
    }
    const double precision = tp + fp > 0 ? static_cast<double>(tp) / (tp + fp) : 0;
    const double recall = tp + fn > 0 ? static_cast<double>(tp) / (tp + fn) : 0;
    std::printf("[demo %s] planted %d, found %d, false positives %d, missed %d: precision %.3f, "
                "recall %.3f; waste (disks, addresses, stopped VM) %d/%d\n",
                profile.c_str(), tp + fn, tp, fp, fn, precision, recall, waste_found, waste);
    // Every planted non-machine waste item is found under every profile.
    EXPECT_EQ(waste_found, waste) << profile;
    EXPECT_GE(precision, 0.9) << profile;
    EXPECT_GE(recall, 0.55) << profile;
  }
}

TEST_F(RecommendDemoTest, EverySavingIsReproducibleFromItsRatesAndQuantities) {
  const auto out = recommend("aws-like");
  ASSERT_TRUE(out.is_object());
  core::Decimal total;
  size_t checked = 0;
  std::function<void(const nlohmann::json&)> check = [&](const nlohmann::json& item) {
    core::Decimal sum;
    for (const auto& t : item["savings_terms"]) {
      const core::Decimal p = core::Decimal::multiply(dec(t["rate"]), dec(t["quantity"]));
      sum += t["sign"].get<int>() >= 0 ? p : -p;
      EXPECT_FALSE(t["rate_source"].get<std::string>().empty());
    }
    EXPECT_EQ(sum, dec(item["monthly_savings_exact"])) << item["id"];
    EXPECT_NE(item["savings_formula"].get<std::string>().find(item["monthly_savings"].get<std::string>()),
              std::string::npos);
    ++checked;
    for (const auto& alt : item["alternatives"]) check(alt);
  };
  for (const auto& item : out["items"]) {
    check(item);
    total += dec(item["monthly_savings_exact"]);
  }
  EXPECT_GT(checked, 10u);
  EXPECT_EQ(total.to_fixed(2), out["total_monthly_savings"].get<std::string>());
}

TEST_F(RecommendDemoTest, LifecycleCommandsPersistAndChangeTheTotals) {
  const auto before = recommend("aws-like");
  ASSERT_GE(before["items"].size(), 3u);
  const std::string first = before["items"][0]["id"];
  const std::string second = before["items"][1]["id"];
  const std::string third = before["items"][2]["id"];
  auto base = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = {OPTIMA_BINARY, "recommend", "--data-dir", data_, "--inventory",
                                     estate_ + "/inventory", "--inventory", estate_ + "/utilization"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv);
  };
  auto no_reason = base({"dismiss", first});
  EXPECT_NE(no_reason.exit_code, 0);
  EXPECT_NE(no_reason.err.find("reason"), std::string::npos);
  EXPECT_EQ(base({"dismiss", first, "--reason", "needed for the quarter close"}).exit_code, 0);
  EXPECT_EQ(base({"snooze", second, "--until", "2099-01-01"}).exit_code, 0);
  EXPECT_EQ(base({"accept", third}).exit_code, 0);
  EXPECT_EQ(base({"implemented", third}).exit_code, 0);
  auto show = base({"show", third});
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("status implemented"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("rate source"), std::string::npos);
  EXPECT_NE(show.out.find("nearest rank"), std::string::npos);

  const auto after = recommend("aws-like", {"--all"});
  std::map<std::string, std::string> status;
  for (const auto& item : after["items"]) status[item["id"]] = item["status"];
  EXPECT_EQ(status[first], "dismissed");
  EXPECT_EQ(status[second], "snoozed");
  EXPECT_EQ(status[third], "implemented");
  const core::Decimal removed = dec(before["items"][0]["monthly_savings"]) +
                                dec(before["items"][1]["monthly_savings"]) +
                                dec(before["items"][2]["monthly_savings"]);
  EXPECT_EQ(dec(after["total_monthly_savings"]), dec(before["total_monthly_savings"]) - removed);

  auto verify = base({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_NE(verify.out.find(third), std::string::npos);
}

}  // namespace
}  // namespace optima
