#include "optima/query/kpis.h"

#include <algorithm>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "optima/query/executor.h"

namespace optima::query {
namespace {

using core::Decimal;
using core::Period;
using core::Timestamp;

Filter currency_filter(const std::string& currency) {
  return {Dimension::of_column(focus::Column::kBillingCurrency), FilterOp::kIn, {currency}};
}

Decimal decimal_or_zero(const Value& v) {
  const auto* d = std::get_if<Decimal>(&v);
  return d != nullptr ? *d : Decimal();
}

// The metrics summed over `window` and `filters` (a query without group_by: one row).
core::Result<std::vector<Decimal>> sum_over(const store::TableSource& source, Period window,
                                            std::vector<Metric> metrics,
                                            std::vector<Filter> filters) {
  Query q;
  q.time_range = window;
  q.metrics = std::move(metrics);
  q.filters = std::move(filters);
  OPTIMA_ASSIGN_OR_RETURN(QueryResult r, execute_exact(q, source));
  std::vector<Decimal> sums;
  for (size_t i = 0; i < q.metrics.size(); ++i) sums.push_back(decimal_or_zero(r.rows[0].values[i]));
  return sums;
}

// Billing currencies by row count, most rows first.
core::Result<std::vector<std::string>> currencies_by_rows(const store::TableSource& source) {
  Query q;
  q.metrics = {Metric::row_count()};
  q.group_by = {Dimension::of_column(focus::Column::kBillingCurrency)};
  OPTIMA_ASSIGN_OR_RETURN(QueryResult r, execute_exact(q, source));
  std::vector<std::string> out;
  for (const ResultRow& row : r.rows) {  // ordered by row_count descending
    if (const auto* s = std::get_if<std::string>(&row.values[0])) out.push_back(*s);
  }
  return out;
}

// The end of the last day with rows, or nullopt for an empty source.
core::Result<std::optional<Timestamp>> end_of_data(const store::TableSource& source) {
  Query months;
  months.granularity = Granularity::kMonth;
  months.metrics = {Metric::row_count()};
  OPTIMA_ASSIGN_OR_RETURN(QueryResult by_month, execute_exact(months, source));
  std::optional<Timestamp> last_month;
  for (const ResultRow& row : by_month.rows) {
    if (std::get<int64_t>(row.values[1]) == 0) continue;
    if (const auto* t = std::get_if<Timestamp>(&row.values[0])) last_month = *t;
  }
  if (!last_month) return std::optional<Timestamp>();
  Query days;
  days.time_range = core::month_of(*last_month);
  days.granularity = Granularity::kDay;
  days.metrics = {Metric::row_count()};
  OPTIMA_ASSIGN_OR_RETURN(QueryResult by_day, execute_exact(days, source));
  Timestamp last_day = *last_month;
  for (const ResultRow& row : by_day.rows) {
    if (const auto* t = std::get_if<Timestamp>(&row.values[0])) last_day = std::max(last_day, *t);
  }
  return std::optional<Timestamp>(Timestamp{last_day.unix_seconds + core::kSecondsPerDay});
}

// [start of the month before as_of's month + the same elapsed time), clipped to that month.
Period same_days_previous_month(Period mtd) {
  const Timestamp prev_start = core::add_months(mtd.start, -1);
  const Timestamp shifted{prev_start.unix_seconds + (mtd.end.unix_seconds - mtd.start.unix_seconds)};
  return {prev_start, std::min(shifted, mtd.start)};
}

std::optional<Decimal> percent(Decimal part, Decimal whole) {
  if (whole.is_zero()) return std::nullopt;
  return Decimal::divide(Decimal::multiply(part, Decimal::from_int(100)), whole).round(2);
}

core::Result<std::vector<Mover>> top_movers(const store::TableSource& source, const Kpis& k,
                                            const KpiOptions& options,
                                            const std::vector<Filter>& filters) {
  auto by_value = [&](Period window) -> core::Result<QueryResult> {
    Query q;
    q.time_range = window;
    q.metrics = {options.metric};
    q.group_by = {options.movers_dimension};
    q.filters = filters;
    return execute_exact(q, source);
  };
  OPTIMA_ASSIGN_OR_RETURN(QueryResult now, by_value(k.month_to_date_window));
  OPTIMA_ASSIGN_OR_RETURN(QueryResult before, by_value(k.previous_window));
  std::vector<Mover> movers;
  auto find = [&](const std::optional<std::string>& value) -> Mover& {
    for (Mover& m : movers) {
      if (m.value == value) return m;
    }
    movers.push_back({value, {}, {}});
    return movers.back();
  };
  auto key_of = [](const Value& v) -> std::optional<std::string> {
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    return std::nullopt;
  };
  for (const ResultRow& row : now.rows) find(key_of(row.values[0])).current = decimal_or_zero(row.values[1]);
  for (const ResultRow& row : before.rows) {
    find(key_of(row.values[0])).previous = decimal_or_zero(row.values[1]);
  }
  auto magnitude = [](const Mover& m) {
    const Decimal c = m.change();
    return c.is_negative() ? -c : c;
  };
  std::stable_sort(movers.begin(), movers.end(), [&](const Mover& a, const Mover& b) {
    if (magnitude(a) != magnitude(b)) return magnitude(a) > magnitude(b);
    return a.value < b.value;
  });
  if (movers.size() > options.movers) movers.resize(options.movers);
  return movers;
}

}  // namespace

core::Result<Kpis> compute_kpis(const store::TableSource& source, const KpiOptions& options) {
  Kpis k;
  OPTIMA_ASSIGN_OR_RETURN(std::vector<std::string> currencies, currencies_by_rows(source));
  if (options.currency) {
    if (std::find(currencies.begin(), currencies.end(), *options.currency) == currencies.end()) {
      return core::invalid_argument("currency: no billing rows in " + *options.currency);
    }
    k.currency = *options.currency;
  } else if (!currencies.empty()) {
    k.currency = currencies.front();
  }
  for (const std::string& c : currencies) {
    if (c != k.currency) k.other_currencies.push_back(c);
  }
  std::optional<Timestamp> as_of = options.as_of;
  if (!as_of) {
    OPTIMA_ASSIGN_OR_RETURN(as_of, end_of_data(source));
    if (!as_of) as_of = core::start_of_day(Timestamp{0});
  }
  k.as_of = *as_of;
  // The month holding the last second before as_of.
  const Timestamp month_start = core::start_of_month(Timestamp{k.as_of.unix_seconds - 1});
  k.month_to_date_window = {month_start, k.as_of};
  k.previous_window = same_days_previous_month(k.month_to_date_window);
  k.last_month_window = {core::add_months(month_start, -1), month_start};
  if (k.currency.empty()) return k;

  const std::vector<Filter> in_currency = {currency_filter(k.currency)};
  OPTIMA_ASSIGN_OR_RETURN(auto mtd, sum_over(source, k.month_to_date_window, {options.metric}, in_currency));
  OPTIMA_ASSIGN_OR_RETURN(auto prev, sum_over(source, k.previous_window, {options.metric}, in_currency));
  OPTIMA_ASSIGN_OR_RETURN(auto last, sum_over(source, k.last_month_window, {options.metric}, in_currency));
  k.month_to_date = mtd[0];
  k.previous_month_to_date = prev[0];
  k.last_month = last[0];

  const int64_t elapsed = k.as_of.unix_seconds - month_start.unix_seconds;
  const core::CivilDate d = core::date_of(month_start);
  const int64_t month_seconds = int64_t{core::days_in_month(d.year, d.month)} * core::kSecondsPerDay;
  k.run_rate = elapsed <= 0 ? Decimal()
                            : Decimal::divide(Decimal::multiply(k.month_to_date, Decimal::from_int(month_seconds)),
                                              Decimal::from_int(elapsed))
                                  .round(2);
  k.change_percent = percent(k.month_to_date - k.previous_month_to_date, k.previous_month_to_date);
  OPTIMA_ASSIGN_OR_RETURN(k.top_movers, top_movers(source, k, options, in_currency));

  std::vector<Filter> tagged = in_currency;
  tagged.push_back({Dimension::of_tag(options.owner_tag), FilterOp::kNotNull, {}});
  OPTIMA_ASSIGN_OR_RETURN(auto allocated, sum_over(source, k.month_to_date_window, {options.metric}, tagged));
  k.allocated = allocated[0];
  k.untagged = k.month_to_date - k.allocated;
  k.allocation_percent = percent(k.allocated, k.month_to_date);

  std::vector<Filter> committed = in_currency;
  committed.push_back(
      {Dimension::of_column(focus::Column::kCommitmentDiscountId), FilterOp::kNotNull, {}});
  OPTIMA_ASSIGN_OR_RETURN(
      auto commitment,
      sum_over(source, k.month_to_date_window,
               {Metric::of_column(focus::Column::kContractedCost), Metric::of_column(focus::Column::kEffectiveCost)},
               committed));
  k.commitment_savings = commitment[0] - commitment[1];
  return k;
}

std::string kpis_to_json(const Kpis& k, const KpiOptions& options) {
  using nlohmann::json;
  auto money = [](Decimal d) { return d.round(2).to_fixed(2); };
  auto window = [](Period p) {
    return json{{"start", core::format_iso8601(p.start)}, {"end", core::format_iso8601(p.end)}};
  };
  json movers = json::array();
  for (const Mover& m : k.top_movers) {
    movers.push_back({{"dimension", options.movers_dimension.to_string()},
                      {"value", m.value ? json(*m.value) : json(nullptr)},
                      {"current", money(m.current)},
                      {"previous", money(m.previous)},
                      {"change", money(m.change())}});
  }
  json out = {
      {"currency", k.currency},
      {"other_currencies", k.other_currencies},
      {"metric", options.metric.to_string()},
      {"as_of", core::format_iso8601(k.as_of)},
      {"windows",
       {{"month_to_date", window(k.month_to_date_window)},
        {"previous_month_to_date", window(k.previous_window)},
        {"last_month", window(k.last_month_window)}}},
      {"month_to_date", money(k.month_to_date)},
      {"previous_month_to_date", money(k.previous_month_to_date)},
      {"last_month", money(k.last_month)},
      {"run_rate", money(k.run_rate)},
      {"change_percent", k.change_percent ? json(k.change_percent->to_fixed(2)) : json(nullptr)},
      {"top_movers", movers},
      {"allocation",
       {{"owner_tag", options.owner_tag},
        {"allocated", money(k.allocated)},
        {"total", money(k.month_to_date)},
        {"percent", k.allocation_percent ? json(k.allocation_percent->to_fixed(2)) : json(nullptr)}}},
      {"untagged_cost", money(k.untagged)},
      {"commitment_savings", money(k.commitment_savings)},
  };
  return out.dump();
}

}  // namespace optima::query
