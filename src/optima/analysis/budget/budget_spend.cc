#include "optima/analysis/budget/budget_spend.h"

#include <fmt/format.h>

#include "optima/query/executor.h"

namespace optima::analysis {
namespace {

core::Decimal decimal_or_zero(const query::Value& v) {
  if (const auto* d = std::get_if<core::Decimal>(&v))
    return *d;
  return core::Decimal();
}

core::Result<query::QueryResult> run(const Budget& budget, const store::TableSource& source,
                                     query::Query q) {
  q.metrics = {budget.metric};
  q.filters = budget_filters(budget);
  auto result = query::execute_exact(q, source);
  if (!result.is_ok())
    return result.status().with_context(fmt::format("budget \"{}\"", budget.name));
  return result;
}

}  // namespace

core::Result<DailySpendSeries> daily_spend(const Budget& budget, const store::TableSource& source,
                                           core::Period range) {
  DailySpendSeries out;
  if (range.start >= range.end)
    return out;
  query::Query q;
  q.time_range = range;
  q.granularity = query::Granularity::kDay;
  OPTIMA_ASSIGN_OR_RETURN(query::QueryResult result, run(budget, source, std::move(q)));
  out.currency = result.columns.back().currency;
  for (const query::ResultRow& row : result.rows) {
    const auto* day = std::get_if<core::Timestamp>(&row.values[0]);
    if (day == nullptr)
      continue;
    out.days.push_back({*day, decimal_or_zero(row.values[1])});
  }
  return out;
}

std::vector<DailySpend> fill_missing_days(const std::vector<DailySpend>& days,
                                          core::Timestamp end) {
  std::vector<DailySpend> out;
  if (days.empty())
    return out;
  size_t next = 0;
  for (core::Timestamp d = days.front().day; d < end; d.unix_seconds += core::kSecondsPerDay) {
    if (next < days.size() && days[next].day == d) {
      out.push_back(days[next++]);
    } else {
      out.push_back({d, core::Decimal()});
    }
  }
  return out;
}

core::Result<DimensionSpendTable> spend_by_dimension(const Budget& budget,
                                                     const store::TableSource& source,
                                                     core::Period range,
                                                     const query::Dimension& dimension) {
  DimensionSpendTable out;
  query::Query q;
  q.time_range = range;
  q.group_by = {dimension};
  OPTIMA_ASSIGN_OR_RETURN(query::QueryResult result, run(budget, source, std::move(q)));
  out.currency = result.columns.back().currency;
  out.total = decimal_or_zero(result.totals.back());
  for (const query::ResultRow& row : result.rows) {
    DimensionSpend spend;
    if (const auto* s = std::get_if<std::string>(&row.values[0]))
      spend.value = *s;
    spend.amount = decimal_or_zero(row.values[1]);
    out.values.push_back(std::move(spend));
  }
  return out;
}

}  // namespace optima::analysis
