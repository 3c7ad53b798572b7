// Totals by key with a stable order (amount descending, then key).
#include "optima/recommend/summary.h"

#include <algorithm>
#include <map>

#include "optima/core/strings.h"

namespace optima::recommend {
namespace {

std::vector<std::pair<std::string, core::Decimal>> sorted(
    const std::map<std::string, core::Decimal>& m) {
  std::vector<std::pair<std::string, core::Decimal>> out(m.begin(), m.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace

bool is_active(const Recommendation& rec) {
  return !rec.hidden && (rec.status == Status::kOpen || rec.status == Status::kAccepted);
}

SavingsSummary summarize(const std::vector<Recommendation>& recs, const std::string& team_tag) {
  SavingsSummary s;
  std::map<std::string, core::Decimal> category, account, team;
  for (const auto& r : recs) {
    if (r.hidden) ++s.hidden;
    if (!is_active(r)) {
      if (!r.hidden) ++s.inactive;
      continue;
    }
    ++s.counted;
    s.total_monthly += r.savings.monthly;
    category[std::string(category_name(r.category))] += r.savings.monthly;
    account[r.account_id.empty() ? "(unknown)" : r.account_id] += r.savings.monthly;
    std::string owner = "(untagged)";
    for (const auto& [k, v] : r.tags) {
      if (core::iequals(k, team_tag) && !v.empty()) owner = v;
    }
    team[owner] += r.savings.monthly;
  }
  s.by_category = sorted(category);
  s.by_account = sorted(account);
  s.by_team = sorted(team);
  return s;
}

}  // namespace optima::recommend
