// AuthStore over SQLite.
#include "optima/server/auth_store.h"

#include <fmt/format.h>

#include "optima/server/secrets.h"

namespace optima::server {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS auth_users (
  username TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS auth_sessions (
  id_hash TEXT PRIMARY KEY,
  username TEXT NOT NULL REFERENCES auth_users(username) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS auth_tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  username TEXT NOT NULL REFERENCES auth_users(username) ON DELETE CASCADE,
  role TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  last_used_at INTEGER,
  revoked_at INTEGER);
)sql";

core::Status check_username(const std::string& username) {
  if (username.empty() || username.size() > 64) {
    return core::invalid_argument("username: expected 1 to 64 characters");
  }
  for (char c : username) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return core::invalid_argument("username: only letters, digits, '.', '_' and '-'");
  }
  return core::Status::ok();
}

core::Status validate_password(const std::string& password) {
  if (password.size() < 8) return core::invalid_argument("password: at least 8 characters");
  if (password.size() > 1024) return core::invalid_argument("password: at most 1024 characters");
  return core::Status::ok();
}

Role role_or_viewer(const std::string& text) { return parse_role(text).value_or(Role::kViewer); }

std::optional<int64_t> optional_int(const store::SqliteStatement& s, int i) {
  if (s.column_is_null(i)) return std::nullopt;
  return s.column_int(i);
}

TokenRecord token_from_row(const store::SqliteStatement& s) {
  TokenRecord t;
  t.id = s.column_int(0);
  t.name = s.column_text(1);
  t.username = s.column_text(2);
  t.role = role_or_viewer(s.column_text(3));
  t.created_at = s.column_int(4);
  t.expires_at = optional_int(s, 5);
  t.last_used_at = optional_int(s, 6);
  return t;
}

constexpr const char* kTokenColumns =
    "id, name, username, role, created_at, expires_at, last_used_at";

}  // namespace

AuthStore::AuthStore(std::unique_ptr<store::SqliteDatabase> db, std::function<int64_t()> clock,
                     int64_t session_ttl_seconds)
    : db_(std::move(db)), clock_(std::move(clock)), session_ttl_seconds_(session_ttl_seconds) {}

core::Result<std::unique_ptr<AuthStore>> AuthStore::open(const std::filesystem::path& state_db,
                                                         std::function<int64_t()> clock,
                                                         int64_t session_ttl_seconds) {
  OPTIMA_RETURN_IF_ERROR(init_sodium());
  OPTIMA_ASSIGN_OR_RETURN(auto db, store::SqliteDatabase::open(state_db, 5000));
  OPTIMA_RETURN_IF_ERROR(db->exec("PRAGMA journal_mode = WAL"));
  OPTIMA_RETURN_IF_ERROR(db->exec("PRAGMA synchronous = NORMAL"));
  OPTIMA_RETURN_IF_ERROR(db->exec("PRAGMA foreign_keys = ON"));
  OPTIMA_RETURN_IF_ERROR(db->exec(kSchema));
  auto store = std::unique_ptr<AuthStore>(
      new AuthStore(std::move(db), std::move(clock), session_ttl_seconds));
  OPTIMA_ASSIGN_OR_RETURN(store->dummy_hash_, hash_password(random_hex(16)));
  return store;
}

core::Result<size_t> AuthStore::user_count() {
  std::lock_guard lock(mutex_);
  OPTIMA_ASSIGN_OR_RETURN(int64_t n, db_->query_int("SELECT COUNT(*) FROM auth_users"));
  return static_cast<size_t>(n);
}

core::Status AuthStore::create_user(const std::string& username, const std::string& password,
                                    Role role) {
  OPTIMA_RETURN_IF_ERROR(check_username(username));
  OPTIMA_RETURN_IF_ERROR(validate_password(password));
  if (role == Role::kPublic) return core::invalid_argument("role: not a user role");
  OPTIMA_ASSIGN_OR_RETURN(std::string hash, hash_password(password));
  std::lock_guard lock(mutex_);
  OPTIMA_ASSIGN_OR_RETURN(auto exists, db_->prepare("SELECT 1 FROM auth_users WHERE username = ?1"));
  exists.bind(1, username);
  OPTIMA_ASSIGN_OR_RETURN(bool found, exists.step());
  if (found) return core::already_exists(fmt::format("user \"{}\" already exists", username));
  OPTIMA_ASSIGN_OR_RETURN(
      auto insert, db_->prepare("INSERT INTO auth_users (username, password_hash, role, created_at) "
                                "VALUES (?1, ?2, ?3, ?4)"));
  insert.bind(1, username).bind(2, hash).bind(3, role_name(role)).bind(4, clock_());
  return insert.run();
}

core::Result<std::optional<UserRecord>> AuthStore::check_password(const std::string& username,
                                                                  const std::string& password) {
  std::optional<UserRecord> user;
  std::string hash = dummy_hash_;
  {
    std::lock_guard lock(mutex_);
    OPTIMA_ASSIGN_OR_RETURN(
        auto s, db_->prepare("SELECT password_hash, role, created_at FROM auth_users "
                             "WHERE username = ?1"));
    s.bind(1, username);
    OPTIMA_ASSIGN_OR_RETURN(bool found, s.step());
    if (found) {
      hash = s.column_text(0);
      user = UserRecord{username, role_or_viewer(s.column_text(1)), s.column_int(2)};
    }
  }
  const bool match = verify_password(hash, password);
  if (!user || !match) return std::optional<UserRecord>();
  return user;
}

core::Result<std::vector<UserRecord>> AuthStore::users() {
  std::lock_guard lock(mutex_);
  OPTIMA_ASSIGN_OR_RETURN(
      auto s, db_->prepare("SELECT username, role, created_at FROM auth_users ORDER BY username"));
  std::vector<UserRecord> out;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) break;
    out.push_back({s.column_text(0), role_or_viewer(s.column_text(1)), s.column_int(2)});
  }
  return out;
}

core::Result<UserRecord> AuthStore::user(const std::string& username) {
  std::lock_guard lock(mutex_);
  OPTIMA_ASSIGN_OR_RETURN(
      auto s, db_->prepare("SELECT role, created_at FROM auth_users WHERE username = ?1"));
  s.bind(1, username);
  OPTIMA_ASSIGN_OR_RETURN(bool found, s.step());
  if (!found) return core::not_found(fmt::format("no user \"{}\"", username));
  return UserRecord{username, role_or_viewer(s.column_text(0)), s.column_int(1)};
}

core::Status AuthStore::update_user(const std::string& username, std::optional<Role> role,
                                    const std::optional<std::string>& password) {
  std::optional<std::string> hash;
  if (password) {
    OPTIMA_RETURN_IF_ERROR(validate_password(*password));
    OPTIMA_ASSIGN_OR_RETURN(hash, hash_password(*password));
  }
  OPTIMA_RETURN_IF_ERROR(user(username).status());
  std::lock_guard lock(mutex_);
  if (role) {
    OPTIMA_ASSIGN_OR_RETURN(auto s,
                            db_->prepare("UPDATE auth_users SET role = ?1 WHERE username = ?2"));
    s.bind(1, role_name(*role)).bind(2, username);
    OPTIMA_RETURN_IF_ERROR(s.run());
  }
  if (hash) {
    OPTIMA_ASSIGN_OR_RETURN(
        auto s, db_->prepare("UPDATE auth_users SET password_hash = ?1 WHERE username = ?2"));
    s.bind(1, *hash).bind(2, username);
    OPTIMA_RETURN_IF_ERROR(s.run());
    // A new password ends every session of the user.
    OPTIMA_ASSIGN_OR_RETURN(auto d, db_->prepare("DELETE FROM auth_sessions WHERE username = ?1"));
    d.bind(1, username);
    OPTIMA_RETURN_IF_ERROR(d.run());
  }
  return core::Status::ok();
}

core::Status AuthStore::delete_user(const std::string& username) {
  OPTIMA_RETURN_IF_ERROR(user(username).status());
  std::lock_guard lock(mutex_);
  OPTIMA_ASSIGN_OR_RETURN(auto s, db_->prepare("DELETE FROM auth_users WHERE username = ?1"));
  s.bind(1, username);
  return s.run();
}

core::Result<NewSession> AuthStore::create_session(const std::string& username) {
  NewSession session{random_hex(32), random_hex(32), clock_() + session_ttl_seconds_};
  std::lock_guard lock(mutex_);
  OPTIMA_ASSIGN_OR_RETURN(
      auto s, db_->prepare("INSERT INTO auth_sessions (id_hash, username, csrf_token, created_at, "
                           "expires_at) VALUES (?1, ?2, ?3, ?4, ?5)"));
  s.bind(1, sha256_hex(session.session_id))
      .bind(2, username)
      .bind(3, session.csrf_token)
      .bind(4, clock_())
      .bind(5, session.expires_at);
  OPTIMA_RETURN_IF_ERROR(s.run());
  return session;
}

core::Result<std::optional<Identity>> AuthStore::session_identity(const std::string& session_id) {
  const std::string hash = sha256_hex(session_id);
  std::lock_guard lock(mutex_);
  OPTIMA_ASSIGN_OR_RETURN(
      auto s, db_->prepare("SELECT s.username, u.role, s.csrf_token, s.expires_at "
                           "FROM auth_sessions s JOIN auth_users u ON u.username = s.username "
                           "WHERE s.id_hash = ?1"));
  s.bind(1, hash);
  OPTIMA_ASSIGN_OR_RETURN(bool found, s.step());
  if (!found || s.column_int(3) <= clock_()) return std::optional<Identity>();
  Identity id;
  id.username = s.column_text(0);
  id.role = role_or_viewer(s.column_text(1));
  id.method = AuthMethod::kSession;
  id.session_hash = hash;
  id.csrf_token = s.column_text(2);
  return std::optional<Identity>(std::move(id));
}

core::Status AuthStore::delete_session(const std::string& session_hash) {
  std::lock_guard lock(mutex_);
  OPTIMA_ASSIGN_OR_RETURN(auto s, db_->prepare("DELETE FROM auth_sessions WHERE id_hash = ?1 "
                                               "OR expires_at <= ?2"));
  s.bind(1, session_hash).bind(2, clock_());
  return s.run();
}

core::Result<std::pair<TokenRecord, std::string>> AuthStore::create_token(
    const std::string& username, const std::string& name, Role role,
    std::optional<int64_t> expires_at) {
  if (name.empty() || name.size() > 200) {
    return core::invalid_argument("name: expected 1 to 200 characters");
  }
  OPTIMA_ASSIGN_OR_RETURN(UserRecord owner, user(username));
  if (!role_allows(owner.role, role) || role == Role::kPublic) {
    return core::invalid_argument(
        fmt::format("role: at most the user's role ({})", role_name(owner.role)));
  }
  const std::string secret = "opt_" + random_hex(32);
  TokenRecord t;
  t.name = name;
  t.username = username;
  t.role = role;
  t.created_at = clock_();
  t.expires_at = expires_at;
  std::lock_guard lock(mutex_);
  OPTIMA_ASSIGN_OR_RETURN(
      auto s, db_->prepare("INSERT INTO auth_tokens (name, username, role, secret_hash, "
                           "created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  s.bind(1, name).bind(2, username).bind(3, role_name(role)).bind(4, sha256_hex(secret));
  s.bind(5, t.created_at).bind(6, expires_at);
  OPTIMA_RETURN_IF_ERROR(s.run());
  t.id = db_->last_insert_rowid();
  return std::make_pair(std::move(t), secret);
}

core::Result<std::vector<TokenRecord>> AuthStore::tokens(const std::string& username) {
  std::lock_guard lock(mutex_);
  OPTIMA_ASSIGN_OR_RETURN(
      auto s, db_->prepare(fmt::format("SELECT {} FROM auth_tokens WHERE revoked_at IS NULL AND "
                                       "(?1 = '' OR username = ?1) ORDER BY id",
                                       kTokenColumns)));
  s.bind(1, username);
  std::vector<TokenRecord> out;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) break;
    out.push_back(token_from_row(s));
  }
  return out;
}

core::Result<TokenRecord> AuthStore::token(int64_t id) {
  std::lock_guard lock(mutex_);
  OPTIMA_ASSIGN_OR_RETURN(
      auto s, db_->prepare(fmt::format(
                  "SELECT {} FROM auth_tokens WHERE id = ?1 AND revoked_at IS NULL", kTokenColumns)));
  s.bind(1, id);
  OPTIMA_ASSIGN_OR_RETURN(bool found, s.step());
  if (!found) return core::not_found(fmt::format("no token {}", id));
  return token_from_row(s);
}

core::Status AuthStore::revoke_token(int64_t id) {
  OPTIMA_RETURN_IF_ERROR(token(id).status());
  std::lock_guard lock(mutex_);
  OPTIMA_ASSIGN_OR_RETURN(auto s, db_->prepare("UPDATE auth_tokens SET revoked_at = ?1 WHERE id = ?2"));
  s.bind(1, clock_()).bind(2, id);
  return s.run();
}

core::Result<std::optional<Identity>> AuthStore::token_identity(const std::string& secret) {
  const int64_t now = clock_();
  std::lock_guard lock(mutex_);
  OPTIMA_ASSIGN_OR_RETURN(
      auto s, db_->prepare("SELECT t.id, t.username, t.role, u.role, t.expires_at FROM auth_tokens t "
                           "JOIN auth_users u ON u.username = t.username "
                           "WHERE t.secret_hash = ?1 AND t.revoked_at IS NULL"));
  s.bind(1, sha256_hex(secret));
  OPTIMA_ASSIGN_OR_RETURN(bool found, s.step());
  if (!found) return std::optional<Identity>();
  if (!s.column_is_null(4) && s.column_int(4) <= now) return std::optional<Identity>();
  Identity id;
  id.token_id = s.column_int(0);
  id.username = s.column_text(1);
  const Role token_role = role_or_viewer(s.column_text(2));
  const Role user_role = role_or_viewer(s.column_text(3));
  id.role = role_allows(user_role, token_role) ? token_role : user_role;
  id.method = AuthMethod::kToken;
  int64_t& written = last_use_written_[id.token_id];
  if (now - written >= 60) {
    written = now;
    OPTIMA_ASSIGN_OR_RETURN(auto u,
                            db_->prepare("UPDATE auth_tokens SET last_used_at = ?1 WHERE id = ?2"));
    u.bind(1, now).bind(2, id.token_id);
    OPTIMA_RETURN_IF_ERROR(u.run());
  }
  return std::optional<Identity>(std::move(id));
}

}  // namespace optima::server
