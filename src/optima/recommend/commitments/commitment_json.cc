#include "optima/recommend/commitments/commitment_json.h"

#include "optima/core/time.h"
#include "optima/pricing/monthly.h"

namespace optima::recommend {
namespace {

nlohmann::json optional_decimal(const std::optional<core::Decimal>& value) {
  return value ? nlohmann::json(value->to_string()) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json commitment_metrics_json(const ProviderCommitmentMetrics& m) {
  nlohmann::json types = nlohmann::json::array();
  for (const CommitmentTypeMetrics& t : m.types)
    types.push_back({{"type", t.type},
                     {"covered_on_demand_equivalent", t.covered_on_demand_equivalent.to_string()},
                     {"used_cost", t.used_cost.to_string()},
                     {"unused_cost", t.unused_cost.to_string()},
                     {"purchases", t.purchases.to_string()},
                     {"utilization", optional_decimal(t.utilization())},
                     {"amortized", t.amortized()},
                     {"savings", t.savings().to_string()},
                     {"savings_rate", t.savings_rate().to_string()}});
  return {{"period_start", core::format_iso8601(m.period.start)},
          {"period_end", core::format_iso8601(m.period.end)},
          {"provider", m.provider},
          {"currency", m.currency},
          {"eligible_on_demand_equivalent", m.eligible_on_demand_equivalent.to_string()},
          {"covered_on_demand_equivalent", m.covered_on_demand_equivalent.to_string()},
          {"on_demand_cost", m.on_demand_cost.to_string()},
          {"unused_cost", m.unused_cost.to_string()},
          {"coverage", m.coverage().to_string()},
          {"utilization", optional_decimal(m.utilization())},
          {"savings", m.savings().to_string()},
          {"effective_savings_rate", m.effective_savings_rate().to_string()},
          {"types", types}};
}

nlohmann::json purchase_recommendation_json(const PurchaseRecommendation& r) {
  nlohmann::json levels = nlohmann::json::array();
  for (const CommitmentLevel& l : r.levels)
    levels.push_back({{"hourly_commitment", l.hourly_commitment.to_string()},
                      {"savings", l.savings.to_string()},
                      {"utilization", l.utilization.to_string()},
                      {"coverage", l.coverage.to_string()}});
  return {{"provider", r.provider},
          {"currency", r.currency},
          {"commitment", r.commitment},
          {"term", pricing::term_name(r.term)},
          {"payment", pricing::payment_name(r.payment)},
          {"lookback_start", core::format_iso8601(r.lookback.start)},
          {"lookback_end", core::format_iso8601(r.lookback.end)},
          {"spread_from_daily", r.spread_from_daily},
          {"discount_rate", r.discount.rate.to_string()},
          {"discount_source", pricing::rate_source_name(r.discount.source)},
          {"discount_description", r.discount.description},
          {"hourly_commitment", r.hourly_commitment.to_string()},
          {"expected_utilization", r.expected_utilization.to_string()},
          {"coverage_before", r.coverage_before.to_string()},
          {"coverage_after", r.coverage_after.to_string()},
          {"monthly_on_demand", r.monthly_on_demand.to_string()},
          {"monthly_savings", r.monthly_savings.to_string()},
          {"yearly_savings", r.yearly_savings.to_string()},
          {"term_savings", r.term_savings.to_string()},
          {"upfront", r.upfront.to_string()},
          {"monthly_recurring", r.monthly_recurring.to_string()},
          {"break_even_month", r.break_even_month},
          {"levels", levels}};
}

nlohmann::json reservation_recommendation_json(const ReservationRecommendation& r) {
  const auto rate = [](const pricing::Rate& x) {
    return nlohmann::json{{"per_hour", x.per_unit.to_string()},
                          {"source", pricing::rate_source_name(x.source)},
                          {"description", x.description}};
  };
  return {{"provider", r.provider},
          {"currency", r.currency},
          {"region", r.region},
          {"instance_type", r.instance_type},
          {"option", r.option.to_string()},
          {"on_demand_rate", rate(r.on_demand_rate)},
          {"reserved_rate", rate(r.reserved_rate)},
          {"spread_from_daily", r.spread_from_daily},
          {"instances", r.instances},
          {"average_instances", r.average_instances.to_string()},
          {"expected_utilization", r.expected_utilization.to_string()},
          {"monthly_on_demand", r.monthly_on_demand.to_string()},
          {"monthly_savings", r.monthly_savings.to_string()},
          {"yearly_savings", r.yearly_savings.to_string()},
          {"term_savings", r.term_savings.to_string()},
          {"upfront", r.upfront.to_string()},
          {"monthly_recurring", r.monthly_recurring.to_string()},
          {"break_even_month", r.break_even_month}};
}

nlohmann::json commitment_plan_json(const CommitmentPlan& plan) {
  nlohmann::json recommendations = nlohmann::json::array();
  for (const PurchaseRecommendation& r : plan.recommendations)
    recommendations.push_back(purchase_recommendation_json(r));
  nlohmann::json reservations = nlohmann::json::array();
  for (const ReservationRecommendation& r : plan.reservations)
    reservations.push_back(reservation_recommendation_json(r));
  return {{"lookback_start", core::format_iso8601(plan.lookback.start)},
          {"lookback_end", core::format_iso8601(plan.lookback.end)},
          {"hours_per_month", pricing::kHoursPerMonth},
          {"recommendations", std::move(recommendations)},
          {"reservations", std::move(reservations)},
          {"notes", plan.notes}};
}

}  // namespace optima::recommend
