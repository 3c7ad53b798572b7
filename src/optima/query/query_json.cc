#include "optima/query/query_json.h"

#include <array>
#include <initializer_list>

#include <fmt/format.h>

#include "optima/query/cursor.h"

namespace optima::query {

namespace {

using nlohmann::json;

constexpr size_t kMaxFoundChars = 60;

// The offending value as JSON text, shortened for messages.
std::string found_text(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > kMaxFoundChars)
    text = text.substr(0, kMaxFoundChars) + "...";
  return text;
}

std::string child(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

std::string element(const std::string& path, size_t i) {
  return fmt::format("{}[{}]", path, i);
}

core::Status expected(const std::string& path, std::string_view what, const json& value) {
  return core::invalid_argument(fmt::format(
      "{}: expected {}; found {}", path.empty() ? "query" : path, what, found_text(value)));
}

core::Status check_fields(const json& object, const std::string& path,
                          std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : object.items()) {
    bool known = false;
    for (std::string_view name : allowed)
      known = known || key == name;
    if (!known) {
      std::string list;
      for (std::string_view name : allowed)
        list += list.empty() ? std::string(name) : fmt::format(", {}", name);
      return core::invalid_argument(
          fmt::format("{}: unknown field; expected one of {}", child(path, key), list));
    }
  }
  return core::Status::ok();
}

core::Result<std::string> get_string(const json& value, const std::string& path) {
  if (!value.is_string())
    return expected(path, "a string", value);
  return value.get<std::string>();
}

core::Result<uint32_t> get_count(const json& value, const std::string& path, uint32_t max) {
  const std::string what = fmt::format("an integer from 1 to {}", max);
  if (!value.is_number_integer())
    return expected(path, what, value);
  if (value.is_number_unsigned()) {
    const auto n = value.get<uint64_t>();
    if (n >= 1 && n <= max)
      return static_cast<uint32_t>(n);
  }
  return expected(path, what, value);
}

// A date ("2024-01-31", midnight UTC) or an ISO 8601 time ("2024-01-31T10:00:00Z").
core::Result<core::Timestamp> get_time(const json& value, const std::string& path) {
  constexpr std::string_view kWhat = "a date \"YYYY-MM-DD\" or a UTC time \"YYYY-MM-DDTHH:MM:SSZ\"";
  if (!value.is_string())
    return expected(path, kWhat, value);
  const std::string& text = value.get_ref<const std::string&>();
  const bool iso_shape = text.size() >= 10 && text[4] == '-' && text[7] == '-' &&
                         (text.size() == 10 || text[10] == 'T');
  core::Timestamp t;
  if (!iso_shape || !core::parse_timestamp(text, &t))
    return expected(path, kWhat, value);
  return t;
}

template <typename Enum, size_t N>
core::Result<Enum> get_enum(const json& value, const std::string& path,
                            const std::array<std::pair<std::string_view, Enum>, N>& names) {
  std::string list;
  for (const auto& [name, e] : names)
    list += list.empty() ? std::string(name) : fmt::format(", {}", name);
  const std::string what = fmt::format("one of {}", list);
  if (!value.is_string())
    return expected(path, what, value);
  for (const auto& [name, e] : names) {
    if (value.get_ref<const std::string&>() == name)
      return e;
  }
  return expected(path, what, value);
}

constexpr std::array<std::pair<std::string_view, Granularity>, 5> kGranularities = {{
    {"none", Granularity::kNone},
    {"hour", Granularity::kHour},
    {"day", Granularity::kDay},
    {"week", Granularity::kWeek},
    {"month", Granularity::kMonth},
}};

constexpr std::array<std::pair<std::string_view, FilterOp>, 5> kFilterOps = {{
    {"in", FilterOp::kIn},
    {"not_in", FilterOp::kNotIn},
    {"prefix", FilterOp::kPrefix},
    {"is_null", FilterOp::kIsNull},
    {"not_null", FilterOp::kNotNull},
}};

constexpr std::array<std::pair<std::string_view, SortDirection>, 2> kDirections = {{
    {"asc", SortDirection::kAsc},
    {"desc", SortDirection::kDesc},
}};

core::Status with_path(const core::Status& status, const std::string& path) {
  return core::invalid_argument(fmt::format("{}: {}", path, status.message()));
}

core::Result<core::Period> parse_time_range(const json& value, const std::string& path) {
  if (!value.is_object())
    return expected(path, "an object {\"start\", \"end\"}", value);
  OPTIMA_RETURN_IF_ERROR(check_fields(value, path, {"start", "end"}));
  core::Period period;
  for (const char* key : {"start", "end"}) {
    if (!value.contains(key))
      return core::invalid_argument(child(path, key) + ": missing required field");
  }
  OPTIMA_ASSIGN_OR_RETURN(period.start, get_time(value["start"], child(path, "start")));
  OPTIMA_ASSIGN_OR_RETURN(period.end, get_time(value["end"], child(path, "end")));
  return period;
}

core::Result<std::vector<std::string>> get_strings(const json& value, const std::string& path) {
  if (!value.is_array())
    return expected(path, "an array of strings", value);
  std::vector<std::string> out;
  for (size_t i = 0; i < value.size(); ++i) {
    OPTIMA_ASSIGN_OR_RETURN(std::string s, get_string(value[i], element(path, i)));
    out.push_back(std::move(s));
  }
  return out;
}

core::Result<Dimension> get_dimension(const json& value, const std::string& path) {
  OPTIMA_ASSIGN_OR_RETURN(std::string text, get_string(value, path));
  core::Result<Dimension> d = Dimension::parse(text);
  if (!d.is_ok())
    return with_path(d.status(), path);
  return d;
}

core::Result<Filter> parse_filter(const json& value, const std::string& path) {
  if (!value.is_object())
    return expected(path, "an object {\"dimension\", \"op\", \"values\"}", value);
  OPTIMA_RETURN_IF_ERROR(check_fields(value, path, {"dimension", "op", "values"}));
  for (const char* key : {"dimension", "op"}) {
    if (!value.contains(key))
      return core::invalid_argument(child(path, key) + ": missing required field");
  }
  Filter f;
  OPTIMA_ASSIGN_OR_RETURN(f.dimension, get_dimension(value["dimension"], child(path, "dimension")));
  OPTIMA_ASSIGN_OR_RETURN(f.op, get_enum(value["op"], child(path, "op"), kFilterOps));
  const bool takes_values =
      f.op == FilterOp::kIn || f.op == FilterOp::kNotIn || f.op == FilterOp::kPrefix;
  const std::string values_path = child(path, "values");
  if (!takes_values) {
    if (value.contains("values")) {
      return core::invalid_argument(
          fmt::format("{}: {} takes no values", values_path, filter_op_name(f.op)));
    }
    return f;
  }
  if (!value.contains("values")) {
    return core::invalid_argument(
        fmt::format("{}: missing required field for {}", values_path, filter_op_name(f.op)));
  }
  OPTIMA_ASSIGN_OR_RETURN(f.values, get_strings(value["values"], values_path));
  if (f.values.empty()) {
    return core::invalid_argument(
        fmt::format("{}: expected at least one value for {}", values_path, filter_op_name(f.op)));
  }
  return f;
}

core::Result<OrderKey> parse_order_key(const json& value, const std::string& path, const Query& q) {
  if (!value.is_object())
    return expected(path, "an object {\"field\", \"direction\"}", value);
  OPTIMA_RETURN_IF_ERROR(check_fields(value, path, {"field", "direction"}));
  const std::string field_path = child(path, "field");
  if (!value.contains("field"))
    return core::invalid_argument(field_path + ": missing required field");
  OPTIMA_ASSIGN_OR_RETURN(std::string field, get_string(value["field"], field_path));
  if (field == kPeriodField && q.granularity == Granularity::kNone) {
    return core::invalid_argument(field_path + ": \"period\" needs a granularity");
  }
  OrderKey key;
  bool resolved = false;
  if (field == kPeriodField && q.granularity != Granularity::kNone) {
    key = {OrderKey::Field::kPeriod, 0, SortDirection::kAsc};
    resolved = true;
  }
  for (size_t i = 0; !resolved && i < q.metrics.size(); ++i) {
    if (q.metrics[i].to_string() == field) {
      key = {OrderKey::Field::kMetric, i, SortDirection::kDesc};
      resolved = true;
    }
  }
  for (size_t i = 0; !resolved && i < q.group_by.size(); ++i) {
    if (q.group_by[i].to_string() == field) {
      key = {OrderKey::Field::kDimension, i, SortDirection::kAsc};
      resolved = true;
    }
  }
  if (!resolved) {
    std::string list;
    auto add = [&list](const std::string& name) {
      list += list.empty() ? name : ", " + name;
    };
    if (q.granularity != Granularity::kNone)
      add(std::string(kPeriodField));
    for (const Metric& m : q.metrics)
      add(m.to_string());
    for (const Dimension& d : q.group_by)
      add(d.to_string());
    return expected(field_path,
                    fmt::format("one of {} (the query's period, metrics and group_by)", list),
                    value["field"]);
  }
  if (value.contains("direction")) {
    OPTIMA_ASSIGN_OR_RETURN(key.direction,
                            get_enum(value["direction"], child(path, "direction"), kDirections));
  }
  return key;
}

template <typename T, typename Fn>
core::Result<std::vector<T>> get_array(const json& value, const std::string& path,
                                       std::string_view what, Fn&& parse_one) {
  if (!value.is_array())
    return expected(path, what, value);
  std::vector<T> out;
  for (size_t i = 0; i < value.size(); ++i) {
    OPTIMA_ASSIGN_OR_RETURN(T item, parse_one(value[i], element(path, i)));
    out.push_back(std::move(item));
  }
  return out;
}

// A SAX consumer that only records the syntax error (with its line and column), for the message.
class SyntaxErrorLocator final : public nlohmann::json_sax<json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    // "[json.exception.parse_error.101] parse error at line 1, column 28: …": keep from "parse".
    message_ = e.what();
    if (const size_t at = message_.find("] "); at != std::string::npos)
      message_.erase(0, at + 2);
    return false;
  }
  const std::string& message() const { return message_; }

 private:
  std::string message_;
};

}  // namespace

core::Result<Query> query_from_json(const json& document) {
  if (!document.is_object())
    return expected("", "a JSON object", document);
  OPTIMA_RETURN_IF_ERROR(
      check_fields(document, "",
                   {"time_range", "granularity", "metrics", "group_by", "filters", "order_by",
                    "top_n", "others", "limit", "cursor"}));
  Query q;
  if (document.contains("time_range")) {
    OPTIMA_ASSIGN_OR_RETURN(q.time_range, parse_time_range(document["time_range"], "time_range"));
  }
  if (document.contains("granularity")) {
    OPTIMA_ASSIGN_OR_RETURN(q.granularity,
                            get_enum(document["granularity"], "granularity", kGranularities));
  }
  if (!document.contains("metrics")) {
    return core::invalid_argument("metrics: missing required field");
  }
  OPTIMA_ASSIGN_OR_RETURN(
      q.metrics,
      get_array<Metric>(document["metrics"], "metrics", "an array of metric names",
                        [](const json& v, const std::string& path) -> core::Result<Metric> {
                          OPTIMA_ASSIGN_OR_RETURN(std::string text, get_string(v, path));
                          core::Result<Metric> m = Metric::parse(text);
                          if (!m.is_ok())
                            return with_path(m.status(), path);
                          return m;
                        }));
  if (document.contains("group_by")) {
    OPTIMA_ASSIGN_OR_RETURN(q.group_by,
                            get_array<Dimension>(document["group_by"], "group_by",
                                                 "an array of dimension names", get_dimension));
  }
  if (document.contains("filters")) {
    OPTIMA_ASSIGN_OR_RETURN(
        q.filters, get_array<Filter>(document["filters"], "filters", "an array of filter objects",
                                     parse_filter));
  }
  if (document.contains("order_by")) {
    OPTIMA_ASSIGN_OR_RETURN(
        q.order_by,
        get_array<OrderKey>(
            document["order_by"], "order_by", "an array of order objects",
            [&q](const json& v, const std::string& path) { return parse_order_key(v, path, q); }));
  }
  if (document.contains("top_n")) {
    OPTIMA_ASSIGN_OR_RETURN(q.top_n, get_count(document["top_n"], "top_n", kMaxTopN));
  }
  if (document.contains("others")) {
    if (!document["others"].is_boolean())
      return expected("others", "true or false", document["others"]);
    q.others = document["others"].get<bool>();
  }
  if (document.contains("limit")) {
    OPTIMA_ASSIGN_OR_RETURN(q.limit, get_count(document["limit"], "limit", kMaxLimit));
  }
  OPTIMA_RETURN_IF_ERROR(validate_query(q));
  if (document.contains("cursor")) {
    OPTIMA_ASSIGN_OR_RETURN(std::string cursor, get_string(document["cursor"], "cursor"));
    OPTIMA_ASSIGN_OR_RETURN(q.offset, decode_cursor(q, cursor));
  }
  return q;
}

core::Result<Query> parse_query(std::string_view json_text) {
  json document = json::parse(json_text, nullptr, false);
  if (document.is_discarded()) {
    SyntaxErrorLocator locator;
    json::sax_parse(json_text, &locator, nlohmann::detail::input_format_t::json, true, false);
    return core::invalid_argument("query: invalid JSON: " + locator.message());
  }
  return query_from_json(document);
}

json query_to_json(const Query& query) {
  json out = json::object();
  if (query.time_range) {
    out["time_range"] = {{"start", core::format_iso8601(query.time_range->start)},
                         {"end", core::format_iso8601(query.time_range->end)}};
  }
  if (query.granularity != Granularity::kNone)
    out["granularity"] = granularity_name(query.granularity);
  json metrics = json::array();
  for (const Metric& m : query.metrics)
    metrics.push_back(m.to_string());
  out["metrics"] = std::move(metrics);
  if (!query.group_by.empty()) {
    json dims = json::array();
    for (const Dimension& d : query.group_by)
      dims.push_back(d.to_string());
    out["group_by"] = std::move(dims);
  }
  if (!query.filters.empty()) {
    json filters = json::array();
    for (const Filter& f : query.filters) {
      json item = {{"dimension", f.dimension.to_string()}, {"op", filter_op_name(f.op)}};
      if (!f.values.empty())
        item["values"] = f.values;
      filters.push_back(std::move(item));
    }
    out["filters"] = std::move(filters);
  }
  if (!query.order_by.empty()) {
    json keys = json::array();
    for (const OrderKey& k : query.order_by) {
      keys.push_back(
          {{"field", order_field_name(query, k)}, {"direction", direction_name(k.direction)}});
    }
    out["order_by"] = std::move(keys);
  }
  if (query.top_n)
    out["top_n"] = *query.top_n;
  if (query.others)
    out["others"] = true;
  if (query.limit)
    out["limit"] = *query.limit;
  if (query.offset > 0)
    out["cursor"] = encode_cursor(query, query.offset);
  return out;
}

}  // namespace optima::query
