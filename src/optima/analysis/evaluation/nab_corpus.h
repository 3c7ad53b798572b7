// NabCorpus: the NAB data set on disk (../shared/data/nab): data files, labelled windows,
// profiles, and the published detectors' per-row result files.
//
//   data/<category>/<file>.csv                 timestamp,value
//   labels/combined_windows.json               {"<category>/<file>.csv": [[start, end], ...]}
//   config/profiles.json                       cost matrices
//   results/<detector>/<category>/<detector>_<file>.csv   timestamp,value,anomaly_score,…,S(t)_<profile>
//
// Window endpoints are timestamps of data rows, matched by equality. Plain functions; thread-safe.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "optima/analysis/anomaly/value_series_csv.h"
#include "optima/analysis/evaluation/nab_scorer.h"
#include "optima/core/status.h"

namespace optima::analysis {

struct NabDataFile {
  std::string name;  // "realTweets/Twitter_volume_AAPL.csv"
  ValueSeries series;
  std::vector<NabWindow> windows;
};

struct NabCorpus {
  std::filesystem::path root;
  std::vector<NabDataFile> files;  // sorted by name
  std::vector<NabProfile> profiles;  // standard, reward_low_FP_rate, reward_low_FN_rate
};

// Loads every file of labels/combined_windows.json with its windows, and the profiles.
// Errors: IoError; InvalidArgument for malformed JSON or CSV, or a window endpoint that is not
// a row's timestamp (naming the file and the endpoint).
core::Result<NabCorpus> load_nab_corpus(const std::filesystem::path& root);

// The profiles of config/profiles.json, in the order standard, reward_low_FP_rate,
// reward_low_FN_rate. Errors: IoError; InvalidArgument naming a missing profile or weight.
core::Result<std::vector<NabProfile>> load_nab_profiles(const std::filesystem::path& path);

// A published result file: its columns as numbers, by header name (timestamp excluded).
struct NabResultFile {
  std::vector<core::Timestamp> times;
  std::map<std::string, std::vector<double>> columns;
};

// Errors: IoError; InvalidArgument naming the row and column of a value that is not a number.
core::Result<NabResultFile> read_nab_result_file(const std::filesystem::path& path);

// results/<detector>/<category>/<detector>_<file>.csv for data file "<category>/<file>.csv".
std::filesystem::path nab_result_path(const std::filesystem::path& root, const std::string& detector,
                                      const std::string& data_file);

}  // namespace optima::analysis
