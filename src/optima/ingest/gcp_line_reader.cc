#include "optima/ingest/gcp_line_reader.h"

#include <fmt/format.h>

namespace optima::ingest {
namespace {
constexpr size_t kChunk = 1 << 20;
}  // namespace

GcpLineReader::GcpLineReader(std::unique_ptr<core::ByteSource> source)
    : source_(std::move(source)) {}

core::Result<std::unique_ptr<GcpLineReader>> GcpLineReader::open(
    const std::filesystem::path& path) {
  OPTIMA_ASSIGN_OR_RETURN(auto source, core::open_byte_source(path));
  return std::make_unique<GcpLineReader>(std::move(source));
}

core::Result<bool> GcpLineReader::next(std::string_view* line) {
  size_t scan_from = begin_;
  while (true) {
    const size_t newline = buffer_.find('\n', scan_from);
    if (newline != std::string::npos || (eof_ && begin_ < buffer_.size())) {
      const size_t end = newline != std::string::npos ? newline : buffer_.size();
      std::string_view text(buffer_.data() + begin_, end - begin_);
      begin_ = newline != std::string::npos ? newline + 1 : buffer_.size();
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      if (line_ == 0 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
      ++line_;
      *line = text;
      return true;
    }
    if (eof_) return false;
    if (buffer_.size() - begin_ > kMaxLineBytes) {
      return core::invalid_argument(
          fmt::format("line {} is longer than {} bytes", line_ + 1, kMaxLineBytes));
    }
    // Keep the partial line, read more after it.
    buffer_.erase(0, begin_);
    begin_ = 0;
    scan_from = buffer_.size();
    const size_t old_size = buffer_.size();
    buffer_.resize(old_size + kChunk);
    auto got = source_->read(buffer_.data() + old_size, kChunk);
    if (!got.is_ok()) {
      buffer_.resize(old_size);
      return got.status().with_context(fmt::format("reading line {}", line_ + 1));
    }
    buffer_.resize(old_size + *got);
    if (*got == 0) eof_ = true;
  }
}

}  // namespace optima::ingest
