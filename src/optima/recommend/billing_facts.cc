// BillingFacts: one query grouped by ResourceId, ChargeDescription and SkuMeter.
#include "optima/recommend/billing_facts.h"

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/query/executor.h"

namespace optima::recommend {

bool is_license_charge(std::string_view description) {
  const std::string d = core::to_lower_ascii(description);
  return d.find("windows") != std::string::npos || d.find("sql server") != std::string::npos ||
         d.find("sql standard") != std::string::npos ||
         d.find("sql enterprise") != std::string::npos;
}

core::Result<BillingFacts> BillingFacts::load(const store::TableSource& source,
                                              core::Period window) {
  query::Query q;
  q.time_range = window;
  q.metrics = {query::Metric::of_column(focus::Column::kEffectiveCost)};
  q.group_by = {query::Dimension::of_column(focus::Column::kResourceId),
                query::Dimension::of_column(focus::Column::kChargeDescription),
                query::Dimension::of_column(focus::Column::kSkuMeter)};
  q.filters = {{query::Dimension::of_column(focus::Column::kResourceId), query::FilterOp::kNotNull,
                {}}};
  OPTIMA_ASSIGN_OR_RETURN(query::QueryResult result, query::execute(q, source));
  BillingFacts facts(window);
  for (const auto& row : result.rows) {
    const auto* id = std::get_if<std::string>(&row.values[0]);
    const auto* cost = std::get_if<core::Decimal>(&row.values[3]);
    if (id == nullptr || cost == nullptr) continue;
    const auto* description = std::get_if<std::string>(&row.values[1]);
    const auto* meter = std::get_if<std::string>(&row.values[2]);
    const std::string text = fmt::format("{} {}", description ? *description : "",
                                         meter ? *meter : "");
    const bool license = is_license_charge(text);
    facts.add(*id, *cost, license ? *cost : core::Decimal(),
              license ? std::string_view(core::trim(text)) : std::string_view());
  }
  return facts;
}

void BillingFacts::add(const std::string& resource_id, core::Decimal cost,
                       core::Decimal license_cost, std::string_view license_description) {
  ResourceBill& b = bills_[core::to_lower_ascii(resource_id)];
  b.cost += cost;
  b.license_cost += license_cost;
  if (b.license_description.empty()) b.license_description = std::string(license_description);
}

const ResourceBill* BillingFacts::find(std::string_view resource_id) const {
  auto it = bills_.find(core::to_lower_ascii(resource_id));
  return it == bills_.end() ? nullptr : &it->second;
}

namespace {

std::optional<Rate> per_hour(core::Decimal amount, core::Period window, std::string_view what) {
  const int64_t hours = (window.end.unix_seconds - window.start.unix_seconds) / 3600;
  if (hours <= 0) return std::nullopt;
  Rate r;
  r.per_unit = core::Decimal::divide(amount, core::Decimal::from_int(hours));
  r.unit = "hour";
  r.source = fmt::format("bill: {} {} over {}..{} / {} h", what, amount.to_string(),
                         core::format_date(window.start), core::format_date(window.end), hours);
  return r;
}

}  // namespace

std::optional<Rate> BillingFacts::hourly_cost(std::string_view resource_id) const {
  const ResourceBill* b = find(resource_id);
  if (b == nullptr || b->cost <= core::Decimal()) return std::nullopt;
  return per_hour(b->cost, window_, "EffectiveCost");
}

std::optional<Rate> BillingFacts::hourly_license_cost(std::string_view resource_id) const {
  const ResourceBill* b = find(resource_id);
  if (b == nullptr || b->license_cost <= core::Decimal()) return std::nullopt;
  return per_hour(b->license_cost, window_, "licence EffectiveCost");
}

}  // namespace optima::recommend
