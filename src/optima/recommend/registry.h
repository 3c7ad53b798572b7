// The explicit registry of recommenders (STYLE.md: registries are tables, no self-registration).
// The same table drives `cloudoptima recommend --list`, the API's list and the docs.
#pragma once

#include <string_view>
#include <vector>

#include "optima/recommend/context.h"
#include "optima/recommend/recommendation.h"

namespace optima::recommend {

struct RecommenderInfo;

// Evaluates one resource; appends zero or more recommendations to *out. Never fails: a missing
// rate or metric means no recommendation (the engine counts skipped resources separately).
using EvaluateFn = void (*)(const RecommenderInfo& info, ResourceView& view,
                            std::vector<Recommendation>* out);

struct RecommenderInfo {
  std::string_view id;          // "idle_vm"
  Category category;
  Pillar pillar;
  Level risk;
  Level effort;
  std::string_view applies_to;  // resource kinds, for people
  std::string_view summary;     // what it finds and how (profile section it reads)
  EvaluateFn evaluate;
};

// Every recommender, in a fixed order.
const std::vector<RecommenderInfo>& recommender_registry();
// nullptr when no recommender has this id.
const RecommenderInfo* find_recommender(std::string_view id);

}  // namespace optima::recommend
