// AlertRepository: channels, alert rules and the delivery log in the state database
// (<data_dir>/state.db): tables alert_channels (configuration and, in a separate column, the
// secrets), alert_rules (canonical JSON) and alert_deliveries (one row per delivery: rule,
// channel, de-duplication key, payload hash, attempts, status, response code or error, times).
//
// Not thread-safe (SqliteDatabase is not); one repository per connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "optima/core/status.h"
#include "optima/core/time.h"
#include "optima/notify/alert_rule.h"
#include "optima/notify/channel.h"
#include "optima/notify/delivery.h"
#include "optima/store/sqlite_database.h"

namespace optima::notify {

class AlertRepository {
 public:
  // Creates the alert_ tables when missing. `db` must outlive the repository.
  static core::Result<AlertRepository> open(store::SqliteDatabase& db);

  // Validates and stores; returns it with its id. Errors: InvalidArgument naming the field,
  // AlreadyExists for a name in use, IoError.
  core::Result<Channel> create_channel(Channel channel, core::Timestamp now);
  core::Result<std::vector<Channel>> list_channels();  // with secrets, ordered by id
  core::Result<Channel> get_channel(int64_t id);
  // By id when `key` is a number, else by name.
  core::Result<Channel> find_channel(std::string_view key);
  // FailedPrecondition while a rule uses it (naming the rule).
  core::Status remove_channel(int64_t id);

  // Also checks that every channel id exists ("channels[1]: no channel with id 9").
  core::Result<AlertRule> create_rule(AlertRule rule, core::Timestamp now);
  core::Result<AlertRule> update_rule(const AlertRule& rule, core::Timestamp now);
  core::Result<std::vector<AlertRule>> list_rules();
  core::Result<AlertRule> get_rule(int64_t id);
  core::Result<AlertRule> find_rule(std::string_view key);
  core::Status remove_rule(int64_t id);

  // Appends a delivery; returns it with its id.
  core::Result<DeliveryRecord> record_delivery(DeliveryRecord record);
  // Whether `dedupe_key` was already delivered to channel_id.
  core::Result<bool> was_delivered(int64_t channel_id, std::string_view dedupe_key);

  // How long a claim stays with a runner that never finished it (crashed mid-delivery) before
  // another may take it over: well above the longest delivery with its retries.
  static constexpr int64_t kClaimLifetimeSeconds = 15 * 60;
  // Claims the delivery of `dedupe_key` to channel_id for this runner: true when it must send it;
  // false when it was delivered already or another runner (process or request) holds the claim.
  // Atomic in the database, so concurrent `alerts run`s never send one alert twice.
  core::Result<bool> claim_delivery(int64_t channel_id, std::string_view dedupe_key,
                                    core::Timestamp now);
  // Ends the claim made at `claimed_at`: delivered keeps it for good (even if another runner took
  // it over meanwhile); failed releases it, so the next run retries — unless another runner has
  // taken it over since, whose claim stays.
  core::Status finish_claim(int64_t channel_id, std::string_view dedupe_key,
                            core::Timestamp claimed_at, bool delivered);
  // Newest first; `before_id` (exclusive) pages backwards.
  core::Result<std::vector<DeliveryRecord>> list_deliveries(size_t limit,
                                                            std::optional<int64_t> before_id = {});

 private:
  explicit AlertRepository(store::SqliteDatabase* db) : db_(db) {}
  core::Status check_rule_channels(const AlertRule& rule);

  store::SqliteDatabase* db_;
};

}  // namespace optima::notify
