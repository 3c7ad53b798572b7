// Test support for budget tests: daily billing rows built in memory as a TableSource.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/time.h"
#include "optima/focus/table_builder.h"
#include "optima/store/table_source.h"

namespace optima::analysis::testing {

struct BudgetTestRow {
  core::Timestamp start;
  std::string cost;  // EffectiveCost, exact decimal text
  std::string service = "AmazonEC2";
  std::string provider = "AWS";
  std::string currency = "USD";
  std::map<std::string, std::string> tags;
};

inline core::Timestamp budget_day(int year, int month, int day) {
  return core::make_timestamp({year, month, day});
}

// One row group holding `rows`.
inline std::shared_ptr<store::InMemoryTableSource> budget_source(
    const std::vector<BudgetTestRow>& rows) {
  focus::TableBuilder b;
  b.declare(focus::Column::kChargePeriodStart);
  b.declare(focus::Column::kEffectiveCost);
  b.declare(focus::Column::kServiceName);
  b.declare(focus::Column::kProviderName);
  b.declare(focus::Column::kBillingCurrency);
  for (const BudgetTestRow& r : rows) {
    b.set_time(focus::Column::kChargePeriodStart, r.start);
    b.set_decimal(focus::Column::kEffectiveCost, core::Decimal::from_string(r.cost).value());
    b.set_string(focus::Column::kServiceName, r.service);
    b.set_string(focus::Column::kProviderName, r.provider);
    b.set_string(focus::Column::kBillingCurrency, r.currency);
    for (const auto& [k, v] : r.tags) b.add_tag(k, v);
    b.finish_row();
  }
  auto source = std::make_shared<store::InMemoryTableSource>();
  source->add(std::make_shared<const focus::Table>(b.finish()));
  return source;
}

// A row per day from `first` for `days` days, the cost of day i being `cost_of(i)`.
template <typename CostOf>
std::vector<BudgetTestRow> budget_daily_rows(core::Timestamp first, int days, CostOf cost_of,
                                             const std::string& service = "AmazonEC2") {
  std::vector<BudgetTestRow> rows;
  for (int i = 0; i < days; ++i) {
    BudgetTestRow r;
    r.start = {first.unix_seconds + i * core::kSecondsPerDay};
    r.cost = cost_of(i);
    r.service = service;
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace optima::analysis::testing
