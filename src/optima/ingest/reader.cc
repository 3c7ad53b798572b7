#include "optima/ingest/reader.h"

#include <fmt/format.h>

#include "optima/core/strings.h"

namespace optima::ingest {

std::string RowIssue::message() const {
  std::string out = file;
  if (row > 0) {
    out += fmt::format(" row {}", row);
    if (line > 0) out += fmt::format(" (line {})", line);
  }
  if (!column.empty()) out += fmt::format(", column {}", column);
  out += ": ";
  if (!expected.empty()) {
    out += fmt::format("expected {}, found {}", expected, core::quote_for_message(found));
  } else {
    out += found;
  }
  return out;
}

std::vector<InputUnit> Reader::plan(const std::vector<std::filesystem::path>& files,
                                    std::vector<std::string>* /*notes*/) const {
  std::vector<InputUnit> units;
  for (const auto& file : files) {
    units.push_back(InputUnit{std::string(name()), {file}, file.string()});
  }
  return units;
}

}  // namespace optima::ingest
