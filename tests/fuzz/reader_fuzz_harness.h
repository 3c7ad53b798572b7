// Shared harness for the billing-reader fuzz targets: a per-process scratch folder, plain and
// gzip file writers, and a sink that decodes every cell of every table it receives and checks
// the Table invariants readers promise (column lengths, dictionary codes, tag offsets).
//
// A broken invariant or a disagreement the harness checks for calls __builtin_trap(), which
// libFuzzer reports as a crash with the input that caused it. Nothing here calls exit().
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <unistd.h>
#include <zlib.h>

#include "optima/focus/column.h"
#include "optima/focus/table.h"
#include "optima/ingest/reader.h"

// Checks a property the harness expects; on failure names it on stderr and traps, so libFuzzer
// keeps the input.
#define OPTIMA_FUZZ_REQUIRE(condition)                                                         \
  do {                                                                                         \
    if (!(condition)) {                                                                        \
      std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__); \
      __builtin_trap();                                                                        \
    }                                                                                          \
  } while (false)

namespace optima::fuzz {

// Inputs longer than this are ignored: per-input work stays small, and longer inputs find
// nothing shorter ones cannot (the readers' buffers are far larger than this anyway).
inline constexpr size_t kMaxInputBytes = 64 * 1024;

// A folder under $TMPDIR (or /tmp) for this process, removed when the process ends normally.
class ScratchDir {
 public:
  ScratchDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/optima-fuzz-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr)
      __builtin_trap();
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline const std::filesystem::path& scratch_dir() {
  static const ScratchDir dir;
  return dir.path();
}

// Replaces `path` (creating its folders) with `bytes`.
inline void write_bytes(const std::filesystem::path& path, std::string_view bytes) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out)
    __builtin_trap();
}

// Replaces `path` with `bytes` gzip-compressed (one member, fast level).
inline void write_gzip_bytes(const std::filesystem::path& path, std::string_view bytes) {
  z_stream z{};
  if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    __builtin_trap();
  std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END)
    __builtin_trap();
  write_bytes(path, out);
}

inline bool starts_like_gzip(std::string_view bytes) {
  return bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b';
}

inline void check_strings(const focus::StringColumn& col, size_t rows) {
  OPTIMA_FUZZ_REQUIRE(col.codes.size() == rows);
  OPTIMA_FUZZ_REQUIRE(!col.dictionary.empty());
  for (uint32_t code : col.codes)
    OPTIMA_FUZZ_REQUIRE(code < col.dictionary.size());
}

// Checks every invariant table.h states and renders every cell, folding the text into a digest.
class DecodingSink final : public ingest::TableSink {
 public:
  core::Status consume(focus::Table table) override {
    const size_t rows = table.num_rows();
    for (const focus::ColumnInfo& info : focus::all_columns()) {
      if (!table.present(info.column))
        continue;
      switch (info.kind) {
        case focus::ColumnKind::kString:
          check_strings(table.strings(info.column), rows);
          break;
        case focus::ColumnKind::kDecimal: {
          const focus::DecimalColumn& col = table.decimals(info.column);
          OPTIMA_FUZZ_REQUIRE(col.values.size() == rows);
          OPTIMA_FUZZ_REQUIRE(col.nulls.empty() || col.nulls.size() == rows);
          break;
        }
        case focus::ColumnKind::kDateTime:
          OPTIMA_FUZZ_REQUIRE(table.times(info.column).seconds.size() == rows);
          break;
        case focus::ColumnKind::kTags: {
          const focus::TagColumn& tags = table.tags();
          OPTIMA_FUZZ_REQUIRE(tags.offsets.size() == rows + 1 && tags.offsets.front() == 0);
          for (size_t r = 0; r < rows; ++r)
            OPTIMA_FUZZ_REQUIRE(tags.offsets[r] <= tags.offsets[r + 1]);
          OPTIMA_FUZZ_REQUIRE(tags.offsets.back() == tags.keys.size());
          OPTIMA_FUZZ_REQUIRE(tags.keys.size() == tags.values.size());
          for (uint32_t k : tags.keys)
            OPTIMA_FUZZ_REQUIRE(k > 0 && k < tags.key_dictionary.size());
          for (uint32_t v : tags.values)
            OPTIMA_FUZZ_REQUIRE(v > 0 && v < tags.value_dictionary.size());
          break;
        }
      }
    }
    // Extension columns are x_ columns or unknown columns kept under their own names: named,
    // and each name once.
    for (size_t i = 0; i < table.extensions().size(); ++i) {
      const focus::ExtensionColumn& ext = table.extensions()[i];
      OPTIMA_FUZZ_REQUIRE(!ext.name.empty());
      OPTIMA_FUZZ_REQUIRE(table.extension(ext.name) == &ext);
      check_strings(ext.data, rows);
    }
    for (size_t r = 0; r < rows; ++r) {
      for (const focus::ColumnInfo& info : focus::all_columns()) {
        if (table.present(info.column))
          fold(table.cell_text(r, info.column));
        fold("|");
      }
      for (const focus::ExtensionColumn& ext : table.extensions()) {
        fold(ext.data.is_null(r) ? std::string_view("<null>") : ext.data.value(r));
        fold("|");
      }
    }
    rows_ += rows;
    return core::Status::ok();
  }

  size_t rows() const { return rows_; }
  uint64_t digest() const { return digest_; }

 private:
  // FNV-1a: order-sensitive, so two runs that emit the same cells in the same order agree.
  void fold(std::string_view text) {
    for (char c : text) {
      digest_ ^= static_cast<unsigned char>(c);
      digest_ *= 1099511628211ULL;
    }
  }

  size_t rows_ = 0;
  uint64_t digest_ = 14695981039346656037ULL;
};

// What one read produced, for comparing two reads of the same content.
struct ReadOutcome {
  core::Status status;
  ingest::ReadReport report;
  size_t rows = 0;
  uint64_t digest = 0;

  bool same_as(const ReadOutcome& other) const {
    return status.code() == other.status.code() && status.message() == other.status.message() &&
           report.rows_read == other.report.rows_read &&
           report.rows_accepted == other.report.rows_accepted &&
           report.rows_skipped == other.report.rows_skipped && rows == other.rows &&
           digest == other.digest && issue_messages() == other.issue_messages() &&
           report.warnings == other.report.warnings;
  }
  std::vector<std::string> issue_messages() const {
    std::vector<std::string> out;
    for (const ingest::RowIssue& issue : report.issues)
      out.push_back(issue.message());
    return out;
  }
};

// Reads `file` with `reader` and checks the ReadReport contract: every emitted row is counted
// as accepted, strict mode stops at the first bad row, at most max_bad_rows + 1 issues are kept,
// and every issue renders a message.
inline ReadOutcome read_and_check(const ingest::Reader& reader, const std::filesystem::path& file,
                                  const ingest::ReadOptions& options) {
  const ingest::InputUnit unit{std::string(reader.name()), {file}, "fuzz input"};
  DecodingSink sink;
  ReadOutcome outcome;
  outcome.status = reader.read(unit, options, sink, &outcome.report);
  outcome.rows = sink.rows();
  outcome.digest = sink.digest();
  const ingest::ReadReport& report = outcome.report;
  OPTIMA_FUZZ_REQUIRE(report.rows_accepted >= sink.rows());
  if (outcome.status.is_ok())
    OPTIMA_FUZZ_REQUIRE(report.rows_accepted == sink.rows());
  if (options.strictness == ingest::Strictness::kStrict) {
    OPTIMA_FUZZ_REQUIRE(report.rows_skipped <= 1);
    OPTIMA_FUZZ_REQUIRE(report.issues.size() <= 1);
  }
  OPTIMA_FUZZ_REQUIRE(report.issues.size() <= options.max_bad_rows + 1);
  for (const ingest::RowIssue& issue : report.issues)
    OPTIMA_FUZZ_REQUIRE(!issue.message().empty());
  return outcome;
}

// Options the targets share: small batches so batching and flushing run on small inputs, and a
// low bad-row limit so the lenient limit is reached too.
inline ingest::ReadOptions fuzz_options(ingest::Strictness strictness) {
  ingest::ReadOptions options;
  options.strictness = strictness;
  options.batch_rows = 7;
  options.max_bad_rows = 20;
  return options;
}

// The standard reader target: reads `data` as a file named `file_name` leniently and strictly,
// calls `also(file, lenient_outcome)` while the plain file is in place (for target-specific
// checks), then reads it gzip-compressed under the same name leniently, which must give the same
// outcome as the plain read (readers detect gzip from the magic bytes, not the name).
template <typename AlsoFn>
void fuzz_reader(const ingest::Reader& reader, std::string_view file_name, const uint8_t* data,
                 size_t size, AlsoFn also) {
  if (size > kMaxInputBytes)
    return;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::filesystem::path file = scratch_dir() / file_name;
  write_bytes(file, bytes);
  const ReadOutcome lenient =
      read_and_check(reader, file, fuzz_options(ingest::Strictness::kLenient));
  const ReadOutcome strict =
      read_and_check(reader, file, fuzz_options(ingest::Strictness::kStrict));
  // A strict read that succeeds met no bad row, so the lenient read emitted the same rows.
  if (strict.status.is_ok())
    OPTIMA_FUZZ_REQUIRE(lenient.status.is_ok() && lenient.digest == strict.digest);
  also(file, lenient);
  if (starts_like_gzip(bytes))
    return;
  write_gzip_bytes(file, bytes);
  const ReadOutcome gzipped =
      read_and_check(reader, file, fuzz_options(ingest::Strictness::kLenient));
  OPTIMA_FUZZ_REQUIRE(gzipped.same_as(lenient));
}

inline void fuzz_reader(const ingest::Reader& reader, std::string_view file_name,
                        const uint8_t* data, size_t size) {
  fuzz_reader(reader, file_name, data, size,
              [](const std::filesystem::path&, const ReadOutcome&) {});
}

}  // namespace optima::fuzz
