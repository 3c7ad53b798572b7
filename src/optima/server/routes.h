// The API's routes, by area. Each function adds its routes to the one RouteTable; the table is
// built once at server start (an explicit list, STYLE.md).
#pragma once

#include "optima/server/route_table.h"
#include "optima/server/server_context.h"

namespace optima::server {

void add_auth_routes(RouteTable& table, ServerContext& context);   // auth, users, tokens
void add_cost_routes(RouteTable& table, ServerContext& context);   // costs/query, dimensions, kpis
void add_data_routes(RouteTable& table, ServerContext& context);   // sources, partitions, jobs
void add_prediction_routes(RouteTable& table, ServerContext& context);  // forecasts, budgets
void add_anomaly_routes(RouteTable& table, ServerContext& context);  // anomalies, feedback, scan
void add_alert_routes(RouteTable& table, ServerContext& context);  // alert rules, channels, deliveries
void add_savings_routes(RouteTable& table, ServerContext& context);  // recommendations, commitments, inventory
void add_ops_routes(RouteTable& table, ServerContext& context);    // healthz, readyz, metrics, openapi

// The whole table, in the order the OpenAPI document lists it.
RouteTable build_route_table(ServerContext& context);

}  // namespace optima::server
