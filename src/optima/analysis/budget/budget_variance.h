// Budget variance: for past periods, budget vs actual, and which dimension values (services,
// accounts, teams…) made the difference.
//
// Each value's expected spend is the period's amount split by the value's share of the previous
// period's spend (or of this period's own spend when the previous period had none); its
// contribution is actual − expected. Contributions add up to the period's variance
// (actual − amount), so the top ones explain it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "optima/analysis/budget/budget.h"
#include "optima/core/status.h"
#include "optima/store/table_source.h"

namespace optima::analysis {

struct VarianceContributor {
  std::optional<std::string> value;  // nullopt: rows without a value
  core::Decimal actual;
  core::Decimal expected;
  core::Decimal contribution;  // actual − expected
};

struct PeriodVariance {
  core::Period period;
  std::string label;
  core::Decimal amount;
  core::Decimal actual;
  core::Decimal variance;          // actual − amount (positive = over budget)
  core::Decimal variance_percent;  // variance / amount × 100, 2 decimals
  std::vector<VarianceContributor> top;  // by |contribution|, largest first
};

struct VarianceOptions {
  int periods = 3;  // complete periods before the one containing as_of, 1..36
  query::Dimension dimension = query::Dimension::of_column(focus::Column::kServiceName);
  size_t top = 5;
};

// Oldest period first. Errors: InvalidArgument for an invalid budget or options, or rows in
// several currencies; source errors.
core::Result<std::vector<PeriodVariance>> compute_budget_variance(const Budget& budget,
                                                                  const store::TableSource& source,
                                                                  core::Timestamp as_of,
                                                                  const VarianceOptions& options);

}  // namespace optima::analysis
