// Where CloudOptima finds its bundled catalogs (data/) and keeps user data.
#pragma once

#include <filesystem>
#include <string_view>

#include "optima/core/status.h"

namespace optima::core {

// Resolves a file under the project's data/ folder, trying in order: $OPTIMA_DATA_ROOT,
// <executable dir>/../share/cloudoptima/data, the source tree's data/ (builds run in place).
// Returns NotFound naming every place tried.
Result<std::filesystem::path> find_data_file(std::string_view relative);

// The default per-user data directory: $CLOUDOPTIMA_DATA_DIR, else $XDG_DATA_HOME/cloudoptima,
// else ~/.local/share/cloudoptima.
std::filesystem::path default_user_data_dir();

}  // namespace optima::core
