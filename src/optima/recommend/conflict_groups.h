// Conflict grouping: recommendations that act on a shared resource (the resource itself or one
// whose cost it removes, e.g. a stopped VM's disks) cannot all be taken, so their savings must
// not be added. Groups are the connected components of "shares a resource"; in each the
// largest monthly saving wins (ties: higher confidence, then id) and the others become its
// alternatives.
#pragma once

#include <vector>

#include "optima/recommend/recommendation.h"

namespace optima::recommend {

// Returns one Recommendation per group, ordered by monthly savings descending, then id.
std::vector<Recommendation> group_conflicts(std::vector<Recommendation> recommendations);

}  // namespace optima::recommend
