// DeliveryRecord, a row of the delivery log, and Deliverer, which sends a notification to a
// channel with retries (bounded exponential backoff with jitter; 4xx other than 408/425/429 and
// permanent SMTP refusals end at once) and returns what happened.
//
// Deliverer is not thread-safe (it owns a random generator); use one per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "optima/core/time.h"
#include "optima/notify/channel.h"
#include "optima/notify/http_client.h"
#include "optima/notify/notification.h"
#include "optima/notify/retry_policy.h"

namespace optima::notify {

enum class DeliveryStatus { kDelivered, kFailed };

std::string_view delivery_status_name(DeliveryStatus status);

struct DeliveryRecord {
  int64_t id = 0;  // assigned by AlertRepository
  int64_t rule_id = 0;
  std::string rule_name;
  int64_t channel_id = 0;
  std::string channel_name;
  std::string dedupe_key;
  std::string subject;
  std::string period;
  std::string payload_hash;  // SHA-256 hex of the bytes sent
  int attempts = 0;
  DeliveryStatus status = DeliveryStatus::kFailed;
  std::optional<int> response_code;  // the last HTTP status, when there was one
  std::string error;                 // the last error; empty when delivered
  core::Timestamp first_attempt_at;
  core::Timestamp last_attempt_at;
};

nlohmann::json delivery_to_json(const DeliveryRecord& record);

struct DeliveryOptions {
  RetryPolicy retry;
  HttpClientOptions http;
  std::function<core::Timestamp()> clock;                  // default: the system clock
  std::function<void(std::chrono::milliseconds)> sleep;    // default: std::this_thread::sleep_for
  uint64_t seed = 0;                                       // jitter; 0 = random
};

class Deliverer {
 public:
  explicit Deliverer(DeliveryOptions options);

  // Renders the notification for the channel once and sends it, retrying transient failures up
  // to retry.max_attempts. Never fails as a call: the outcome is in the record.
  DeliveryRecord deliver(const Channel& channel, const Notification& notification);

  core::Timestamp now() const;

 private:
  DeliveryOptions options_;
  std::mt19937_64 rng_;
};

}  // namespace optima::notify
