// libFuzzer target: the Google Cloud billing export reader for JSON lines ("gcp-billing") must
// never crash, hang, leak or break the Table invariants on any bytes, plain or gzip, lenient or
// strict.
#include <cstddef>
#include <cstdint>

#include "optima/ingest/registry.h"

#include "reader_fuzz_harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const optima::ingest::Reader* const reader = optima::ingest::find_reader("gcp-billing");
  OPTIMA_FUZZ_REQUIRE(reader != nullptr);
  optima::fuzz::fuzz_reader(*reader, "input.jsonl", data, size);
  return 0;
}
