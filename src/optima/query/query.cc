#include "optima/query/query.h"

#include <fmt/format.h>

namespace optima::query {

namespace {

constexpr std::string_view kTagPrefix = "tag:";
constexpr std::string_view kExtensionPrefix = "x_";

std::string quoted(std::string_view text) {
  return fmt::format("\"{}\"", text);
}

}  // namespace

core::Result<Dimension> Dimension::parse(std::string_view text) {
  if (text.starts_with(kTagPrefix)) {
    if (text.size() == kTagPrefix.size()) {
      return core::invalid_argument("expected a tag key after \"tag:\"; found \"tag:\"");
    }
    return of_tag(std::string(text.substr(kTagPrefix.size())));
  }
  if (text.starts_with(kExtensionPrefix)) {
    if (text.size() == kExtensionPrefix.size()) {
      return core::invalid_argument("expected an extension column name after \"x_\"; found \"x_\"");
    }
    return of_extension(std::string(text));
  }
  if (auto column = focus::column_from_name(text)) {
    switch (focus::column_kind(*column)) {
      case focus::ColumnKind::kString:
        return of_column(*column);
      case focus::ColumnKind::kDecimal:
        return core::invalid_argument(
            fmt::format("{} is a metric, not a dimension; use it in \"metrics\"", quoted(text)));
      case focus::ColumnKind::kDateTime:
        return core::invalid_argument(fmt::format(
            "{} is a date/time column; group by time with \"granularity\"", quoted(text)));
      case focus::ColumnKind::kTags:
        return core::invalid_argument("\"Tags\" is the tag map; name one tag as \"tag:<key>\"");
    }
  }
  std::string message = fmt::format(
      "expected a FOCUS dimension column, \"tag:<key>\" or \"x_<name>\"; found {}", quoted(text));
  if (auto near = focus::column_from_name_icase(text)) {
    message += fmt::format(" (did you mean \"{}\"?)", focus::column_name(*near));
  }
  return core::invalid_argument(std::move(message));
}

std::string Dimension::to_string() const {
  switch (kind) {
    case Kind::kColumn:
      return std::string(focus::column_name(column));
    case Kind::kTag:
      return std::string(kTagPrefix) + name;
    case Kind::kExtension:
      return name;
  }
  return {};
}

core::Result<Metric> Metric::parse(std::string_view text) {
  if (text == "row_count")
    return row_count();
  if (auto column = focus::column_from_name(text);
      column && focus::column_kind(*column) == focus::ColumnKind::kDecimal) {
    return of_column(*column);
  }
  std::string message =
      fmt::format("expected a FOCUS decimal column or \"row_count\"; found {}", quoted(text));
  if (auto near = focus::column_from_name_icase(text);
      near && focus::column_kind(*near) == focus::ColumnKind::kDecimal &&
      focus::column_name(*near) != text) {
    message += fmt::format(" (did you mean \"{}\"?)", focus::column_name(*near));
  }
  return core::invalid_argument(std::move(message));
}

std::string Metric::to_string() const {
  return kind == Kind::kRowCount ? std::string("row_count")
                                 : std::string(focus::column_name(column));
}

bool Metric::is_money() const {
  return kind == Kind::kColumn && focus::column_name(column).ends_with("Cost");
}

std::optional<focus::Column> Metric::currency_column() const {
  if (!is_money())
    return std::nullopt;
  return focus::column_name(column).starts_with("PricingCurrency")
             ? focus::Column::kPricingCurrency
             : focus::Column::kBillingCurrency;
}

std::string_view granularity_name(Granularity g) {
  switch (g) {
    case Granularity::kNone:
      return "none";
    case Granularity::kHour:
      return "hour";
    case Granularity::kDay:
      return "day";
    case Granularity::kWeek:
      return "week";
    case Granularity::kMonth:
      return "month";
  }
  return "none";
}

std::string_view filter_op_name(FilterOp op) {
  switch (op) {
    case FilterOp::kIn:
      return "in";
    case FilterOp::kNotIn:
      return "not_in";
    case FilterOp::kPrefix:
      return "prefix";
    case FilterOp::kIsNull:
      return "is_null";
    case FilterOp::kNotNull:
      return "not_null";
  }
  return "in";
}

std::string_view direction_name(SortDirection d) {
  return d == SortDirection::kAsc ? "asc" : "desc";
}

namespace {

bool op_takes_values(FilterOp op) {
  return op == FilterOp::kIn || op == FilterOp::kNotIn || op == FilterOp::kPrefix;
}

core::Status check_dimension(const Dimension& d, const std::string& path) {
  switch (d.kind) {
    case Dimension::Kind::kColumn:
      if (focus::column_kind(d.column) != focus::ColumnKind::kString) {
        return core::invalid_argument(
            fmt::format("{}: {} is not a string dimension", path, focus::column_name(d.column)));
      }
      return core::Status::ok();
    case Dimension::Kind::kTag:
      if (d.name.empty())
        return core::invalid_argument(path + ": empty tag key");
      return core::Status::ok();
    case Dimension::Kind::kExtension:
      if (!d.name.starts_with(kExtensionPrefix) || d.name.size() == kExtensionPrefix.size()) {
        return core::invalid_argument(fmt::format(
            "{}: extension column names start with \"x_\"; found {}", path, quoted(d.name)));
      }
      return core::Status::ok();
  }
  return core::Status::ok();
}

}  // namespace

core::Status validate_query(const Query& query) {
  if (query.time_range && !(query.time_range->start < query.time_range->end)) {
    return core::invalid_argument(
        fmt::format("time_range: start must be before end; found start {}, end {}",
                    core::format_iso8601(query.time_range->start),
                    core::format_iso8601(query.time_range->end)));
  }
  if (query.metrics.empty())
    return core::invalid_argument("metrics: expected at least one metric");
  for (size_t i = 0; i < query.metrics.size(); ++i) {
    const Metric& m = query.metrics[i];
    if (m.kind == Metric::Kind::kColumn &&
        focus::column_kind(m.column) != focus::ColumnKind::kDecimal) {
      return core::invalid_argument(
          fmt::format("metrics[{}]: {} is not a decimal column", i, focus::column_name(m.column)));
    }
    for (size_t j = 0; j < i; ++j) {
      if (query.metrics[j] == m) {
        return core::invalid_argument(
            fmt::format("metrics[{}]: duplicate metric {}", i, quoted(m.to_string())));
      }
    }
  }
  if (query.group_by.size() > kMaxGroupBy) {
    return core::invalid_argument(fmt::format("group_by: at most {} dimensions; found {}",
                                              kMaxGroupBy, query.group_by.size()));
  }
  for (size_t i = 0; i < query.group_by.size(); ++i) {
    OPTIMA_RETURN_IF_ERROR(check_dimension(query.group_by[i], fmt::format("group_by[{}]", i)));
    for (size_t j = 0; j < i; ++j) {
      if (query.group_by[j] == query.group_by[i]) {
        return core::invalid_argument(fmt::format("group_by[{}]: duplicate dimension {}", i,
                                                  quoted(query.group_by[i].to_string())));
      }
    }
  }
  for (size_t i = 0; i < query.filters.size(); ++i) {
    const Filter& f = query.filters[i];
    const std::string path = fmt::format("filters[{}]", i);
    OPTIMA_RETURN_IF_ERROR(check_dimension(f.dimension, path + ".dimension"));
    if (op_takes_values(f.op) && f.values.empty()) {
      return core::invalid_argument(
          fmt::format("{}.values: expected at least one value for {}", path, filter_op_name(f.op)));
    }
    if (!op_takes_values(f.op) && !f.values.empty()) {
      return core::invalid_argument(
          fmt::format("{}.values: {} takes no values", path, filter_op_name(f.op)));
    }
  }
  for (size_t i = 0; i < query.order_by.size(); ++i) {
    const OrderKey& key = query.order_by[i];
    const std::string path = fmt::format("order_by[{}].field", i);
    switch (key.field) {
      case OrderKey::Field::kPeriod:
        if (query.granularity == Granularity::kNone) {
          return core::invalid_argument(path + ": \"period\" needs a granularity");
        }
        break;
      case OrderKey::Field::kMetric:
        if (key.index >= query.metrics.size()) {
          return core::invalid_argument(path + ": metric index out of range");
        }
        break;
      case OrderKey::Field::kDimension:
        if (key.index >= query.group_by.size()) {
          return core::invalid_argument(path + ": dimension index out of range");
        }
        break;
    }
    for (size_t j = 0; j < i; ++j) {
      if (query.order_by[j].field == key.field && query.order_by[j].index == key.index) {
        return core::invalid_argument(
            fmt::format("{}: duplicate order key {}", path, quoted(order_field_name(query, key))));
      }
    }
  }
  if (query.top_n) {
    if (query.group_by.empty())
      return core::invalid_argument("top_n: requires group_by");
    if (*query.top_n == 0 || *query.top_n > kMaxTopN) {
      return core::invalid_argument(
          fmt::format("top_n: expected an integer from 1 to {}; found {}", kMaxTopN, *query.top_n));
    }
  }
  if (query.others && !query.top_n)
    return core::invalid_argument("others: requires top_n");
  if (query.limit && (*query.limit == 0 || *query.limit > kMaxLimit)) {
    return core::invalid_argument(
        fmt::format("limit: expected an integer from 1 to {}; found {}", kMaxLimit, *query.limit));
  }
  return core::Status::ok();
}

std::vector<OrderKey> effective_order(const Query& query) {
  std::vector<OrderKey> keys = query.order_by;
  const bool bucketed = query.granularity != Granularity::kNone;
  if (keys.empty()) {
    if (bucketed)
      keys.push_back({OrderKey::Field::kPeriod, 0, SortDirection::kAsc});
    keys.push_back({OrderKey::Field::kMetric, 0, SortDirection::kDesc});
  }
  auto has = [&keys](OrderKey::Field field, size_t index) {
    for (const OrderKey& k : keys) {
      if (k.field == field && k.index == index)
        return true;
    }
    return false;
  };
  if (bucketed && !has(OrderKey::Field::kPeriod, 0)) {
    keys.push_back({OrderKey::Field::kPeriod, 0, SortDirection::kAsc});
  }
  for (size_t i = 0; i < query.group_by.size(); ++i) {
    if (!has(OrderKey::Field::kDimension, i)) {
      keys.push_back({OrderKey::Field::kDimension, i, SortDirection::kAsc});
    }
  }
  return keys;
}

std::string order_field_name(const Query& query, const OrderKey& key) {
  switch (key.field) {
    case OrderKey::Field::kPeriod:
      return std::string(kPeriodField);
    case OrderKey::Field::kMetric:
      return query.metrics[key.index].to_string();
    case OrderKey::Field::kDimension:
      return query.group_by[key.index].to_string();
  }
  return {};
}

size_t others_order_position(const Query& query) {
  const std::vector<OrderKey> keys = effective_order(query);
  return !keys.empty() && keys.front().field == OrderKey::Field::kPeriod ? 1 : 0;
}

}  // namespace optima::query
