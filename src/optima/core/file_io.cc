#include "optima/core/file_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include <fmt/format.h>
#include <zlib.h>

#include "optima/core/sha256.h"

namespace optima::core {
namespace {

std::string errno_text() { return std::strerror(errno); }

class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  ~FdCloser() {
    if (fd_ >= 0) ::close(fd_);
  }
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

class PlainSource final : public ByteSource {
 public:
  explicit PlainSource(int fd) : fd_(fd) {}
  ~PlainSource() override { ::close(fd_); }
  PlainSource(const PlainSource&) = delete;
  PlainSource& operator=(const PlainSource&) = delete;

  Result<size_t> read(char* buffer, size_t capacity) override {
    while (true) {
      const ssize_t n = ::read(fd_, buffer, capacity);
      if (n >= 0) {
        consumed_ += static_cast<uint64_t>(n);
        return static_cast<size_t>(n);
      }
      if (errno != EINTR) return io_error("read failed: " + errno_text());
    }
  }
  uint64_t bytes_consumed() const override { return consumed_; }

 private:
  int fd_;
  uint64_t consumed_ = 0;
};

// Streams gzip (including concatenated members, as AWS writes) through zlib's inflate.
class GzipSource final : public ByteSource {
 public:
  explicit GzipSource(int fd) : fd_(fd), in_(1 << 20) {
    std::memset(&stream_, 0, sizeof(stream_));
  }
  ~GzipSource() override {
    if (initialized_) inflateEnd(&stream_);
    ::close(fd_);
  }
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  Status init() {
    if (inflateInit2(&stream_, 15 + 32) != Z_OK) return internal_error("inflateInit2 failed");
    initialized_ = true;
    return Status::ok();
  }

  Result<size_t> read(char* buffer, size_t capacity) override {
    stream_.next_out = reinterpret_cast<Bytef*>(buffer);
    stream_.avail_out = static_cast<uInt>(std::min<size_t>(capacity, 1u << 30));
    while (stream_.avail_out > 0 && !done_) {
      if (stream_.avail_in == 0) {
        const ssize_t n = ::read(fd_, in_.data(), in_.size());
        if (n < 0) {
          if (errno == EINTR) continue;
          return io_error("read failed: " + errno_text());
        }
        if (n == 0) {
          if (!at_member_end_) return invalid_argument("gzip stream is truncated");
          done_ = true;
          break;
        }
        consumed_ += static_cast<uint64_t>(n);
        stream_.next_in = reinterpret_cast<Bytef*>(in_.data());
        stream_.avail_in = static_cast<uInt>(n);
      }
      const int rc = inflate(&stream_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        at_member_end_ = true;
        if (inflateReset(&stream_) != Z_OK) return internal_error("inflateReset failed");
        continue;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return invalid_argument(fmt::format("gzip data is corrupt ({})",
                                            stream_.msg ? stream_.msg : "inflate error"));
      }
      at_member_end_ = false;
      if (rc == Z_BUF_ERROR && stream_.avail_in != 0) {
        return invalid_argument("gzip data is corrupt");
      }
    }
    return capacity - stream_.avail_out;
  }
  uint64_t bytes_consumed() const override { return consumed_; }

 private:
  int fd_;
  std::vector<char> in_;
  z_stream stream_;
  bool initialized_ = false;
  bool done_ = false;
  bool at_member_end_ = false;
  uint64_t consumed_ = 0;
};

}  // namespace

Result<std::string> read_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error(fmt::format("cannot open {}: {}", path.string(), errno_text()));
  FdCloser closer(fd);
  std::string out;
  char buf[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof(buf));
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error(fmt::format("cannot read {}: {}", path.string(), errno_text()));
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

Status fsync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return io_error(fmt::format("cannot open directory {}: {}", dir.string(), errno_text()));
  FdCloser closer(fd);
  if (::fsync(fd) != 0) return io_error(fmt::format("fsync {}: {}", dir.string(), errno_text()));
  return Status::ok();
}

Status write_file_atomic(const std::filesystem::path& path, std::string_view content) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  const std::filesystem::path tmp =
      dir / fmt::format(".{}.tmp.{}", path.filename().string(), ::getpid());
  {
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return io_error(fmt::format("cannot create {}: {}", tmp.string(), errno_text()));
    FdCloser closer(fd);
    size_t done = 0;
    while (done < content.size()) {
      const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        return io_error(fmt::format("cannot write {}: {}", tmp.string(), errno_text()));
      }
      done += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) return io_error(fmt::format("fsync {}: {}", tmp.string(), errno_text()));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    return io_error(fmt::format("cannot rename {} to {}: {}", tmp.string(), path.string(), errno_text()));
  }
  return fsync_directory(dir);
}

bool is_gzip_path(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".gz" || ext == ".GZ";
}

Result<std::unique_ptr<ByteSource>> open_byte_source(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error(fmt::format("cannot open {}: {}", path.string(), errno_text()));
  unsigned char magic[2] = {0, 0};
  const ssize_t n = ::pread(fd, magic, 2, 0);
  if (n == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
    auto source = std::make_unique<GzipSource>(fd);
    OPTIMA_RETURN_IF_ERROR(source->init());
    return std::unique_ptr<ByteSource>(std::move(source));
  }
  return std::unique_ptr<ByteSource>(std::make_unique<PlainSource>(fd));
}

Result<std::string> read_prefix_decompressed(const std::filesystem::path& path, size_t max_bytes) {
  OPTIMA_ASSIGN_OR_RETURN(auto source, open_byte_source(path));
  std::string out(max_bytes, '\0');
  size_t filled = 0;
  while (filled < max_bytes) {
    OPTIMA_ASSIGN_OR_RETURN(size_t n, source->read(out.data() + filled, max_bytes - filled));
    if (n == 0) break;
    filled += n;
  }
  out.resize(filled);
  return out;
}

Result<std::string> read_all_decompressed(const std::filesystem::path& path) {
  OPTIMA_ASSIGN_OR_RETURN(auto source, open_byte_source(path));
  std::string out;
  std::vector<char> buf(1 << 20);
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(size_t n, source->read(buf.data(), buf.size()));
    if (n == 0) break;
    out.append(buf.data(), n);
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  Sha256 hasher;
  hasher.update(data);
  return to_hex(hasher.finish());
}

Result<std::string> sha256_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error(fmt::format("cannot open {}: {}", path.string(), errno_text()));
  FdCloser closer(fd);
  Sha256 hasher;
  std::vector<char> buf(1 << 20);
  while (true) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error(fmt::format("cannot read {}: {}", path.string(), errno_text()));
    }
    if (n == 0) break;
    hasher.update(std::string_view(buf.data(), static_cast<size_t>(n)));
  }
  return to_hex(hasher.finish());
}

}  // namespace optima::core
