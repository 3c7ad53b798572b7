#include "optima/query/clickhouse_sql.h"

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/query/currency_rule.h"

namespace optima::query {

namespace {

constexpr std::string_view kTimeColumn = "ChargePeriodStart";
constexpr std::string_view kNoLimit = "18446744073709551615";

bool is_identifier(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9'))
    return false;
  for (char c : s) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok)
      return false;
  }
  return true;
}

bool is_table_name(std::string_view s) {
  const std::vector<std::string_view> parts = core::split(s, '.');
  if (parts.size() > 2)
    return false;
  for (std::string_view p : parts) {
    if (!is_identifier(p))
      return false;
  }
  return true;
}

// How a dimension reads in SQL: `present` is true when the row has a value, `value` is that
// value (meaningful only when present), `nullable` is the value or NULL.
struct DimensionSql {
  std::string present;
  std::string absent;
  std::string value;
  std::string nullable;
};

DimensionSql dimension_sql(const Dimension& d) {
  switch (d.kind) {
    case Dimension::Kind::kColumn: {
      const std::string name(focus::column_name(d.column));
      return {fmt::format("isNotNull({})", name), fmt::format("isNull({})", name), name, name};
    }
    case Dimension::Kind::kTag:
    case Dimension::Kind::kExtension: {
      const bool tag = d.kind == Dimension::Kind::kTag;
      const std::string_view keys = tag ? "tag_keys" : "x_names";
      const std::string_view values = tag ? "tag_values" : "x_values";
      const std::string key = clickhouse_string_literal(d.name);
      const std::string present = fmt::format("has({}, {})", keys, key);
      const std::string value = fmt::format("{}[indexOf({}, {})]", values, keys, key);
      return {present, fmt::format("(NOT {})", present), value,
              fmt::format("if({}, {}, NULL)", present, value)};
    }
  }
  return {};
}

std::string literal_list(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty())
      out += ", ";
    out += clickhouse_string_literal(v);
  }
  return out;
}

// Same rules as RowSelector::matches: in / prefix need a value, not_in accepts null.
std::string filter_sql(const Filter& f) {
  const DimensionSql d = dimension_sql(f.dimension);
  switch (f.op) {
    case FilterOp::kIn:
      return fmt::format("({} AND {} IN ({}))", d.present, d.value, literal_list(f.values));
    case FilterOp::kNotIn:
      return fmt::format("({} OR {} NOT IN ({}))", d.absent, d.value, literal_list(f.values));
    case FilterOp::kPrefix: {
      std::string any;
      for (const std::string& p : f.values) {
        if (!any.empty())
          any += " OR ";
        any += fmt::format("substring({}, 1, {}) = {}", d.value, p.size(),
                           clickhouse_string_literal(p));
      }
      return fmt::format("({} AND ({}))", d.present, any);
    }
    case FilterOp::kIsNull:
      return d.absent;
    case FilterOp::kNotNull:
      return d.present;
  }
  return {};
}

// The bucket start in unix seconds, the arithmetic of bucket_start(). Weeks start on Monday:
// 1970-01-01 was a Thursday, 3 days after one.
std::string period_sql(Granularity g) {
  const std::string seconds = fmt::format("toUInt32({})", kTimeColumn);
  const std::string days = fmt::format("intDiv({}, 86400)", seconds);
  switch (g) {
    case Granularity::kHour:
      return fmt::format("intDiv({}, 3600) * 3600", seconds);
    case Granularity::kDay:
      return fmt::format("{} * 86400", days);
    case Granularity::kWeek:
      return fmt::format("({0} - ({0} + 3) % 7) * 86400", days);
    case Granularity::kMonth:
      // toStartOfMonth works in the column's time zone, which the layout fixes to UTC; a Date
      // converts to its day number.
      return fmt::format("toUInt32(toStartOfMonth({})) * 86400", kTimeColumn);
    case Granularity::kNone:
      break;
  }
  return {};
}

std::string metric_sql(const Metric& m) {
  if (m.kind == Metric::Kind::kRowCount)
    return "count()";
  return fmt::format("sum({})", focus::column_name(m.column));
}

// ORDER BY terms for one value. Nulls last whatever the direction; decimals by their Float64
// first (18.16 sorts Decimal columns very slowly), the exact value breaking float ties.
std::string order_terms(std::string_view expr, SortDirection dir, bool decimal, bool nullable) {
  const std::string_view d = dir == SortDirection::kAsc ? "ASC" : "DESC";
  std::string out;
  if (nullable)
    out += fmt::format("isNull({}) ASC, ", expr);
  if (decimal)
    out += fmt::format("toFloat64({}) {}, ", expr, d);
  out += fmt::format("{} {}", expr, d);
  return out;
}

std::string where_clause(const std::vector<std::string>& conditions, std::string_view indent) {
  if (conditions.empty())
    return {};
  std::string out = fmt::format("{}WHERE {}", indent, conditions[0]);
  for (size_t i = 1; i < conditions.size(); ++i) {
    out += fmt::format("\n{}  AND {}", indent, conditions[i]);
  }
  return out + "\n";
}

// The subquery choosing the top N dimension tuples over the whole range: ranked by the first
// metric descending (null last), ties by dimension values ascending (null last). Dimensions
// are compared as (isNull(x), ifNull(x, '')) pairs, because NULL never matches IN.
std::string top_n_subquery(const Query& q, const std::string& table,
                           const std::vector<std::string>& conditions) {
  std::string select_list;
  std::string outer_list;
  std::string group_list;
  std::string tie_order;
  for (size_t i = 0; i < q.group_by.size(); ++i) {
    const DimensionSql d = dimension_sql(q.group_by[i]);
    select_list += fmt::format("isNull({0}) AS n{1}, ifNull({0}, '') AS v{1}, ", d.nullable, i);
    outer_list += fmt::format("{}n{}, v{}", i > 0 ? ", " : "", i, i);
    group_list += fmt::format("{}n{}, v{}", i > 0 ? ", " : "", i, i);
    tie_order += fmt::format(", n{0} ASC, v{0} ASC", i);
  }
  const Metric& rank = q.metrics[0];
  const bool decimal = rank.kind == Metric::Kind::kColumn;
  std::string out = fmt::format("(\n    SELECT {} FROM (\n      SELECT {}{} AS r\n      FROM {}\n",
                                outer_list, select_list, metric_sql(rank), table);
  out += where_clause(conditions, "      ");
  out += fmt::format("      GROUP BY {}\n      ORDER BY {}{}\n      LIMIT {}))", group_list,
                     order_terms("r", SortDirection::kDesc, decimal, decimal), tie_order, *q.top_n);
  return out;
}

std::string top_n_tuple(const Query& q) {
  std::string out = "(";
  for (size_t i = 0; i < q.group_by.size(); ++i) {
    const DimensionSql d = dimension_sql(q.group_by[i]);
    out += fmt::format("{0}isNull({1}), ifNull({1}, '')", i > 0 ? ", " : "", d.nullable);
  }
  return out + ")";
}

}  // namespace

std::string clickhouse_string_literal(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\'':
        out += "\\'";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\0':
        out += "\\0";
        break;
      default: {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
          out += fmt::format("\\x{:02X}", u);
        } else {
          out.push_back(c);
        }
      }
    }
  }
  out.push_back('\'');
  return out;
}

core::Result<ClickHouseSql> compile_clickhouse(const Query& q, const ClickHouseOptions& options) {
  OPTIMA_RETURN_IF_ERROR(validate_query(q));
  if (!is_table_name(options.table)) {
    return core::invalid_argument(fmt::format(
        "ClickHouse table: expected [database.]table of letters, digits and _; found {}",
        core::quote_for_message(options.table)));
  }
  const std::string& table = options.table;
  std::vector<std::string> conditions;
  if (q.time_range) {
    conditions.push_back(
        fmt::format("{} >= toDateTime({})", kTimeColumn, q.time_range->start.unix_seconds));
    conditions.push_back(
        fmt::format("{} < toDateTime({})", kTimeColumn, q.time_range->end.unix_seconds));
  }
  for (const Filter& f : q.filters)
    conditions.push_back(filter_sql(f));

  ClickHouseSql sql;
  std::string totals_list;
  for (size_t i = 0; i < q.metrics.size(); ++i) {
    totals_list += fmt::format("{}{} AS m{}", i > 0 ? ", " : "", metric_sql(q.metrics[i]), i);
  }
  // What apply_currency_rule() needs: the distinct currencies (groupUniqArray skips NULL) and
  // the rows without one.
  const std::vector<focus::Column> currencies = currency_columns(q);
  for (size_t i = 0; i < currencies.size(); ++i) {
    const std::string_view name = focus::column_name(currencies[i]);
    totals_list +=
        fmt::format(", groupUniqArray({0}) AS c{1}, countIf(isNull({0})) AS n{1}", name, i);
  }
  sql.totals =
      fmt::format("SELECT {}\nFROM {}\n{}", totals_list, table, where_clause(conditions, ""));

  const bool bucketed = q.granularity != Granularity::kNone;
  std::vector<std::string> select;
  std::vector<std::string> group;
  if (bucketed) {
    select.push_back(period_sql(q.granularity) + " AS period");
    group.emplace_back("period");
  }
  std::vector<std::string> row_conditions = conditions;
  if (q.top_n) {
    const std::string in_top = fmt::format("{} {} {}", top_n_tuple(q), q.others ? "NOT IN" : "IN",
                                           top_n_subquery(q, table, conditions));
    if (q.others) {
      select.push_back(in_top + " AS is_others");
      group.emplace_back("is_others");
    } else {
      row_conditions.push_back(in_top);
    }
  }
  const std::vector<bool> kept = kept_in_others(q);
  for (size_t i = 0; i < q.group_by.size(); ++i) {
    const DimensionSql d = dimension_sql(q.group_by[i]);
    select.push_back(q.others && !kept[i]
                         ? fmt::format("if(is_others, NULL, {}) AS d{}", d.nullable, i)
                         : fmt::format("{} AS d{}", d.nullable, i));
    group.push_back(fmt::format("d{}", i));
  }
  for (size_t i = 0; i < q.metrics.size(); ++i) {
    select.push_back(fmt::format("{} AS m{}", metric_sql(q.metrics[i]), i));
  }

  std::vector<std::string> order;
  const std::vector<OrderKey> keys = effective_order(q);
  const size_t others_at = others_order_position(q);
  for (size_t i = 0; i < keys.size(); ++i) {
    if (q.others && i == others_at)
      order.emplace_back("is_others ASC");
    const OrderKey& k = keys[i];
    switch (k.field) {
      case OrderKey::Field::kPeriod:
        order.push_back(order_terms("period", k.direction, false, true));
        break;
      case OrderKey::Field::kMetric: {
        const bool decimal = q.metrics[k.index].kind == Metric::Kind::kColumn;
        order.push_back(order_terms(fmt::format("m{}", k.index), k.direction, decimal, decimal));
        break;
      }
      case OrderKey::Field::kDimension:
        order.push_back(order_terms(fmt::format("d{}", k.index), k.direction, false, true));
        break;
    }
  }

  std::string out = "SELECT\n";
  for (size_t i = 0; i < select.size(); ++i) {
    out += fmt::format("  {}{}\n", select[i], i + 1 < select.size() ? "," : "");
  }
  out += fmt::format("FROM {}\n", table);
  out += where_clause(row_conditions, "");
  if (!group.empty())
    out += fmt::format("GROUP BY {}\n", core::join(group, ", "));
  out += fmt::format("ORDER BY {}\n", core::join(order, ", "));
  if (q.limit) {
    out += fmt::format("LIMIT {}, {}\n", q.offset, *q.limit);
  } else if (q.offset > 0) {
    out += fmt::format("LIMIT {}, {}\n", q.offset, kNoLimit);
  }
  sql.rows = std::move(out);
  return sql;
}

std::string clickhouse_column_definitions() {
  std::vector<std::string> defs;
  for (const focus::ColumnInfo& info : focus::all_columns()) {
    switch (info.kind) {
      case focus::ColumnKind::kString:
        defs.push_back(fmt::format("{} Nullable(String)", info.name));
        break;
      case focus::ColumnKind::kDecimal:
        defs.push_back(fmt::format("{} Nullable(Decimal128(18))", info.name));
        break;
      case focus::ColumnKind::kDateTime:
        defs.push_back(fmt::format("{} Nullable(DateTime('UTC'))", info.name));
        break;
      case focus::ColumnKind::kTags:
        defs.emplace_back("tag_keys Array(String)");
        defs.emplace_back("tag_values Array(String)");
        break;
    }
  }
  defs.emplace_back("x_names Array(String)");
  defs.emplace_back("x_values Array(String)");
  return core::join(defs, ",\n");
}

}  // namespace optima::query
