#include "optima/notify/delivery.h"

#include <chrono>
#include <thread>

#include "optima/core/file_io.h"
#include "optima/notify/channel_sender.h"

namespace optima::notify {

std::string_view delivery_status_name(DeliveryStatus status) {
  return status == DeliveryStatus::kDelivered ? "delivered" : "failed";
}

nlohmann::json delivery_to_json(const DeliveryRecord& r) {
  return {{"id", r.id},
          {"rule_id", r.rule_id},
          {"rule_name", r.rule_name},
          {"channel_id", r.channel_id},
          {"channel_name", r.channel_name},
          {"dedupe_key", r.dedupe_key},
          {"subject", r.subject},
          {"period", r.period},
          {"payload_hash", r.payload_hash},
          {"attempts", r.attempts},
          {"status", delivery_status_name(r.status)},
          {"response_code", r.response_code ? nlohmann::json(*r.response_code) : nlohmann::json(nullptr)},
          {"error", r.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.error)},
          {"first_attempt_at", core::format_iso8601(r.first_attempt_at)},
          {"last_attempt_at", core::format_iso8601(r.last_attempt_at)}};
}

Deliverer::Deliverer(DeliveryOptions options)
    : options_(std::move(options)), rng_(options_.seed != 0 ? options_.seed : std::random_device{}()) {
  if (!options_.sleep)
    options_.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

core::Timestamp Deliverer::now() const {
  if (options_.clock) return options_.clock();
  return {std::chrono::duration_cast<std::chrono::seconds>(
              std::chrono::system_clock::now().time_since_epoch())
              .count()};
}

DeliveryRecord Deliverer::deliver(const Channel& channel, const Notification& n) {
  DeliveryRecord record;
  record.rule_id = n.rule_id;
  record.rule_name = n.rule_name;
  record.channel_id = channel.id;
  record.channel_name = channel.name;
  record.dedupe_key = n.dedupe_key();
  record.subject = n.subject;
  record.period = n.period;
  record.first_attempt_at = now();
  const std::string payload = render_payload(channel, n, record.first_attempt_at);
  record.payload_hash = core::sha256_hex(payload);
  const int max_attempts = std::max(1, options_.retry.max_attempts);
  for (int attempt = 1;; ++attempt) {
    record.attempts = attempt;
    record.last_attempt_at = now();
    // The webhook signature is stamped per attempt, so a receiver's replay window holds.
    const AttemptResult result = send_once(channel, payload, record.last_attempt_at, options_.http);
    record.response_code = result.response_code;
    if (result.delivered) {
      record.status = DeliveryStatus::kDelivered;
      record.error.clear();
      return record;
    }
    record.status = DeliveryStatus::kFailed;
    record.error = result.error;
    if (!result.retryable || attempt >= max_attempts) return record;
    options_.sleep(backoff_delay(options_.retry, attempt, rng_, result.retry_after_seconds));
  }
}

}  // namespace optima::notify
