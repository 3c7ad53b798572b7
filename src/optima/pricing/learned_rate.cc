// Learning effective rates from FOCUS rows: one grouped query over the window, then the
// instance type read from SkuPriceDetails.
#include "optima/pricing/learned_rate.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <variant>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "optima/core/strings.h"
#include "optima/query/executor.h"

namespace optima::pricing {
namespace {

using focus::Column;

std::string string_value(const query::Value& v) {
  if (const auto* s = std::get_if<std::string>(&v))
    return *s;
  return {};
}

core::Decimal decimal_value(const query::Value& v) {
  if (const auto* d = std::get_if<core::Decimal>(&v))
    return *d;
  return {};
}

core::Decimal ratio(core::Decimal num, core::Decimal den) {
  return den.is_zero() ? core::Decimal() : core::Decimal::divide(num, den);
}

}  // namespace

// Our Azure mapper prefixes AdditionalInfo keys with x_ (Microsoft's FOCUS mapping).
std::string instance_type_from_sku_price_details(std::string_view sku_price_details) {
  if (sku_price_details.empty())
    return {};
  const nlohmann::json details = nlohmann::json::parse(sku_price_details, nullptr, false);
  if (details.is_discarded() || !details.is_object())
    return {};
  for (const char* key : {"InstanceType", "x_ServiceType", "x_VMSize"}) {
    const auto it = details.find(key);
    if (it != details.end() && it->is_string() && !it->get<std::string>().empty())
      return it->get<std::string>();
  }
  return {};
}

core::Decimal LearnedRate::effective_rate() const {
  return ratio(effective_cost, quantity);
}
core::Decimal LearnedRate::list_rate() const {
  return ratio(list_cost, quantity);
}
core::Decimal LearnedRate::contracted_rate() const {
  return ratio(contracted_cost, quantity);
}

core::Decimal LearnedRate::discount_vs_list() const {
  return ratio(list_cost - effective_cost, list_cost);
}

bool LearnedRate::is_hourly() const {
  const std::string u = core::to_lower_ascii(unit);
  return u.find("hour") != std::string::npos || u == "hrs" || u == "hr" || u == "h";
}

std::string LearnedRate::description() const {
  const std::string what = !instance_type.empty() ? instance_type
                           : !sku_meter.empty()   ? sku_meter
                                                  : usage_type;
  // The period end is exclusive; show the last day covered.
  const core::Timestamp last{period.end.unix_seconds - 1};
  return fmt::format("bill: effective rate of {} in {} over {}..{} from {} rows", what,
                     region.empty() ? "(no region)" : region, core::format_date(period.start),
                     core::format_date(last), rows);
}

core::Result<std::vector<LearnedRate>> learn_rates(const store::TableSource& source,
                                                   core::Period period) {
  query::Query q;
  q.time_range = period;
  // At most 8 dimensions: x_UsageType (AWS) and SkuMeter (Azure, Google) name the meter;
  // SkuPriceDetails names the instance type.
  q.group_by.push_back(query::Dimension::of_column(Column::kProviderName));
  q.group_by.push_back(query::Dimension::of_column(Column::kRegionId));
  q.group_by.push_back(query::Dimension::of_extension("x_UsageType"));
  for (Column c : {Column::kSkuMeter, Column::kPricingCategory, Column::kConsumedUnit,
                   Column::kBillingCurrency, Column::kSkuPriceDetails})
    q.group_by.push_back(query::Dimension::of_column(c));
  for (Column c : {Column::kConsumedQuantity, Column::kEffectiveCost, Column::kListCost,
                   Column::kContractedCost})
    q.metrics.push_back(query::Metric::of_column(c));
  q.metrics.push_back(query::Metric::row_count());
  q.filters.push_back(
      {query::Dimension::of_column(Column::kChargeCategory), query::FilterOp::kIn, {"Usage"}});
  q.filters.push_back({query::Dimension::of_column(Column::kCommitmentDiscountStatus),
                       query::FilterOp::kNotIn,
                       {"Unused"}});
  OPTIMA_ASSIGN_OR_RETURN(query::QueryResult result, query::execute(q, source));

  // Groups differing only in other SkuPriceDetails keys (OperatingSystem, CoreCount) merge.
  using Key = std::tuple<std::string, std::string, std::string, std::string, std::string,
                         std::string, std::string, std::string>;
  std::map<Key, LearnedRate> merged;
  for (const query::ResultRow& row : result.rows) {
    const auto& v = row.values;
    LearnedRate r;
    r.provider = string_value(v[0]);
    r.region = string_value(v[1]);
    r.usage_type = string_value(v[2]);
    r.sku_meter = string_value(v[3]);
    r.pricing_category = string_value(v[4]);
    r.unit = string_value(v[5]);
    r.currency = string_value(v[6]);
    r.instance_type = instance_type_from_sku_price_details(string_value(v[7]));
    const core::Decimal quantity = decimal_value(v[8]);
    if (quantity <= core::Decimal())
      continue;
    LearnedRate& m = merged[{r.provider, r.region, r.usage_type, r.sku_meter, r.pricing_category,
                             r.unit, r.currency, r.instance_type}];
    if (m.rows == 0) {
      m = std::move(r);
      m.period = period;
    }
    m.quantity += quantity;
    m.effective_cost += decimal_value(v[9]);
    m.list_cost += decimal_value(v[10]);
    m.contracted_cost += decimal_value(v[11]);
    if (const auto* n = std::get_if<int64_t>(&v[12]))
      m.rows += static_cast<uint64_t>(*n);
  }
  std::vector<LearnedRate> out;
  out.reserve(merged.size());
  for (auto& [key, rate] : merged)
    out.push_back(std::move(rate));
  std::stable_sort(out.begin(), out.end(), [](const LearnedRate& a, const LearnedRate& b) {
    return a.effective_cost > b.effective_cost;
  });
  return out;
}

}  // namespace optima::pricing
