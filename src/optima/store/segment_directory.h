// SegmentDirectory: the <data dir>/segments folder, where segment files are born, committed
// and swept.
//
// Lifecycle of a file: create_temp() makes "tmp-<random>.tmp" and holds an exclusive flock on
// it while it is written and until its commit finishes; the commit renames it to
// "p<partition id>-v<version>.seg" inside the catalog transaction. A file nobody holds a lock on
// is an orphan when it is a .tmp (a crashed writer) or a .seg no current partition version
// names (a crash between rename and COMMIT, or a superseded version not yet deleted); sweep()
// removes those. Locks are taken before the catalog is read, so a sweep never deletes a file
// another process is committing. Thread-safe (no state beyond the path).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <set>
#include <string>

#include "optima/core/status.h"
#include "optima/store/unique_fd.h"

namespace optima::store {

// A file open for writing and exclusively flocked.
struct LockedFile {
  UniqueFd fd;
  std::filesystem::path path;
};

class SegmentDirectory {
 public:
  explicit SegmentDirectory(std::filesystem::path dir) : dir_(std::move(dir)) {}

  const std::filesystem::path& path() const { return dir_; }
  std::filesystem::path path_of(const std::string& file_name) const { return dir_ / file_name; }
  static std::string committed_name(int64_t partition_id, int64_t version);

  // Creates the folder if needed. Errors: IoError.
  core::Status create() const;
  // A new, empty, locked temp file. Errors: IoError.
  core::Result<LockedFile> create_temp() const;
  // Deletes unlocked orphans (see above); current_files is called once all candidates are
  // locked and returns the segment files current versions name. Returns how many files it
  // deleted. Errors: IoError, or current_files' error.
  core::Result<size_t> sweep(
      const std::function<core::Result<std::set<std::string>>()>& current_files) const;

 private:
  std::filesystem::path dir_;
};

}  // namespace optima::store
