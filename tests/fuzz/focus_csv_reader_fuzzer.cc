// libFuzzer target: the FOCUS CSV reader ("focus") must never crash, hang, leak or break the
// Table invariants on any bytes, plain or gzip, lenient or strict; and cutting the file into
// tiny chunks must not change what it reads.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "optima/ingest/focus_csv_reader.h"

#include "reader_fuzz_harness.h"

namespace {

using optima::fuzz::ReadOutcome;
using optima::ingest::FocusCsvReader;
using optima::ingest::FocusCsvReaderOptions;
using optima::ingest::Strictness;

// One thread, so conversion runs inline and the run is deterministic; one chunk per file.
const FocusCsvReader& whole_file_reader() {
  static const FocusCsvReader reader(FocusCsvReaderOptions{1, 0});
  return reader;
}

// Chunks of a few dozen bytes: every record boundary lands near a chunk cut.
const FocusCsvReader& tiny_chunk_reader() {
  static const FocusCsvReader reader(FocusCsvReaderOptions{1, 37});
  return reader;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > optima::fuzz::kMaxInputBytes)
    return 0;
  optima::fuzz::fuzz_reader(whole_file_reader(), "input.csv", data, size);
  // fuzz_reader left the gzip copy (or, for input that is gzip already, the input) in place;
  // rewrite the plain bytes for the chunking comparison.
  const auto file = optima::fuzz::scratch_dir() / "input.csv";
  optima::fuzz::write_bytes(file, std::string_view(reinterpret_cast<const char*>(data), size));
  const auto options = optima::fuzz::fuzz_options(Strictness::kLenient);
  const ReadOutcome whole = optima::fuzz::read_and_check(whole_file_reader(), file, options);
  const ReadOutcome chunked = optima::fuzz::read_and_check(tiny_chunk_reader(), file, options);
  optima::fuzz::require(whole.status.is_ok() == chunked.status.is_ok());
  if (whole.status.is_ok())
    optima::fuzz::require(whole.same_as(chunked));
  return 0;
}
