// LoginRateLimiter: after `max_failures` failed logins within `window_seconds` for one username
// or one client address, further attempts for it are refused (429) until the window passes.
// A successful login clears the username's count. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace optima::server {

class LoginRateLimiter {
 public:
  LoginRateLimiter(size_t max_failures, int64_t window_seconds, std::function<int64_t()> clock)
      : max_failures_(max_failures), window_seconds_(window_seconds), clock_(std::move(clock)) {}

  // True when an attempt for this username from this address may proceed.
  bool allowed(const std::string& username, const std::string& address);
  void record_failure(const std::string& username, const std::string& address);
  void record_success(const std::string& username);

 private:
  struct Window {
    int64_t start = 0;
    size_t failures = 0;
  };
  bool blocked(const std::string& key, int64_t now);
  void fail(const std::string& key, int64_t now);

  const size_t max_failures_;
  const int64_t window_seconds_;
  std::function<int64_t()> clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace optima::server
