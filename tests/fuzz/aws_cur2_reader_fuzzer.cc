// libFuzzer target: the AWS CUR 2.0 reader ("aws-cur2") must never crash, hang, leak or break
// the Table invariants on any bytes, plain or gzip, lenient or strict. It shares its read path
// with "aws-cur"; its seeds are CUR 2.0 files (snake_case header, JSON map columns).
#include <cstddef>
#include <cstdint>

#include "optima/ingest/registry.h"

#include "reader_fuzz_harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const optima::ingest::Reader* const reader = optima::ingest::find_reader("aws-cur2");
  OPTIMA_FUZZ_REQUIRE(reader != nullptr);
  optima::fuzz::fuzz_reader(*reader, "input.csv", data, size);
  return 0;
}
