// SqliteDatabase and SqliteStatement: a thin, exception-free RAII layer over the sqlite3 C API,
// used by the Catalog.
//
// Errors come back as Status (IoError, or DataLoss for SQLITE_CORRUPT / SQLITE_NOTADB) with
// SQLite's message. Neither class is thread-safe; the Catalog serializes access.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "optima/core/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace optima::store {

class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~SqliteStatement();
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&&) = delete;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Rewinds the statement and clears its bindings, to run it again.
  SqliteStatement& reset();
  // Parameters are 1-based, as in SQL text "?1".
  SqliteStatement& bind(int index, int64_t value);
  SqliteStatement& bind(int index, std::string_view value);
  SqliteStatement& bind_null(int index);
  SqliteStatement& bind(int index, std::optional<int64_t> value);

  // Advances to the next row: true when a row is available, false when done.
  core::Result<bool> step();
  // Runs a statement that returns no rows.
  core::Status run();

  int64_t column_int(int index) const;  // 0-based
  std::string column_text(int index) const;
  bool column_is_null(int index) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  core::Status bind_error_;
};

class SqliteDatabase {
 public:
  // Opens (creating if needed) a database file. busy_timeout_ms: how long a statement waits for
  // another process's lock before failing.
  static core::Result<std::unique_ptr<SqliteDatabase>> open(const std::filesystem::path& path,
                                                            int busy_timeout_ms);
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  // Runs one or more statements that return no rows.
  core::Status exec(std::string_view sql);
  core::Result<SqliteStatement> prepare(std::string_view sql);
  // The value of a single-integer query such as "PRAGMA user_version".
  core::Result<int64_t> query_int(std::string_view sql);
  int64_t last_insert_rowid() const;
  // Rows inserted, updated or deleted by the last INSERT, UPDATE or DELETE.
  int64_t changes() const;
  const std::filesystem::path& path() const { return path_; }

  // A status for SQLite result code rc, with the connection's message and `what` as context.
  core::Status error(int rc, std::string_view what) const;

 private:
  SqliteDatabase(std::filesystem::path path, sqlite3* db) : path_(std::move(path)), db_(db) {}

  std::filesystem::path path_;
  sqlite3* db_;
};

}  // namespace optima::store
