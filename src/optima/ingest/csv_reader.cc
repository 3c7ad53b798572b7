#include "optima/ingest/csv_reader.h"

#include <cstring>

#include <fmt/format.h>

namespace optima::ingest {
namespace {

constexpr size_t kChunk = 1 << 20;

class StringSource final : public core::ByteSource {
 public:
  explicit StringSource(std::string data) : data_(std::move(data)) {}
  core::Result<size_t> read(char* buffer, size_t capacity) override {
    const size_t n = std::min(capacity, data_.size() - pos_);
    std::memcpy(buffer, data_.data() + pos_, n);
    pos_ += n;
    return n;
  }
  uint64_t bytes_consumed() const override { return pos_; }

 private:
  std::string data_;
  size_t pos_ = 0;
};

}  // namespace

CsvReader::CsvReader(std::unique_ptr<core::ByteSource> source, CsvOptions options)
    : source_(std::move(source)), options_(options) {}

std::unique_ptr<CsvReader> CsvReader::from_string(std::string data, CsvOptions options) {
  return std::make_unique<CsvReader>(std::make_unique<StringSource>(std::move(data)), options);
}

core::Result<std::unique_ptr<CsvReader>> CsvReader::open(const std::string& path, CsvOptions options) {
  OPTIMA_ASSIGN_OR_RETURN(auto source, core::open_byte_source(path));
  return std::make_unique<CsvReader>(std::move(source), options);
}

core::Result<bool> CsvReader::fill() {
  if (eof_) return false;
  // Keep the unconsumed tail (a partial record) at the front of the buffer.
  if (pos_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (buffer_.size() < end_ + kChunk) buffer_.resize(end_ + kChunk);
  OPTIMA_ASSIGN_OR_RETURN(size_t n, source_->read(buffer_.data() + end_, buffer_.size() - end_));
  if (n == 0) {
    eof_ = true;
    return false;
  }
  end_ += n;
  if (!bom_checked_ && end_ >= 3) {
    bom_checked_ = true;
    if (std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
  }
  return true;
}

core::Result<bool> CsvReader::next(std::vector<std::string_view>* fields) {
  fields->clear();
  spans_.clear();
  in_scratch_.clear();
  scratch_.clear();
  if (pos_ >= end_) {
    OPTIMA_ASSIGN_OR_RETURN(bool more, fill());
    if (!more) return false;
  }
  // Parse one record starting at pos_. If the buffer ends mid-record, refill (which moves the
  // record to offset 0) and restart the record from its beginning.
  while (true) {
    size_t i = pos_;
    uint64_t lines = 0;
    bool complete = false;
    spans_.clear();
    in_scratch_.clear();
    scratch_.clear();
    const char delim = options_.delimiter;
    const char* buf = buffer_.data();
    while (true) {
      // Start of a field.
      if (i < end_ && buf[i] == '"') {
        ++i;
        const size_t scratch_start = scratch_.size();
        bool closed = false;
        while (i < end_) {
          const char* q = static_cast<const char*>(std::memchr(buf + i, '"', end_ - i));
          const size_t stop = q ? static_cast<size_t>(q - buf) : end_;
          for (size_t k = i; k < stop; ++k) {
            if (buf[k] == '\n') ++lines;
          }
          scratch_.append(buf + i, stop - i);
          i = stop;
          if (q == nullptr) break;
          if (i + 1 < end_ && buf[i + 1] == '"') {
            scratch_.push_back('"');
            i += 2;
            continue;
          }
          if (i + 1 >= end_ && !eof_) break;  // need one more byte to decide
          ++i;
          closed = true;
          break;
        }
        if (!closed) {
          if (eof_) {
            return core::invalid_argument(
                fmt::format("line {}: quoted field is never closed", line_));
          }
          break;  // refill
        }
        if (scratch_.size() - scratch_start > options_.max_field_bytes) {
          return core::invalid_argument(fmt::format("line {}: field longer than {} bytes", line_,
                                                    options_.max_field_bytes));
        }
        // Bytes between the closing quote and the delimiter (malformed but common) are kept.
        size_t extra_start = i;
        while (i < end_ && buf[i] != delim && buf[i] != '\n' && buf[i] != '\r') ++i;
        scratch_.append(buf + extra_start, i - extra_start);
        spans_.emplace_back(scratch_start, scratch_.size() - scratch_start);
        in_scratch_.push_back(true);
      } else {
        const size_t start = i;
        while (i < end_ && buf[i] != delim && buf[i] != '\n' && buf[i] != '\r') ++i;
        if (i - start > options_.max_field_bytes) {
          return core::invalid_argument(fmt::format("line {}: field longer than {} bytes", line_,
                                                    options_.max_field_bytes));
        }
        spans_.emplace_back(start, i - start);
        in_scratch_.push_back(false);
      }
      if (i >= end_) {
        if (eof_) {
          complete = true;
          break;
        }
        break;  // refill
      }
      if (buf[i] == delim) {
        ++i;
        continue;
      }
      // End of line: \n, \r\n or a lone \r.
      if (buf[i] == '\r') {
        if (i + 1 >= end_ && !eof_) break;  // need to see whether \n follows
        ++i;
        if (i < end_ && buf[i] == '\n') ++i;
      } else {
        ++i;
      }
      ++lines;
      complete = true;
      break;
    }
    if (complete) {
      record_line_ = line_;
      line_ += lines;
      pos_ = i;
      ++records_;
      fields->reserve(spans_.size());
      for (size_t f = 0; f < spans_.size(); ++f) {
        const char* base = in_scratch_[f] ? scratch_.data() : buffer_.data();
        fields->emplace_back(base + spans_[f].first, spans_[f].second);
      }
      return true;
    }
    const size_t before = end_ - pos_;
    OPTIMA_ASSIGN_OR_RETURN(bool more, fill());
    if (!more && before == 0) return false;
    if (!more) eof_ = true;
    if (end_ - pos_ > options_.max_field_bytes * 4 + kChunk * 64) {
      return core::invalid_argument(fmt::format("line {}: record too large", line_));
    }
  }
}

}  // namespace optima::ingest
