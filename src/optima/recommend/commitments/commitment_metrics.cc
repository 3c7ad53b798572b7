// Coverage, utilization and ESR from one grouped query over Usage and Purchase rows.
#include "optima/recommend/commitments/commitment_metrics.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <variant>

#include "optima/core/strings.h"
#include "optima/query/executor.h"

namespace optima::recommend {
namespace {

using core::Decimal;
using focus::Column;

Decimal ratio(Decimal num, Decimal den) {
  return den.is_zero() ? Decimal() : Decimal::divide(num, den);
}

std::string text(const query::Value& v) {
  if (const auto* s = std::get_if<std::string>(&v))
    return *s;
  return {};
}

Decimal number(const query::Value& v) {
  if (const auto* d = std::get_if<Decimal>(&v))
    return *d;
  return {};
}

// Group-by positions of the query below (after the optional period column).
enum Dim {
  kProvider,
  kCurrency,
  kChargeCategory,
  kType,
  kStatus,
  kServiceCategory,
  kPricing,
  kUnit,
  kDimCount
};
enum Met { kEffective, kContracted, kList, kBilled };

}  // namespace

bool CommitmentTypeMetrics::amortized() const {
  return !(used_cost + unused_cost).is_zero() || purchases.is_zero();
}
Decimal CommitmentTypeMetrics::commitment_cost() const {
  return amortized() ? used_cost + unused_cost : purchases;
}
std::optional<Decimal> CommitmentTypeMetrics::utilization() const {
  if (!amortized() || (used_cost + unused_cost).is_zero())
    return std::nullopt;
  return ratio(used_cost, used_cost + unused_cost);
}
Decimal CommitmentTypeMetrics::savings() const {
  return covered_on_demand_equivalent - commitment_cost();
}
Decimal CommitmentTypeMetrics::savings_rate() const {
  return ratio(savings(), covered_on_demand_equivalent);
}

Decimal ProviderCommitmentMetrics::coverage() const {
  return ratio(covered_on_demand_equivalent, eligible_on_demand_equivalent);
}
std::optional<Decimal> ProviderCommitmentMetrics::utilization() const {
  Decimal used, unused;
  for (const CommitmentTypeMetrics& t : types) {
    if (!t.amortized())
      continue;
    used += t.used_cost;
    unused += t.unused_cost;
  }
  if ((used + unused).is_zero())
    return std::nullopt;
  return ratio(used, used + unused);
}
Decimal ProviderCommitmentMetrics::savings() const {
  Decimal unamortized;
  for (const CommitmentTypeMetrics& t : types)
    if (!t.amortized())
      unamortized += t.purchases;
  return eligible_on_demand_equivalent - eligible_effective_cost - unused_cost - unamortized;
}
Decimal ProviderCommitmentMetrics::effective_savings_rate() const {
  return ratio(savings(), eligible_on_demand_equivalent);
}

bool is_time_metered_unit(std::string_view unit) {
  const std::string u = core::to_lower_ascii(unit);
  return u.find("hour") != std::string::npos || u.find("hrs") != std::string::npos || u == "hr" ||
         u == "h" || u == "seconds" || u == "byte-seconds";
}

std::optional<core::Period> data_span(const store::TableSource& source) {
  std::optional<core::Period> span;
  for (const store::RowGroupInfo& g : source.row_groups()) {
    if (g.rows == 0)
      continue;
    const core::Period p{core::Timestamp{g.min_charge_start},
                         core::Timestamp{g.max_charge_start + 3600}};
    if (!span) {
      span = p;
    } else {
      span->start = std::min(span->start, p.start);
      span->end = std::max(span->end, p.end);
    }
  }
  return span;
}

std::optional<core::Timestamp> billed_days_end(const store::TableSource& source) {
  const std::optional<core::Period> span = data_span(source);
  if (!span)
    return std::nullopt;
  return core::Timestamp{
      core::start_of_day(core::Timestamp{span->end.unix_seconds - 1}).unix_seconds +
      core::kSecondsPerDay};
}

core::Result<std::vector<ProviderCommitmentMetrics>> compute_commitment_metrics(
    const store::TableSource& source, core::Period period, MetricsGranularity granularity) {
  query::Query q;
  q.time_range = period;
  q.granularity = granularity == MetricsGranularity::kMonth ? query::Granularity::kMonth
                                                            : query::Granularity::kNone;
  for (Column c : {Column::kProviderName, Column::kBillingCurrency, Column::kChargeCategory,
                   Column::kCommitmentDiscountType, Column::kCommitmentDiscountStatus,
                   Column::kServiceCategory, Column::kPricingCategory, Column::kConsumedUnit})
    q.group_by.push_back(query::Dimension::of_column(c));
  for (Column c :
       {Column::kEffectiveCost, Column::kContractedCost, Column::kListCost, Column::kBilledCost})
    q.metrics.push_back(query::Metric::of_column(c));
  q.filters.push_back({query::Dimension::of_column(Column::kChargeCategory),
                       query::FilterOp::kIn,
                       {"Usage", "Purchase"}});
  OPTIMA_ASSIGN_OR_RETURN(query::QueryResult result, query::execute(q, source));

  const size_t base = q.granularity == query::Granularity::kNone ? 0 : 1;
  using Key = std::tuple<int64_t, std::string, std::string>;
  std::map<Key, ProviderCommitmentMetrics> out;
  std::map<std::pair<Key, std::string>, CommitmentTypeMetrics> types;
  for (const query::ResultRow& row : result.rows) {
    const auto& v = row.values;
    core::Period bucket = period;
    if (base == 1) {
      if (const auto* t = std::get_if<core::Timestamp>(&v[0])) {
        bucket.start = std::max(*t, period.start);
        bucket.end = std::min(core::add_months(*t, 1), period.end);
      }
    }
    const auto d = [&](Dim i) {
      return text(v[base + i]);
    };
    const auto m = [&](Met i) {
      return number(v[base + kDimCount + i]);
    };
    const Key key{bucket.start.unix_seconds, d(kProvider), d(kCurrency)};
    const std::string status = d(kStatus);
    const std::string type = d(kType);
    const bool purchase = d(kChargeCategory) == "Purchase";
    const Decimal contracted = m(kContracted);
    const Decimal ode = contracted.is_zero() ? m(kList) : contracted;

    const bool used = !purchase && status == "Used";
    const bool unused = !purchase && status == "Unused";
    const bool eligible_standard = !purchase && status.empty() && d(kPricing) == "Standard" &&
                                   d(kServiceCategory) == "Compute" &&
                                   is_time_metered_unit(d(kUnit));
    if (!used && !unused && !eligible_standard && !(purchase && !type.empty()))
      continue;

    ProviderCommitmentMetrics& p = out[key];
    p.period = bucket;
    p.provider = d(kProvider);
    p.currency = d(kCurrency);
    if (used || eligible_standard) {
      p.eligible_on_demand_equivalent += ode;
      p.eligible_effective_cost += m(kEffective);
    }
    if (eligible_standard)
      p.on_demand_cost += m(kEffective);
    if (used)
      p.covered_on_demand_equivalent += ode;
    if (unused)
      p.unused_cost += m(kEffective);
    if (type.empty())
      continue;
    CommitmentTypeMetrics& t = types[{key, type}];
    t.type = type;
    if (used) {
      t.covered_on_demand_equivalent += ode;
      t.used_cost += m(kEffective);
    }
    if (unused)
      t.unused_cost += m(kEffective);
    if (purchase)
      t.purchases += m(kBilled);
  }
  for (auto& [key, t] : types)
    out[key.first].types.push_back(std::move(t));
  std::vector<ProviderCommitmentMetrics> list;
  for (auto& [key, p] : out) {
    if (p.eligible_on_demand_equivalent.is_zero() && p.types.empty())
      continue;
    list.push_back(std::move(p));
  }
  return list;
}

}  // namespace optima::recommend
