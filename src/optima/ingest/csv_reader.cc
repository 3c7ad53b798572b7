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
    : source_(std::move(source)), options_(options), parser_(options) {}

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
  // A loop, not an if: the first fill may be all BOM, which leaves nothing to parse.
  while (pos_ >= end_) {
    OPTIMA_ASSIGN_OR_RETURN(bool more, fill());
    if (!more) return false;
  }
  // If the buffer ends mid-record, refill (which moves the record to offset 0) and parse the
  // record again from its beginning.
  while (true) {
    size_t pos = pos_;
    uint64_t lines = 0;
    switch (parser_.parse(std::string_view(buffer_.data(), end_), &pos, eof_, fields, &lines)) {
      case CsvRecordParser::Outcome::kRecord:
        record_line_ = line_;
        line_ += lines;
        pos_ = pos;
        ++records_;
        return true;
      case CsvRecordParser::Outcome::kUnclosedQuote:
        return core::invalid_argument(fmt::format("line {}: quoted field is never closed", line_));
      case CsvRecordParser::Outcome::kFieldTooLong:
        return core::invalid_argument(
            fmt::format("line {}: field longer than {} bytes", line_, options_.max_field_bytes));
      case CsvRecordParser::Outcome::kIncomplete:
        break;
    }
    OPTIMA_ASSIGN_OR_RETURN(bool more, fill());
    if (!more) eof_ = true;
    if (end_ - pos_ > options_.max_field_bytes * 4 + kChunk * 64) {
      return core::invalid_argument(fmt::format("line {}: record too large", line_));
    }
  }
}

}  // namespace optima::ingest
