// FileInfo: one file the generator wrote, as reported in GenerateSummary.
#pragma once

#include <cstdint>
#include <filesystem>

namespace optima::demo {

struct FileInfo {
  std::filesystem::path path;  // relative to the output directory
  uint64_t bytes = 0;          // on disk
  uint64_t rows = 0;           // data rows (0 for documents such as manifests)
};

}  // namespace optima::demo
