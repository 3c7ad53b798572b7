// Query: the one query model that the API, CLI, UI, MCP tools and the natural-language front end
// share, and that both executors (embedded, ClickHouse SQL) run.
//
// A query sums metrics over the FOCUS rows whose ChargePeriodStart lies in a time range and that
// pass every filter, grouped by dimensions (FOCUS string columns, tag keys, x_ columns) and,
// optionally, by time bucket; then ranks (top-N with "others"), orders and pages the groups.
// The JSON form and its rules are in docs/query-model.md; parse_query() reads it. Plain value
// types, thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/status.h"
#include "optima/core/time.h"
#include "optima/focus/column.h"

namespace optima::query {

enum class Granularity { kNone, kHour, kDay, kWeek, kMonth };

// What rows are grouped and filtered by: a FOCUS string column ("ServiceName"), a tag key
// ("tag:env"; a row without the tag is null) or an x_ extension column ("x_UsageType").
struct Dimension {
  enum class Kind { kColumn, kTag, kExtension };
  Kind kind = Kind::kColumn;
  focus::Column column = focus::Column::kServiceName;  // kColumn only
  std::string name;                                    // tag key (kTag) or "x_…" (kExtension)

  static Dimension of_column(focus::Column c) { return {Kind::kColumn, c, {}}; }
  static Dimension of_tag(std::string key) { return {Kind::kTag, {}, std::move(key)}; }
  static Dimension of_extension(std::string n) { return {Kind::kExtension, {}, std::move(n)}; }
  // Parses "ServiceName", "tag:<key>" or "x_<name>". The error message (no path prefix) says
  // what was expected, e.g. for date/time or metric columns.
  static core::Result<Dimension> parse(std::string_view text);
  // The query-model spelling: "ServiceName", "tag:env", "x_UsageType".
  std::string to_string() const;
  friend bool operator==(const Dimension&, const Dimension&) = default;
};

// A summed FOCUS decimal column ("BilledCost") or the number of rows ("row_count").
struct Metric {
  enum class Kind { kColumn, kRowCount };
  Kind kind = Kind::kColumn;
  focus::Column column = focus::Column::kBilledCost;  // kColumn only

  static Metric of_column(focus::Column c) { return {Kind::kColumn, c}; }
  static Metric row_count() { return {Kind::kRowCount, focus::Column::kBilledCost}; }
  static core::Result<Metric> parse(std::string_view text);
  std::string to_string() const;
  // True for the cost columns (…Cost), which are money in a currency; false for quantities,
  // unit prices and row_count.
  bool is_money() const;
  // The column holding a money metric's currency: PricingCurrency for the PricingCurrency…
  // costs, BillingCurrency for the others (FOCUS 1.2). nullopt when !is_money().
  std::optional<focus::Column> currency_column() const;
  friend bool operator==(const Metric&, const Metric&) = default;
};

// in: value present and equal to one of `values`; not_in: null or none of `values`;
// prefix: value present and starting with one of `values`; is_null / not_null.
enum class FilterOp { kIn, kNotIn, kPrefix, kIsNull, kNotNull };

struct Filter {
  Dimension dimension;
  FilterOp op = FilterOp::kIn;
  std::vector<std::string> values;  // empty for is_null / not_null
  friend bool operator==(const Filter&, const Filter&) = default;
};

enum class SortDirection { kAsc, kDesc };

// One ordering key: the time bucket ("period"), a metric of the query, or one of its group_by
// dimensions, named as in the JSON.
struct OrderKey {
  enum class Field { kPeriod, kMetric, kDimension };
  Field field = Field::kMetric;
  size_t index = 0;  // into Query::metrics or Query::group_by
  SortDirection direction = SortDirection::kDesc;
  friend bool operator==(const OrderKey&, const OrderKey&) = default;
};

// The name of the time bucket column in results and order_by.
inline constexpr std::string_view kPeriodField = "period";
// The dimension value shown for the group that folds everything outside the top N.
inline constexpr std::string_view kOthersLabel = "(others)";

struct Query {
  std::optional<core::Period> time_range;  // on ChargePeriodStart, [start, end)
  Granularity granularity = Granularity::kNone;
  std::vector<Metric> metrics;      // at least one
  std::vector<Dimension> group_by;  // distinct
  std::vector<Filter> filters;      // AND-ed
  std::vector<OrderKey> order_by;   // as given; tie-breakers are added by effective_order()
  std::optional<uint32_t> top_n;    // keep the N largest groups by the first metric
  bool others = false;              // with top_n: fold the rest into one "(others)" group
  std::optional<uint32_t> limit;    // page size
  uint64_t offset = 0;              // first row of the page (decoded from a cursor)
  friend bool operator==(const Query&, const Query&) = default;
};

// Limits the parser enforces.
inline constexpr size_t kMaxGroupBy = 8;
inline constexpr uint32_t kMaxTopN = 100000;
inline constexpr uint32_t kMaxLimit = 1000000;

std::string_view granularity_name(Granularity g);
std::string_view filter_op_name(FilterOp op);
std::string_view direction_name(SortDirection d);

// Checks the invariants parse_query() guarantees, for queries built in code: at least one
// metric, no duplicate metric or dimension, order keys that refer to the query's own fields
// ("period" only with a granularity), top_n only with group_by, others only with top_n, filter
// values present exactly for in / not_in / prefix. Errors name the JSON path, as the parser does.
core::Status validate_query(const Query& query);

// The full ordering of result rows: `order_by` (or, when empty, period ascending then the first
// metric descending), then period ascending and each group_by dimension ascending as
// tie-breakers, so the order is total and pages are stable.
// Requires: validate_query(query) is ok.
std::vector<OrderKey> effective_order(const Query& query);

// The name a result column has for an order key ("period", "BilledCost", "tag:env").
std::string order_field_name(const Query& query, const OrderKey& key);

// Where the "(others)" rows go: they sort after every other row, compared at this position of
// effective_order(): 1 when the order starts with period (so each bucket ends with its others
// row), else 0 (others rows come last). Requires: validate_query(query) is ok.
size_t others_order_position(const Query& query);

}  // namespace optima::query
