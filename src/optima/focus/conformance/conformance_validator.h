// ConformanceValidator: checks a dataset against the FOCUS requirements model and reports per
// rule — the engine behind `cloudoptima validate`.
//
// Usage:
//   OPTIMA_ASSIGN_OR_RETURN(auto validator, ConformanceValidator::bundled());
//   ValidationOptions options;
//   options.applicability_criteria = parse_criteria_list("ALL");
//   OPTIMA_ASSIGN_OR_RETURN(ConformanceReport report, validator.validate(dataset, options));
//   std::cout << render_text(report);
//
// Evaluation (see rule_plan.h for which rules run): one forward pass over the dataset's batches.
// Per batch, conditions flow top-down (a rule's rows = its parents' rows that satisfy its own
// Condition) and violations flow bottom-up (a composite fails on a row where its AND/OR of
// referenced rules fails; check_evaluator.h has the per-row semantics of each check function).
// Presence and CheckDistinctCount are judged on the whole dataset and reported as dataset-level
// failures; they propagate to composites through AND (and through OR only when every
// alternative fails at dataset level). Where the upstream validator aggregates per rule instead,
// this is a deliberate difference:
//   - A rule referenced only as one alternative of an OR composite (InvoiceId-C-004-C "null when
//     not invoiced" OR -C-005-C "not null when invoiced") fails only on rows where every
//     alternative fails; judged alone each would fail every row the other one covers.
//   - A mandatory (MUST) composite is not failed by its SHOULD/MAY parts (e.g. the RECOMMENDED
//     presence of ChargeFrequency inside the dataset's MUST composite); those fail on their own.
//   - A MAY rule grants a permission, so it never fails: it passes with a note of how many rows
//     do not use it.
// Thread-safe: validate() may run concurrently on different datasets.
#pragma once

#include <memory>

#include "optima/core/status.h"
#include "optima/focus/conformance/conformance_dataset.h"
#include "optima/focus/conformance/conformance_report.h"
#include "optima/focus/conformance/currency_codes.h"
#include "optima/focus/conformance/rule_model.h"
#include "optima/focus/conformance/validation_options.h"

namespace optima::focus {

class ConformanceValidator {
 public:
  ConformanceValidator(std::shared_ptr<const RuleModel> model,
                       std::shared_ptr<const CurrencyCodes> currencies);
  // The bundled FOCUS 1.2 model (with its errata unless kNone) and currency list
  // (data/focus/validator/).
  static core::Result<ConformanceValidator> bundled(ModelErrata errata = ModelErrata::kApply);

  const RuleModel& model() const { return *model_; }

  // Reads the whole dataset once and reports every rule in scope. Errors: InvalidArgument for
  // bad options (unknown criterion, version or dataset); the dataset's read errors.
  core::Result<ConformanceReport> validate(ConformanceDataset& data,
                                           const ValidationOptions& options) const;

 private:
  std::shared_ptr<const RuleModel> model_;
  std::shared_ptr<const CurrencyCodes> currencies_;
};

}  // namespace optima::focus
