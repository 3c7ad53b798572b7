// Number formatting for people: digit grouping, byte sizes, percentages.
#pragma once

#include <cstdint>
#include <string>

#include "optima/core/decimal.h"

namespace optima::cli {

// 1234567 -> "1,234,567".
std::string group_digits(uint64_t value);
// 1536 -> "1.5 KB"; decimal units (kB = 1000 bytes) as disks and networks count them.
std::string format_bytes(uint64_t bytes);
// A fraction as a percentage with one decimal, exactly: 0.1234 -> "12.3%".
std::string format_percent(core::Decimal fraction);

}  // namespace optima::cli
