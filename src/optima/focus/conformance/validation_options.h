// ValidationOptions: what `cloudoptima validate` asks of the conformance validator.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/status.h"

namespace optima::focus {

// How columns the dataset lacks are treated.
enum class ColumnScope : uint8_t {
  // A full FOCUS dataset is expected: presence rules of absent columns fail (default, as the
  // upstream validator).
  kAllColumns,
  // A partial table (e.g. the FOCUS specification's example tables): presence rules of absent
  // columns are not applicable. Rules on absent columns are not applicable in both modes.
  kPresentColumnsOnly,
};

struct ValidationOptions {
  std::string focus_version = "1.2";     // must be covered by the model
  std::string dataset = "CostAndUsage";  // a ModelDatasets entry
  // Applicability criteria the provider supports ("ALL" selects every criterion). Rules with
  // criteria apply only when one of theirs is selected; others are reported not applicable.
  std::vector<std::string> applicability_criteria;
  ColumnScope column_scope = ColumnScope::kAllColumns;
  size_t max_samples = 5;  // sample rows kept per failing rule
};

// Splits a command-line list "A,B" or "ALL" into names (trimmed, empty entries dropped).
std::vector<std::string> parse_criteria_list(std::string_view text);

}  // namespace optima::focus
