// Sha256: incremental SHA-256 (OpenSSL EVP): file identities and segment content hashes.
//
// Not thread-safe; one hasher per thread.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace optima::core {

using Digest = std::array<uint8_t, 32>;

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view bytes);
  // The digest of everything updated so far. Requires: called once.
  Digest finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Lower-case hex of a digest.
std::string to_hex(const Digest& digest);

}  // namespace optima::core
