// Recommendations, commitments and inventory against a real server: the small FOCUS store of
// server_test_support.h plus an inventory snapshot written here (an unattached gp2 volume and an
// idle c5.large with 21 days of hourly metrics), so the recommenders have something to find;
// the commitment purchase test uploads a week of hourly on-demand compute usage.
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "optima/inventory/inventory_store.h"
#include "optima/pricing/price_book.h"
#include "optima/recommend/commitments/commitment_json.h"
#include "optima/recommend/commitments/commitment_metrics.h"
#include "optima/recommend/commitments/purchase_recommendation.h"
#include "optima/store/store.h"
#include "server_test_support.h"

namespace optima::server::testing {
namespace {

constexpr int64_t kSavingsTestTakenAt = 1707177600;  // 2024-02-06T00:00:00Z

void write_savings_test_inventory(const std::filesystem::path& data_dir) {
  auto store = inventory::InventoryStore::open(data_dir);
  ASSERT_TRUE(store.is_ok()) << store.status().to_string();
  auto writer = (*store)->begin_snapshot(core::Timestamp{kSavingsTestTakenAt});
  ASSERT_TRUE(writer.is_ok()) << writer.status().to_string();
  inventory::Resource disk;
  disk.provider = "AWS";
  disk.resource_id = "vol-0savingstest";
  disk.name = "old-data";
  disk.kind = inventory::ResourceKind::kDisk;
  disk.account_id = "111111111111";
  disk.region = "us-east-1";
  disk.type = "gp2";
  disk.state = "available";
  disk.created_at = core::Timestamp{kSavingsTestTakenAt - 200 * 86400};
  disk.tags = {{"team", "web"}};
  disk.attributes = {{"size_gb", "500"}};
  ASSERT_TRUE((*writer)->add_resource(disk).is_ok());
  inventory::Resource vm;
  vm.provider = "AWS";
  vm.resource_id = "i-0savingstest";
  vm.name = "idle-box";
  vm.kind = inventory::ResourceKind::kVirtualMachine;
  vm.account_id = "222222222222";
  vm.region = "us-east-1";
  vm.type = "c5.large";
  vm.state = "running";
  vm.created_at = core::Timestamp{kSavingsTestTakenAt - 400 * 86400};
  vm.tags = {{"team", "data"}};
  vm.attributes = {{"platform", "linux"}};
  ASSERT_TRUE((*writer)->add_resource(vm).is_ok());
  for (const char* metric : {"cpu_percent", "network_in_bytes", "network_out_bytes"}) {
    inventory::MetricSeries series;
    series.resource_id = vm.resource_id;
    series.metric = metric;
    series.step_seconds = 3600;
    for (int64_t h = 21 * 24; h > 0; --h) {
      series.samples.push_back({core::Timestamp{kSavingsTestTakenAt - h * 3600},
                                std::string(metric) == "cpu_percent" ? 0.5 + (h % 3) * 0.1 : 1000.0});
    }
    ASSERT_TRUE((*writer)->add_series(std::move(series)).is_ok());
  }
  auto info = (*store)->commit_snapshot(std::move(*writer), core::Timestamp{kSavingsTestTakenAt});
  ASSERT_TRUE(info.is_ok()) << info.status().to_string();
}

core::Decimal savings_test_decimal(const nlohmann::json& text) {
  core::Decimal d;
  EXPECT_TRUE(text.is_string() && core::Decimal::parse(text.get<std::string>(), &d)) << text;
  return d;
}

// The sum of the items' exact monthly savings.
core::Decimal savings_test_exact_sum(const nlohmann::json& list) {
  core::Decimal sum;
  for (const auto& item : list["items"]) sum += savings_test_decimal(item["monthly_savings_exact"]);
  return sum;
}

class SavingsApiTest : public ::testing::Test {
 protected:
  SavingsApiTest() : token_(s_.token()), client_(s_.port()) {
    write_savings_test_inventory(s_.data_dir());
  }

  nlohmann::json item_for(const nlohmann::json& list, const std::string& resource_id) {
    for (const auto& item : list["items"]) {
      if (item.value("resource_id", "") == resource_id) {
        return item;
      }
    }
    return nullptr;
  }

  ServerTestInstance s_{[](ServerOptions& o) { o.clock = [] { return kSavingsTestTakenAt; }; }};
  std::string token_;
  ServerTestClient client_;
};

TEST_F(SavingsApiTest, ListsRecommendationsWithTotalsByCategoryAccountAndTeam) {
  auto res = client_.get("/api/v1/recommendations", bearer(token_));
  ASSERT_EQ(res.status, 200u) << res.body;
  const nlohmann::json j = res.json();
  ASSERT_GE(j["items"].size(), 2u) << res.body;
  EXPECT_EQ(j["currency"], "USD");
  // The total is the sum of the items (all active here) and of each breakdown.
  EXPECT_EQ(savings_test_exact_sum(j).to_fixed(2), j["total_monthly_savings"]);
  for (const char* breakdown : {"by_category", "by_account", "by_team"}) {
    ASSERT_TRUE(j.contains(breakdown)) << breakdown;
    EXPECT_FALSE(j[breakdown].empty()) << breakdown;
  }
  EXPECT_FALSE(item_for(j, "vol-0savingstest").is_null()) << res.body;
  EXPECT_FALSE(item_for(j, "i-0savingstest").is_null()) << res.body;

  auto storage = client_.get("/api/v1/recommendations?category=storage", bearer(token_)).json();
  for (const auto& item : storage["items"]) EXPECT_EQ(item["category"], "storage");
  EXPECT_FALSE(item_for(storage, "vol-0savingstest").is_null());
  EXPECT_TRUE(item_for(storage, "i-0savingstest").is_null());
  auto account = client_.get("/api/v1/recommendations?account=222222222222", bearer(token_)).json();
  EXPECT_TRUE(item_for(account, "vol-0savingstest").is_null());
  EXPECT_FALSE(item_for(account, "i-0savingstest").is_null());
}

TEST_F(SavingsApiTest, DetailHasEvidenceSeriesRateSourceAndFormula) {
  const nlohmann::json list = client_.get("/api/v1/recommendations", bearer(token_)).json();
  const nlohmann::json vm = item_for(list, "i-0savingstest");
  ASSERT_FALSE(vm.is_null()) << list.dump();
  auto res = client_.get("/api/v1/recommendations/" + vm["id"].get<std::string>(), bearer(token_));
  ASSERT_EQ(res.status, 200u) << res.body;
  const nlohmann::json j = res.json();
  ASSERT_FALSE(j["evidence_series"].empty()) << res.body;
  bool cpu = false;
  for (const auto& s : j["evidence_series"]) {
    if (s["metric"] == "cpu_percent") {
      cpu = true;
      EXPECT_EQ(s["points"].size(), 21u * 24u);
    }
  }
  EXPECT_TRUE(cpu);
  EXPECT_FALSE(j["savings_formula"].get<std::string>().empty());
  ASSERT_FALSE(j["savings_terms"].empty());
  EXPECT_FALSE(j["savings_terms"][0]["rate_source"].get<std::string>().empty());
  EXPECT_FALSE(j["evidence"]["metrics"].empty());
  EXPECT_EQ(client_.get("/api/v1/recommendations/nosuchid", bearer(token_)).status, 404u);
}

TEST_F(SavingsApiTest, ActionLifecycleMovesItemsOutOfTheActiveTotals) {
  const nlohmann::json before = client_.get("/api/v1/recommendations", bearer(token_)).json();
  const nlohmann::json disk = item_for(before, "vol-0savingstest");
  ASSERT_FALSE(disk.is_null());
  const std::string actions = "/api/v1/recommendations/" + disk["id"].get<std::string>() + "/actions";

  const std::string viewer = s_.user_token("vic", "viewer");
  EXPECT_EQ(client_.post(actions, R"({"action":"dismiss"})", bearer(viewer)).status, 403u);
  auto bad = client_.post(actions, R"({"action":"explode"})", bearer(token_));
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(bad.error_code(), "invalid_argument");
  auto unknown = client_.post(actions, R"({"action":"accept","why":"x"})", bearer(token_));
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_NE(unknown.body.find("why"), std::string::npos);

  auto accepted = client_.post(actions, R"({"action":"accept","reason":"cleanup sprint"})", bearer(token_));
  ASSERT_EQ(accepted.status, 200u) << accepted.body;
  EXPECT_EQ(accepted.json()["status"], "accepted");
  auto dismissed = client_.post(actions, R"({"action":"dismiss","reason":"kept for audit"})", bearer(token_));
  ASSERT_EQ(dismissed.status, 200u) << dismissed.body;
  EXPECT_EQ(dismissed.json()["status"], "dismissed");

  const nlohmann::json after = client_.get("/api/v1/recommendations", bearer(token_)).json();
  EXPECT_TRUE(item_for(after, "vol-0savingstest").is_null());
  EXPECT_EQ(savings_test_exact_sum(after) + savings_test_decimal(disk["monthly_savings_exact"]),
            savings_test_exact_sum(before));
  EXPECT_EQ(savings_test_exact_sum(after).to_fixed(2), after["total_monthly_savings"]);
  const nlohmann::json gone =
      client_.get("/api/v1/recommendations?status=dismissed", bearer(token_)).json();
  ASSERT_FALSE(item_for(gone, "vol-0savingstest").is_null()) << gone.dump();
}

TEST_F(SavingsApiTest, CsvExportIsAnAttachmentWithOneRowPerItem) {
  const nlohmann::json list = client_.get("/api/v1/recommendations", bearer(token_)).json();
  auto res = client_.get("/api/v1/recommendations?format=csv", bearer(token_));
  ASSERT_EQ(res.status, 200u);
  EXPECT_EQ(res.header("Content-Type").rfind("text/csv", 0), 0u);
  EXPECT_NE(res.header("Content-Disposition").find("recommendations.csv"), std::string::npos);
  EXPECT_EQ(res.body.rfind("id,recommender,category,", 0), 0u);
  EXPECT_EQ(static_cast<size_t>(std::count(res.body.begin(), res.body.end(), '\n')),
            list["items"].size() + 1);
  EXPECT_NE(res.body.find("vol-0savingstest"), std::string::npos);
  EXPECT_EQ(client_.get("/api/v1/recommendations?format=xml", bearer(token_)).status, 400u);
  EXPECT_EQ(client_.get("/api/v1/recommendations?status=bogus", bearer(token_)).status, 400u);
}

TEST_F(SavingsApiTest, InventoryListsFiltersAndPagesResources) {
  auto res = client_.get("/api/v1/inventory", bearer(token_));
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(res.json()["matched"], 2);
  EXPECT_EQ(res.json()["snapshot"]["resources"], 2);
  auto disks = client_.get("/api/v1/inventory?kind=disk", bearer(token_)).json();
  ASSERT_EQ(disks["resources"].size(), 1u);
  EXPECT_EQ(disks["resources"][0]["resource_id"], "vol-0savingstest");
  EXPECT_EQ(disks["resources"][0]["attributes"]["size_gb"], "500");
  auto searched = client_.get("/api/v1/inventory?search=IDLE", bearer(token_)).json();
  ASSERT_EQ(searched["resources"].size(), 1u);
  auto first = client_.get("/api/v1/inventory?limit=1", bearer(token_)).json();
  ASSERT_EQ(first["resources"].size(), 1u);
  ASSERT_TRUE(first.contains("next_cursor"));
  auto second = client_.get("/api/v1/inventory?limit=1&cursor=" + first["next_cursor"].get<std::string>(),
                            bearer(token_)).json();
  ASSERT_EQ(second["resources"].size(), 1u);
  EXPECT_NE(second["resources"][0]["resource_id"], first["resources"][0]["resource_id"]);
  EXPECT_EQ(client_.get("/api/v1/inventory?kind=spaceship", bearer(token_)).status, 400u);

  auto metrics = client_.get("/api/v1/inventory/i-0savingstest/metrics", bearer(token_));
  ASSERT_EQ(metrics.status, 200u) << metrics.body;
  EXPECT_EQ(metrics.json()["series"].size(), 3u);
  EXPECT_EQ(client_.get("/api/v1/inventory/nope/metrics", bearer(token_)).status, 404u);
}

TEST_F(SavingsApiTest, CommitmentsReportsTheWindow) {
  auto res = client_.get("/api/v1/commitments", bearer(token_));
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(res.json()["window"]["end"], "2024-02-06T00:00:00Z");
  EXPECT_EQ(client_.get("/api/v1/commitments?start=2024-02-01", bearer(token_)).status, 400u);
}

// A week of hourly on-demand EC2 usage after the support store's data: four c5.large instances
// at $0.085 an hour in us-east-1, 2024-02-06 … 2024-02-12.
std::string on_demand_compute_csv() {
  std::string csv =
      "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,"
      "PricingCategory,ServiceCategory,ServiceName,ProviderName,RegionId,SkuPriceDetails,"
      "ConsumedUnit,ConsumedQuantity,BilledCost,EffectiveCost,BillingCurrency\n";
  for (int64_t h = 0; h < 7 * 24; ++h) {
    const core::Timestamp start{kSavingsTestTakenAt + h * 3600};
    csv += "2024-02-01T00:00:00Z,2024-03-01T00:00:00Z," + core::format_iso8601(start) + "," +
           core::format_iso8601(core::Timestamp{start.unix_seconds + 3600}) +
           ",Usage,Standard,Compute,Amazon Elastic Compute Cloud,AWS,us-east-1,"
           "\"{\"\"InstanceType\"\":\"\"c5.large\"\"}\",Hours,4,0.34,0.34,USD\n";
  }
  return csv;
}

// The purchases route answers what the library computes on the same store and options (the
// CLI's `commitments --json` uses the same function and JSON form), and refuses bad options.
TEST_F(SavingsApiTest, CommitmentPurchasesMatchTheLibrary) {
  auto upload = client_.post("/api/v1/uploads?filename=compute.csv&source=compute",
                             on_demand_compute_csv(),
                             {{"Authorization", "Bearer " + token_},
                              {"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(upload.status, 202u) << upload.body;
  const int64_t job_id = upload.json()["job"]["id"];
  nlohmann::json job;
  for (int i = 0; i < 600; ++i) {
    job = client_.get("/api/v1/jobs/" + std::to_string(job_id), bearer(token_)).json();
    if (job.value("state", "") == "succeeded" || job.value("state", "") == "failed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(job["state"], "succeeded") << job.dump();

  auto res = client_.get("/api/v1/commitments/purchases?lookback=7&term=3y&payment=all-upfront",
                         bearer(token_));
  ASSERT_EQ(res.status, 200u) << res.body;
  const nlohmann::json got = res.json();
  EXPECT_EQ(got["term"], "3y");
  EXPECT_EQ(got["payment"], "all-upfront");
  EXPECT_EQ(got["lookback_start"], "2024-02-06T00:00:00Z");
  EXPECT_EQ(got["lookback_end"], "2024-02-13T00:00:00Z");
  ASSERT_EQ(got["recommendations"].size(), 1u) << got.dump();
  EXPECT_EQ(got["recommendations"][0]["commitment"], "Compute Savings Plan");
  EXPECT_GT(savings_test_decimal(got["recommendations"][0]["monthly_savings"]), core::Decimal());

  auto store = store::Store::open(s_.data_dir());
  ASSERT_TRUE(store.is_ok()) << store.status().to_string();
  auto snapshot = (*store)->snapshot();
  ASSERT_TRUE(snapshot.is_ok());
  auto book = pricing::PriceBook::load_bundled();
  ASSERT_TRUE(book.is_ok()) << book.status().to_string();
  recommend::PurchaseOptions options;
  options.lookback_days = 7;
  options.term = pricing::Term::k3Year;
  options.payment = pricing::Payment::kAllUpfront;
  auto plan = recommend::recommend_commitment_purchases(
      **snapshot, *book, *recommend::billed_days_end(**snapshot), options);
  ASSERT_TRUE(plan.is_ok()) << plan.status().to_string();
  const nlohmann::json want = recommend::commitment_plan_json(*plan);
  EXPECT_EQ(got["recommendations"], want["recommendations"]);
  EXPECT_EQ(got["reservations"], want["reservations"]);
  EXPECT_EQ(got["notes"], want["notes"]);

  auto defaults = client_.get("/api/v1/commitments/purchases", bearer(token_));
  ASSERT_EQ(defaults.status, 200u) << defaults.body;
  EXPECT_EQ(defaults.json()["term"], "1y");
  EXPECT_EQ(defaults.json()["payment"], "no-upfront");

  for (const char* bad : {"?term=5y", "?payment=half", "?lookback=0", "?lookback=ninety"}) {
    auto refused = client_.get(std::string("/api/v1/commitments/purchases") + bad, bearer(token_));
    EXPECT_EQ(refused.status, 400u) << bad << ": " << refused.body;
    EXPECT_FALSE(refused.json()["error"]["message"].get<std::string>().empty()) << bad;
  }
}

}  // namespace
}  // namespace optima::server::testing
