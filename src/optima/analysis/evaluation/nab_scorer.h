// NabScorer: the Numenta Anomaly Benchmark metric (NAB v1.1; the algorithm is written out in
// ../shared/data/nab/MANIFEST.md, from nab/sweeper.py and nab/scorer.py).
//
// Per file: rows before the probationary length are ignored; each labelled window scores its
// best (earliest) detection through the scaled sigmoid, or -fnWeight when it has none; each
// detection outside every window costs fpWeight times the sigmoid of its distance past the
// last window. The corpus score is the sum over files at one global threshold per profile,
// chosen to maximise it, and is normalised so the null detector scores 0 and a perfect one 100.
// Plain functions over value types; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace optima::analysis {

// A cost matrix of config/profiles.json.
struct NabProfile {
  std::string name;  // "standard", "reward_low_FP_rate", "reward_low_FN_rate"
  double tp_weight = 1.0;
  double fp_weight = 0.11;
  double fn_weight = 1.0;
};

// Row indices of a labelled window, both inclusive.
struct NabWindow {
  size_t first = 0;
  size_t last = 0;
};

// One scored data file: a detector's anomaly_score per row and the file's windows (ordered,
// disjoint, within the rows).
struct NabScoredFile {
  std::string name;  // "realTweets/Twitter_volume_AAPL.csv"
  std::vector<double> scores;
  std::vector<NabWindow> windows;
};

inline constexpr double kNabProbationaryPercent = 0.15;

// min(floor(0.15 n), 0.15 * 5000): at most 750 rows.
size_t nab_probationary_length(size_t rows);

// 2 / (1 + exp(5 y)) - 1, and -1 for y > 3.
double nab_scaled_sigmoid(double y);

// What each row would add if it were a detection (NAB's "sweep score"): inside a window
// tpWeight * sigma(-(R - i + 1) / width) / sigma(-1); outside, fpWeight * sigma(distance past
// the last window / (its width - 1)), or -fpWeight before any window. Probationary rows
// contribute 0 and are marked.
struct NabRowWeights {
  std::vector<double> weight;
  std::vector<int> window;  // index into the windows, kNabOutside, or kNabProbationary
};
inline constexpr int kNabOutside = -1;
inline constexpr int kNabProbationary = -2;
NabRowWeights nab_row_weights(const NabScoredFile& file, const NabProfile& profile);

// Per-row S(t) as NAB's result files hold it at `threshold`: each scorable window's score
// (best detection, or -fnWeight) on the window's first row, each detection outside windows
// on its own row, 0 elsewhere.
std::vector<double> nab_row_scores(const NabScoredFile& file, const NabProfile& profile,
                                   double threshold);

struct NabCounts {
  size_t true_positives = 0;   // scorable windows with a detection
  size_t false_negatives = 0;  // scorable windows without one
  size_t false_positives = 0;  // detection rows outside windows
};

struct NabResult {
  double threshold = 0;
  double raw = 0;      // Σ file scores
  double null = 0;     // -fnWeight × scorable windows
  double perfect = 0;  // tpWeight × scorable windows
  double normalized = 0;  // 100 (raw - null) / (perfect - null)
  NabCounts counts;
};

// The corpus score at a fixed threshold (a row detects when score >= threshold).
NabResult nab_score(const std::vector<NabScoredFile>& files, const NabProfile& profile,
                    double threshold);

// The corpus score at the threshold maximising it, swept over every distinct anomaly score of
// the corpus (as nab/optimizer.py does; ties keep the highest threshold).
NabResult nab_optimize(const std::vector<NabScoredFile>& files, const NabProfile& profile);

}  // namespace optima::analysis
