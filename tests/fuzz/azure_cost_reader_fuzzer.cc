// libFuzzer target: the Azure cost details reader ("azure-cost": EA, MCA, pay-as-you-go; actual
// and amortized) must never crash, hang, leak or break the Table invariants on any bytes, plain
// or gzip, lenient or strict.
#include <cstddef>
#include <cstdint>

#include "optima/ingest/registry.h"

#include "reader_fuzz_harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const optima::ingest::Reader* const reader =
      optima::ingest::find_reader("azure-cost");
  OPTIMA_FUZZ_REQUIRE(reader != nullptr);
  optima::fuzz::fuzz_reader(*reader, "input.csv", data, size);
  return 0;
}
