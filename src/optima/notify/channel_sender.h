// Sends one rendered Notification to one Channel, once: the webhook kinds by HTTP(S) POST
// (the generic webhook signed with X-Optima-Signature / X-Optima-Timestamp), email by SMTP.
// Retries are the Deliverer's.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "optima/core/time.h"
#include "optima/notify/channel.h"
#include "optima/notify/http_client.h"
#include "optima/notify/notification.h"

namespace optima::notify {

struct AttemptResult {
  bool delivered = false;
  bool retryable = false;
  std::optional<int> response_code;  // HTTP status, or none for SMTP and network errors
  std::string error;                 // empty when delivered; never holds a secret
  std::optional<int64_t> retry_after_seconds;  // from a 429/503 Retry-After header
};

// The exact bytes a channel gets for a notification (JSON body, or the MIME message), so its
// hash can be logged and the same payload sent on every attempt.
std::string render_payload(const Channel& channel, const Notification& notification,
                           core::Timestamp now);

// Sends `payload` (from render_payload) to the channel. `now` stamps the webhook signature.
AttemptResult send_once(const Channel& channel, const std::string& payload, core::Timestamp now,
                        const HttpClientOptions& http);

}  // namespace optima::notify
