// InputScanner: turns the paths a user names (files and folders, plain or .gz) into InputUnits,
// each assigned to a reader.
//
// Folders are walked recursively, skipping hidden files and folders (names starting with '.',
// which also covers our own state files) and job markers (_SUCCESS, _started_*, _committed_*,
// *.crc). Each file goes to the reader --format names, or else to the first reader in registry
// order whose detect() accepts its detection sample; then each reader groups its files with
// Reader::plan(). Files are handled in sorted path order, so the result is deterministic.
// Thread-safe: scan() is const and the readers are immutable.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/status.h"
#include "optima/ingest/reader.h"

namespace optima::ingest {

// How many decompressed bytes detection looks at.
inline constexpr size_t kDetectBytes = 64 * 1024;

// What detection sees of one file; owns the bytes DetectInput points to.
struct DetectSample {
  std::filesystem::path path;
  std::string head;                 // first kDetectBytes bytes, decompressed, BOM kept
  std::vector<std::string> header;  // first CSV record when the head looks like CSV, else empty
  // Requires: this sample outlives the returned view.
  DetectInput input() const { return DetectInput{path, head, header}; }
};

// Reads the detection sample of a file. The head is parsed as CSV unless it is empty, starts
// like JSON or JSON Lines ('{' or '[' after the BOM and spaces) or holds a NUL byte (binary,
// e.g. Parquet). Errors: the file cannot be opened or decompressed (IoError, InvalidArgument).
core::Result<DetectSample> read_detect_sample(const std::filesystem::path& path);

struct ScanResult {
  std::vector<InputUnit> units;    // grouped per reader, readers in registry order
  std::vector<std::string> notes;  // from Reader::plan(), e.g. files it decided to ignore
  // One line per file that cannot be read or that no reader recognises, e.g.
  // "x.csv: not a recognised billing export (header starts with: a, b); use --format NAME".
  std::vector<std::string> errors;
};

class InputScanner {
 public:
  // Uses the registry's readers (registry.h).
  InputScanner();
  // Uses `readers`, in this detection order. Requires: they outlive the scanner.
  explicit InputScanner(std::vector<const Reader*> readers);

  // Scans `paths`; `forced_format` is a reader name (--format) or empty to detect per file.
  // Errors: a path that does not exist or a folder that cannot be listed (NotFound, IoError),
  // an unknown format name (InvalidArgument naming the known ones). Files that cannot be read
  // or recognised go to ScanResult::errors, so one bad file does not hide the others.
  core::Result<ScanResult> scan(const std::vector<std::filesystem::path>& paths,
                                std::string_view forced_format = {}) const;

 private:
  std::vector<const Reader*> readers_;
};

}  // namespace optima::ingest
