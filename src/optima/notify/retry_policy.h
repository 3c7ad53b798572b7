// RetryPolicy: bounded exponential backoff with jitter for deliveries, and which failures are
// worth retrying.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

namespace optima::notify {

struct RetryPolicy {
  int max_attempts = 4;                            // including the first
  std::chrono::milliseconds initial_delay{1000};   // before the second attempt
  std::chrono::milliseconds max_delay{30000};      // cap of any one wait
  double jitter = 0.25;                            // each wait is shortened by up to this fraction
};

// The wait after failed attempt `attempt` (1-based): min(max_delay, initial × 2^(attempt−1)),
// reduced by a random fraction in [0, jitter) so that many senders do not retry in step. A
// server's Retry-After (seconds), when given, is honoured up to max_delay.
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int attempt, std::mt19937_64& rng,
                                        std::optional<int64_t> retry_after_seconds = std::nullopt);

// Whether an HTTP status is worth another attempt: 408, 425, 429 and 5xx. Other 4xx mean the
// request itself is wrong and are not retried.
bool is_retryable_http_status(int status);

}  // namespace optima::notify
