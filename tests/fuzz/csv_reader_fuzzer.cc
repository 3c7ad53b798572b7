// libFuzzer target: the CSV tokenizer must never crash, hang or read out of bounds on any bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "optima/ingest/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  optima::ingest::CsvOptions options;
  options.max_field_bytes = 4096;
  auto reader = optima::ingest::CsvReader::from_string(
      std::string(reinterpret_cast<const char*>(data), size), options);
  std::vector<std::string_view> fields;
  size_t total = 0;
  while (true) {
    auto more = reader->next(&fields);
    if (!more.is_ok() || !*more) break;
    for (auto f : fields) total += f.size();
  }
  if (total > size) __builtin_trap();  // fields never hold more bytes than the input
  return 0;
}
