// RequestContext: one API request as a route handler sees it, and the caller's Identity.
// Built by the HTTP session from the parsed request; thread-compatible (one handler at a time).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/verb.hpp>

#include "optima/server/role.h"

namespace optima::server {

enum class AuthMethod { kNone, kSession, kToken, kNoAuth };

// Who is calling. username empty and role kPublic when nobody is signed in.
struct Identity {
  std::string username;
  Role role = Role::kPublic;
  AuthMethod method = AuthMethod::kNone;
  std::string session_hash;  // kSession: SHA-256 hex of the session id
  std::string csrf_token;    // kSession: the session's CSRF token
  int64_t token_id = 0;      // kToken
};

struct RequestContext {
  std::string request_id;
  boost::beast::http::verb method = boost::beast::http::verb::get;
  std::string path;                           // percent-decoded, without the query
  std::map<std::string, std::string> query;   // decoded query parameters
  std::map<std::string, std::string> params;  // path parameters of the matched route
  boost::beast::http::fields headers;
  std::string body;                  // JSON routes
  std::filesystem::path body_file;   // file routes (uploads): the streamed body
  Identity identity;
  std::string remote_address;
  bool tls = false;

  // The query parameter, or nullopt.
  std::optional<std::string> query_param(std::string_view name) const {
    auto it = query.find(std::string(name));
    if (it == query.end()) return std::nullopt;
    return it->second;
  }
  std::string header(std::string_view name) const {
    auto it = headers.find(boost::beast::string_view(name.data(), name.size()));
    if (it == headers.end()) return {};
    return std::string(it->value());
  }
};

}  // namespace optima::server
