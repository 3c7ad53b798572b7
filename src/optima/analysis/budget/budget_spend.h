// The spend queries behind budgets, through the one query model: a budget's spend per UTC day
// and per dimension value over a time range (query::execute on a TableSource, such as the
// store's snapshot).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "optima/analysis/budget/budget.h"
#include "optima/analysis/budget/spend_projector.h"
#include "optima/core/status.h"
#include "optima/store/table_source.h"

namespace optima::analysis {

struct DailySpendSeries {
  std::string currency;          // empty when unknown or no row matched
  std::vector<DailySpend> days;  // days with rows, oldest first
};

// The budget's metric per day over `range` ([start, end) on ChargePeriodStart), within its
// scope. Errors: InvalidArgument from the query (rows in several currencies); source errors.
core::Result<DailySpendSeries> daily_spend(const Budget& budget, const store::TableSource& source,
                                           core::Period range);

// `days` (sorted, distinct midnights) with the missing days from the first one up to `end`
// (exclusive) added as zero. An empty input stays empty.
std::vector<DailySpend> fill_missing_days(const std::vector<DailySpend>& days,
                                          core::Timestamp end);

struct DimensionSpend {
  std::optional<std::string> value;  // nullopt: rows without a value
  core::Decimal amount;
};

struct DimensionSpendTable {
  std::string currency;
  core::Decimal total;
  std::vector<DimensionSpend> values;  // largest first
};

// The budget's metric over `range` per value of `dimension`.
core::Result<DimensionSpendTable> spend_by_dimension(const Budget& budget,
                                                     const store::TableSource& source,
                                                     core::Period range,
                                                     const query::Dimension& dimension);

}  // namespace optima::analysis
