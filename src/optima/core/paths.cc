#include "optima/core/paths.h"

#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace optima::core {
namespace {
std::filesystem::path executable_dir() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : exe.parent_path();
}
}  // namespace

Result<std::filesystem::path> find_data_file(std::string_view relative) {
  std::vector<std::filesystem::path> roots;
  if (const char* env = std::getenv("OPTIMA_DATA_ROOT"); env != nullptr && *env != '\0') {  // NOLINT(concurrency-mt-unsafe)
    roots.emplace_back(env);
  }
  const auto exe_dir = executable_dir();
  if (!exe_dir.empty()) roots.push_back(exe_dir / ".." / "share" / "cloudoptima" / "data");
#ifdef OPTIMA_SOURCE_DIR
  roots.push_back(std::filesystem::path(OPTIMA_SOURCE_DIR) / "data");
#endif
  std::string tried;
  for (const auto& root : roots) {
    const auto candidate = root / relative;
    std::error_code ec;
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    if (!tried.empty()) tried += ", ";
    tried += candidate.string();
  }
  return not_found(fmt::format("data file {} not found (tried {})", relative, tried));
}

std::filesystem::path default_user_data_dir() {
  // NOLINTBEGIN(concurrency-mt-unsafe): read once at startup.
  if (const char* env = std::getenv("CLOUDOPTIMA_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::filesystem::path(xdg) / "cloudoptima";
  }
  const char* home = std::getenv("HOME");
  // NOLINTEND(concurrency-mt-unsafe)
  return std::filesystem::path(home != nullptr ? home : ".") / ".local" / "share" / "cloudoptima";
}

}  // namespace optima::core
