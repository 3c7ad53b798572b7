// Union-find over the resource ids each recommendation touches.
#include "optima/recommend/conflict_groups.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <unordered_map>

#include "optima/core/strings.h"

namespace optima::recommend {
namespace {

size_t find_root(std::vector<size_t>& parent, size_t i) {
  while (parent[i] != i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

bool better(const Recommendation& a, const Recommendation& b) {
  if (a.savings.monthly != b.savings.monthly) return a.savings.monthly > b.savings.monthly;
  if (a.confidence != b.confidence) return a.confidence > b.confidence;
  return a.id < b.id;
}

}  // namespace

std::vector<Recommendation> group_conflicts(std::vector<Recommendation> recs) {
  std::vector<size_t> parent(recs.size());
  std::iota(parent.begin(), parent.end(), size_t{0});
  std::unordered_map<std::string, size_t> owner;
  for (size_t i = 0; i < recs.size(); ++i) {
    auto touch = [&](const std::string& id) {
      if (id.empty()) return;
      auto [it, inserted] = owner.emplace(core::to_lower_ascii(id), i);
      if (!inserted) parent[find_root(parent, i)] = find_root(parent, it->second);
    };
    touch(recs[i].resource_id);
    for (const auto& a : recs[i].affected_resources) touch(a);
  }
  std::unordered_map<size_t, std::vector<size_t>> groups;
  for (size_t i = 0; i < recs.size(); ++i) groups[find_root(parent, i)].push_back(i);
  std::vector<Recommendation> out;
  out.reserve(groups.size());
  for (auto& [root, members] : groups) {
    std::sort(members.begin(), members.end(),
              [&](size_t a, size_t b) { return better(recs[a], recs[b]); });
    Recommendation best = std::move(recs[members[0]]);
    for (size_t k = 1; k < members.size(); ++k) {
      best.alternatives.push_back(std::move(recs[members[k]]));
    }
    out.push_back(std::move(best));
  }
  std::sort(out.begin(), out.end(), [](const Recommendation& a, const Recommendation& b) {
    if (a.savings.monthly != b.savings.monthly) return a.savings.monthly > b.savings.monthly;
    return a.id < b.id;
  });
  return out;
}

}  // namespace optima::recommend
