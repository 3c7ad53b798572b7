// Test helpers: where the shared real-world fixtures (../shared/data) and temp dirs are.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

namespace optima::testing {

// $OPTIMA_SHARED_DATA (set by ctest), else <source>/../shared/data.
inline std::filesystem::path shared_data_dir() {
  if (const char* env = std::getenv("OPTIMA_SHARED_DATA"); env != nullptr && *env != '\0') {  // NOLINT(concurrency-mt-unsafe)
    return env;
  }
  return std::filesystem::path(OPTIMA_SOURCE_DIR) / ".." / "shared" / "data";
}

inline std::filesystem::path shared_data(const std::string& relative) {
  return shared_data_dir() / relative;
}

// A fresh directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("optima-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace optima::testing
