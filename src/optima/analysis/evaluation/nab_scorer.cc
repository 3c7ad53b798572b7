// The NAB metric (see nab_scorer.h and ../shared/data/nab/MANIFEST.md).
#include "optima/analysis/evaluation/nab_scorer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace optima::analysis {
namespace {

// Windows with at least one row after the probationary period (the only ones NAB scores).
size_t scorable_windows(const NabScoredFile& file) {
  const size_t prob = nab_probationary_length(file.scores.size());
  size_t n = 0;
  for (const NabWindow& w : file.windows) n += w.last >= prob ? 1 : 0;
  return n;
}

}  // namespace

size_t nab_probationary_length(size_t rows) {
  const double by_percent = std::floor(kNabProbationaryPercent * static_cast<double>(rows));
  return static_cast<size_t>(std::min(by_percent, kNabProbationaryPercent * 5000.0));
}

double nab_scaled_sigmoid(double y) {
  if (y > 3.0) return -1.0;
  return 2.0 / (1.0 + std::exp(5.0 * y)) - 1.0;
}

NabRowWeights nab_row_weights(const NabScoredFile& file, const NabProfile& profile) {
  const size_t n = file.scores.size();
  const size_t prob = nab_probationary_length(n);
  const double max_tp = nab_scaled_sigmoid(-1.0);
  NabRowWeights out;
  out.weight.assign(n, 0.0);
  out.window.assign(n, kNabOutside);
  size_t next = 0;           // next window to enter
  bool have_previous = false;
  size_t prev_right = 0;
  double prev_width = 0;
  for (size_t i = 0; i < n; ++i) {
    while (next < file.windows.size() && file.windows[next].last < i) {
      have_previous = true;
      prev_right = file.windows[next].last;
      prev_width = static_cast<double>(file.windows[next].last - file.windows[next].first + 1);
      ++next;
    }
    const bool inside = next < file.windows.size() && file.windows[next].first <= i;
    double w;
    if (inside) {
      const NabWindow& win = file.windows[next];
      const double width = static_cast<double>(win.last - win.first + 1);
      const double position = -static_cast<double>(win.last - i + 1) / width;
      w = nab_scaled_sigmoid(position) * profile.tp_weight / max_tp;
      out.window[i] = static_cast<int>(next);
    } else if (!have_previous) {
      w = -1.0 * profile.fp_weight;
    } else {
      const double position = static_cast<double>(i - prev_right) / (prev_width - 1.0);
      w = nab_scaled_sigmoid(position) * profile.fp_weight;
    }
    if (i < prob) {
      out.window[i] = kNabProbationary;
      w = 0.0;
    }
    out.weight[i] = w;
  }
  return out;
}

std::vector<double> nab_row_scores(const NabScoredFile& file, const NabProfile& profile,
                                   double threshold) {
  const NabRowWeights rw = nab_row_weights(file, profile);
  const size_t prob = nab_probationary_length(file.scores.size());
  std::vector<double> out(file.scores.size(), 0.0);
  std::vector<double> best(file.windows.size(), -profile.fn_weight);
  std::vector<bool> detected(file.windows.size(), false);
  for (size_t i = 0; i < file.scores.size(); ++i) {
    if (rw.window[i] == kNabProbationary || !(file.scores[i] >= threshold)) continue;
    if (rw.window[i] == kNabOutside) {
      out[i] = rw.weight[i];
    } else {
      const auto k = static_cast<size_t>(rw.window[i]);
      best[k] = detected[k] ? std::max(best[k], rw.weight[i]) : rw.weight[i];
      detected[k] = true;
    }
  }
  for (size_t k = 0; k < file.windows.size(); ++k) {
    if (file.windows[k].last < prob) continue;
    out[std::max(file.windows[k].first, prob)] = best[k];
  }
  return out;
}

NabResult nab_score(const std::vector<NabScoredFile>& files, const NabProfile& profile,
                    double threshold) {
  NabResult r;
  r.threshold = threshold;
  for (const NabScoredFile& f : files) {
    const std::vector<double> s = nab_row_scores(f, profile, threshold);
    r.raw += std::accumulate(s.begin(), s.end(), 0.0);
    const size_t windows = scorable_windows(f);
    r.null -= profile.fn_weight * static_cast<double>(windows);
    r.perfect += profile.tp_weight * static_cast<double>(windows);
    const NabRowWeights rw = nab_row_weights(f, profile);
    std::vector<bool> hit(f.windows.size(), false);
    for (size_t i = 0; i < f.scores.size(); ++i) {
      if (rw.window[i] == kNabProbationary || !(f.scores[i] >= threshold)) continue;
      if (rw.window[i] == kNabOutside) {
        ++r.counts.false_positives;
      } else {
        hit[static_cast<size_t>(rw.window[i])] = true;
      }
    }
    const size_t prob = nab_probationary_length(f.scores.size());
    for (size_t k = 0; k < f.windows.size(); ++k) {
      if (f.windows[k].last < prob) continue;
      ++(hit[k] ? r.counts.true_positives : r.counts.false_negatives);
    }
  }
  r.normalized = 100.0 * (r.raw - r.null) / (r.perfect - r.null);
  return r;
}

NabResult nab_optimize(const std::vector<NabScoredFile>& files, const NabProfile& profile) {
  // Every non-probationary row as (score, contribution), swept from the highest score down:
  // a window's part is its best detection so far (or -fnWeight), false positives add up.
  struct Point {
    double score;
    double weight;
    int window;  // global window index, or -1 outside
  };
  std::vector<Point> points;
  std::vector<double> window_best;
  for (const NabScoredFile& f : files) {
    const NabRowWeights rw = nab_row_weights(f, profile);
    const size_t prob = nab_probationary_length(f.scores.size());
    std::vector<int> global(f.windows.size(), -1);
    for (size_t k = 0; k < f.windows.size(); ++k) {
      if (f.windows[k].last < prob) continue;
      global[k] = static_cast<int>(window_best.size());
      window_best.push_back(-profile.fn_weight);
    }
    for (size_t i = 0; i < f.scores.size(); ++i) {
      if (rw.window[i] == kNabProbationary) continue;
      const int w = rw.window[i] == kNabOutside ? -1 : global[static_cast<size_t>(rw.window[i])];
      points.push_back({f.scores[i], rw.weight[i], w});
    }
  }
  std::sort(points.begin(), points.end(),
            [](const Point& a, const Point& b) { return a.score > b.score; });
  const double null_score = -profile.fn_weight * static_cast<double>(window_best.size());
  double fp_sum = 0;
  double window_sum = null_score;
  std::vector<bool> hit(window_best.size(), false);
  // Threshold above every score: no detection, the null score.
  double best_score = null_score;
  double best_threshold = points.empty() ? 1.0 : points.front().score + 1e-9;
  for (size_t i = 0; i < points.size();) {
    const double t = points[i].score;
    for (; i < points.size() && points[i].score == t; ++i) {
      const Point& p = points[i];
      if (p.window < 0) {
        fp_sum += p.weight;
        continue;
      }
      const auto k = static_cast<size_t>(p.window);
      const double old = window_best[k];
      const double now = hit[k] ? std::max(old, p.weight) : p.weight;
      hit[k] = true;
      window_best[k] = now;
      window_sum += now - old;
    }
    if (fp_sum + window_sum > best_score) {
      best_score = fp_sum + window_sum;
      best_threshold = t;
    }
  }
  return nab_score(files, profile, best_threshold);
}

}  // namespace optima::analysis
