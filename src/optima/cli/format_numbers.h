// Number formatting for people: digit grouping and byte sizes.
#pragma once

#include <cstdint>
#include <string>

namespace optima::cli {

// 1234567 -> "1,234,567".
std::string group_digits(uint64_t value);
// 1536 -> "1.5 KB"; decimal units (kB = 1000 bytes) as disks and networks count them.
std::string format_bytes(uint64_t bytes);

}  // namespace optima::cli
