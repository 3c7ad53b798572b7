#include "optima/focus/conformance/check_node.h"

#include <algorithm>

namespace optima::focus {

const std::vector<CheckFunctionInfo>& all_check_functions() {
  static const std::vector<CheckFunctionInfo> kTable = {
      {CheckFunction::kAnd, "AND", CheckArguments::kItems},
      {CheckFunction::kOr, "OR", CheckArguments::kItems},
      {CheckFunction::kColumnPresent, "ColumnPresent", CheckArguments::kColumn},
      {CheckFunction::kTypeString, "TypeString", CheckArguments::kColumn},
      {CheckFunction::kTypeDecimal, "TypeDecimal", CheckArguments::kColumn},
      {CheckFunction::kTypeDateTime, "TypeDateTime", CheckArguments::kColumn},
      {CheckFunction::kFormatString, "FormatString", CheckArguments::kColumn},
      {CheckFunction::kFormatNumeric, "FormatNumeric", CheckArguments::kColumn},
      {CheckFunction::kFormatDateTime, "FormatDateTime", CheckArguments::kColumn},
      {CheckFunction::kFormatUnit, "FormatUnit", CheckArguments::kColumn},
      {CheckFunction::kFormatCurrency, "FormatCurrency", CheckArguments::kColumn},
      {CheckFunction::kFormatKeyValue, "FormatKeyValue", CheckArguments::kColumn},
      {CheckFunction::kCheckNationalCurrency, "CheckNationalCurrency", CheckArguments::kColumn},
      {CheckFunction::kCheckValue, "CheckValue", CheckArguments::kColumnValue},
      {CheckFunction::kCheckNotValue, "CheckNotValue", CheckArguments::kColumnValue},
      {CheckFunction::kCheckSameValue, "CheckSameValue", CheckArguments::kTwoColumns},
      {CheckFunction::kCheckNotSameValue, "CheckNotSameValue", CheckArguments::kTwoColumns},
      {CheckFunction::kCheckDecimalValue, "CheckDecimalValue", CheckArguments::kColumn},
      {CheckFunction::kCheckGreaterOrEqualThanValue, "CheckGreaterOrEqualThanValue",
       CheckArguments::kColumnValue},
      {CheckFunction::kCheckDistinctCount, "CheckDistinctCount", CheckArguments::kDistinctCount},
      {CheckFunction::kColumnByColumnEqualsColumnValue, "ColumnByColumnEqualsColumnValue",
       CheckArguments::kProduct},
      {CheckFunction::kCheckModelRule, "CheckModelRule", CheckArguments::kModelRule},
  };
  return kTable;
}

std::optional<CheckFunction> check_function_from_name(std::string_view name) {
  for (const auto& info : all_check_functions()) {
    if (info.name == name) {
      return info.function;
    }
  }
  return std::nullopt;
}

std::string_view check_function_name(CheckFunction f) {
  return all_check_functions()[static_cast<size_t>(f)].name;
}

CheckArguments check_function_arguments(CheckFunction f) {
  return all_check_functions()[static_cast<size_t>(f)].arguments;
}

void CheckNode::collect_columns(std::vector<std::string>* out) const {
  for (const std::string& c : columns) {
    if (std::find(out->begin(), out->end(), c) == out->end()) {
      out->push_back(c);
    }
  }
  for (const CheckNode& item : items) {
    item.collect_columns(out);
  }
}

void CheckNode::collect_rule_references(std::vector<std::string>* out) const {
  if (function == CheckFunction::kCheckModelRule) {
    out->push_back(model_rule_id);
  }
  for (const CheckNode& item : items) {
    item.collect_rule_references(out);
  }
}

void CheckNode::collect_functions(std::vector<CheckFunction>* out) const {
  if (std::find(out->begin(), out->end(), function) == out->end()) {
    out->push_back(function);
  }
  for (const CheckNode& item : items) {
    item.collect_functions(out);
  }
}

bool CheckNode::references_rules() const {
  if (function == CheckFunction::kCheckModelRule) {
    return true;
  }
  return std::any_of(items.begin(), items.end(),
                     [](const CheckNode& item) { return item.references_rules(); });
}

}  // namespace optima::focus
