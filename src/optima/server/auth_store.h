// AuthStore: local users, browser sessions and API tokens, in the auth_* tables of
// <data_dir>/state.db (SQLite, WAL).
//
//   auth_users     username, argon2id hash, role
//   auth_sessions  SHA-256 of the random 32-byte session id, user, CSRF token, expiry
//   auth_tokens    "opt_<random>" API tokens stored as SHA-256, role, expiry, last use, revocation
//
// Secrets (session ids, token secrets) are returned once and never stored in clear. Password
// hashing runs in the calling thread (slow: keep it off I/O threads). Thread-safe: one mutex
// guards the database connection.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "optima/core/status.h"
#include "optima/server/request_context.h"
#include "optima/server/role.h"
#include "optima/store/sqlite_database.h"

namespace optima::server {

struct UserRecord {
  std::string username;
  Role role = Role::kViewer;
  int64_t created_at = 0;
};

struct TokenRecord {
  int64_t id = 0;
  std::string name;
  std::string username;
  Role role = Role::kViewer;
  int64_t created_at = 0;
  std::optional<int64_t> expires_at;
  std::optional<int64_t> last_used_at;
};

struct NewSession {
  std::string session_id;  // the cookie value; stored only as its hash
  std::string csrf_token;
  int64_t expires_at = 0;
};

class AuthStore {
 public:
  // Opens (creating) state.db and its auth_* tables. clock: UTC seconds now.
  static core::Result<std::unique_ptr<AuthStore>> open(const std::filesystem::path& state_db,
                                                       std::function<int64_t()> clock,
                                                       int64_t session_ttl_seconds);

  core::Result<size_t> user_count();
  // Errors: InvalidArgument for a bad username (1-64 of [A-Za-z0-9._-]) or a password shorter
  // than 8 characters; AlreadyExists.
  core::Status create_user(const std::string& username, const std::string& password, Role role);
  // The user when the password matches, else nullopt (unknown user or wrong password; the work
  // done is the same either way).
  core::Result<std::optional<UserRecord>> check_password(const std::string& username,
                                                         const std::string& password);
  core::Result<std::vector<UserRecord>> users();
  // NotFound for an unknown user.
  core::Result<UserRecord> user(const std::string& username);
  // Changes role and/or password; NotFound; InvalidArgument for a short password.
  core::Status update_user(const std::string& username, std::optional<Role> role,
                           const std::optional<std::string>& password);
  // Deletes the user with their sessions and tokens; NotFound.
  core::Status delete_user(const std::string& username);

  core::Result<NewSession> create_session(const std::string& username);
  // The identity of a live session id (the cookie value), or nullopt when unknown or expired.
  core::Result<std::optional<Identity>> session_identity(const std::string& session_id);
  core::Status delete_session(const std::string& session_hash);

  // A new token (the secret "opt_…" is in the second member, shown once). The role is at most the
  // user's. InvalidArgument for an empty name.
  core::Result<std::pair<TokenRecord, std::string>> create_token(const std::string& username,
                                                                 const std::string& name, Role role,
                                                                 std::optional<int64_t> expires_at);
  // Live (not revoked) tokens, of one user or (username empty) everyone's.
  core::Result<std::vector<TokenRecord>> tokens(const std::string& username);
  core::Result<TokenRecord> token(int64_t id);
  // NotFound for an unknown or already revoked token.
  core::Status revoke_token(int64_t id);
  // The identity of a live token secret (role: the lower of the token's and the user's), or
  // nullopt. Records last_used_at (at most once a minute per token).
  core::Result<std::optional<Identity>> token_identity(const std::string& secret);

 private:
  AuthStore(std::unique_ptr<store::SqliteDatabase> db, std::function<int64_t()> clock,
            int64_t session_ttl_seconds);

  std::mutex mutex_;
  std::unique_ptr<store::SqliteDatabase> db_;
  std::function<int64_t()> clock_;
  int64_t session_ttl_seconds_;
  std::unordered_map<int64_t, int64_t> last_use_written_;
  // Verified against when the user is unknown, so a failed login takes the same time either way.
  std::string dummy_hash_;  // token id -> time written
};

}  // namespace optima::server
