#include "optima/focus/conformance/check_evaluator.h"

#include <algorithm>
#include <cmath>

#include "optima/core/strings.h"
#include "optima/focus/conformance/value_formats.h"

namespace optima::focus {
namespace {

bool is_text_storage(CellStorage s) {
  return s == CellStorage::kText || s == CellStorage::kString;
}

// A cell's numeric value: typed decimals directly, text parsed (plain or E notation).
bool numeric_value(const ColumnBatch& col, size_t row, core::Decimal* out) {
  if (col.storage == CellStorage::kDecimal) {
    *out = col.decimals[row];
    return true;
  }
  if (!is_text_storage(col.storage)) {
    return false;
  }
  // Value comparisons judge the number; stray spaces are FormatNumeric's finding.
  return core::Decimal::parse(core::trim(col.texts[row]), out);
}

int fraction_digits_of(const ColumnBatch& col, size_t row, const core::Decimal& value) {
  if (is_text_storage(col.storage) && is_decimal_text(col.texts[row])) {
    return written_fraction_digits(core::trim(col.texts[row]));
  }
  const std::string text = value.to_string();
  const size_t dot = text.find('.');
  return dot == std::string::npos ? 0 : static_cast<int>(text.size() - dot - 1);
}

bool cell_equals_literal(const ColumnBatch& col, size_t row, const CheckLiteral& lit) {
  if (lit.kind == CheckLiteral::Kind::kNumber) {
    core::Decimal v;
    return numeric_value(col, row, &v) && v == lit.number;
  }
  if (is_text_storage(col.storage)) {
    return col.texts[row] == lit.text;
  }
  return col.text(row) == lit.text;
}

bool cells_equal(const ColumnBatch& a, const ColumnBatch& b, size_t row) {
  if (a.storage == CellStorage::kDecimal && b.storage == CellStorage::kDecimal) {
    return a.decimals[row] == b.decimals[row];
  }
  if (a.storage == CellStorage::kDateTime && b.storage == CellStorage::kDateTime) {
    return a.seconds[row] == b.seconds[row];
  }
  if (is_text_storage(a.storage) && is_text_storage(b.storage)) {
    return a.texts[row] == b.texts[row];
  }
  return a.text(row) == b.text(row);
}

// Type, format and single-column value predicates on a non-null cell.
bool cell_predicate(CheckFunction f, const ColumnBatch& col, size_t row,
                    const CurrencyCodes& currencies) {
  const CellStorage s = col.storage;
  switch (f) {
    case CheckFunction::kTypeString:
      return s == CellStorage::kText || s == CellStorage::kString || s == CellStorage::kKeyValue;
    case CheckFunction::kTypeDecimal:
      return s == CellStorage::kDecimal ||
             (s == CellStorage::kText && is_decimal_text(col.texts[row]));
    case CheckFunction::kTypeDateTime:
      return s == CellStorage::kDateTime ||
             (s == CellStorage::kText && is_datetime_text(col.texts[row]));
    case CheckFunction::kFormatString:
      return !is_text_storage(s) || is_valid_utf8(col.texts[row]);
    case CheckFunction::kFormatNumeric:
      return s == CellStorage::kDecimal ||
             (is_text_storage(s) && is_numeric_format(col.texts[row]));
    case CheckFunction::kFormatDateTime:
      return s == CellStorage::kDateTime ||
             (is_text_storage(s) && is_datetime_format(col.texts[row]));
    case CheckFunction::kFormatUnit:
      return is_text_storage(s) && is_unit_format(col.texts[row]);
    case CheckFunction::kFormatCurrency:
      return is_text_storage(s) && is_currency_format(col.texts[row], currencies);
    case CheckFunction::kFormatKeyValue:
      return s == CellStorage::kKeyValue ||
             (is_text_storage(s) && is_key_value_format(col.texts[row]));
    case CheckFunction::kCheckNationalCurrency:
      return is_text_storage(s) && currencies.contains(col.texts[row]);
    case CheckFunction::kCheckDecimalValue: {
      core::Decimal ignored;
      return numeric_value(col, row, &ignored);
    }
    default:
      return false;
  }
}

}  // namespace

BoundCheck bind_check(const CheckNode& node, const std::vector<std::string>& column_names) {
  BoundCheck out;
  out.node = &node;
  for (const std::string& name : node.columns) {
    auto it = std::find(column_names.begin(), column_names.end(), name);
    out.columns.push_back(it == column_names.end() ? -1
                                                   : static_cast<int>(it - column_names.begin()));
  }
  for (const CheckNode& item : node.items) {
    out.items.push_back(bind_check(item, column_names));
  }
  return out;
}

void CheckEvaluator::evaluate(const BoundCheck& check, const RowBatch& batch, CheckMode mode,
                              const uint8_t* active, uint8_t* out) const {
  const size_t n = batch.rows;
  const CheckFunction f = check.node->function;
  if (f != CheckFunction::kAnd && f != CheckFunction::kOr) {
    evaluate_leaf(check, batch, mode, active, out);
    return;
  }
  const bool is_and = f == CheckFunction::kAnd;
  for (size_t i = 0; i < n; ++i) {
    out[i] = (active[i] != 0 && is_and) ? 1 : 0;
  }
  std::vector<uint8_t> item_out(n);
  for (const BoundCheck& item : check.items) {
    evaluate(item, batch, mode, active, item_out.data());
    for (size_t i = 0; i < n; ++i) {
      out[i] = is_and ? (out[i] & item_out[i]) : (out[i] | item_out[i]);
    }
  }
}

void CheckEvaluator::evaluate_leaf(const BoundCheck& check, const RowBatch& batch, CheckMode mode,
                                   const uint8_t* active, uint8_t* out) const {
  const size_t n = batch.rows;
  const CheckNode& node = *check.node;
  const bool requirement = mode == CheckMode::kRequirement;
  std::fill(out, out + n, 0);
  if (node.function == CheckFunction::kColumnPresent) {
    const uint8_t present = check.columns[0] >= 0 ? 1 : 0;
    for (size_t i = 0; i < n; ++i) {
      out[i] = active[i] ? present : 0;
    }
    return;
  }
  // Every other row-level check reads its columns; a column the dataset lacks reads as null
  // (rules naming an absent column are normally reported not applicable before evaluation).
  static const ColumnBatch kAbsent;  // never read: is_null() answers first
  std::vector<const ColumnBatch*> cols;
  for (int index : check.columns) {
    cols.push_back(index < 0 ? &kAbsent : &batch.columns[static_cast<size_t>(index)]);
  }
  auto is_null = [&](size_t c, size_t row) {
    return check.columns[c] < 0 || cols[c]->is_null(row);
  };
  const ColumnBatch& a = *cols[0];
  switch (node.function) {
    case CheckFunction::kCheckValue:
    case CheckFunction::kCheckNotValue: {
      const bool negate = node.function == CheckFunction::kCheckNotValue;
      const bool null_literal = node.value.kind == CheckLiteral::Kind::kNull;
      for (size_t i = 0; i < n; ++i) {
        if (!active[i]) {
          continue;
        }
        const bool null = is_null(0, i);
        bool holds;
        if (null_literal) {
          holds = negate ? !null : null;
        } else if (null) {
          // A null cell never violates a value requirement (nullability rules judge nulls).
          // As a condition, null "is not" any value: "when ChargeClass is not Correction" must
          // select the ordinary rows, whose ChargeClass is null.
          holds = requirement || negate;
        } else {
          holds = cell_equals_literal(a, i, node.value) != negate;
        }
        out[i] = holds ? 1 : 0;
      }
      return;
    }
    case CheckFunction::kCheckSameValue:
    case CheckFunction::kCheckNotSameValue: {
      const bool negate = node.function == CheckFunction::kCheckNotSameValue;
      for (size_t i = 0; i < n; ++i) {
        if (!active[i]) {
          continue;
        }
        if (is_null(0, i) || is_null(1, i)) {
          out[i] = requirement ? 1 : 0;
          continue;
        }
        out[i] = (cells_equal(a, *cols[1], i) != negate) ? 1 : 0;
      }
      return;
    }
    case CheckFunction::kCheckGreaterOrEqualThanValue: {
      for (size_t i = 0; i < n; ++i) {
        if (!active[i]) {
          continue;
        }
        if (is_null(0, i)) {
          out[i] = requirement ? 1 : 0;
          continue;
        }
        core::Decimal v;
        out[i] = (numeric_value(a, i, &v) && v >= node.value.number) ? 1 : 0;
      }
      return;
    }
    case CheckFunction::kColumnByColumnEqualsColumnValue: {
      for (size_t i = 0; i < n; ++i) {
        if (!active[i]) {
          continue;
        }
        if (is_null(0, i) || is_null(1, i) || is_null(2, i)) {
          out[i] = requirement ? 1 : 0;
          continue;
        }
        core::Decimal x, y, r;
        out[i] = (numeric_value(a, i, &x) && numeric_value(*cols[1], i, &y) &&
                  numeric_value(*cols[2], i, &r) &&
                  product_matches(x, y, r, fraction_digits_of(*cols[2], i, r)))
                     ? 1
                     : 0;
      }
      return;
    }
    default: {
      // Type and format checks, CheckNationalCurrency, CheckDecimalValue: one column.
      for (size_t i = 0; i < n; ++i) {
        if (!active[i]) {
          continue;
        }
        if (is_null(0, i)) {
          out[i] = requirement ? 1 : 0;
          continue;
        }
        out[i] = cell_predicate(node.function, a, i, currencies_) ? 1 : 0;
      }
      return;
    }
  }
}

bool product_matches(core::Decimal a, core::Decimal b, core::Decimal result, int result_digits) {
  // Decimal::multiply requires an in-range product; anything near the range is not a cost.
  if (std::fabs(a.to_double() * b.to_double()) > 1e19) {
    return false;
  }
  const core::Decimal product = core::Decimal::multiply(a, b);
  const int digits = std::clamp(result_digits, 0, core::Decimal::kScale);
  return product.round(digits) == result;
}

int written_fraction_digits(std::string_view text) {
  size_t e = text.find_first_of("eE");
  const std::string_view mantissa = text.substr(0, e);
  int exponent = 0;
  if (e != std::string_view::npos) {
    std::string_view exp_text = text.substr(e + 1);
    if (!exp_text.empty() && exp_text[0] == '+') {
      exp_text.remove_prefix(1);
    }
    exponent = static_cast<int>(core::parse_int64(exp_text).value_or(0));
  }
  const size_t dot = mantissa.find('.');
  const int digits =
      dot == std::string_view::npos ? 0 : static_cast<int>(mantissa.size() - dot - 1);
  return std::max(0, digits - exponent);
}

}  // namespace optima::focus
