// libFuzzer target: the legacy AWS Cost and Usage Report reader ("aws-cur") must never crash,
// hang, leak or break the Table invariants on any bytes, plain or gzip, lenient or strict.
#include <cstddef>
#include <cstdint>

#include "optima/ingest/registry.h"

#include "reader_fuzz_harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const optima::ingest::Reader* const reader = optima::ingest::find_reader("aws-cur");
  OPTIMA_FUZZ_REQUIRE(reader != nullptr);
  optima::fuzz::fuzz_reader(*reader, "input.csv", data, size);
  return 0;
}
