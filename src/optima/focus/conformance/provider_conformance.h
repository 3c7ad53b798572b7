// ProviderConformance: what each provider's billing data supports, as a declaration the
// validator applies per row (data/focus/provider_conformance.json): per ProviderName, the
// applicability criteria its rows are held to and its known gaps (rules its data cannot meet,
// each with the documented reason). `cloudoptima validate --criteria auto` uses it.
//
// Document shape: {"ModelVersion": "1.2", "Providers": {"<ProviderName>": {
//   "ApplicabilityCriteria": {"<CRITERION>": "why", ...},
//   "NotDeclared": {"<CRITERION>": "why not", ...},
//   "KnownGaps": [{"RuleId": "...", "Reason": "..."}, ...]}}}
// Every criterion of the model must be listed for every provider, in one of the two objects, so
// that each decision is written down. Immutable after parse; thread-safe to share.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/status.h"
#include "optima/focus/conformance/rule_model.h"
#include "optima/focus/conformance/validation_options.h"

namespace optima::focus {

class ProviderConformance {
 public:
  // Parses the document and checks it against `model`: every criterion named exists and every
  // model criterion is declared or not declared (with a reason) per provider; known gaps name
  // model rules. Errors (InvalidArgument) name `source` and the JSON path.
  static core::Result<ProviderConformance> parse(std::string_view json_text,
                                                 std::string_view source, const RuleModel& model);
  static core::Result<ProviderConformance> load(const std::filesystem::path& path,
                                                const RuleModel& model);
  // The bundled declaration, checked against the bundled model (with errata), loaded once.
  static core::Result<std::shared_ptr<const ProviderConformance>> bundled();

  // Per provider, in document order.
  const std::vector<ProviderCriteria>& criteria() const { return criteria_; }
  const std::vector<KnownGap>& known_gaps() const { return gaps_; }

 private:
  std::vector<ProviderCriteria> criteria_;
  std::vector<KnownGap> gaps_;
};

}  // namespace optima::focus
