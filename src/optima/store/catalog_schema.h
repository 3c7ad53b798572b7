// The catalog's SQLite schema and its migrations, versioned by PRAGMA user_version.
//
// Migration i (1-based) takes a catalog from user_version i-1 to i. A catalog newer than this
// build is refused rather than guessed at.
#pragma once

#include "optima/core/status.h"
#include "optima/store/sqlite_database.h"

namespace optima::store {

// The schema version this build writes.
int catalog_schema_version();

// Brings the catalog to catalog_schema_version() in one IMMEDIATE transaction (so two processes
// opening a fresh data directory at once migrate it once). Errors: FailedPrecondition when the
// catalog is newer than this build; IoError / DataLoss from SQLite.
core::Status migrate_catalog(SqliteDatabase* db);

}  // namespace optima::store
