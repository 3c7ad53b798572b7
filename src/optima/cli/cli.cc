#include "optima/cli/cli.h"

#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

namespace optima::cli {

int run(int argc, char** argv) {
  try {
    CLI::App app{"CloudOptima: self-hosted FinOps engine"};
    app.require_subcommand(1);
    CLI11_PARSE(app, argc, argv);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}

}  // namespace optima::cli
