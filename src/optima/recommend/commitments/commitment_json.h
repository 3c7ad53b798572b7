// The JSON form of commitment metrics and purchase recommendations, shared by the CLI
// (`commitments --json`) and the API (GET /api/v1/commitments, …/commitments/purchases).
// Decimals as exact strings.
#pragma once

#include <nlohmann/json.hpp>

#include "optima/recommend/commitments/commitment_metrics.h"
#include "optima/recommend/commitments/purchase_recommendation.h"

namespace optima::recommend {

nlohmann::json commitment_metrics_json(const ProviderCommitmentMetrics& metrics);
nlohmann::json purchase_recommendation_json(const PurchaseRecommendation& recommendation);
nlohmann::json reservation_recommendation_json(const ReservationRecommendation& recommendation);
// {"lookback_start", "lookback_end", "hours_per_month", "recommendations", "reservations",
//  "notes"}.
nlohmann::json commitment_plan_json(const CommitmentPlan& plan);

}  // namespace optima::recommend
