#include "optima/store/segment_directory.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>

#include <cerrno>
#include <random>
#include <vector>

#include <fmt/format.h>

#include "optima/store/errno_message.h"

namespace optima::store {
namespace {

constexpr std::string_view kTempSuffix = ".tmp";
constexpr std::string_view kSegmentSuffix = ".seg";

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string errno_text() { return errno_message(errno); }

int flock_retrying(int fd, int operation) {
  while (true) {
    const int rc = ::flock(fd, operation);
    if (rc == 0 || errno != EINTR) return rc;
  }
}

}  // namespace

std::string SegmentDirectory::committed_name(int64_t partition_id, int64_t version) {
  return fmt::format("p{}-v{}{}", partition_id, version, kSegmentSuffix);
}

core::Status SegmentDirectory::create() const {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return core::io_error(fmt::format("cannot create {}: {}", dir_.string(), ec.message()));
  return core::Status::ok();
}

core::Result<LockedFile> SegmentDirectory::create_temp() const {
  thread_local std::mt19937_64 random(std::random_device{}());
  for (int attempt = 0; attempt < 16; ++attempt) {
    const std::filesystem::path path =
        dir_ / fmt::format("tmp-{:016x}{}", random(), kTempSuffix);
    UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (!fd.valid()) {
      if (errno == EEXIST) continue;
      return core::io_error(fmt::format("cannot create {}: {}", path.string(), errno_text()));
    }
    if (flock_retrying(fd.get(), LOCK_EX) != 0) {
      return core::io_error(fmt::format("cannot lock {}: {}", path.string(), errno_text()));
    }
    // A sweep in another process may have locked and deleted the file between open and flock;
    // it is then nameless (no links) and we start over.
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
      return core::io_error(fmt::format("cannot stat {}: {}", path.string(), errno_text()));
    }
    if (st.st_nlink == 0) continue;
    return LockedFile{std::move(fd), path};
  }
  return core::io_error(fmt::format("cannot create a temp segment in {}", dir_.string()));
}

core::Result<size_t> SegmentDirectory::sweep(
    const std::function<core::Result<std::set<std::string>>()>& current_files) const {
  struct Candidate {
    std::string name;
    UniqueFd fd;
  };
  std::vector<Candidate> candidates;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator(dir_, ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!ends_with(name, kTempSuffix) && !ends_with(name, kSegmentSuffix)) continue;
    UniqueFd fd(::open(it->path().c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) continue;  // gone already
    if (flock_retrying(fd.get(), LOCK_EX | LOCK_NB) != 0) continue;  // a live writer holds it
    candidates.push_back({name, std::move(fd)});
  }
  if (ec) return core::io_error(fmt::format("cannot list {}: {}", dir_.string(), ec.message()));
  if (candidates.empty()) return size_t{0};
  // Read only now: a writer releases its lock after its commit, so whatever we hold a lock on
  // is either committed (and visible here) or abandoned.
  OPTIMA_ASSIGN_OR_RETURN(const std::set<std::string> keep, current_files());
  size_t deleted = 0;
  for (const Candidate& candidate : candidates) {
    if (ends_with(candidate.name, kSegmentSuffix) && keep.count(candidate.name) != 0) continue;
    if (::unlink(path_of(candidate.name).c_str()) == 0) ++deleted;
  }
  return deleted;
}

}  // namespace optima::store
