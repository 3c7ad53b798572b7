// The subcommands. Each add_*_command() declares its flags on `app` and sets a callback that
// runs it and stores the process exit code in *exit_code (0 ok, see core::exit_code_for).
#pragma once

#include <CLI/CLI.hpp>

#include "optima/cli/output.h"

namespace optima::cli {

void add_ingest_command(CLI::App& app, GlobalOptions& global, int* exit_code);
void add_catalog_commands(CLI::App& app, GlobalOptions& global, int* exit_code);  // sources, partitions
void add_query_commands(CLI::App& app, GlobalOptions& global, int* exit_code);    // query, export
void add_demo_command(CLI::App& app, GlobalOptions& global, int* exit_code);      // demo generate
void add_validate_command(CLI::App& app, GlobalOptions& global, int* exit_code);  // validate
void add_kpis_command(CLI::App& app, GlobalOptions& global, int* exit_code);      // kpis
void add_serve_command(CLI::App& app, GlobalOptions& global, int* exit_code);     // serve
void add_forecast_command(CLI::App& app, GlobalOptions& global, int* exit_code);  // forecast
void add_inventory_command(CLI::App& app, GlobalOptions& global, int* exit_code);  // inventory …
void add_prices_command(CLI::App& app, GlobalOptions& global, int* exit_code);       // prices show|rates
void add_commitments_command(CLI::App& app, GlobalOptions& global, int* exit_code);  // commitments
void add_budgets_command(CLI::App& app, GlobalOptions& global, int* exit_code);   // budgets …
void add_alerts_command(CLI::App& app, GlobalOptions& global, int* exit_code);    // alerts …
void add_recommend_command(CLI::App& app, GlobalOptions& global, int* exit_code);  // recommend
void add_anomalies_command(CLI::App& app, GlobalOptions& global, int* exit_code);  // anomalies

}  // namespace optima::cli
