// The default web root.
#include "optima/server/server_options.h"

#include <system_error>

namespace optima::server {

std::filesystem::path default_web_root() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path() / ".." / "share" / "cloudoptima" / "web";
    if (std::filesystem::is_directory(installed, ec)) return installed.lexically_normal();
  }
  return std::filesystem::path(OPTIMA_SOURCE_DIR) / "web" / "dist";
}

}  // namespace optima::server
