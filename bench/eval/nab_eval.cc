// nab_eval: scores CloudOptima's streaming anomaly detector (analysis::score_series) on the NAB
// subset in ../shared/data/nab with our NAB scorer, next to the published detectors whose
// per-row results ship with the data (numenta HTM, Twitter ADVec, null), scored the same way on
// the same five categories. Results and commands: bench/eval/ANOMALY.md.
//
//   nab_eval [--nab DIR] [--window N] [--level N] [--quiet PER_MILLE] [--no-seasonal] [--per-file] [--out DIR]
//
// --out writes our per-file results in NAB's layout (DIR/<category>/cloudoptima_<file>.csv).
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "optima/analysis/anomaly/stream_scorer.h"
#include "optima/analysis/anomaly/value_series_csv.h"
#include "optima/analysis/evaluation/nab_corpus.h"
#include "optima/analysis/evaluation/nab_scorer.h"
#include "optima/core/file_io.h"
#include "optima/core/strings.h"

namespace {

using optima::analysis::NabCorpus;
using optima::analysis::NabResult;
using optima::analysis::NabScoredFile;

std::string category_of(const std::string& name) { return name.substr(0, name.find('/')); }

void print_scores(const std::string& label, const NabCorpus& corpus,
                  const std::vector<NabScoredFile>& files) {
  std::string line = fmt::format("{:<28}", label);
  for (const auto& profile : corpus.profiles) {
    const NabResult r = optima::analysis::nab_optimize(files, profile);
    line += fmt::format(" | {:>6.1f} (t={:.4f} TP={} FP={} FN={})", r.normalized, r.threshold,
                        r.counts.true_positives, r.counts.false_positives, r.counts.false_negatives);
  }
  std::printf("%s\n", line.c_str());
}

// Per category at the standard profile's corpus-optimal threshold.
void print_categories(const std::string& label, const NabCorpus& corpus,
                      const std::vector<NabScoredFile>& files) {
  const auto& standard = corpus.profiles[0];
  const double t = optima::analysis::nab_optimize(files, standard).threshold;
  std::map<std::string, std::vector<NabScoredFile>> by_category;
  for (const auto& f : files) by_category[category_of(f.name)].push_back(f);
  std::string line = fmt::format("{:<28}", label);
  for (const auto& [category, subset] : by_category) {
    const NabResult r = optima::analysis::nab_score(subset, standard, t);
    // A category without windows (artificialNoAnomaly) has no normalised score: count its
    // false positives.
    line += r.perfect == 0 ? fmt::format(" {}=FP:{}", category, r.counts.false_positives)
                           : fmt::format(" {}={:.1f}", category, r.normalized);
  }
  std::printf("%s\n", line.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path nab = std::filesystem::path(OPTIMA_SOURCE_DIR) / ".." / "shared" / "data" / "nab";
  optima::analysis::StreamScorerOptions options;
  std::filesystem::path out_dir;
  bool per_file = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next_size = [&]() -> size_t {
      if (i + 1 >= argc) return 0;
      return static_cast<size_t>(optima::core::parse_int64(argv[++i]).value_or(0));
    };
    if (arg == "--nab" && i + 1 < argc) {
      nab = argv[++i];
    } else if (arg == "--window") {
      options.window = next_size();
    } else if (arg == "--level") {
      options.level_points = next_size();
    } else if (arg == "--quiet") {
      options.quiet_fraction = static_cast<double>(next_size()) / 1000.0;
    } else if (arg == "--no-seasonal") {
      options.seasonal = false;
    } else if (arg == "--per-file") {
      per_file = true;
    } else if (arg == "--out" && i + 1 < argc) {
      out_dir = argv[++i];
    } else {
      std::fprintf(stderr, "usage: nab_eval [--nab DIR] [--window N] [--level N] [--quiet PER_MILLE] "
                           "[--no-seasonal] [--per-file] [--out DIR]\n");
      return 2;
    }
  }
  auto corpus = optima::analysis::load_nab_corpus(nab);
  if (!corpus.is_ok()) {
    std::fprintf(stderr, "error: %s\n", corpus.status().to_string().c_str());
    return 1;
  }
  size_t windows = 0;
  for (const auto& f : corpus->files) windows += f.windows.size();
  std::printf("NAB subset: %zu files, %zu windows (categories artificialNoAnomaly, "
              "artificialWithAnomaly, realAdExchange, realTraffic, realTweets)\n",
              corpus->files.size(), windows);
  std::printf("%-28s | %-40s | %-40s | %s\n", "detector", "standard", "reward_low_FP_rate",
              "reward_low_FN_rate");

  for (const std::string detector : {"numenta", "twitterADVec", "null"}) {
    std::vector<NabScoredFile> files;
    for (const auto& d : corpus->files) {
      auto golden = optima::analysis::read_nab_result_file(
          optima::analysis::nab_result_path(nab, detector, d.name));
      if (!golden.is_ok()) {
        std::fprintf(stderr, "error: %s\n", golden.status().to_string().c_str());
        return 1;
      }
      files.push_back({d.name, golden->columns.at("anomaly_score"), d.windows});
    }
    print_scores(detector, *corpus, files);
    print_categories("  by category", *corpus, files);
  }

  std::vector<NabScoredFile> ours;
  for (const auto& d : corpus->files) {
    ours.push_back({d.name, optima::analysis::score_series(d.series.values, options), d.windows});
    if (!out_dir.empty()) {
      const std::filesystem::path rel(d.name);
      const auto path = out_dir / rel.parent_path() / ("cloudoptima_" + rel.filename().string());
      std::filesystem::create_directories(path.parent_path());
      auto written = optima::core::write_file_atomic(
          path, optima::analysis::format_scored_csv(d.series, ours.back().scores));
      if (!written.is_ok()) {
        std::fprintf(stderr, "error: %s\n", written.to_string().c_str());
        return 1;
      }
    }
  }
  print_scores("cloudoptima", *corpus, ours);
  print_categories("  by category", *corpus, ours);
  if (per_file) {
    const double t = optima::analysis::nab_optimize(ours, corpus->profiles[0]).threshold;
    for (const auto& f : ours) {
      const NabResult r = optima::analysis::nab_score({f}, corpus->profiles[0], t);
      std::printf("  %-55s raw=%7.3f TP=%zu FP=%zu FN=%zu\n", f.name.c_str(), r.raw,
                  r.counts.true_positives, r.counts.false_positives, r.counts.false_negatives);
    }
  }
  return 0;
}
