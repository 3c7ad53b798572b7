// SavingsSummary: totals of a recommendation list — overall and by category, account and team
// (the `team` tag, "(untagged)" without) — counting each listed recommendation once (its
// alternatives never) and leaving out hidden, dismissed and snoozed ones.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/recommend/recommendation.h"

namespace optima::recommend {

struct SavingsSummary {
  core::Decimal total_monthly;
  std::vector<std::pair<std::string, core::Decimal>> by_category;  // largest first
  std::vector<std::pair<std::string, core::Decimal>> by_account;
  std::vector<std::pair<std::string, core::Decimal>> by_team;
  size_t counted = 0;  // recommendations in the totals
  size_t hidden = 0;   // hidden by feedback
  size_t inactive = 0; // dismissed, snoozed, implemented or verified
};

// True when a recommendation counts in totals: not hidden, status open or accepted.
bool is_active(const Recommendation& rec);

SavingsSummary summarize(const std::vector<Recommendation>& recs, const std::string& team_tag = "team");

}  // namespace optima::recommend
