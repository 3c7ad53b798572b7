// RuleModel: the FinOps Foundation FOCUS requirements model (data/focus/validator/model-1.2.json)
// parsed and checked: applicability criteria, check functions, datasets and model rules.
//
// Each ModelRule has an id "<Entity>-<C|A|D>-<nnn>-<M|C|O>", a Function (Presence, Type, Format,
// Nullability, Validation, Composite), a Type (Static = executable, Dynamic = not machine
// checkable) and ValidationCriteria {MustSatisfy, Keyword, Requirement, Condition, Dependencies}.
// Requirement and Condition are check-function trees (check_node.h).
//
// parse() is strict: a wrong type, an unknown check function, a missing argument, a reference to
// an unknown rule or a dependency cycle is an error naming the JSON path. Two malformations
// present in the published 1.2 model are read as their evident intent and recorded in
// warnings() with their JSON path (the upstream validator silently ignores both conditions,
// which makes the rules apply to every row):
//   - a Condition written as {"AND": <node or list>} without "CheckFunction" is an AND of those
//     nodes (CapacityReservationStatus-C-003-C, -C-004-C);
//   - "CheckCondition" used in place of "ColumnName" names the column (ResourceId-C-006-C,
//     ResourceType-C-005-C).
//
// Errata: the published 1.2 model also holds checks that contradict their own MustSatisfy
// sentence (e.g. CommitmentDiscountStatus allowed values "Active/Expired/Pending" instead of
// "Used/Unused"). data/focus/validator/model-1.2-errata.json replaces those Requirements or
// Conditions, each with its reason; bundled() applies it by default and errata() lists what was
// applied, so reports say which rules were corrected. ModelErrata::kNone reproduces the
// published model.
// Immutable after parse; thread-safe to share.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/status.h"
#include "optima/focus/conformance/check_node.h"

namespace optima::focus {

enum class RuleType : uint8_t { kStatic, kDynamic };

struct ModelRule {
  std::string id;           // "BilledCost-C-005-C"
  std::string function;     // Presence, Type, Format, Nullability, Validation, Composite
  std::string reference;    // the column, attribute or dataset the rule is about
  std::string entity_type;  // Column, Attribute, Dataset
  std::string notes;
  std::string version_introduced;                   // ModelVersionIntroduced, e.g. "1.2"
  std::string status;                               // "Active"
  std::vector<std::string> applicability_criteria;  // the rule applies when any is selected
  RuleType type = RuleType::kStatic;
  std::string must_satisfy;              // the specification sentence
  std::string keyword;                   // MUST, MUST NOT, SHOULD, SHOULD NOT, RECOMMENDED, MAY
  std::optional<CheckNode> requirement;  // absent only for Dynamic rules
  std::optional<CheckNode> condition;    // absent: the rule applies to every row
  std::vector<std::string> dependencies;

  // MUST / MUST NOT: a failure makes the dataset non-conformant.
  bool mandatory() const;
  // The id's last letter: 'M' (mandatory), 'C' (conditional), 'O' (optional); '?' if malformed.
  char id_suffix() const;
  // True when the Requirement is built from CheckModelRule references (AND/OR of other rules).
  bool is_composite() const { return requirement && requirement->references_rules(); }
};

struct ApplicabilityCriterion {
  std::string name;  // e.g. "COMMITMENT_DISCOUNT_SUPPORTED"
  std::string description;
};

// One applied correction of the published model.
struct ModelErratum {
  std::string rule_id;
  std::string field;  // "Requirement" or "Condition"
  std::string reason;
};

enum class ModelErrata : uint8_t { kApply, kNone };

class RuleModel {
 public:
  // Parses a requirements model document. `source` names it in messages. Errors
  // (InvalidArgument) name the JSON path, e.g.
  // "model-1.2.json: ModelRules[\"X-C-001-M\"].ValidationCriteria.Requirement.Items[0]: ...".
  // `errata_text` (optional) is an errata document applied before the rules are parsed; its
  // errors name `errata_source` and the JSON path.
  static core::Result<RuleModel> parse(std::string_view json_text, std::string_view source,
                                       std::string_view errata_text = {},
                                       std::string_view errata_source = "errata");
  static core::Result<RuleModel> load(const std::filesystem::path& path,
                                      const std::filesystem::path& errata_path = {});
  // The bundled model (data/focus/validator/model-1.2.json, with model-1.2-errata.json unless
  // kNone), loaded once per process and variant.
  static core::Result<std::shared_ptr<const RuleModel>> bundled(
      ModelErrata errata = ModelErrata::kApply);

  const std::string& model_version() const { return model_version_; }
  const std::string& focus_version() const { return focus_version_; }
  const std::vector<ApplicabilityCriterion>& applicability_criteria() const { return criteria_; }
  // Check function -> the attribute rules describing the format it implements (its
  // "FormatAttributes", e.g. FormatNumeric -> {"NumericFormat-A-000-M"}).
  const std::vector<std::string>& format_attributes(CheckFunction f) const {
    return format_attributes_[static_cast<size_t>(f)];
  }
  // Dataset name -> its root rule ids (e.g. "CostAndUsage" -> {"CostAndUsage-D-000-M"}).
  const std::map<std::string, std::vector<std::string>>& datasets() const { return datasets_; }
  // Rules in document order.
  const std::vector<ModelRule>& rules() const { return rules_; }
  // nullptr when the id is unknown.
  const ModelRule* find(std::string_view id) const;
  // Index into rules() or -1.
  int index_of(std::string_view id) const;
  // Malformations read leniently, one line each with its JSON path.
  const std::vector<std::string>& warnings() const { return warnings_; }
  // Corrections applied from the errata document, in its order.
  const std::vector<ModelErratum>& errata() const { return errata_; }

 private:
  std::string model_version_;
  std::string focus_version_;
  std::vector<ApplicabilityCriterion> criteria_;
  std::vector<std::vector<std::string>> format_attributes_ =
      std::vector<std::vector<std::string>>(all_check_functions().size());
  std::map<std::string, std::vector<std::string>> datasets_;
  std::vector<ModelRule> rules_;
  std::map<std::string, int, std::less<>> index_;
  std::vector<std::string> warnings_;
  std::vector<ModelErratum> errata_;

  friend class RuleModelParser;
};

}  // namespace optima::focus
