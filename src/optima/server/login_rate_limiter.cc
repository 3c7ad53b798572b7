// Fixed-window counting of failed logins per username and per address.
#include "optima/server/login_rate_limiter.h"

namespace optima::server {

bool LoginRateLimiter::blocked(const std::string& key, int64_t now) {
  auto it = windows_.find(key);
  if (it == windows_.end()) return false;
  if (now - it->second.start >= window_seconds_) {
    windows_.erase(it);
    return false;
  }
  return it->second.failures >= max_failures_;
}

void LoginRateLimiter::fail(const std::string& key, int64_t now) {
  Window& w = windows_[key];
  if (w.failures == 0 || now - w.start >= window_seconds_) w = Window{now, 0};
  ++w.failures;
}

bool LoginRateLimiter::allowed(const std::string& username, const std::string& address) {
  std::lock_guard lock(mutex_);
  const int64_t now = clock_();
  // Bound memory under a flood of distinct usernames: forget everything once it grows large.
  if (windows_.size() > 100000) windows_.clear();
  return !blocked("u:" + username, now) && !blocked("a:" + address, now);
}

void LoginRateLimiter::record_failure(const std::string& username, const std::string& address) {
  std::lock_guard lock(mutex_);
  const int64_t now = clock_();
  fail("u:" + username, now);
  fail("a:" + address, now);
}

void LoginRateLimiter::record_success(const std::string& username) {
  std::lock_guard lock(mutex_);
  windows_.erase("u:" + username);
}

}  // namespace optima::server
