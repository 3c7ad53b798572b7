// Budget periods: UTC calendar months, quarters and years, and their names in JSON and the CLI.
//
// A budget's period containing an instant is [start, end) in UTC: months start on the 1st,
// quarters on January, April, July and October 1st, years on January 1st.
#pragma once

#include <optional>
#include <string_view>

#include "optima/core/status.h"
#include "optima/core/time.h"

namespace optima::analysis {

enum class BudgetPeriod { kMonthly, kQuarterly, kAnnual };

// "monthly", "quarterly", "annual".
std::string_view budget_period_name(BudgetPeriod period);
// The inverse of budget_period_name(); nullopt for anything else.
std::optional<BudgetPeriod> parse_budget_period(std::string_view text);

// Length of one period in months (1, 3 or 12).
int months_in(BudgetPeriod period);
// The UTC period of kind `period` that contains t.
core::Period budget_period_containing(BudgetPeriod period, core::Timestamp t);
// The period `offset` periods after the one containing t (negative goes back).
core::Period budget_period_offset(BudgetPeriod period, core::Timestamp t, int offset);
// A short label: "2024-03", "2024-Q1", "2024".
std::string budget_period_label(BudgetPeriod period, core::Period p);

}  // namespace optima::analysis
