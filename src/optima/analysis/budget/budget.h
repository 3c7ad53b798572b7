// Budget: a spending limit on a scope of the billing data, per UTC month, quarter or year.
//
// The scope is a query-model filter list (ProviderName in [AWS], tag:team in [payments]); the
// metric is a money column (EffectiveCost by default). The amount is the same every period or
// set per period (period_amounts, keyed by the period's start), and thresholds (80%, 100%)
// apply to the actual spend to date or to the projected end-of-period spend. Plain value type.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "optima/analysis/budget/budget_period.h"
#include "optima/core/decimal.h"
#include "optima/core/status.h"
#include "optima/core/time.h"
#include "optima/query/query.h"

namespace optima::analysis {

// What a threshold compares with: the spend so far, or the projected end-of-period spend.
enum class ThresholdBasis { kActual, kForecast };

std::string_view threshold_basis_name(ThresholdBasis basis);

struct BudgetThreshold {
  core::Decimal percent;  // of the period's amount, e.g. 80
  ThresholdBasis basis = ThresholdBasis::kActual;
  friend bool operator==(const BudgetThreshold&, const BudgetThreshold&) = default;
};

// The amount of one period that differs from the budget's default amount.
struct PeriodAmount {
  core::Timestamp period_start;  // the start of a period of the budget's kind
  core::Decimal amount;
  friend bool operator==(const PeriodAmount&, const PeriodAmount&) = default;
};

struct Budget {
  int64_t id = 0;  // assigned by BudgetRepository; 0 before it is stored
  std::string name;
  std::vector<query::Filter> scope;  // AND-ed; empty = all spend
  BudgetPeriod period = BudgetPeriod::kMonthly;
  query::Metric metric = query::Metric::of_column(focus::Column::kEffectiveCost);
  core::Decimal amount;                      // per period, unless period_amounts says otherwise
  std::vector<PeriodAmount> period_amounts;  // sorted by period_start, distinct
  std::vector<BudgetThreshold> thresholds;   // distinct
  std::string currency;                      // optional: when set, the scope is pinned to it
  friend bool operator==(const Budget&, const Budget&) = default;
};

// Checks a budget; every error is InvalidArgument naming the field as in the JSON form
// ("amount: expected a positive decimal; found -5", "period_amounts[1].period_start: …").
core::Status validate_budget(const Budget& budget);

// The budget's amount for the period starting at period_start.
core::Decimal budget_amount_for(const Budget& budget, core::Timestamp period_start);

// The filters a budget's queries use: its scope, plus BillingCurrency in [currency] when set.
std::vector<query::Filter> budget_filters(const Budget& budget);

}  // namespace optima::analysis
