// Shared route helpers (route_params.h).
#include "optima/server/route_params.h"

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/notify/state_database.h"

namespace optima::server {

core::Result<std::unique_ptr<store::SqliteDatabase>> open_request_state(const ServerContext& ctx) {
  return notify::open_state_database(ctx.options.data_dir);
}

core::Timestamp server_now(const ServerContext& ctx) { return core::Timestamp{ctx.clock()}; }

std::variant<std::optional<core::Timestamp>, ApiError> time_query_param(const RequestContext& req,
                                                                        std::string_view name) {
  auto text = req.query_param(name);
  if (!text || text->empty()) return std::optional<core::Timestamp>();
  core::Timestamp t;
  if (!core::parse_timestamp(*text, &t)) {
    return invalid_argument_error(
        fmt::format("{}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ; found \"{}\"", name, *text));
  }
  return std::optional<core::Timestamp>(t);
}

std::variant<std::optional<int64_t>, ApiError> int_query_param(const RequestContext& req,
                                                               std::string_view name, int64_t min,
                                                               int64_t max) {
  auto text = req.query_param(name);
  if (!text || text->empty()) return std::optional<int64_t>();
  std::optional<int64_t> n = core::parse_int64(*text);
  if (!n || *n < min || *n > max) {
    return invalid_argument_error(
        fmt::format("{}: expected an integer from {} to {}; found \"{}\"", name, min, max, *text));
  }
  return n;
}

std::variant<int64_t, ApiError> id_param(const RequestContext& req, std::string_view what) {
  auto it = req.params.find("id");
  const std::string text = it == req.params.end() ? std::string() : it->second;
  std::optional<int64_t> n = core::parse_int64(text);
  if (!n || *n < 1) return not_found_error(fmt::format("no {} with id \"{}\"", what, text));
  return *n;
}

}  // namespace optima::server
