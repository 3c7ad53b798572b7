// Route matching: segment by segment, "{name}" matches one non-empty segment.
#include "optima/server/route_table.h"

#include "optima/core/strings.h"

namespace optima::server {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  for (std::string_view part : core::split(path, '/')) {
    if (!part.empty()) out.emplace_back(part);
  }
  return out;
}

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void RouteTable::add(Route route) {
  segments_.push_back(split_path(route.pattern));
  routes_.push_back(std::move(route));
}

RouteMatch RouteTable::match(boost::beast::http::verb method, std::string_view path) const {
  RouteMatch result;
  const std::vector<std::string> parts = split_path(path);
  for (size_t i = 0; i < routes_.size(); ++i) {
    const std::vector<std::string>& pattern = segments_[i];
    if (pattern.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t s = 0; s < parts.size() && ok; ++s) {
      if (is_param(pattern[s])) {
        params[pattern[s].substr(1, pattern[s].size() - 2)] = parts[s];
      } else {
        ok = pattern[s] == parts[s];
      }
    }
    if (!ok) continue;
    if (routes_[i].method == method) {
      result.route = &routes_[i];
      result.params = std::move(params);
      return result;
    }
    result.allowed.emplace_back(boost::beast::http::to_string(routes_[i].method));
  }
  return result;
}

}  // namespace optima::server
