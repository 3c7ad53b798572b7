// Nelder–Mead simplex minimisation, the derivative-free optimiser the ETS and SES fits use (as
// R's forecast::ets does). Deterministic; thread-compatible (no shared state).
#pragma once

#include <functional>
#include <vector>

namespace optima::analysis {

struct NelderMeadOptions {
  int max_evaluations = 400;
  double tolerance = 1e-8;  // stop when the simplex's value spread falls below this (relative)
};

// Minimises f from `start` with initial steps `steps` (one per coordinate). Returns the best
// point found; *best_value receives f there. Requires: start.size() == steps.size() > 0.
std::vector<double> nelder_mead(const std::function<double(const std::vector<double>&)>& f,
                                std::vector<double> start, const std::vector<double>& steps,
                                const NelderMeadOptions& options, double* best_value);

}  // namespace optima::analysis
