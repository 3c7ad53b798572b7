#include "optima/store/sqlite_database.h"

#include <sqlite3.h>

#include <fmt/format.h>

namespace optima::store {
namespace {

core::Status status_for(sqlite3* db, int rc, std::string_view what, const std::string& file) {
  const std::string message =
      fmt::format("{}: {} ({})", file, db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc),
                  what);
  const int primary = rc & 0xff;
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) return core::data_loss(message);
  return core::io_error(message);
}

std::string file_of(sqlite3* db) {
  const char* name = sqlite3_db_filename(db, "main");
  return name != nullptr ? name : "catalog";
}

}  // namespace

SqliteStatement::~SqliteStatement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), bind_error_(std::move(other.bind_error_)) {
  other.stmt_ = nullptr;
}

SqliteStatement& SqliteStatement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_ = core::Status::ok();
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK && bind_error_.is_ok()) bind_error_ = status_for(db_, rc, "bind", file_of(db_));
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view value) {
  const int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                     SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_error_.is_ok()) bind_error_ = status_for(db_, rc, "bind", file_of(db_));
  return *this;
}

SqliteStatement& SqliteStatement::bind_null(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK && bind_error_.is_ok()) bind_error_ = status_for(db_, rc, "bind", file_of(db_));
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::optional<int64_t> value) {
  return value.has_value() ? bind(index, *value) : bind_null(index);
}

core::Result<bool> SqliteStatement::step() {
  if (!bind_error_.is_ok()) return bind_error_;
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return status_for(db_, rc, sqlite3_sql(stmt_), file_of(db_));
}

core::Status SqliteStatement::run() {
  OPTIMA_ASSIGN_OR_RETURN(const bool row, step());
  (void)row;
  return core::Status::ok();
}

int64_t SqliteStatement::column_int(int index) const { return sqlite3_column_int64(stmt_, index); }

std::string SqliteStatement::column_text(int index) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, index));
  if (text == nullptr) return {};
  return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, index)));
}

bool SqliteStatement::column_is_null(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

core::Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(
    const std::filesystem::path& path, int busy_timeout_ms) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    core::Status status = status_for(db, rc, "open", path.string());
    sqlite3_close(db);
    return status;
  }
  sqlite3_busy_timeout(db, busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  return std::unique_ptr<SqliteDatabase>(new SqliteDatabase(path, db));
}

SqliteDatabase::~SqliteDatabase() { sqlite3_close(db_); }

core::Status SqliteDatabase::error(int rc, std::string_view what) const {
  return status_for(db_, rc, what, path_.string());
}

core::Status SqliteDatabase::exec(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return core::Status::ok();
  core::Status status = error(rc, message != nullptr ? message : text);
  sqlite3_free(message);
  return status;
}

core::Result<SqliteStatement> SqliteDatabase::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return error(rc, sql);
  }
  return SqliteStatement(db_, stmt);
}

core::Result<int64_t> SqliteDatabase::query_int(std::string_view sql) {
  OPTIMA_ASSIGN_OR_RETURN(SqliteStatement statement, prepare(sql));
  OPTIMA_ASSIGN_OR_RETURN(const bool row, statement.step());
  if (!row) return core::internal_error(fmt::format("{}: no row", sql));
  return statement.column_int(0);
}

int64_t SqliteDatabase::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

int64_t SqliteDatabase::changes() const { return sqlite3_changes64(db_); }

}  // namespace optima::store
