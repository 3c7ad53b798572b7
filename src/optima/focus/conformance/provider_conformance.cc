#include "optima/focus/conformance/provider_conformance.h"

#include <algorithm>
#include <mutex>

#include <nlohmann/json.hpp>

#include "optima/core/file_io.h"
#include "optima/core/paths.h"

namespace optima::focus {
namespace {

using Json = nlohmann::ordered_json;

core::Status bad(std::string_view source, const std::string& path, const std::string& what) {
  return core::invalid_argument(std::string(source) + ": " + path + ": " + what);
}

// An object of criterion -> non-empty reason; appends the names to *names.
core::Status read_criteria(const Json& object, std::string_view source, const std::string& path,
                           const std::vector<std::string>& known, std::vector<std::string>* names) {
  if (!object.is_object()) {
    return bad(source, path, "expected an object of criterion -> reason");
  }
  for (const auto& [name, reason] : object.items()) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return bad(source, path, "unknown applicability criterion \"" + name + "\"");
    }
    if (!reason.is_string() || reason.get<std::string>().empty()) {
      return bad(source, path + "." + name, "expected the reason as a non-empty string");
    }
    names->push_back(name);
  }
  return core::Status::ok();
}

}  // namespace

core::Result<ProviderConformance> ProviderConformance::parse(std::string_view json_text,
                                                             std::string_view source,
                                                             const RuleModel& model) {
  const Json doc = Json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return bad(source, "$", "not a JSON object");
  }
  const auto version = doc.find("ModelVersion");
  if (version == doc.end() || !version->is_string() ||
      version->get<std::string>() != model.model_version()) {
    return bad(source, "ModelVersion",
               "expected \"" + model.model_version() + "\" (the requirements model's version)");
  }
  const auto providers = doc.find("Providers");
  if (providers == doc.end() || !providers->is_object()) {
    return bad(source, "Providers", "expected an object keyed by ProviderName");
  }
  std::vector<std::string> known;
  for (const ApplicabilityCriterion& c : model.applicability_criteria()) {
    known.push_back(c.name);
  }
  ProviderConformance out;
  for (const auto& [provider, entry] : providers->items()) {
    const std::string path = "Providers[\"" + provider + "\"]";
    if (!entry.is_object()) {
      return bad(source, path, "expected an object");
    }
    ProviderCriteria declared{provider, {}};
    std::vector<std::string> not_declared;
    const auto yes = entry.find("ApplicabilityCriteria");
    const auto no = entry.find("NotDeclared");
    if (yes == entry.end() || no == entry.end()) {
      return bad(source, path, "expected both \"ApplicabilityCriteria\" and \"NotDeclared\"");
    }
    OPTIMA_RETURN_IF_ERROR(
        read_criteria(*yes, source, path + ".ApplicabilityCriteria", known, &declared.criteria));
    OPTIMA_RETURN_IF_ERROR(read_criteria(*no, source, path + ".NotDeclared", known, &not_declared));
    for (const std::string& name : known) {
      const bool in_yes = std::find(declared.criteria.begin(), declared.criteria.end(), name) !=
                          declared.criteria.end();
      const bool in_no =
          std::find(not_declared.begin(), not_declared.end(), name) != not_declared.end();
      if (in_yes == in_no) {
        return bad(source, path,
                   "criterion " + name +
                       (in_yes ? " is both declared and not declared"
                               : " is neither declared nor not declared (say which, and why)"));
      }
    }
    const auto gaps = entry.find("KnownGaps");
    if (gaps != entry.end()) {
      if (!gaps->is_array()) {
        return bad(source, path + ".KnownGaps", "expected an array");
      }
      for (size_t i = 0; i < gaps->size(); ++i) {
        const Json& g = (*gaps)[i];
        const std::string gap_path = path + ".KnownGaps[" + std::to_string(i) + "]";
        if (!g.is_object() || !g.contains("RuleId") || !g["RuleId"].is_string() ||
            !g.contains("Reason") || !g["Reason"].is_string() ||
            g["Reason"].get<std::string>().empty()) {
          return bad(source, gap_path,
                     "expected {\"RuleId\": string, \"Reason\": non-empty string}");
        }
        const std::string rule = g["RuleId"].get<std::string>();
        if (model.find(rule) == nullptr) {
          return bad(source, gap_path, "unknown rule \"" + rule + "\"");
        }
        out.gaps_.push_back({provider, rule, g["Reason"].get<std::string>()});
      }
    }
    out.criteria_.push_back(std::move(declared));
  }
  return out;
}

core::Result<ProviderConformance> ProviderConformance::load(const std::filesystem::path& path,
                                                            const RuleModel& model) {
  OPTIMA_ASSIGN_OR_RETURN(std::string text, core::read_file(path));
  return parse(text, path.filename().string(), model);
}

core::Result<std::shared_ptr<const ProviderConformance>> ProviderConformance::bundled() {
  static std::mutex mu;
  static std::shared_ptr<const ProviderConformance> cached;
  std::lock_guard<std::mutex> lock(mu);
  if (cached) {
    return cached;
  }
  OPTIMA_ASSIGN_OR_RETURN(std::shared_ptr<const RuleModel> model, RuleModel::bundled());
  OPTIMA_ASSIGN_OR_RETURN(std::filesystem::path path,
                          core::find_data_file("focus/provider_conformance.json"));
  OPTIMA_ASSIGN_OR_RETURN(ProviderConformance declared, load(path, *model));
  cached = std::make_shared<const ProviderConformance>(std::move(declared));
  return cached;
}

}  // namespace optima::focus
