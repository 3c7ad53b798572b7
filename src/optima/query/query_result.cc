#include "optima/query/query_result.h"

namespace optima::query {

std::string_view value_type_name(ValueType type) {
  switch (type) {
    case ValueType::kTime:
      return "time";
    case ValueType::kString:
      return "string";
    case ValueType::kMoney:
      return "money";
    case ValueType::kDecimal:
      return "decimal";
    case ValueType::kInteger:
      return "integer";
  }
  return "string";
}

std::vector<ResultColumn> result_columns(const Query& query) {
  std::vector<ResultColumn> columns;
  if (query.granularity != Granularity::kNone) {
    columns.push_back({std::string(kPeriodField), ValueType::kTime});
  }
  for (const Dimension& d : query.group_by)
    columns.push_back({d.to_string(), ValueType::kString});
  for (const Metric& m : query.metrics) {
    ValueType type = ValueType::kDecimal;
    if (m.kind == Metric::Kind::kRowCount) {
      type = ValueType::kInteger;
    } else if (m.is_money()) {
      type = ValueType::kMoney;
    }
    columns.push_back({m.to_string(), type});
  }
  return columns;
}

}  // namespace optima::query
