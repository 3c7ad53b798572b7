// Test support: the compact inline table format of the query golden tests.
//
//   ChargePeriodStart | ServiceName | BilledCost | tag:env | x_UsageType
//   2024-01-01        | EC2         | 1.50       | prod    | BoxUsage
//   rowgroup
//   2024-01-02T10:00Z | NULL        | -0.25      | ""      | NULL
//
// The header names FOCUS columns, tag keys (tag:<key>) and x_ columns; cells are separated by
// '|' and trimmed. NULL is a null cell (for a tag: the row lacks it); "" is the empty string.
// Date/times take any form core::parse_timestamp accepts; decimals are exact. A `rowgroup` line
// starts a new row group. Every header column is declared in every row group.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "optima/core/status.h"
#include "optima/store/table_source.h"

namespace optima::query::testing {

// Errors name the line (1-based within `lines`, plus `first_line`) and the column.
core::Result<std::shared_ptr<store::InMemoryTableSource>> parse_inline_dataset(
    const std::vector<std::string>& lines, size_t first_line = 1);

}  // namespace optima::query::testing
