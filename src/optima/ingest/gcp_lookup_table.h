// GcpLookupTable: a key → value table read from two-column CSV files in data/gcp/ (service
// categories, region names). Keys match case-insensitively. Immutable after load; thread-safe to
// share.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "optima/core/status.h"

namespace optima::ingest {

class GcpLookupTable {
 public:
  // Reads each file in order (plain or gzip CSV). Each must start with the header
  // `key_column,value_column`; every row must have two non-empty cells. A key in a later row or
  // file overrides an earlier one. Errors name the file and line.
  static core::Result<GcpLookupTable> load(const std::vector<std::filesystem::path>& files,
                                           std::string_view key_column,
                                           std::string_view value_column);

  // The value for `key`, or nullptr.
  const std::string* find(std::string_view key) const;
  // key (lower case) → value.
  const std::unordered_map<std::string, std::string>& entries() const { return entries_; }

 private:
  std::unordered_map<std::string, std::string> entries_;
};

}  // namespace optima::ingest
