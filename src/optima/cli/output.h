// How subcommands print: aligned text tables for people, JSON for scripts, errors on stderr.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "optima/core/status.h"

namespace optima::cli {

// Options every subcommand shares.
struct GlobalOptions {
  std::string data_dir;  // empty = core::default_user_data_dir()
  bool json = false;     // machine-readable output on stdout
};

// Resolved data directory (the flag, else the per-user default).
std::string data_dir_of(const GlobalOptions& options);

// Prints "error: <message>" (or {"error":{...}} with --json) and returns the exit code.
int report_error(const GlobalOptions& options, const core::Status& status);

void print_json(const nlohmann::json& value);

// Prints rows under headers, columns padded; cells that look numeric are right-aligned.
void print_table(const std::vector<std::string>& headers,
                 const std::vector<std::vector<std::string>>& rows);

}  // namespace optima::cli
