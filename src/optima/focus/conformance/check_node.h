// CheckNode: one node of a FOCUS validator check-function tree (a rule's Requirement or
// Condition), and the table of check functions the requirements model may use.
//
// The FinOps Foundation's requirements model (model-1.2.json) writes every check as
// {"CheckFunction": "<name>", <arguments>}; AND/OR nodes hold "Items". This header is the parsed
// form; rule_model.cc builds it and the validator evaluates it. Value type, thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/decimal.h"

namespace optima::focus {

// Every check function of the 1.2 model (its "CheckFunctions" section).
enum class CheckFunction : uint8_t {
  kAnd,
  kOr,
  kColumnPresent,
  kTypeString,
  kTypeDecimal,
  kTypeDateTime,
  kFormatString,
  kFormatNumeric,
  kFormatDateTime,
  kFormatUnit,
  kFormatCurrency,
  kFormatKeyValue,
  kCheckNationalCurrency,
  kCheckValue,
  kCheckNotValue,
  kCheckSameValue,
  kCheckNotSameValue,
  kCheckDecimalValue,
  kCheckGreaterOrEqualThanValue,
  kCheckDistinctCount,
  kColumnByColumnEqualsColumnValue,
  kCheckModelRule,
};

// The argument shape a check function takes.
enum class CheckArguments : uint8_t {
  kItems,          // AND, OR: "Items" (non-empty list of nodes)
  kColumn,         // "ColumnName"
  kColumnValue,    // "ColumnName", "Value" (null, string or number)
  kTwoColumns,     // "ColumnAName", "ColumnBName"
  kDistinctCount,  // "ColumnAName", "ColumnBName", "ExpectedCount" (integer)
  kProduct,        // "ColumnAName", "ColumnBName", "ResultColumnName"
  kModelRule,      // "ModelRuleId"
};

struct CheckFunctionInfo {
  CheckFunction function;
  std::string_view name;  // verbatim model name, e.g. "CheckNotValue"
  CheckArguments arguments;
};

const std::vector<CheckFunctionInfo>& all_check_functions();
std::optional<CheckFunction> check_function_from_name(std::string_view name);
std::string_view check_function_name(CheckFunction f);
CheckArguments check_function_arguments(CheckFunction f);

// The "Value" argument of CheckValue / CheckNotValue / CheckGreaterOrEqualThanValue.
struct CheckLiteral {
  enum class Kind : uint8_t { kNull, kString, kNumber };
  Kind kind = Kind::kNull;
  std::string text;      // the string, or the number as written in the model
  core::Decimal number;  // kNumber only
};

struct CheckNode {
  CheckFunction function = CheckFunction::kAnd;
  // Column arguments in declaration order: ColumnName; or ColumnAName, ColumnBName
  // [, ResultColumnName].
  std::vector<std::string> columns;
  CheckLiteral value;            // kColumnValue functions
  int64_t expected_count = 0;    // CheckDistinctCount
  std::string model_rule_id;     // CheckModelRule
  std::vector<CheckNode> items;  // AND, OR
  std::string path;              // JSON path in the model, for messages

  // Every column the subtree names (CheckModelRule targets excluded), first use first.
  void collect_columns(std::vector<std::string>* out) const;
  // Every CheckModelRule target in the subtree, in order.
  void collect_rule_references(std::vector<std::string>* out) const;
  // Every check function in the subtree (no duplicates).
  void collect_functions(std::vector<CheckFunction>* out) const;
  // True when the subtree holds a CheckModelRule.
  bool references_rules() const;
};

}  // namespace optima::focus
