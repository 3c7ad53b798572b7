// Seasonal, robust detection of cost events (see cost_detector.h).
#include "optima/analysis/anomaly/cost_detector.h"

#include <algorithm>
#include <cmath>

namespace optima::analysis {
namespace {

constexpr double kMadToSigma = 1.4826;

core::Decimal median_decimal(std::vector<core::Decimal> v) {
  std::sort(v.begin(), v.end());
  const size_t mid = v.size() / 2;
  if (v.size() % 2 == 1) return v[mid];
  return core::Decimal::divide(v[mid - 1] + v[mid], core::Decimal::from_int(2));
}

double median_double(std::vector<double> v) {
  const size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  double m = v[mid];
  if (v.size() % 2 == 0) {
    m = (m + *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid))) / 2.0;
  }
  return m;
}

// Spike when short; drift when the residual ramps up (last third at least 1.8 × the first);
// otherwise a level shift.
AnomalyKind classify(const std::vector<double>& residuals, size_t season) {
  const size_t n = residuals.size();
  if (n < season) return AnomalyKind::kSpike;
  const size_t third = n / 3;
  double first = 0;
  double last = 0;
  for (size_t i = 0; i < third; ++i) first += std::fabs(residuals[i]);
  for (size_t i = n - third; i < n; ++i) last += std::fabs(residuals[i]);
  return last >= 1.8 * first ? AnomalyKind::kDrift : AnomalyKind::kLevelShift;
}

// Whether the last `span` residuals still grow: their last third is ≥ 1.3 × their first third.
bool still_ramping(const std::vector<double>& residuals, size_t span) {
  const size_t third = span / 3;
  double first = 0;
  double last = 0;
  for (size_t i = residuals.size() - span; i < residuals.size() - span + third; ++i) first += std::fabs(residuals[i]);
  for (size_t i = residuals.size() - third; i < residuals.size(); ++i) last += std::fabs(residuals[i]);
  return last >= 1.3 * first;
}

}  // namespace

std::vector<CostEvent> detect_cost_events(const std::vector<core::Decimal>& values,
                                          const CostDetectorOptions& options) {
  const size_t n = values.size();
  const size_t season = std::max<size_t>(1, options.season);
  const size_t warmup = 2 * season;
  const size_t spread_window = 8 * season;
  const size_t adopt_after = options.weeks * season;
  std::vector<core::Decimal> clean = values;
  std::vector<core::Decimal> expected(n);
  std::vector<double> clean_resid(n, 0.0);
  std::vector<CostEvent> events;

  bool in_event = false;
  CostEvent event;
  std::vector<double> event_resid;
  double cusum_up = 0;
  double cusum_down = 0;
  size_t run_up = 0;
  size_t run_down = 0;

  auto close_event = [&](bool ongoing) {
    event.length = event_resid.size();
    if (!ongoing && event.length < season) {
      // A spike that is over: the median baseline is robust to it, and a recurring one must be
      // learned rather than reported every week.
      for (size_t j = event.start; j < event.start + event.length; ++j) clean[j] = values[j];
    }
    event.ongoing = ongoing;
    event.kind = classify(event_resid, season);
    core::Decimal sum;
    for (size_t j = event.start; j < event.start + event.length; ++j) sum += values[j];
    event.actual = core::Decimal::divide(sum, core::Decimal::from_int(static_cast<int64_t>(event.length)));
    events.push_back(event);
    in_event = false;
    cusum_up = cusum_down = 0;
  };

  for (size_t i = 0; i < n; ++i) {
    std::vector<core::Decimal> refs;
    for (size_t k = 1; k <= options.weeks && k * season <= i; ++k) refs.push_back(clean[i - k * season]);
    if (i < warmup || refs.size() < 2) {
      expected[i] = values[i];
      continue;
    }
    expected[i] = median_decimal(refs);
    const double base = expected[i].to_double();
    const double resid = (values[i] - expected[i]).to_double();
    std::vector<double> recent;
    for (size_t j = i > spread_window ? i - spread_window : warmup; j < i; ++j) {
      if (j >= warmup) recent.push_back(clean_resid[j]);
    }
    double sigma = 0;
    if (recent.size() >= 3) {
      const double m = median_double(recent);
      for (double& r : recent) r = std::fabs(r - m);
      sigma = kMadToSigma * median_double(recent);
    }
    // A flat history would make every cent infinitely surprising: floor the spread at 2% of the
    // baseline and at a fraction of the material change.
    sigma = std::max({sigma, 0.02 * std::fabs(base), 0.25 * options.min_delta.to_double(), 1e-9});
    const double z = resid / sigma;
    if (refs.size() < options.weeks) {
      // Too little history for a reliable baseline: learn the spread, raise nothing.
      clean_resid[i] = resid;
      continue;
    }
    const bool material = std::fabs(resid) >= options.min_delta.to_double() &&
                          std::fabs(resid) >= options.min_relative * std::fabs(base);

    if (in_event) {
      const bool same_sign = (event.direction == AnomalyDirection::kIncrease) ? z > 0 : z < 0;
      if (same_sign && std::fabs(z) >= options.continue_z) {
        event_resid.push_back(resid);
        event.impact += values[i] - expected[i];
        clean[i] = expected[i];
        clean_resid[i] = 0;
        if (event_resid.size() >= adopt_after && !still_ramping(event_resid, adopt_after)) {
          // Four weeks on a steady new level: it is the normal now; let the baseline learn it.
          // A drift still growing stays one event instead of being re-reported each month.
          for (size_t j = i + 1 - adopt_after; j <= i; ++j) clean[j] = values[j];
          close_event(i + 1 == n);
        } else if (i + 1 == n) {
          close_event(true);
        }
        continue;
      }
      close_event(false);
    }

    clean_resid[i] = resid;
    cusum_up = std::max(0.0, cusum_up + z - options.cusum_slack);
    cusum_down = std::max(0.0, cusum_down - z - options.cusum_slack);
    if (cusum_up == 0) run_up = i + 1;
    if (cusum_down == 0) run_down = i + 1;
    const bool by_z = std::fabs(z) >= options.z_threshold;
    const bool by_cusum_up = cusum_up >= options.cusum_threshold;
    const bool by_cusum_down = cusum_down >= options.cusum_threshold;
    if (!material || !(by_z || by_cusum_up || by_cusum_down)) continue;
    if (by_z && i < options.month_ago.size()) {
      // The same day of the two previous months looked alike: a monthly charge.
      const auto [m1, m2] = options.month_ago[i];
      auto alike = [&](long m) {
        return m >= 0 && std::fabs((values[i] - values[static_cast<size_t>(m)]).to_double()) <= 0.5 * std::fabs(resid);
      };
      if (alike(m1) && alike(m2)) continue;
    }

    event = CostEvent{};
    event.direction = resid > 0 ? AnomalyDirection::kIncrease : AnomalyDirection::kDecrease;
    event.detected = i;
    event.z = z;
    size_t start = i;
    if (!by_z) start = event.direction == AnomalyDirection::kIncrease ? run_up : run_down;
    event.start = start;
    event.expected = expected[start];
    event_resid.clear();
    for (size_t j = start; j <= i; ++j) {
      event_resid.push_back((values[j] - expected[j]).to_double());
      event.impact += values[j] - expected[j];
      clean[j] = expected[j];
      clean_resid[j] = 0;
    }
    in_event = true;
    if (i + 1 == n) close_event(true);
  }
  return events;
}

}  // namespace optima::analysis
