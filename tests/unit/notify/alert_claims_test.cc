// Delivery claims in a real state.db: one runner per (channel, alert) at a time, across
// connections (as separate `alerts run` processes or server requests have), retried after a
// failure, never after a delivery, taken over when abandoned.
#include <atomic>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "optima/notify/alert_repository.h"
#include "optima/notify/state_database.h"

#include "notify_test_support.h"

namespace optima::notify {
namespace {

using testing::NotifyTempDir;

struct Runner {
  std::unique_ptr<store::SqliteDatabase> db;
  std::optional<AlertRepository> alerts;

  explicit Runner(const std::filesystem::path& data_dir)
      : db(std::move(open_state_database(data_dir).value())),
        alerts(std::move(AlertRepository::open(*db).value())) {}
};

TEST(AlertClaimsTest, OneRunnerAtATimeRetriedAfterFailureNeverAfterDelivery) {
  NotifyTempDir dir("claims");
  Runner a(dir.path());
  Runner b(dir.path());
  const core::Timestamp now{1710115200};
  EXPECT_TRUE(a.alerts->claim_delivery(1, "budget:7:100%", now).value());
  EXPECT_FALSE(b.alerts->claim_delivery(1, "budget:7:100%", now).value()) << "a holds it";
  EXPECT_TRUE(b.alerts->claim_delivery(2, "budget:7:100%", now).value()) << "another channel";

  ASSERT_TRUE(a.alerts->finish_claim(1, "budget:7:100%", now, /*delivered=*/false).is_ok());
  EXPECT_TRUE(b.alerts->claim_delivery(1, "budget:7:100%", now).value()) << "free after failure";
  ASSERT_TRUE(b.alerts->finish_claim(1, "budget:7:100%", now, /*delivered=*/true).is_ok());
  const core::Timestamp much_later{now.unix_seconds + 30 * 86400};
  EXPECT_FALSE(a.alerts->claim_delivery(1, "budget:7:100%", much_later).value())
      << "a delivered alert is never sent again";

  // A runner that claimed and never finished (crashed) holds the claim for its lifetime only.
  EXPECT_TRUE(a.alerts->claim_delivery(3, "anomaly:x", now).value());
  const int64_t lifetime = AlertRepository::kClaimLifetimeSeconds;
  EXPECT_FALSE(b.alerts->claim_delivery(3, "anomaly:x", {now.unix_seconds + lifetime - 1}).value());
  const core::Timestamp taken_over{now.unix_seconds + lifetime};
  EXPECT_TRUE(b.alerts->claim_delivery(3, "anomaly:x", taken_over).value());
  // The first runner, finishing late with a failure, does not release b's claim.
  ASSERT_TRUE(a.alerts->finish_claim(3, "anomaly:x", now, /*delivered=*/false).is_ok());
  EXPECT_FALSE(a.alerts->claim_delivery(3, "anomaly:x", taken_over).value());
}

// Runners racing on separate connections: every alert is claimed by exactly one of them.
TEST(AlertClaimsTest, ConcurrentRunnersClaimEachAlertExactlyOnce) {
  NotifyTempDir dir("claims-race");
  Runner(dir.path());  // creates the tables before the race
  constexpr int kRunners = 6;
  constexpr int kAlerts = 150;
  std::vector<std::atomic<int>> winners(kAlerts);
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int r = 0; r < kRunners; ++r) {
    threads.emplace_back([&, r] {
      Runner runner(dir.path());
      for (int i = 0; i < kAlerts; ++i) {
        const int k = (i * 7 + r * 31) % kAlerts;  // each runner in its own order
        auto claimed = runner.alerts->claim_delivery(1, fmt::format("anomaly:{}", k),
                                                     core::Timestamp{1710115200});
        if (!claimed.is_ok()) {
          ++errors;
          continue;
        }
        if (*claimed)
          ++winners[static_cast<size_t>(k)];
      }
    });
  }
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(errors.load(), 0);
  for (int k = 0; k < kAlerts; ++k)
    EXPECT_EQ(winners[static_cast<size_t>(k)].load(), 1) << "alert " << k;
}

}  // namespace
}  // namespace optima::notify
