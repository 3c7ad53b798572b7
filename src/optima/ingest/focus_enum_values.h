// The closed value sets of FOCUS 1.2 columns, and lenient matching of the spellings exports
// actually write.
//
// Matching ignores letter case and any character that is not a letter or digit ("usage" and
// "USAGE" → Usage as in Google's FOCUS view; "usage-based", "UsageBased" → Usage-Based), and knows
// the pre-1.0 values that were renamed (PricingCategory On-Demand → Standard, Commitment-Based →
// Committed). Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "optima/focus/column.h"

namespace optima::ingest {

// True for the columns whose values FOCUS 1.2 enumerates: ChargeCategory, ChargeClass,
// ChargeFrequency, PricingCategory, CommitmentDiscountCategory, CommitmentDiscountStatus,
// CapacityReservationStatus.
bool has_closed_values(focus::Column column);

// The canonical FOCUS spelling of `text` for `column`, or nullopt when `text` is none of its
// values (or the column has no closed set).
std::optional<std::string_view> canonical_value(focus::Column column, std::string_view text);

// The allowed values for messages: "Usage, Purchase, Tax, Credit or Adjustment".
std::string allowed_values_text(focus::Column column);

}  // namespace optima::ingest
