// HMAC-SHA256 and the signature of generic webhooks.
//
// A receiver verifies a delivery by recomputing
//   X-Optima-Signature: sha256=<hex HMAC-SHA256(secret, "<X-Optima-Timestamp>.<body>")>
// and rejecting timestamps too far from its clock (replay protection).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace optima::notify {

inline constexpr std::string_view kSignatureHeader = "X-Optima-Signature";
inline constexpr std::string_view kTimestampHeader = "X-Optima-Timestamp";

// Lower-case hex of HMAC-SHA256(key, message).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// "sha256=<hex>" over "<unix_seconds>.<body>".
std::string webhook_signature(std::string_view secret, int64_t unix_seconds, std::string_view body);

// Constant-time comparison of a received signature header with the expected one.
bool verify_webhook_signature(std::string_view secret, int64_t unix_seconds,
                              std::string_view body, std::string_view signature);

}  // namespace optima::notify
