#include "optima/cli/state_flags.h"

#include <chrono>

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/notify/state_database.h"

namespace optima::cli {

void add_data_option(CLI::App* cmd, GlobalOptions& global) {
  cmd->add_option("--data", global.data_dir, "Data directory (as --data-dir)");
}

core::Result<std::unique_ptr<store::SqliteDatabase>> open_state(const GlobalOptions& global) {
  return notify::open_state_database(data_dir_of(global));
}

core::Result<core::Timestamp> now_or(const std::string& as_of) {
  if (as_of.empty())
    return core::Timestamp{std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count()};
  auto t = core::timestamp_from_string(as_of);
  if (!t.is_ok())
    return core::invalid_argument("--as-of: " + t.status().message());
  return t;
}

core::Result<nlohmann::json> filters_from_flags(const std::vector<std::string>& flags) {
  nlohmann::json out = nlohmann::json::array();
  for (const std::string& flag : flags) {
    const size_t eq = flag.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == flag.size())
      return core::invalid_argument(fmt::format(
          "--filter: expected DIMENSION=VALUE[,VALUE…] or DIMENSION!=VALUE; found \"{}\"", flag));
    const bool negated = flag[eq - 1] == '!';
    const std::string dimension = flag.substr(0, negated ? eq - 1 : eq);
    nlohmann::json values = nlohmann::json::array();
    for (std::string_view v : core::split(std::string_view(flag).substr(eq + 1), ','))
      values.push_back(std::string(v));
    out.push_back(
        {{"dimension", dimension}, {"op", negated ? "not_in" : "in"}, {"values", values}});
  }
  return out;
}

void set_if_given(nlohmann::json* doc, const char* key, const std::string& value) {
  if (!value.empty())
    (*doc)[key] = value;
}

}  // namespace optima::cli
