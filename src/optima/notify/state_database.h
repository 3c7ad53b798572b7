// The state database, <data_dir>/state.db: SQLite in WAL mode shared by the modules that keep
// application state (budget_ and alert_ tables here; auth_, anomaly_, rec_… elsewhere). Each
// module creates its own tables. It holds secrets (webhook keys, SMTP passwords), so the file
// is created readable by its owner only.
#pragma once

#include <filesystem>
#include <memory>

#include "optima/core/status.h"
#include "optima/store/sqlite_database.h"

namespace optima::notify {

// Opens (creating the directory and file if needed) <data_dir>/state.db. Errors: IoError.
core::Result<std::unique_ptr<store::SqliteDatabase>> open_state_database(
    const std::filesystem::path& data_dir);

}  // namespace optima::notify
