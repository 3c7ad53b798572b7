#include "optima/ingest/focus_csv_reader.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <future>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "optima/core/file_io.h"
#include "optima/core/strings.h"
#include "optima/core/thread_pool.h"
#include "optima/ingest/csv_record_parser.h"
#include "optima/ingest/focus_chunk_parser.h"
#include "optima/ingest/focus_column_map.h"

namespace optima::ingest {
namespace {

constexpr size_t kMiB = size_t{1} << 20;
constexpr size_t kFirstRead = kMiB;            // header and row-size probe
constexpr size_t kMaxHeaderBytes = 64 * kMiB;  // a longer header is not a billing export
constexpr size_t kMinChunk = kMiB;
constexpr size_t kMaxChunk = 64 * kMiB;
constexpr size_t kMaxRecordBytes = 1024 * kMiB;  // one record that large is an error

// Reads one file: header, then chunks converted in parallel and merged in file order.
// Not thread-safe; one per read of a file.
class FileRead {
 public:
  // *bad_rows counts bad rows across the files of one read (max_bad_rows is per read).
  FileRead(const std::filesystem::path& path, const ReadOptions& options,
           const FocusCsvReaderOptions& reader_options, TableSink& sink, ReadReport* report,
           uint64_t* bad_rows)
      : file_(path.string()),
        path_(path),
        options_(options),
        reader_options_(reader_options),
        sink_(sink),
        report_(report),
        bad_rows_(bad_rows) {}

  core::Status run();

 private:
  // Appends up to `want` bytes from the source to *buffer; sets eof_ at the end of input.
  core::Status read_more(std::string* buffer, size_t want);
  core::Status read_header(std::string* buffer, size_t* data_start);
  size_t initial_chunk_bytes(std::string_view sample);
  // Rows a chunk of `chunk_size` bytes likely holds (a little over the estimate).
  size_t expected_rows(size_t chunk_size) const;
  std::string take_buffer();
  // Converts a chunk inline or on the pool; merges finished chunks to bound memory.
  core::Status dispatch(std::string data);
  core::Status merge_oldest();
  core::Status merge(FocusChunk& chunk);

  struct Work {
    std::string data;
    FocusChunk result;
  };
  struct Pending {
    std::shared_ptr<Work> work;
    std::future<core::Status> done;
  };

  const std::string file_;
  const std::filesystem::path path_;
  const ReadOptions& options_;
  const FocusCsvReaderOptions& reader_options_;
  TableSink& sink_;
  ReadReport* report_;
  uint64_t* bad_rows_;
  std::unique_ptr<core::ByteSource> source_;
  bool eof_ = false;
  FocusColumnMap map_;
  size_t threads_ = 1;
  size_t bytes_per_row_ = 1;
  uint64_t rows_before_ = 0;  // data rows in merged chunks
  uint64_t line_base_ = 1;    // physical line where the next merged chunk starts
  LenientReadings lenient_;
  std::vector<std::string> spare_;  // chunk buffers to reuse
  std::deque<Pending> in_flight_;
  // Declared last so it is destroyed first: its destructor finishes queued chunks, which use
  // map_ and options_, before anything else goes away (an early error return leaves some).
  std::unique_ptr<core::ThreadPool> pool_;
};

core::Status FileRead::read_more(std::string* buffer, size_t want) {
  const size_t old = buffer->size();
  buffer->resize(old + want);
  size_t got = 0;
  while (got < want) {
    auto n = source_->read(buffer->data() + old + got, want - got);
    if (!n.is_ok()) {
      buffer->resize(old + got);
      return n.status().with_context(file_);
    }
    if (*n == 0) {
      eof_ = true;
      break;
    }
    got += *n;
  }
  buffer->resize(old + got);
  return core::Status::ok();
}

core::Status FileRead::read_header(std::string* buffer, size_t* data_start) {
  OPTIMA_RETURN_IF_ERROR(read_more(buffer, kFirstRead));
  size_t pos = 0;
  while (buffer->size() < 3 && !eof_) OPTIMA_RETURN_IF_ERROR(read_more(buffer, kFirstRead));
  if (buffer->compare(0, 3, "\xEF\xBB\xBF") == 0) pos = 3;
  if (pos >= buffer->size()) {
    return core::invalid_argument(fmt::format("{}: the file is empty (no header)", file_));
  }
  CsvRecordParser parser;
  std::vector<std::string_view> header;
  uint64_t lines = 0;
  while (true) {
    size_t next = pos;
    const auto outcome = parser.parse(*buffer, &next, eof_, &header, &lines);
    if (outcome == CsvRecordParser::Outcome::kRecord) {
      pos = next;
      break;
    }
    if (outcome == CsvRecordParser::Outcome::kUnclosedQuote) {
      return core::invalid_argument(
          fmt::format("{} line 1: a quoted field of the header is never closed", file_));
    }
    if (outcome == CsvRecordParser::Outcome::kFieldTooLong || buffer->size() > kMaxHeaderBytes) {
      return core::invalid_argument(fmt::format("{}: the header is too long", file_));
    }
    OPTIMA_RETURN_IF_ERROR(read_more(buffer, kFirstRead));
  }
  map_ = FocusColumnMap::from_header(header);
  if (map_.focus_column_count() == 0) {
    std::vector<std::string> names;
    for (size_t i = 0; i < header.size() && i < 8; ++i) names.emplace_back(header[i]);
    return core::invalid_argument(fmt::format(
        "{}: not a FOCUS file: no header column is a FOCUS column (header starts with: {})", file_,
        core::join(names, ", ")));
  }
  for (const std::string& warning : map_.warnings()) {
    report_->warnings.push_back(fmt::format("{}: {}", file_, warning));
  }
  line_base_ = 1 + lines;
  *data_start = pos;
  return core::Status::ok();
}

// Sized so a chunk holds about batch_rows rows (a little under, so one chunk makes one table),
// estimated from the line length of the first bytes (also kept for sizing tables).
size_t FileRead::initial_chunk_bytes(std::string_view sample) {
  const auto lines = static_cast<size_t>(std::count(sample.begin(), sample.end(), '\n'));
  bytes_per_row_ = lines == 0 ? sample.size() + 1 : std::max<size_t>(1, sample.size() / lines);
  if (reader_options_.chunk_bytes > 0) return reader_options_.chunk_bytes;
  if (lines == 0) return 16 * kMiB;
  const size_t rows = std::max<size_t>(1, options_.batch_rows / 10 * 9);
  return std::clamp(bytes_per_row_ * rows, kMinChunk, kMaxChunk);
}

size_t FileRead::expected_rows(size_t chunk_size) const {
  return chunk_size / bytes_per_row_ + chunk_size / bytes_per_row_ / 8 + 16;
}

std::string FileRead::take_buffer() {
  if (spare_.empty()) return std::string();
  std::string buffer = std::move(spare_.back());
  spare_.pop_back();
  buffer.clear();
  return buffer;
}

core::Status FileRead::run() {
  auto source = core::open_byte_source(path_);
  if (!source.is_ok()) return source.status().with_context(file_);
  source_ = std::move(source).value();

  std::string pending;
  size_t data_start = 0;
  OPTIMA_RETURN_IF_ERROR(read_header(&pending, &data_start));
  pending.erase(0, data_start);

  size_t chunk_bytes = initial_chunk_bytes(pending);
  threads_ = reader_options_.threads > 0 ? reader_options_.threads
                                         : std::max(1u, std::thread::hardware_concurrency());
  while (true) {
    if (!eof_ && pending.size() < chunk_bytes) {
      OPTIMA_RETURN_IF_ERROR(read_more(&pending, chunk_bytes - pending.size()));
    }
    if (pending.empty()) break;
    const size_t cut = eof_ ? pending.size() : last_record_end(pending, ',');
    if (cut == 0) {
      // One record is longer than the chunk: read more before cutting.
      if (pending.size() >= kMaxRecordBytes) {
        return core::invalid_argument(fmt::format("{} line {}: a record longer than {} MiB", file_,
                                                  line_base_, kMaxRecordBytes / kMiB));
      }
      chunk_bytes = pending.size() * 2;
      continue;
    }
    std::string rest = take_buffer();
    rest.assign(pending, cut, std::string::npos);
    pending.resize(cut);
    OPTIMA_RETURN_IF_ERROR(dispatch(std::move(pending)));
    pending = std::move(rest);
    if (eof_ && pending.empty()) break;
  }
  while (!in_flight_.empty()) OPTIMA_RETURN_IF_ERROR(merge_oldest());
  std::vector<std::string> notes;
  lenient_.append_warnings(&notes);
  for (const std::string& note : notes)
    report_->warnings.push_back(fmt::format("{}: {}", file_, note));
  return core::Status::ok();
}

core::Status FileRead::dispatch(std::string data) {
  auto work = std::make_shared<Work>();
  work->data = std::move(data);
  // A file that fits one chunk, or one thread: convert here, no pool.
  if (pool_ == nullptr && (threads_ == 1 || eof_)) {
    work->result = parse_focus_chunk(work->data, map_, options_, expected_rows(work->data.size()));
    OPTIMA_RETURN_IF_ERROR(merge(work->result));
    spare_.push_back(std::move(work->data));
    return core::Status::ok();
  }
  if (pool_ == nullptr) pool_ = std::make_unique<core::ThreadPool>(threads_);
  Pending pending;
  pending.work = work;
  const size_t rows = expected_rows(work->data.size());
  pending.done = pool_->submit([work, rows, this]() {
    work->result = parse_focus_chunk(work->data, map_, options_, rows);
    return core::Status::ok();
  });
  in_flight_.push_back(std::move(pending));
  // Enough queued to keep every thread busy while the oldest is merged; more would only hold
  // memory.
  while (in_flight_.size() > threads_ + 1) OPTIMA_RETURN_IF_ERROR(merge_oldest());
  return core::Status::ok();
}

core::Status FileRead::merge_oldest() {
  Pending oldest = std::move(in_flight_.front());
  in_flight_.pop_front();
  OPTIMA_RETURN_IF_ERROR(oldest.done.get().with_context(file_));
  OPTIMA_RETURN_IF_ERROR(merge(oldest.work->result));
  if (spare_.size() <= threads_ + 2) spare_.push_back(std::move(oldest.work->data));
  return core::Status::ok();
}

core::Status FileRead::merge(FocusChunk& chunk) {
  for (RowIssue& issue : chunk.issues) {
    issue.file = file_;
    issue.row += rows_before_;
    issue.line += line_base_ - 1;
    if (report_->issues.size() <= options_.max_bad_rows) report_->issues.push_back(issue);
  }
  report_->rows_read += chunk.rows;
  report_->rows_accepted += chunk.accepted;
  report_->rows_skipped += chunk.skipped;
  *bad_rows_ += chunk.skipped;
  lenient_.merge(chunk.lenient);
  if (options_.strictness == Strictness::kStrict && !chunk.issues.empty()) {
    return core::invalid_argument(chunk.issues.front().message());
  }
  if (chunk.syntax_error) {
    return core::invalid_argument(
        fmt::format("{} line {}: {}", file_, line_base_ + chunk.error_line - 1, chunk.error));
  }
  if (*bad_rows_ > options_.max_bad_rows) {
    return core::resource_exhausted(
        fmt::format("{}: more than {} bad rows (the first: {})", file_, options_.max_bad_rows,
                    report_->issues.empty() ? std::string() : report_->issues.front().message()));
  }
  for (focus::Table& table : chunk.tables) OPTIMA_RETURN_IF_ERROR(sink_.consume(std::move(table)));
  chunk.tables.clear();
  rows_before_ += chunk.rows;
  line_base_ += chunk.lines;
  return core::Status::ok();
}

}  // namespace

FocusCsvReader::FocusCsvReader(FocusCsvReaderOptions options) : options_(options) {}

std::string_view FocusCsvReader::description() const {
  return "FOCUS 1.0-1.2 CSV or CSV.gz: AWS Data Exports FOCUS, Azure FocusCost, Google's FOCUS "
         "view, FOCUS spec files";
}

bool FocusCsvReader::detect(const DetectInput& input) const {
  if (input.header.empty()) return false;
  const std::vector<std::string_view> header(input.header.begin(), input.header.end());
  return FocusColumnMap::from_header(header).looks_like_focus();
}

core::Status FocusCsvReader::read(const InputUnit& unit, const ReadOptions& options,
                                  TableSink& sink, ReadReport* report) const {
  uint64_t bad_rows = 0;
  for (const std::filesystem::path& path : unit.files) {
    FileRead file_read(path, options, options_, sink, report, &bad_rows);
    OPTIMA_RETURN_IF_ERROR(file_read.run());
  }
  return core::Status::ok();
}

std::unique_ptr<Reader> make_focus_csv_reader() {
  return std::make_unique<FocusCsvReader>();
}

}  // namespace optima::ingest
