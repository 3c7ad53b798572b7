// libFuzzer target: the FOCUS CSV reader ("focus") must never crash, hang, leak or break the
// Table invariants on any bytes, plain or gzip, lenient or strict; and cutting the file into
// tiny chunks must not change what it reads.
#include <cstddef>
#include <cstdint>
#include <filesystem>

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
  optima::fuzz::fuzz_reader(whole_file_reader(), "input.csv", data, size,
                            [](const std::filesystem::path& file, const ReadOutcome& whole) {
                              const ReadOutcome chunked = optima::fuzz::read_and_check(
                                  tiny_chunk_reader(), file,
                                  optima::fuzz::fuzz_options(Strictness::kLenient));
                              OPTIMA_FUZZ_REQUIRE(whole.status.is_ok() == chunked.status.is_ok());
                              if (whole.status.is_ok())
                                OPTIMA_FUZZ_REQUIRE(whole.same_as(chunked));
                            });
  return 0;
}
