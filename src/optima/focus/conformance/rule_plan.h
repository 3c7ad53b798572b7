// RulePlan: which model rules a validation run evaluates, in what order, and why the others are
// not applicable or skipped — decided from the model, the options and the dataset's column names
// before any row is read.
//
// Scope: the dataset's root rules (ModelDatasets), everything they reach through CheckModelRule
// references and Dependencies, and the attribute rules describing the formats of the check
// functions they use (CheckFunctions.FormatAttributes). Structure: a rule referenced by
// CheckModelRule is a child of the referencing (composite) rule; children inherit their parents'
// conditions (the model's "When X is not null, X adheres to the following requirements" composites)
// and their applicability: a rule applies only when its own ApplicabilityCriteria (any of them) are
// selected and at least one parent applies. Dependencies beyond references only widen the scope.
//
// Per rule, in order: Dynamic -> skipped; Status other than "Active" or introduced after the
// requested version -> not applicable; criteria not all selected -> not applicable (with per-
// provider criteria: no provider declares them all; otherwise the rule is gated to the rows of
// the providers that do); no applicable parent -> not applicable;
// a column it reads is absent -> not applicable (presence rules instead fail, or are not
// applicable with ColumnScope::kPresentColumnsOnly). A composite none of whose children is
// evaluated is not applicable (or skipped when some child is dynamic).
#pragma once

#include <string>
#include <vector>

#include "optima/core/status.h"
#include "optima/focus/conformance/conformance_report.h"
#include "optima/focus/conformance/rule_model.h"
#include "optima/focus/conformance/validation_options.h"

namespace optima::focus {

struct PlannedRule {
  int rule = -1;          // index into RuleModel::rules()
  bool evaluate = false;  // false: `status` and `reason` are final
  RuleStatus status = RuleStatus::kPass;
  std::string reason;
  std::vector<int> parents;   // plan indexes of rules referencing this one
  std::vector<int> children;  // plan indexes this rule's Requirement references
  // Plan index of the OR composite this rule is one alternative of (its only parent, an OR of
  // references), else -1. An alternative fails only on rows where every alternative fails.
  int alternative_of = -1;
  bool presence = false;  // Requirement made of ColumnPresent (and AND/OR) only
  // Per-provider criteria: the rule has ApplicabilityCriteria and judges only the rows whose
  // ProviderName is one of `providers` (those declaring all of its criteria).
  bool gated = false;
  std::vector<std::string> providers;
  std::vector<KnownGap> gaps;  // the options' known gaps of this rule
};

class RulePlan {
 public:
  // Errors (InvalidArgument): unknown criterion (the message lists the known ones), a FOCUS
  // version the model does not cover, an unknown dataset, a known gap naming an unknown rule.
  static core::Result<RulePlan> build(const RuleModel& model, const ValidationOptions& options,
                                      const std::vector<std::string>& columns);

  // Topological order: every parent before its children.
  const std::vector<PlannedRule>& rules() const { return rules_; }
  // The selected criteria, expanded from "ALL" (per-provider criteria: their union).
  const std::vector<std::string>& criteria() const { return criteria_; }

 private:
  std::vector<PlannedRule> rules_;
  std::vector<std::string> criteria_;
};

}  // namespace optima::focus
