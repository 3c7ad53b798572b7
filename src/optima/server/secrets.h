// Secrets: argon2id password hashes (libsodium crypto_pwhash_str, interactive limits), random
// identifiers, SHA-256 of stored secrets and constant-time comparison. Thread-safe.
// Hashing costs ~0.1 s of CPU and 64 MiB: call it off the I/O threads.
#pragma once

#include <string>
#include <string_view>

#include "optima/core/status.h"

namespace optima::server {

// Initialises libsodium (idempotent). Errors: Internal when it cannot.
core::Status init_sodium();
// "$argon2id$…" of the password. Errors: ResourceExhausted when memory is short.
core::Result<std::string> hash_password(std::string_view password);
// True when `password` matches `hash` (from hash_password).
bool verify_password(std::string_view hash, std::string_view password);
// `bytes` random bytes as lower-case hex.
std::string random_hex(size_t bytes);
// A random password of letters and digits.
std::string random_password(size_t length);
// Lower-case hex SHA-256 of `text` (session ids and API tokens are stored only this way).
std::string sha256_hex(std::string_view text);
// Equality without early exit (CSRF tokens).
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace optima::server
