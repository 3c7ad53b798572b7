// Flags shared by the commands that work on the state database (budgets, alerts): --data DIR,
// the time "now" (--as-of), and scope filters written as DIMENSION=V1,V2 / DIMENSION!=V.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "optima/cli/output.h"
#include "optima/core/status.h"
#include "optima/core/time.h"
#include "optima/store/sqlite_database.h"

namespace optima::cli {

// Adds --data DIR to `cmd` (the same as the global --data-dir).
void add_data_option(CLI::App* cmd, GlobalOptions& global);

// Opens <data dir>/state.db.
core::Result<std::unique_ptr<store::SqliteDatabase>> open_state(const GlobalOptions& global);

// `as_of` parsed as a date or time, or the system clock when empty.
core::Result<core::Timestamp> now_or(const std::string& as_of);

// doc[key] = value unless the flag was left empty (not given).
void set_if_given(nlohmann::json* doc, const char* key, const std::string& value);

// "ProviderName=AWS" → {"dimension":"ProviderName","op":"in","values":["AWS"]};
// "tag:env!=dev,test" → not_in. Errors name the flag value.
core::Result<nlohmann::json> filters_from_flags(const std::vector<std::string>& flags);

}  // namespace optima::cli
