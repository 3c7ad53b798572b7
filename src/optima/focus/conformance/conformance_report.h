// ConformanceReport: the outcome of validating a dataset against the FOCUS requirements model,
// per rule and in summary, rendered as a text table or JSON.
//
// Per rule: pass (possibly with a note: no row met its conditions, or a MAY permission unused);
// fail (failing row count, dataset-level failures such as a missing column, and up to N sample
// rows with the offending values); known gap (the rule fails only on rows of providers with a
// documented known gap for it, e.g. a column the provider's export does not carry — neither a
// pass nor a failure); not applicable (with the reason: criterion not selected, column absent,
// parent rule not applicable); skipped (Dynamic rules, which the model marks as not
// machine-checkable — never counted as passes). Mandatory = keyword MUST or MUST NOT (the id's
// -M/-C/-O suffix says whether the requirement is mandatory, conditional or optional in the
// spec; the keyword decides what a failure means). The dataset is conformant when no mandatory
// rule fails or is a known gap; "conformant except known gaps" when only known gaps remain.
// Value type.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace optima::focus {

enum class RuleStatus : uint8_t { kPass, kFail, kNotApplicable, kSkipped, kKnownGap };

// "pass", "fail", "not_applicable", "skipped", "known_gap".
std::string_view rule_status_name(RuleStatus status);

struct SampleValue {
  std::string column;
  std::optional<std::string> value;  // nullopt = null
};

struct FailureSample {
  uint64_t row = 0;   // 1-based data row (the CSV header is row 0)
  uint64_t line = 0;  // 1-based physical line when known (CSV), else 0
  std::vector<SampleValue> values;
  std::string detail;  // e.g. "via BilledCost-C-003-M" or "2 distinct ServiceCategory values: A, B"
};

struct RuleResult {
  std::string rule_id;
  RuleStatus status = RuleStatus::kPass;
  std::string keyword;  // MUST, MUST NOT, SHOULD, SHOULD NOT, RECOMMENDED, MAY
  bool mandatory = false;
  std::string function;     // Presence, Type, Format, Nullability, Validation, Composite
  std::string entity_type;  // Column, Attribute, Dataset
  std::string reference;
  std::string must_satisfy;
  std::string reason;         // why not applicable / skipped, or a note on a pass
  uint64_t checked_rows = 0;  // rows selected by the rule's (and its parents') conditions
  uint64_t failing_rows = 0;
  uint64_t known_gap_rows = 0;                // failing rows excused by a known provider gap
  std::vector<std::string> dataset_failures;  // failures not tied to rows (missing column, ...)
  std::vector<FailureSample> samples;
};

struct StatusCounts {
  uint64_t pass = 0;
  uint64_t fail = 0;
  uint64_t not_applicable = 0;
  uint64_t skipped = 0;
  uint64_t known_gap = 0;
  void add(RuleStatus status);
  uint64_t total() const { return pass + fail + not_applicable + skipped + known_gap; }
};

struct ConformanceSummary {
  StatusCounts all;
  StatusCounts mandatory;      // MUST, MUST NOT
  StatusCounts non_mandatory;  // SHOULD, SHOULD NOT, RECOMMENDED, MAY
  std::map<std::string, StatusCounts> by_keyword;
  bool conformant = true;                    // no mandatory rule failed or is a known gap
  bool conformant_except_known_gaps = true;  // no mandatory rule failed
};

struct ConformanceReport {
  std::string data_description;  // the file or tables validated
  std::string model_version;
  std::string focus_version;
  std::string dataset;                              // model dataset, e.g. "CostAndUsage"
  std::vector<std::string> applicability_criteria;  // selected criteria (expanded)
  // Per-provider criteria when validated with them (ProviderName -> criteria), else empty.
  std::map<std::string, std::vector<std::string>> provider_criteria;
  bool present_columns_only = false;
  uint64_t rows = 0;
  std::vector<std::string> columns;          // as found in the data
  std::vector<std::string> unknown_columns;  // neither a FOCUS column of the model nor x_
  std::vector<std::string> notes;            // about the input (ragged rows, renamed headers)
  std::vector<std::string> model_notes;      // model entries read leniently, errata applied
  std::vector<RuleResult> rules;             // model order
  ConformanceSummary summary;

  // nullptr when the rule id is not in the report.
  const RuleResult* find(std::string_view rule_id) const;
  // Recomputes summary from rules.
  void summarize();
};

struct TextRenderOptions {
  bool all_rules = false;    // list every rule, not only failures
  bool model_notes = false;  // list the model notes, not only their count
};

// A human-readable report: a header, a table of rules (failures only by default) with their
// samples, and the summary counts.
std::string render_text(const ConformanceReport& report, const TextRenderOptions& options = {});
// The whole report as a JSON document (stable key order).
std::string render_json(const ConformanceReport& report);

}  // namespace optima::focus
