// Loading the NAB corpus from disk (see nab_corpus.h).
#include "optima/analysis/evaluation/nab_corpus.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "optima/core/file_io.h"
#include "optima/core/strings.h"

namespace optima::analysis {
namespace {

core::Result<nlohmann::json> read_json(const std::filesystem::path& path) {
  OPTIMA_ASSIGN_OR_RETURN(std::string text, core::read_file(path));
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return core::invalid_argument(fmt::format("{}: expected a JSON object", path.string()));
  }
  return j;
}

// "2015-03-03 04:37:53.000000" → the row index with that time.
core::Result<size_t> row_of(const ValueSeries& series, const nlohmann::json& endpoint,
                            const std::string& file) {
  if (!endpoint.is_string()) {
    return core::invalid_argument(fmt::format("windows of {}: expected a timestamp string", file));
  }
  std::string text = endpoint.get<std::string>();
  if (const size_t dot = text.find('.'); dot != std::string::npos) text.resize(dot);
  core::Timestamp t;
  if (!core::parse_timestamp(text, &t)) {
    return core::invalid_argument(
        fmt::format("windows of {}: expected a timestamp; found {}", file, core::quote_for_message(text)));
  }
  const auto it = std::lower_bound(series.times.begin(), series.times.end(), t);
  if (it == series.times.end() || *it != t) {
    return core::invalid_argument(
        fmt::format("windows of {}: endpoint {} is not the time of a row", file, text));
  }
  return static_cast<size_t>(it - series.times.begin());
}

}  // namespace

core::Result<std::vector<NabProfile>> load_nab_profiles(const std::filesystem::path& path) {
  OPTIMA_ASSIGN_OR_RETURN(nlohmann::json j, read_json(path));
  std::vector<NabProfile> out;
  for (const char* name : {"standard", "reward_low_FP_rate", "reward_low_FN_rate"}) {
    const auto it = j.find(name);
    if (it == j.end() || !it->is_object() || !it->contains("CostMatrix")) {
      return core::invalid_argument(fmt::format("{}: profile {} with a CostMatrix is missing",
                                                path.string(), name));
    }
    const nlohmann::json& m = (*it)["CostMatrix"];
    NabProfile p;
    p.name = name;
    for (auto [key, field] : {std::pair{"tpWeight", &p.tp_weight}, std::pair{"fpWeight", &p.fp_weight},
                              std::pair{"fnWeight", &p.fn_weight}}) {
      if (!m.is_object() || !m.contains(key) || !m[key].is_number()) {
        return core::invalid_argument(
            fmt::format("{}: {}.CostMatrix.{}: expected a number", path.string(), name, key));
      }
      *field = m[key].get<double>();
    }
    out.push_back(p);
  }
  return out;
}

core::Result<NabCorpus> load_nab_corpus(const std::filesystem::path& root) {
  NabCorpus corpus;
  corpus.root = root;
  OPTIMA_ASSIGN_OR_RETURN(corpus.profiles, load_nab_profiles(root / "config" / "profiles.json"));
  OPTIMA_ASSIGN_OR_RETURN(nlohmann::json windows,
                          read_json(root / "labels" / "combined_windows.json"));
  for (const auto& [name, limits] : windows.items()) {
    NabDataFile file;
    file.name = name;
    OPTIMA_ASSIGN_OR_RETURN(file.series, read_value_series_csv(root / "data" / name));
    if (!limits.is_array()) {
      return core::invalid_argument(fmt::format("windows of {}: expected an array", name));
    }
    for (const nlohmann::json& pair : limits) {
      if (!pair.is_array() || pair.size() != 2) {
        return core::invalid_argument(fmt::format("windows of {}: expected [start, end] pairs", name));
      }
      NabWindow w;
      OPTIMA_ASSIGN_OR_RETURN(w.first, row_of(file.series, pair[0], name));
      OPTIMA_ASSIGN_OR_RETURN(w.last, row_of(file.series, pair[1], name));
      file.windows.push_back(w);
    }
    corpus.files.push_back(std::move(file));
  }
  std::sort(corpus.files.begin(), corpus.files.end(),
            [](const NabDataFile& a, const NabDataFile& b) { return a.name < b.name; });
  return corpus;
}

core::Result<NabResultFile> read_nab_result_file(const std::filesystem::path& path) {
  OPTIMA_ASSIGN_OR_RETURN(std::string text, core::read_file(path));
  const auto lines = core::split(text, '\n');
  if (lines.empty()) return core::invalid_argument(fmt::format("{}: empty file", path.string()));
  const auto header = core::split(core::trim(lines[0]), ',');
  NabResultFile out;
  for (size_t r = 1; r < lines.size(); ++r) {
    const std::string_view line = core::trim(lines[r]);
    if (line.empty()) continue;
    const auto fields = core::split(line, ',');
    if (fields.size() != header.size()) {
      return core::invalid_argument(fmt::format("{}: row {}: expected {} fields; found {}",
                                                path.string(), r + 1, header.size(), fields.size()));
    }
    for (size_t c = 0; c < fields.size(); ++c) {
      if (header[c] == "timestamp") {
        core::Timestamp t;
        std::string_view s = fields[c];
        if (const size_t dot = s.find('.'); dot != std::string_view::npos) s = s.substr(0, dot);
        if (!core::parse_timestamp(s, &t)) {
          return core::invalid_argument(fmt::format("{}: row {}, column timestamp: expected a date/time; found {}",
                                                    path.string(), r + 1, core::quote_for_message(fields[c])));
        }
        out.times.push_back(t);
        continue;
      }
      const auto v = core::parse_double(fields[c]);
      if (!v) {
        return core::invalid_argument(fmt::format("{}: row {}, column {}: expected a number; found {}",
                                                  path.string(), r + 1, header[c],
                                                  core::quote_for_message(fields[c])));
      }
      out.columns[std::string(header[c])].push_back(*v);
    }
  }
  return out;
}

std::filesystem::path nab_result_path(const std::filesystem::path& root, const std::string& detector,
                                      const std::string& data_file) {
  const std::filesystem::path rel(data_file);
  return root / "results" / detector / rel.parent_path() /
         (detector + "_" + rel.filename().string());
}

}  // namespace optima::analysis
