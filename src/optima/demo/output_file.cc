#include "optima/demo/output_file.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

namespace optima::demo {
namespace {

constexpr size_t kBufferBytes = size_t{1} << 20;

std::string errno_text() { return std::strerror(errno); }  // NOLINT(concurrency-mt-unsafe)

}  // namespace

struct OutputFile::Deflater {
  z_stream stream{};
  bool initialized = false;
  ~Deflater() {
    if (initialized) deflateEnd(&stream);
  }
};

core::Result<std::unique_ptr<OutputFile>> OutputFile::create(const std::filesystem::path& path,
                                                            Compression compression) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) {
    return core::io_error(fmt::format("cannot create directory {}: {}",
                                      path.parent_path().string(), ec.message()));
  }
  std::unique_ptr<Deflater> deflater;
  if (compression == Compression::kGzip) {
    deflater = std::make_unique<Deflater>();
    // windowBits 15 + 16 selects the gzip wrapper; zlib writes mtime 0 and no name.
    if (deflateInit2(&deflater->stream, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
      return core::internal_error("deflateInit2 failed");
    }
    deflater->initialized = true;
  }
  const std::filesystem::path partial = path.string() + ".partial";
  const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    return core::io_error(fmt::format("cannot create {}: {}", partial.string(), errno_text()));
  }
  return std::unique_ptr<OutputFile>(new OutputFile(path, fd, std::move(deflater)));
}

OutputFile::OutputFile(std::filesystem::path path, int fd, std::unique_ptr<Deflater> deflater)
    : path_(std::move(path)),
      partial_path_(path_.string() + ".partial"),
      fd_(fd),
      deflater_(std::move(deflater)) {
  buffer_.reserve(kBufferBytes);
}

OutputFile::~OutputFile() {
  if (fd_ >= 0) {
    ::close(fd_);
    std::error_code ec;
    std::filesystem::remove(partial_path_, ec);
  }
}

core::Status OutputFile::write(std::string_view data) {
  if (closed_) return core::failed_precondition("write after close: " + path_.string());
  uncompressed_bytes_ += data.size();
  if (buffer_.size() + data.size() > kBufferBytes) {
    OPTIMA_RETURN_IF_ERROR(flush_buffer(false));
    if (data.size() > kBufferBytes) {
      buffer_.assign(data);
      return flush_buffer(false);
    }
  }
  buffer_.append(data);
  return core::Status::ok();
}

core::Status OutputFile::write_raw(const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd_, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return core::io_error(fmt::format("cannot write {}: {}", partial_path_.string(),
                                        errno_text()));
    }
    data += n;
    size -= static_cast<size_t>(n);
    file_bytes_ += static_cast<uint64_t>(n);
  }
  return core::Status::ok();
}

core::Status OutputFile::flush_buffer(bool finish) {
  if (!deflater_) {
    OPTIMA_RETURN_IF_ERROR(write_raw(buffer_.data(), buffer_.size()));
    buffer_.clear();
    return core::Status::ok();
  }
  z_stream& zs = deflater_->stream;
  zs.next_in = reinterpret_cast<Bytef*>(buffer_.data());
  zs.avail_in = static_cast<uInt>(buffer_.size());
  compressed_.resize(kBufferBytes / 2);
  const int flush = finish ? Z_FINISH : Z_NO_FLUSH;
  int rc = Z_OK;
  do {
    zs.next_out = reinterpret_cast<Bytef*>(compressed_.data());
    zs.avail_out = static_cast<uInt>(compressed_.size());
    rc = deflate(&zs, flush);
    if (rc == Z_STREAM_ERROR) return core::internal_error("deflate failed");
    const size_t produced = compressed_.size() - zs.avail_out;
    OPTIMA_RETURN_IF_ERROR(write_raw(compressed_.data(), produced));
  } while (zs.avail_out == 0 || (finish && rc != Z_STREAM_END));
  buffer_.clear();
  return core::Status::ok();
}

core::Status OutputFile::close() {
  if (closed_) return core::Status::ok();
  OPTIMA_RETURN_IF_ERROR(flush_buffer(true));
  closed_ = true;
  if (::close(fd_) != 0) {
    fd_ = -1;
    return core::io_error(fmt::format("cannot close {}: {}", partial_path_.string(),
                                      errno_text()));
  }
  fd_ = -1;
  std::error_code ec;
  std::filesystem::rename(partial_path_, path_, ec);
  if (ec) {
    return core::io_error(fmt::format("cannot rename {} to {}: {}", partial_path_.string(),
                                      path_.string(), ec.message()));
  }
  return core::Status::ok();
}

core::Status write_whole_file(const std::filesystem::path& path, std::string_view content,
                              Compression compression) {
  OPTIMA_ASSIGN_OR_RETURN(auto file, OutputFile::create(path, compression));
  OPTIMA_RETURN_IF_ERROR(file->write(content));
  return file->close();
}

}  // namespace optima::demo
