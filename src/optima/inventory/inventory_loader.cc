#include "optima/inventory/inventory_loader.h"

#include <algorithm>
#include <map>
#include <system_error>

#include <fmt/format.h>

#include "optima/core/file_io.h"
#include "optima/core/strings.h"
#include "optima/inventory/registry.h"

namespace optima::inventory {
namespace {

constexpr size_t kDetectBytes = 4096;

core::Status collect_files(const std::filesystem::path& path, std::vector<std::filesystem::path>* out) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    return core::not_found(fmt::format("{}: no such file or directory", path.string()));
  }
  if (!std::filesystem::is_directory(status)) {
    out->push_back(path);
    return core::Status::ok();
  }
  std::filesystem::recursive_directory_iterator it(path, ec);
  if (ec) return core::io_error(fmt::format("{}: {}", path.string(), ec.message()));
  for (const auto end = std::filesystem::recursive_directory_iterator(); it != end; it.increment(ec)) {
    if (ec) return core::io_error(fmt::format("{}: {}", path.string(), ec.message()));
    if (it->is_regular_file(ec)) out->push_back(it->path());
  }
  return core::Status::ok();
}

}  // namespace

core::Status load_inventory(const std::vector<std::filesystem::path>& paths, InventorySink* sink) {
  std::vector<std::filesystem::path> files;
  for (const auto& path : paths) OPTIMA_RETURN_IF_ERROR(collect_files(path, &files));
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());

  // (folder, reader index) -> files, in name order.
  std::map<std::pair<std::filesystem::path, size_t>, std::vector<std::filesystem::path>> groups;
  const auto& readers = all_inventory_readers();
  for (const auto& file : files) {
    OPTIMA_ASSIGN_OR_RETURN(std::string prefix, core::read_prefix_decompressed(file, kDetectBytes));
    size_t chosen = readers.size();
    for (size_t i = 0; i < readers.size(); ++i) {
      if (readers[i]->detect(file, prefix)) {
        chosen = i;
        break;
      }
    }
    if (chosen == readers.size()) {
      sink->skip(file.string(), "no inventory reader recognises this file");
      continue;
    }
    groups[{file.parent_path(), chosen}].push_back(file);
  }
  if (groups.empty()) {
    std::vector<std::string> names;
    for (const auto& path : paths) names.push_back(path.string());
    return core::invalid_argument(
        fmt::format("{}: no inventory or utilization file recognised", core::join(names, ", ")));
  }
  for (const auto& [key, group] : groups) {
    OPTIMA_RETURN_IF_ERROR(readers[key.second]->read(group, sink));
  }
  return core::Status::ok();
}

}  // namespace optima::inventory
