// JSON serialisation of recommendations and summaries.
#include "optima/recommend/recommendation_json.h"

#include <cmath>

namespace optima::recommend {
namespace {

using nlohmann::ordered_json;

// Utilization values rounded to 6 decimals for output (the values themselves stay exact).
double rounded(double v) { return std::round(v * 1e6) / 1e6; }

ordered_json totals(const std::vector<std::pair<std::string, core::Decimal>>& items,
                    const char* key) {
  ordered_json out = ordered_json::array();
  for (const auto& [k, v] : items) out.push_back({{key, k}, {"monthly_savings", v.to_fixed(2)}});
  return out;
}

}  // namespace

ordered_json stats_to_json(const UtilizationStats& s, JsonDetail detail) {
  ordered_json j = {
      {"metric", s.metric},
      {"statistic", s.statistic},
      {"window_start", core::format_iso8601(s.window.start)},
      {"window_end", core::format_iso8601(s.window.end)},
      {"first_sample", s.samples > 0 ? ordered_json(core::format_iso8601(s.first_sample)) : ordered_json()},
      {"last_sample", s.samples > 0 ? ordered_json(core::format_iso8601(s.last_sample)) : ordered_json()},
      {"samples", s.samples},
      {"expected_samples", s.expected_samples},
      {"coverage", rounded(s.coverage())},
      {"mean", rounded(s.mean)},
      {"p95", rounded(s.p95)},
      {"percentile_definition", "nearest rank: the ceil(0.95 n)-th smallest sample"},
      {"max", rounded(s.max)},
      {"idle_threshold", rounded(s.idle_threshold)},
      {"idle_fraction", rounded(s.idle_fraction)},
  };
  if (detail == JsonDetail::kFull) {
    ordered_json mean = ordered_json::array();
    ordered_json count = ordered_json::array();
    for (size_t i = 0; i < s.heatmap_mean.size(); ++i) {
      mean.push_back(rounded(s.heatmap_mean[i]));
      count.push_back(s.heatmap_count[i]);
    }
    j["heatmap"] = {{"layout", "hour of week, 0 = Monday 00:00 UTC"}, {"mean", mean}, {"count", count}};
  }
  return j;
}

ordered_json to_json(const Recommendation& r, JsonDetail detail) {
  ordered_json terms = ordered_json::array();
  for (const auto& t : r.savings.terms) {
    terms.push_back({{"label", t.label},
                     {"sign", t.sign},
                     {"rate", t.rate.to_string()},
                     {"rate_unit", t.rate_unit},
                     {"quantity", t.quantity.to_string()},
                     {"quantity_unit", t.quantity_unit},
                     {"rate_source", t.rate_source}});
  }
  ordered_json metrics = ordered_json::array();
  for (const auto& s : r.evidence.metrics) metrics.push_back(stats_to_json(s, detail));
  ordered_json facts = ordered_json::object();
  for (const auto& [k, v] : r.evidence.facts) facts[k] = v;
  ordered_json alternatives = ordered_json::array();
  for (const auto& a : r.alternatives) alternatives.push_back(to_json(a, detail));
  return {
      {"id", r.id},
      {"recommender", r.recommender},
      {"category", category_name(r.category)},
      {"pillar", pillar_name(r.pillar)},
      {"profile", r.profile},
      {"provider", r.provider},
      {"resource_id", r.resource_id},
      {"resource_name", r.resource_name},
      {"resource_kind", r.resource_kind},
      {"resource_type", r.resource_type},
      {"account_id", r.account_id},
      {"region", r.region},
      {"tags", r.tags},
      {"action", r.action},
      {"title", r.title},
      {"detail", r.detail},
      {"evidence_window_days", r.evidence_window_days},
      {"evidence", {{"rule", r.evidence.rule}, {"metrics", metrics}, {"facts", facts}}},
      {"monthly_savings", r.savings.monthly.to_fixed(2)},
      {"monthly_savings_exact", r.savings.monthly.to_string()},
      {"savings_formula", r.savings.formula},
      {"savings_terms", terms},
      {"confidence", rounded(r.confidence)},
      {"confidence_level", level_name(r.confidence_level)},
      {"confidence_note", r.confidence_note},
      {"risk", level_name(r.risk)},
      {"effort", level_name(r.effort)},
      {"affected_resources", r.affected_resources},
      {"status", status_name(r.status)},
      {"status_reason", r.status_reason},
      {"snoozed_until", r.snoozed_until ? ordered_json(core::format_iso8601(*r.snoozed_until)) : ordered_json()},
      {"hidden", r.hidden},
      {"alternatives", alternatives},
  };
}

ordered_json to_json(const SavingsSummary& s, const std::vector<Recommendation>& items) {
  ordered_json list = ordered_json::array();
  for (const auto& r : items) list.push_back(to_json(r));
  return {{"currency", "USD"},
          {"total_monthly_savings", s.total_monthly.to_fixed(2)},
          {"by_category", totals(s.by_category, "category")},
          {"by_account", totals(s.by_account, "account")},
          {"by_team", totals(s.by_team, "team")},
          {"count", s.counted},
          {"hidden", s.hidden},
          {"inactive", s.inactive},
          {"items", list}};
}

}  // namespace optima::recommend
