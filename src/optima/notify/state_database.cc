#include "optima/notify/state_database.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace optima::notify {

core::Result<std::unique_ptr<store::SqliteDatabase>> open_state_database(
    const std::filesystem::path& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec)
    return core::io_error(fmt::format("{}: cannot create directory: {}", data_dir.string(), ec.message()));
  const std::filesystem::path path = data_dir / "state.db";
  // Create the file owner-only before SQLite opens it (SQLite would use the umask).
  const int fd = ::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return core::io_error(fmt::format("{}: {}", path.string(), std::strerror(errno)));
  ::close(fd);
  OPTIMA_ASSIGN_OR_RETURN(auto db, store::SqliteDatabase::open(path, 10000));
  OPTIMA_RETURN_IF_ERROR(db->exec("PRAGMA journal_mode = WAL"));
  OPTIMA_RETURN_IF_ERROR(db->exec("PRAGMA synchronous = FULL"));
  return db;
}

}  // namespace optima::notify
