#include "optima/notify/retry_policy.h"

#include <algorithm>

namespace optima::notify {

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int attempt, std::mt19937_64& rng,
                                        std::optional<int64_t> retry_after_seconds) {
  const int64_t cap = policy.max_delay.count();
  if (retry_after_seconds && *retry_after_seconds >= 0)
    return std::chrono::milliseconds(std::min(cap, *retry_after_seconds * 1000));
  int64_t delay = policy.initial_delay.count();
  for (int i = 1; i < attempt && delay < cap; ++i) delay *= 2;
  delay = std::min(delay, cap);
  std::uniform_real_distribution<double> fraction(0.0, std::clamp(policy.jitter, 0.0, 1.0));
  const auto cut = static_cast<int64_t>(static_cast<double>(delay) * fraction(rng));
  return std::chrono::milliseconds(delay - cut);
}

bool is_retryable_http_status(int status) {
  return status == 408 || status == 425 || status == 429 || status >= 500;
}

}  // namespace optima::notify
