#include "optima/cli/cli.h"

#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

#include "optima/cli/commands.h"

namespace optima::cli {

int run(int argc, char** argv) {
  try {
    CLI::App app{"CloudOptima: self-hosted FinOps engine. Billing exports in, FOCUS 1.2 out."};
    app.name("cloudoptima");
    app.require_subcommand(1);
    app.fallthrough();  // global flags may follow the subcommand
    GlobalOptions global;
    app.add_option("--data-dir", global.data_dir,
                   "Data directory (default: $CLOUDOPTIMA_DATA_DIR or ~/.local/share/cloudoptima)");
    app.add_flag("--json", global.json, "Machine-readable JSON output");
#ifdef OPTIMA_VERSION
    app.set_version_flag("--version", OPTIMA_VERSION);
#endif
    int exit_code = 0;
    add_ingest_command(app, global, &exit_code);
    add_catalog_commands(app, global, &exit_code);
    add_query_commands(app, global, &exit_code);
    add_demo_command(app, global, &exit_code);
    add_validate_command(app, global, &exit_code);
    add_kpis_command(app, global, &exit_code);
    add_serve_command(app, global, &exit_code);
    add_forecast_command(app, global, &exit_code);
    add_inventory_command(app, global, &exit_code);
    add_prices_command(app, global, &exit_code);
    add_commitments_command(app, global, &exit_code);
    add_budgets_command(app, global, &exit_code);
    add_alerts_command(app, global, &exit_code);
    add_recommend_command(app, global, &exit_code);
    add_anomalies_command(app, global, &exit_code);
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      return app.exit(e);
    }
    return exit_code;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}

}  // namespace optima::cli
