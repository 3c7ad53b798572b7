// ApiDispatcher: from a parsed request to a response, around the route table.
//
//   admit()   on the I/O thread once the header is read: decode the target, match a route (or
//             the static UI), authenticate (Bearer API token or session cookie), check the
//             route's minimum role (401 / 403) and, for cookie sessions changing state, the CSRF
//             header (403). Cheap: a SHA-256 and one indexed SQLite read.
//   handle()  on a worker thread, with the body read: runs the handler (exceptions stop here).
//   record()  when the response is sent: metrics and the JSON log line on stderr.
// Thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "optima/server/route_table.h"
#include "optima/server/server_context.h"

namespace optima::server {

struct Admission {
  const Route* route = nullptr;        // nullptr: static files (or rejected)
  std::optional<ApiResponse> reject;   // set: answer this without reading further
  std::string route_label;             // the route pattern, "static" or "unmatched"
};

class ApiDispatcher {
 public:
  ApiDispatcher(ServerContext& context, RouteTable table);

  // Fills request.path, query, params and identity from `target`.
  Admission admit(std::string_view target, RequestContext& request) const;
  // Runs the admitted route (or serves a static file when route is nullptr).
  ApiResponse handle(const Route* route, RequestContext& request) const;
  // The error body with the request's trace id, when the response is an error.
  static void render_error(ApiResponse& response, std::string_view request_id);
  void record(const RequestContext& request, std::string_view route_label, unsigned status,
              uint64_t bytes, std::chrono::steady_clock::duration elapsed) const;

  const RouteTable& routes() const { return table_; }
  ServerContext& context() const { return context_; }

 private:
  std::optional<ApiResponse> authenticate(const Route& route, RequestContext& request) const;

  ServerContext& context_;
  RouteTable table_;
};

// Percent-decodes `text` ('+' stays '+'); nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view text);

}  // namespace optima::server
