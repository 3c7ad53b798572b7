// Small helpers the prediction and savings routes share: the state database of the data dir,
// time and integer query parameters, ids in paths, and "now" from the server's clock.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <variant>

#include "optima/core/time.h"
#include "optima/server/api_response.h"
#include "optima/server/request_context.h"
#include "optima/server/server_context.h"
#include "optima/store/sqlite_database.h"

namespace optima::server {

// Opens <data_dir>/state.db for one request (a connection per request: SqliteDatabase is not
// thread-safe; WAL lets them run side by side).
core::Result<std::unique_ptr<store::SqliteDatabase>> open_request_state(const ServerContext& ctx);

// The server's clock as a Timestamp.
core::Timestamp server_now(const ServerContext& ctx);

// ?name= as a time ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ"): nullopt when absent or empty.
std::variant<std::optional<core::Timestamp>, ApiError> time_query_param(const RequestContext& req,
                                                                        std::string_view name);

// ?name= as an integer in [min, max]: nullopt when absent or empty.
std::variant<std::optional<int64_t>, ApiError> int_query_param(const RequestContext& req,
                                                               std::string_view name, int64_t min,
                                                               int64_t max);

// The {id} path parameter as a positive integer, or a 404 naming `what`.
std::variant<int64_t, ApiError> id_param(const RequestContext& req, std::string_view what);

}  // namespace optima::server
