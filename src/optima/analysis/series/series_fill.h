// Filling missing periods for models that need a complete series (Theta, naive methods,
// decompositions). ETS does not need it: it treats a missing period as unobserved.
#pragma once

#include <vector>

namespace optima::analysis {

// Returns `values` with each NaN replaced: by linear interpolation between the nearest observed
// neighbours, or by the nearest observed value at either end. Requires: at least one finite value.
std::vector<double> fill_missing(const std::vector<double>& values);

}  // namespace optima::analysis
