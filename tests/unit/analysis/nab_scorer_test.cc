// NabScorer against the golden per-row results of the three published detectors in
// ../shared/data/nab/results (numenta, twitterADVec, null), and on small hand-made files.
#include "optima/analysis/evaluation/nab_scorer.h"

#include <cmath>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "optima/analysis/evaluation/nab_corpus.h"
#include "optima/core/file_io.h"
#include "support/shared_data.h"

namespace optima::analysis {
namespace {

const std::filesystem::path kNabRoot = testing::shared_data("nab");

TEST(NabScorerTest, ScaledSigmoidMatchesReferenceValues) {
  EXPECT_NEAR(nab_scaled_sigmoid(-1.0), 0.98661, 1e-5);
  EXPECT_DOUBLE_EQ(nab_scaled_sigmoid(0.0), 0.0);
  EXPECT_NEAR(nab_scaled_sigmoid(1.0), -0.98661, 1e-5);
  EXPECT_DOUBLE_EQ(nab_scaled_sigmoid(3.5), -1.0);
}

TEST(NabScorerTest, ProbationaryLengthIsCappedAt750Rows) {
  EXPECT_EQ(nab_probationary_length(1000), 150u);
  EXPECT_EQ(nab_probationary_length(4032), 604u);
  EXPECT_EQ(nab_probationary_length(15902), 750u);
}

TEST(NabScorerTest, EarliestDetectionInWindowScoresFullTpWeight) {
  NabProfile standard{"standard", 1.0, 0.11, 1.0};
  NabScoredFile f{"f", std::vector<double>(1000, 0.0), {{500, 599}}};
  f.scores[500] = 1.0;
  f.scores[590] = 1.0;
  const NabResult r = nab_score({f}, standard, 0.5);
  EXPECT_NEAR(r.raw, 1.0, 1e-12);
  EXPECT_NEAR(r.normalized, 100.0, 1e-9);
  EXPECT_EQ(r.counts.true_positives, 1u);
}

TEST(NabScorerTest, MissedWindowAndFalsePositiveBeforeAnyWindowArePenalised) {
  NabProfile low_fn{"reward_low_FN_rate", 1.0, 0.11, 2.0};
  NabScoredFile f{"f", std::vector<double>(1000, 0.0), {{800, 899}}};
  f.scores[300] = 1.0;  // before the window: -fpWeight
  f.scores[100] = 1.0;  // probationary (150 rows): ignored
  const NabResult r = nab_score({f}, low_fn, 0.5);
  EXPECT_NEAR(r.raw, -2.0 - 0.11, 1e-12);
  EXPECT_EQ(r.counts.false_positives, 1u);
  EXPECT_EQ(r.counts.false_negatives, 1u);
  // (raw - null) / (perfect - null) with null = -2, perfect = 1.
  EXPECT_NEAR(r.normalized, 100.0 * (-0.11) / 3.0, 1e-9);
}

TEST(NabScorerTest, OptimizerFindsTheThresholdSeparatingTrueFromFalseDetections) {
  NabProfile standard{"standard", 1.0, 0.11, 1.0};
  NabScoredFile f{"f", std::vector<double>(1000, 0.1), {{500, 599}}};
  f.scores[300] = 0.6;  // a false positive below the true one
  f.scores[520] = 0.9;
  const NabResult r = nab_optimize({f}, standard);
  EXPECT_DOUBLE_EQ(r.threshold, 0.9);
  EXPECT_EQ(r.counts.false_positives, 0u);
  EXPECT_EQ(r.counts.true_positives, 1u);
}

// Every published detector's per-row S(t), for every file and profile, at the detector's
// threshold of config/thresholds.json, equals ours to the 12 significant digits the files print.
TEST(NabScorerTest, ReproducesGoldenPerRowScoresOfPublishedDetectors) {
  auto corpus = load_nab_corpus(kNabRoot);
  ASSERT_TRUE(corpus.is_ok()) << corpus.status().to_string();
  ASSERT_EQ(corpus->files.size(), 34u);
  auto thresholds_text = core::read_file(kNabRoot / "config" / "thresholds.json");
  ASSERT_TRUE(thresholds_text.is_ok());
  const auto thresholds = nlohmann::json::parse(*thresholds_text, nullptr, false);
  size_t rows_checked = 0;
  size_t nonzero_checked = 0;
  for (const std::string detector : {"numenta", "twitterADVec", "null"}) {
    for (const NabDataFile& data : corpus->files) {
      auto golden = read_nab_result_file(nab_result_path(kNabRoot, detector, data.name));
      ASSERT_TRUE(golden.is_ok()) << golden.status().to_string();
      ASSERT_EQ(golden->times, data.series.times) << data.name;
      const std::vector<double>& labels = golden->columns.at("label");
      for (size_t i = 0; i < labels.size(); ++i) {
        bool in_window = false;
        for (const NabWindow& w : data.windows) in_window = in_window || (w.first <= i && i <= w.last);
        ASSERT_EQ(labels[i] == 1.0, in_window) << detector << " " << data.name << " row " << i;
      }
      NabScoredFile file{data.name, golden->columns.at("anomaly_score"), data.windows};
      for (const NabProfile& profile : corpus->profiles) {
        const double threshold = thresholds[detector][profile.name]["threshold"].get<double>();
        const std::vector<double> ours = nab_row_scores(file, profile, threshold);
        const std::vector<double>& theirs = golden->columns.at("S(t)_" + profile.name);
        ASSERT_EQ(ours.size(), theirs.size());
        for (size_t i = 0; i < ours.size(); ++i) {
          ASSERT_NEAR(ours[i], theirs[i], 1e-11 + 1e-11 * std::fabs(theirs[i]))
              << detector << " " << profile.name << " " << data.name << " row " << i;
          nonzero_checked += theirs[i] != 0.0 ? 1 : 0;
        }
        rows_checked += ours.size();
      }
    }
  }
  size_t corpus_rows = 0;
  for (const NabDataFile& d : corpus->files) corpus_rows += d.series.values.size();
  EXPECT_EQ(corpus_rows, 228257u);
  EXPECT_EQ(rows_checked, 3u * 3u * corpus_rows);
  EXPECT_GT(nonzero_checked, 500u);
}

// The null detector scores 0 on every profile once normalised, and the windows of the subset
// are the 67 of the five categories.
TEST(NabScorerTest, NullDetectorNormalisesToZero) {
  auto corpus = load_nab_corpus(kNabRoot);
  ASSERT_TRUE(corpus.is_ok()) << corpus.status().to_string();
  std::vector<NabScoredFile> files;
  for (const NabDataFile& d : corpus->files) {
    files.push_back({d.name, std::vector<double>(d.series.values.size(), 0.5), d.windows});
  }
  for (const NabProfile& p : corpus->profiles) {
    const NabResult r = nab_score(files, p, 0.625);
    EXPECT_NEAR(r.normalized, 0.0, 1e-12) << p.name;
    EXPECT_NEAR(r.perfect, 67.0 * p.tp_weight, 1e-12);
  }
}

}  // namespace
}  // namespace optima::analysis
