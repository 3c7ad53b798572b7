// Purchase recommendations: eligible usage series, discount estimate, simulation, money.
#include "optima/recommend/commitments/purchase_recommendation.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <variant>

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/pricing/learned_rate.h"
#include "optima/pricing/monthly.h"
#include "optima/query/executor.h"
#include "optima/recommend/commitments/commitment_metrics.h"

namespace optima::recommend {
namespace {

using core::Decimal;
using focus::Column;

constexpr int64_t kHour = 3600;

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

query::Query uncovered_usage_query(core::Period window) {
  query::Query q;
  q.time_range = window;
  q.metrics.push_back(query::Metric::of_column(Column::kEffectiveCost));
  q.filters.push_back(
      {query::Dimension::of_column(Column::kChargeCategory), query::FilterOp::kIn, {"Usage"}});
  q.filters.push_back(
      {query::Dimension::of_column(Column::kPricingCategory), query::FilterOp::kIn, {"Standard"}});
  q.filters.push_back(
      {query::Dimension::of_column(Column::kServiceCategory), query::FilterOp::kIn, {"Compute"}});
  q.filters.push_back({query::Dimension::of_column(Column::kCommitmentDiscountStatus),
                       query::FilterOp::kIsNull,
                       {}});
  return q;
}

Decimal per_month(Decimal value, size_t hours) {
  if (hours == 0)
    return {};
  return Decimal::divide(Decimal::multiply(value, Decimal::from_int(pricing::kHoursPerMonth)),
                         Decimal::from_int(static_cast<int64_t>(hours)));
}

// First month m with m × (avoided − recurring) ≥ upfront; 0 when that never happens in the term.
int break_even(Decimal upfront, Decimal monthly_avoided, Decimal monthly_recurring, int months) {
  const Decimal net = monthly_avoided - monthly_recurring;
  if (net <= Decimal())
    return 0;
  for (int m = 1; m <= months; ++m)
    if (Decimal::multiply(net, Decimal::from_int(m)) >= upfront)
      return m;
  return 0;
}

// Daily bills put a whole day on one hour (or two: Pacific days cross UTC midnight). When no UTC
// day has values in more than two hours, spreads each day's sum evenly over its hours in the
// series and returns true.
bool spread_daily(std::vector<Decimal>* hourly, core::Timestamp start) {
  const auto day_of = [&](size_t h) {
    return (start.unix_seconds + static_cast<int64_t>(h) * kHour) / 86400;
  };
  std::map<int64_t, int> hours_with_value;
  for (size_t h = 0; h < hourly->size(); ++h)
    if (!(*hourly)[h].is_zero())
      ++hours_with_value[day_of(h)];
  int most = 0;
  for (const auto& [day, n] : hours_with_value)
    most = std::max(most, n);
  if (most == 0 || most > 2)
    return false;
  std::map<int64_t, std::pair<Decimal, int>> day_total;  // day → (sum, hours in the series)
  for (size_t h = 0; h < hourly->size(); ++h) {
    auto& [sum, n] = day_total[day_of(h)];
    sum += (*hourly)[h];
    ++n;
  }
  for (size_t h = 0; h < hourly->size(); ++h) {
    const auto& [sum, n] = day_total[day_of(h)];
    (*hourly)[h] = Decimal::divide(sum, Decimal::from_int(n));
  }
  return true;
}

// Instance-hours, not vCPU / GiB time: the unit RIs are bought in.
bool is_instance_hours(std::string_view unit) {
  const std::string u = core::to_lower_ascii(unit);
  return (u.find("hour") != std::string::npos || u.find("hrs") != std::string::npos) &&
         u.find("byte") == std::string::npos && u.find("gib") == std::string::npos;
}

void add_payment_terms(pricing::Payment payment, int months, Decimal hourly_commitment,
                       Decimal* upfront, Decimal* monthly_recurring) {
  const Decimal monthly_commitment = pricing::monthly_from_hourly(hourly_commitment);
  const Decimal whole_term = Decimal::multiply(monthly_commitment, Decimal::from_int(months));
  switch (payment) {
    case pricing::Payment::kNoUpfront:
      *monthly_recurring = monthly_commitment;
      break;
    case pricing::Payment::kPartialUpfront:
      *upfront = Decimal::divide(whole_term, Decimal::from_int(2));
      *monthly_recurring = Decimal::divide(monthly_commitment, Decimal::from_int(2));
      break;
    case pricing::Payment::kAllUpfront:
      *upfront = whole_term;
      break;
  }
}

// Reserved-instance recommendations per (provider, currency, region, instance type) of the
// uncovered on-demand instance-hours in `window`; notes the types without a catalog price.
core::Status recommend_reservations(const store::TableSource& source,
                                    const pricing::PriceBook& book, core::Period window,
                                    const PurchaseOptions& options, CommitmentPlan* plan) {
  const int64_t hours = (window.end.unix_seconds - window.start.unix_seconds) / kHour;
  query::Query q = uncovered_usage_query(window);
  q.granularity = query::Granularity::kHour;
  q.metrics.push_back(query::Metric::of_column(Column::kConsumedQuantity));
  q.metrics.push_back(query::Metric::row_count());
  for (Column c : {Column::kProviderName, Column::kBillingCurrency, Column::kConsumedUnit,
                   Column::kRegionId, Column::kSkuPriceDetails})
    q.group_by.push_back(query::Dimension::of_column(c));
  OPTIMA_ASSIGN_OR_RETURN(query::QueryResult result, query::execute(q, source));

  struct Series {
    std::vector<Decimal> quantity;
    Decimal cost;
    int64_t rows = 0;
  };
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<Key, Series> series;
  for (const query::ResultRow& row : result.rows) {
    const auto* t = std::get_if<core::Timestamp>(&row.values[0]);
    if (t == nullptr || !is_instance_hours(text(row.values[3])))
      continue;
    std::string type = pricing::instance_type_from_sku_price_details(text(row.values[5]));
    if (type.empty())
      continue;
    Series& s = series[{text(row.values[1]), text(row.values[2]), text(row.values[4]), type}];
    if (s.quantity.empty())
      s.quantity.assign(static_cast<size_t>(hours), Decimal());
    const int64_t h = (t->unix_seconds - window.start.unix_seconds) / kHour;
    if (h >= 0 && h < hours)
      s.quantity[static_cast<size_t>(h)] += number(row.values[7]);
    s.cost += number(row.values[6]);
    if (const auto* n = std::get_if<int64_t>(&row.values[8]))
      s.rows += *n;
  }

  const pricing::PricingOption option =
      pricing::PricingOption::reserved(options.term, options.payment);
  const int months = pricing::term_months(options.term);
  std::map<std::string, std::vector<std::string>> unpriced;  // provider → types
  for (auto& [key, s] : series) {
    const auto& [provider, currency, region, type] = key;
    Decimal quantity;
    for (const Decimal& v : s.quantity)
      quantity += v;
    if (quantity <= Decimal())
      continue;
    auto reserved = book.catalog_hourly_rate(provider, region, type, option);
    if (!reserved.is_ok()) {
      unpriced[provider].push_back(type + " " + region);
      continue;
    }
    ReservationRecommendation r;
    r.provider = provider;
    r.currency = currency;
    r.region = region;
    r.instance_type = type;
    r.option = option;
    r.reserved_rate = std::move(reserved).value();
    r.on_demand_rate.per_unit = Decimal::divide(s.cost, quantity);
    r.on_demand_rate.currency = currency;
    r.on_demand_rate.source = pricing::RateSource::kBill;
    r.on_demand_rate.description =
        fmt::format("bill: effective rate of {} in {} over {}..{} from {} rows", type, region,
                    core::format_date(window.start),
                    core::format_date(core::Timestamp{window.end.unix_seconds - 1}), s.rows);
    if (r.reserved_rate.per_unit >= r.on_demand_rate.per_unit)
      continue;
    r.spread_from_daily = spread_daily(&s.quantity, window.start);
    const InstanceLevel best =
        best_instance_count(s.quantity, r.on_demand_rate.per_unit, r.reserved_rate.per_unit);
    if (best.instances == 0)
      continue;
    r.instances = best.instances;
    r.average_instances = Decimal::divide(quantity, Decimal::from_int(hours));
    r.expected_utilization = best.utilization;
    r.monthly_on_demand = per_month(s.cost, static_cast<size_t>(hours));
    r.monthly_savings = per_month(best.savings, static_cast<size_t>(hours));
    r.yearly_savings = Decimal::multiply(r.monthly_savings, Decimal::from_int(12));
    r.term_savings = Decimal::multiply(r.monthly_savings, Decimal::from_int(months));
    const Decimal hourly_commitment =
        Decimal::multiply(Decimal::from_int(best.instances), r.reserved_rate.per_unit);
    add_payment_terms(options.payment, months, hourly_commitment, &r.upfront, &r.monthly_recurring);
    // On demand avoided each month: the covered instance-hours at the current rate.
    const Decimal covered = Decimal::multiply(
        best.utilization,
        Decimal::multiply(Decimal::from_int(best.instances), Decimal::from_int(hours)));
    r.break_even_month = break_even(r.upfront,
                                    per_month(Decimal::multiply(covered, r.on_demand_rate.per_unit),
                                              static_cast<size_t>(hours)),
                                    r.monthly_recurring, months);
    plan->reservations.push_back(std::move(r));
  }
  std::stable_sort(plan->reservations.begin(), plan->reservations.end(),
                   [](const ReservationRecommendation& a, const ReservationRecommendation& b) {
                     return a.monthly_savings > b.monthly_savings;
                   });
  for (const auto& [provider, types] : unpriced) {
    std::vector<std::string> shown(types.begin(),
                                   types.begin() + std::min<size_t>(types.size(), 5));
    plan->notes.push_back(fmt::format(
        "{}: {} instance type(s) without a catalog {} price, no reserved-instance recommendation: "
        "{}{}",
        provider, types.size(), option.to_string(), core::join(shown, ", "),
        types.size() > shown.size() ? ", …" : ""));
  }
  return core::Status::ok();
}

}  // namespace

std::string commitment_product(std::string_view provider) {
  const auto p = pricing::parse_provider(provider);
  if (!p)
    return "commitment";
  switch (*p) {
    case pricing::Provider::kAws:
      return "Compute Savings Plan";
    case pricing::Provider::kAzure:
      return "Azure savings plan for compute";
    case pricing::Provider::kGcp:
      return "Spend-based committed use discount";
  }
  return "commitment";
}

core::Result<std::vector<EligibleUsage>> eligible_on_demand_usage(const store::TableSource& source,
                                                                  core::Period window) {
  const int64_t hours = (window.end.unix_seconds - window.start.unix_seconds) / kHour;
  if (hours <= 0)
    return core::invalid_argument("commitments: empty lookback window");

  query::Query series = uncovered_usage_query(window);
  series.granularity = query::Granularity::kHour;
  for (Column c : {Column::kProviderName, Column::kBillingCurrency, Column::kConsumedUnit})
    series.group_by.push_back(query::Dimension::of_column(c));
  OPTIMA_ASSIGN_OR_RETURN(query::QueryResult by_hour, query::execute(series, source));

  std::map<std::pair<std::string, std::string>, EligibleUsage> out;
  for (const query::ResultRow& row : by_hour.rows) {
    const auto* t = std::get_if<core::Timestamp>(&row.values[0]);
    if (t == nullptr || !is_time_metered_unit(text(row.values[3])))
      continue;
    EligibleUsage& u = out[{text(row.values[1]), text(row.values[2])}];
    if (u.hourly.empty()) {
      u.provider = text(row.values[1]);
      u.currency = text(row.values[2]);
      u.window = window;
      u.hourly.assign(static_cast<size_t>(hours), Decimal());
    }
    const int64_t h = (t->unix_seconds - window.start.unix_seconds) / kHour;
    if (h >= 0 && h < hours)
      u.hourly[static_cast<size_t>(h)] += number(row.values[4]);
  }

  for (auto& [key, u] : out)
    u.spread_from_daily = spread_daily(&u.hourly, window.start);

  query::Query types = uncovered_usage_query(window);
  for (Column c : {Column::kProviderName, Column::kBillingCurrency, Column::kConsumedUnit,
                   Column::kRegionId, Column::kSkuPriceDetails})
    types.group_by.push_back(query::Dimension::of_column(c));
  OPTIMA_ASSIGN_OR_RETURN(query::QueryResult by_type, query::execute(types, source));
  std::map<std::tuple<std::string, std::string, std::string, std::string>, Decimal> type_cost;
  for (const query::ResultRow& row : by_type.rows) {
    if (!is_time_metered_unit(text(row.values[2])))
      continue;
    const auto it = out.find({text(row.values[0]), text(row.values[1])});
    if (it == out.end())
      continue;
    type_cost[{it->first.first, it->first.second, text(row.values[3]),
               pricing::instance_type_from_sku_price_details(text(row.values[4]))}] +=
        number(row.values[5]);
  }
  for (const auto& [key, cost] : type_cost) {
    const auto& [provider, currency, region, type] = key;
    out[{provider, currency}].by_type.push_back({region, type, cost});
  }

  std::vector<EligibleUsage> list;
  for (auto& [key, u] : out)
    list.push_back(std::move(u));
  return list;
}

std::optional<DiscountEstimate> estimate_discount(
    const pricing::PriceBook& book, const EligibleUsage& usage, const PurchaseOptions& options,
    const std::optional<DiscountEstimate>& bill_discount) {
  // AWS prices Compute Savings Plans like Convertible RIs and EC2 Instance Savings Plans like
  // Standard RIs (aws.amazon.com/savingsplans/faq); the spend-based product is the former.
  const bool aws = pricing::parse_provider(usage.provider) == pricing::Provider::kAws;
  const pricing::PricingOption reserved = pricing::PricingOption::reserved(
      options.term, options.payment,
      aws ? pricing::OfferingClass::kConvertible : pricing::OfferingClass::kStandard);
  Decimal weighted, weight, total;
  std::set<std::string> priced;
  std::string source;
  for (const EligibleUsage::ByType& t : usage.by_type) {
    total += t.cost;
    if (t.instance_type.empty())
      continue;
    auto od = book.catalog_hourly_rate(usage.provider, t.region, t.instance_type);
    auto rs = book.catalog_hourly_rate(usage.provider, t.region, t.instance_type, reserved);
    if (!od.is_ok() || !rs.is_ok() || od->per_unit.is_zero())
      continue;
    const Decimal d = Decimal::from_int(1) - Decimal::divide(rs->per_unit, od->per_unit);
    weighted += Decimal::multiply(d, t.cost);
    weight += t.cost;
    priced.insert(t.instance_type);
  }
  if (!weight.is_zero()) {
    DiscountEstimate e;
    e.rate = Decimal::divide(weighted, weight);
    e.source = pricing::RateSource::kCatalog;
    e.description = fmt::format(
        "catalog: {} vs on-demand list rates of {} instance type(s) ({}% of the on-demand spend), "
        "weighted by cost",
        reserved.to_string(), priced.size(),
        total.is_zero() ? "0"
                        : Decimal::multiply(Decimal::divide(weight, total), Decimal::from_int(100))
                              .to_fixed(0));
    return e;
  }
  return bill_discount;
}

core::Result<CommitmentPlan> recommend_commitment_purchases(const store::TableSource& source,
                                                            const pricing::PriceBook& book,
                                                            core::Timestamp end,
                                                            const PurchaseOptions& options) {
  if (options.lookback_days <= 0)
    return core::invalid_argument("commitments: lookback must be a positive number of days");
  CommitmentPlan plan;
  plan.lookback = {core::Timestamp{end.unix_seconds - int64_t{options.lookback_days} * 86400}, end};
  OPTIMA_ASSIGN_OR_RETURN(std::vector<EligibleUsage> usages,
                          eligible_on_demand_usage(source, plan.lookback));
  OPTIMA_ASSIGN_OR_RETURN(std::vector<ProviderCommitmentMetrics> metrics,
                          compute_commitment_metrics(source, plan.lookback));

  for (const EligibleUsage& usage : usages) {
    const ProviderCommitmentMetrics* m = nullptr;
    for (const ProviderCommitmentMetrics& x : metrics)
      if (x.provider == usage.provider && x.currency == usage.currency)
        m = &x;
    std::optional<DiscountEstimate> bill;
    if (m != nullptr) {
      Decimal covered, paid;
      std::vector<std::string> names;
      for (const CommitmentTypeMetrics& t : m->types) {
        covered += t.covered_on_demand_equivalent;
        paid += t.commitment_cost();
        names.push_back(t.type);
      }
      if (!covered.is_zero() && paid < covered) {
        bill = DiscountEstimate{
            Decimal::from_int(1) - Decimal::divide(paid, covered), pricing::RateSource::kBill,
            fmt::format("bill: effective discount of your existing commitments "
                        "({}) over the lookback, unused commitment included; "
                        "their term may differ from {}",
                        core::join(names, ", "), pricing::term_name(options.term))};
      }
    }
    const auto discount = estimate_discount(book, usage, options, bill);
    // A discount of 100% or more is not a price (e.g. commitments billed outside the window).
    if (discount && (discount->rate <= Decimal() || discount->rate >= Decimal::from_int(1))) {
      plan.notes.push_back(fmt::format("{}: discount rate {} out of range ({}); no recommendation",
                                       usage.provider, discount->rate.to_string(),
                                       discount->description));
      continue;
    }
    if (!discount) {
      plan.notes.push_back(fmt::format(
          "{}: no discount rate (no catalog reserved price for its instance types and no existing "
          "commitment in the bill); no recommendation",
          usage.provider));
      continue;
    }
    const SimulationResult sim = simulate_commitment(usage.hourly, discount->rate, options.steps);
    if (sim.best.hourly_commitment.is_zero() || sim.best.savings <= Decimal()) {
      plan.notes.push_back(
          fmt::format("{}: no commitment level saves money over the lookback", usage.provider));
      continue;
    }
    PurchaseRecommendation r;
    r.provider = usage.provider;
    r.currency = usage.currency;
    r.commitment = commitment_product(usage.provider);
    r.term = options.term;
    r.payment = options.payment;
    r.lookback = plan.lookback;
    r.spread_from_daily = usage.spread_from_daily;
    r.discount = *discount;
    r.hourly_commitment = sim.best.hourly_commitment;
    r.expected_utilization = sim.best.utilization;
    const Decimal eligible = m != nullptr ? m->eligible_on_demand_equivalent : sim.on_demand_cost;
    const Decimal covered = m != nullptr ? m->covered_on_demand_equivalent : Decimal();
    if (!eligible.is_zero()) {
      r.coverage_before = Decimal::divide(covered, eligible);
      r.coverage_after = Decimal::divide(covered + sim.best.covered_on_demand, eligible);
    }
    r.monthly_on_demand = per_month(sim.on_demand_cost, sim.hours);
    r.monthly_savings = per_month(sim.best.savings, sim.hours);
    r.yearly_savings = Decimal::multiply(r.monthly_savings, Decimal::from_int(12));
    const int months = pricing::term_months(options.term);
    r.term_savings = Decimal::multiply(r.monthly_savings, Decimal::from_int(months));
    add_payment_terms(options.payment, months, r.hourly_commitment, &r.upfront,
                      &r.monthly_recurring);
    r.break_even_month = break_even(r.upfront, per_month(sim.best.covered_on_demand, sim.hours),
                                    r.monthly_recurring, months);
    r.levels = sim.steps;
    plan.recommendations.push_back(std::move(r));
    if (usage.spread_from_daily)
      plan.notes.push_back(
          fmt::format("{}: the bill is daily; each day's cost was spread evenly over its hours",
                      usage.provider));
  }
  OPTIMA_RETURN_IF_ERROR(recommend_reservations(source, book, plan.lookback, options, &plan));
  return plan;
}

}  // namespace optima::recommend
