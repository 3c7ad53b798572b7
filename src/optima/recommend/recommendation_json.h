// JSON form of recommendations, as the API, `recommend --json` and `recommend show` print it:
// ids, classification, resource, action, evidence (statistics with window and, on request, the
// 24×7 heatmap), savings (monthly, formula, every term with rate and source), confidence, risk,
// effort, lifecycle status and alternatives. Money is a decimal string.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "optima/recommend/recommendation.h"
#include "optima/recommend/summary.h"

namespace optima::recommend {

enum class JsonDetail { kSummary, kFull };  // kFull adds heatmaps

nlohmann::ordered_json stats_to_json(const UtilizationStats& s, JsonDetail detail);
nlohmann::ordered_json to_json(const Recommendation& rec, JsonDetail detail = JsonDetail::kSummary);
// {"currency":"USD","total_monthly_savings", "by_category", "by_account", "by_team", "count",
//  "hidden", "items":[…]}
nlohmann::ordered_json to_json(const SavingsSummary& summary,
                               const std::vector<Recommendation>& items);

}  // namespace optima::recommend
