// CheckEvaluator: evaluates a row-level check-function tree (a rule's Requirement or Condition)
// on one batch of rows, column-wise, producing one flag per row.
//
// Null semantics follow the upstream validator's SQL: as a Requirement, a check on a null cell
// is satisfied (nullability is its own rule: CheckValue(c, null) / CheckNotValue(c, null)); as a
// Condition, a comparison on a null cell does not select the row — with one deliberate
// exception: CheckNotValue(c, v) with a non-null v selects null cells (SQL "c IS DISTINCT FROM
// v"). Upstream compiles it to "c IS NOT NULL AND c <> v", so a condition such as "when
// ChargeClass is not 'Correction'" never selects the ordinary rows (ChargeClass null) and the
// rules guarded by it can never fail. AND/OR combine per row. CheckDistinctCount and
// CheckModelRule are not row-level and are handled by the validator. Thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "optima/focus/conformance/check_node.h"
#include "optima/focus/conformance/conformance_dataset.h"
#include "optima/focus/conformance/currency_codes.h"

namespace optima::focus {

// A check node with its columns resolved to dataset column indexes (-1 = not in the dataset).
struct BoundCheck {
  const CheckNode* node = nullptr;
  std::vector<int> columns;
  std::vector<BoundCheck> items;
};

// Resolves `node`'s columns against `column_names` (exact match). `node` must outlive the result.
BoundCheck bind_check(const CheckNode& node, const std::vector<std::string>& column_names);

enum class CheckMode : uint8_t {
  kRequirement,  // out[i] = 1 when row i satisfies the check
  kCondition,    // out[i] = 1 when the check selects row i
};

class CheckEvaluator {
 public:
  explicit CheckEvaluator(const CurrencyCodes& currencies) : currencies_(currencies) {}

  // Writes out[i] for every row i of the batch with active[i] != 0 (other rows get 0).
  // Requires: `out` and `active` hold batch.rows entries; the tree is row-level (no
  // CheckDistinctCount, no CheckModelRule).
  void evaluate(const BoundCheck& check, const RowBatch& batch, CheckMode mode,
                const uint8_t* active, uint8_t* out) const;

 private:
  void evaluate_leaf(const BoundCheck& check, const RowBatch& batch, CheckMode mode,
                     const uint8_t* active, uint8_t* out) const;

  const CurrencyCodes& currencies_;
};

// True when a*b rounded (half away from zero) to `result_digits` fractional digits equals
// `result` (FOCUS: ListCost = ListUnitPrice x PricingQuantity, at the precision the provider
// wrote the cost with). Products beyond the Decimal range never match.
bool product_matches(core::Decimal a, core::Decimal b, core::Decimal result, int result_digits);

// Fractional digits a decimal text is written with: "1.50" -> 2, "12" -> 0, "1.5E-3" -> 4,
// "15E2" -> 0. Requires: is_decimal_text(text).
int written_fraction_digits(std::string_view text);

}  // namespace optima::focus
