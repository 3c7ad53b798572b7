#include "optima/ingest/gcp_lookup_table.h"

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/ingest/csv_reader.h"

namespace optima::ingest {

core::Result<GcpLookupTable> GcpLookupTable::load(const std::vector<std::filesystem::path>& files,
                                                  std::string_view key_column,
                                                  std::string_view value_column) {
  GcpLookupTable table;
  for (const auto& file : files) {
    OPTIMA_ASSIGN_OR_RETURN(auto csv, CsvReader::open(file.string()));
    std::vector<std::string_view> fields;
    OPTIMA_ASSIGN_OR_RETURN(bool has_header, csv->next(&fields));
    if (!has_header || fields.size() != 2 || fields[0] != key_column || fields[1] != value_column) {
      return core::invalid_argument(fmt::format("{} line 1: expected header '{},{}'", file.string(),
                                                key_column, value_column));
    }
    while (true) {
      auto more = csv->next(&fields);
      if (!more.is_ok()) return more.status().with_context(file.string());
      if (!*more) break;
      if (fields.size() == 1 && fields[0].empty()) continue;
      if (fields.size() != 2 || core::trim(fields[0]).empty() || core::trim(fields[1]).empty()) {
        return core::invalid_argument(
            fmt::format("{} line {}: expected two non-empty cells '{},{}'", file.string(),
                        csv->line_number(), key_column, value_column));
      }
      table.entries_[core::to_lower_ascii(core::trim(fields[0]))] =
          std::string(core::trim(fields[1]));
    }
  }
  return table;
}

const std::string* GcpLookupTable::find(std::string_view key) const {
  const auto it = entries_.find(core::to_lower_ascii(key));
  return it == entries_.end() ? nullptr : &it->second;
}

}  // namespace optima::ingest
