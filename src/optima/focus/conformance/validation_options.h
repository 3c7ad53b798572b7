// ValidationOptions: what `cloudoptima validate` asks of the conformance validator.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/status.h"

namespace optima::focus {

// How columns the dataset lacks are treated.
enum class ColumnScope : uint8_t {
  // A full FOCUS dataset is expected: presence rules of absent columns fail (default, as the
  // upstream validator).
  kAllColumns,
  // A partial table (e.g. the FOCUS specification's example tables): presence rules of absent
  // columns are not applicable. Rules on absent columns are not applicable in both modes.
  kPresentColumnsOnly,
};

// What one provider's data supports (data/focus/provider_conformance.json): the applicability
// criteria its rows are held to, matched on the ProviderName column.
struct ProviderCriteria {
  std::string provider;               // a ProviderName value, e.g. "AWS"
  std::vector<std::string> criteria;  // e.g. {"COMMITMENT_DISCOUNT_SUPPORTED", ...}
};

// A rule a provider's data cannot meet for a documented reason (e.g. a column its export does not
// carry). Failures of `rule_id` on that provider's rows are reported as known gaps, not failures.
struct KnownGap {
  std::string provider;
  std::string rule_id;
  std::string reason;
};

struct ValidationOptions {
  std::string focus_version = "1.2";     // must be covered by the model
  std::string dataset = "CostAndUsage";  // a ModelDatasets entry
  // Applicability criteria the provider supports ("ALL" selects every criterion). A rule with
  // criteria applies only when all of them are selected (the model's rules with two criteria say
  // "when A and B"); others are reported not applicable.
  std::vector<std::string> applicability_criteria;
  // Per-provider applicability ("--criteria auto"), used instead of applicability_criteria when
  // not empty: a rule with criteria applies to the rows whose ProviderName declares all of them,
  // and a dataset-level rule (column presence) applies when at least one row's provider does.
  // Rows of a provider not listed are held to no criteria.
  std::vector<ProviderCriteria> provider_criteria;
  // Row failures of these rules on the named providers' rows are reported as known gaps. Only
  // row-level rules (not presence or distinct-count rules) can have known gaps.
  std::vector<KnownGap> known_gaps;
  ColumnScope column_scope = ColumnScope::kAllColumns;
  size_t max_samples = 5;  // sample rows kept per failing rule
};

// Splits a command-line list "A,B" or "ALL" into names (trimmed, empty entries dropped).
std::vector<std::string> parse_criteria_list(std::string_view text);

}  // namespace optima::focus
