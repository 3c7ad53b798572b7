// The command-line interface: subcommands, their flags and output (table, CSV, JSON).
#pragma once

namespace optima::cli {

// Parses argv, runs the subcommand, prints results and errors. Returns the process exit code
// (core::exit_code_for). Catches every exception (the CLI's barrier).
int run(int argc, char** argv);

}  // namespace optima::cli
