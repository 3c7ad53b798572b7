#include "optima/notify/hmac_signature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

#include <fmt/format.h>

namespace optima::notify {

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest.data(),
       &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xf]);
  }
  return hex;
}

std::string webhook_signature(std::string_view secret, int64_t unix_seconds, std::string_view body) {
  std::string message = fmt::format("{}.", unix_seconds);
  message.append(body);
  return "sha256=" + hmac_sha256_hex(secret, message);
}

bool verify_webhook_signature(std::string_view secret, int64_t unix_seconds,
                              std::string_view body, std::string_view signature) {
  const std::string expected = webhook_signature(secret, unix_seconds, body);
  return expected.size() == signature.size() &&
         CRYPTO_memcmp(expected.data(), signature.data(), expected.size()) == 0;
}

}  // namespace optima::notify
