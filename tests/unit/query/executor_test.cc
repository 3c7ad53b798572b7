// The embedded executor against a naive row-by-row reference on random data and random queries:
// same groups, sums, nulls, top-N and others, totals; rows in a total order; the same answer
// whatever the thread count or row-group split; pages that add up to the whole result.
#include "optima/query/executor.h"

#include <algorithm>
#include <map>
#include <optional>
#include <random>

#include <gtest/gtest.h>

#include "optima/focus/table_builder.h"
#include "optima/query/query_json.h"
#include "optima/query/result_format.h"

namespace optima::query {
namespace {

using focus::Column;

struct Row {
  std::optional<int64_t> start;
  std::optional<std::string> service;
  std::optional<std::string> region;
  std::map<std::string, std::string> tags;
  std::optional<std::string> op;  // x_Op
  core::Decimal billed;
  std::optional<core::Decimal> consumed;
};

std::vector<Row> random_rows(std::mt19937_64& rng, size_t n) {
  const std::vector<std::optional<std::string>> services = {"EC2", "S3", "RDS", "Lambda",
                                                            std::nullopt};
  const std::vector<std::optional<std::string>> regions = {"us-east-1", "eu-west-1", std::nullopt};
  const std::vector<std::string> envs = {"prod", "dev", ""};
  const std::vector<std::string> teams = {"t1", "t2", "t3", "t4"};
  const int64_t base = core::make_timestamp({2024, 1, 1}).unix_seconds;
  std::vector<Row> rows(n);
  for (Row& r : rows) {
    if (rng() % 20 != 0)
      r.start = base + static_cast<int64_t>(rng() % (90 * 24)) * 3600;
    r.service = services[rng() % services.size()];
    r.region = regions[rng() % regions.size()];
    if (rng() % 4 != 0)
      r.tags["env"] = envs[rng() % envs.size()];
    if (rng() % 3 != 0)
      r.tags["team"] = teams[rng() % teams.size()];
    if (rng() % 2 == 0)
      r.op = rng() % 2 == 0 ? "op1" : "op2";
    // Up to 10 fractional digits, either sign.
    r.billed = core::Decimal::from_units(
        static_cast<core::Int128>(static_cast<int64_t>(rng() % 2000000000000) - 400000000000) *
        100000000);
    if (rng() % 3 != 0)
      r.consumed = core::Decimal::from_int(static_cast<int64_t>(rng() % 100));
  }
  return rows;
}

// Splits rows into row groups at random points (at most max_group_rows rows each); some groups
// lack ConsumedQuantity, tags or x_Op entirely (the column is then not present, and reads as
// null).
std::shared_ptr<store::InMemoryTableSource> make_source(const std::vector<Row>& rows,
                                                        std::mt19937_64& rng, bool drop_columns,
                                                        size_t max_group_rows = 40) {
  auto source = std::make_shared<store::InMemoryTableSource>();
  size_t i = 0;
  while (i < rows.size()) {
    const size_t end = std::min(rows.size(), i + 1 + rng() % max_group_rows);
    const bool has_consumed = !(drop_columns && rng() % 3 == 0);
    focus::TableBuilder b;
    b.declare(Column::kChargePeriodStart);
    for (size_t k = i; k < end; ++k) {
      const Row& r = rows[k];
      if (r.start)
        b.set_time(Column::kChargePeriodStart, {*r.start});
      if (r.service)
        b.set_string(Column::kServiceName, *r.service);
      if (r.region)
        b.set_string(Column::kRegionId, *r.region);
      for (const auto& [key, value] : r.tags)
        b.add_tag(key, value);
      if (r.op)
        b.set_extension("x_Op", *r.op);
      b.set_decimal(Column::kBilledCost, r.billed);
      if (r.consumed && has_consumed)
        b.set_decimal(Column::kConsumedQuantity, *r.consumed);
      b.finish_row();
    }
    source->add(std::make_shared<const focus::Table>(b.finish()));
    i = end;
  }
  return source;
}

// The rows as the source holds them (ConsumedQuantity dropped where a group lost the column).
std::vector<Row> rows_of(const store::InMemoryTableSource& source) {
  std::vector<Row> out;
  for (const store::RowGroupInfo& info : source.row_groups()) {
    auto table = source.load(info, store::ColumnSelection::all());
    const focus::Table& t = **table;
    for (size_t r = 0; r < t.num_rows(); ++r) {
      Row row;
      if (!t.times(Column::kChargePeriodStart).is_null(r))
        row.start = t.times(Column::kChargePeriodStart).seconds[r];
      if (t.present(Column::kServiceName) && !t.strings(Column::kServiceName).is_null(r))
        row.service = t.strings(Column::kServiceName).value(r);
      if (t.present(Column::kRegionId) && !t.strings(Column::kRegionId).is_null(r))
        row.region = t.strings(Column::kRegionId).value(r);
      if (t.present(Column::kTags) && !t.tags().offsets.empty()) {
        const auto& tags = t.tags();
        for (uint32_t i = tags.offsets[r]; i < tags.offsets[r + 1]; ++i) {
          row.tags[tags.key_dictionary[tags.keys[i]]] = tags.value_dictionary[tags.values[i]];
        }
      }
      if (const auto* ext = t.extension("x_Op"); ext != nullptr && !ext->data.is_null(r))
        row.op = ext->data.value(r);
      row.billed = t.decimals(Column::kBilledCost).values[r];
      if (t.present(Column::kConsumedQuantity) &&
          !t.decimals(Column::kConsumedQuantity).is_null(r)) {
        row.consumed = t.decimals(Column::kConsumedQuantity).values[r];
      }
      out.push_back(std::move(row));
    }
  }
  return out;
}

std::optional<std::string> dimension_of(const Row& r, const Dimension& d) {
  if (d.kind == Dimension::Kind::kTag) {
    auto it = r.tags.find(d.name);
    return it == r.tags.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  if (d.kind == Dimension::Kind::kExtension)
    return r.op;
  return d.column == Column::kServiceName ? r.service : r.region;
}

// Bucket starts computed from civil dates, independently of time_bucket.cc.
int64_t reference_bucket(int64_t t, Granularity g) {
  const core::CivilDate date = core::date_of({t});
  const int64_t midnight = core::make_timestamp(date).unix_seconds;
  switch (g) {
    case Granularity::kHour:
      return midnight + (t - midnight) / 3600 * 3600;
    case Granularity::kDay:
      return midnight;
    case Granularity::kWeek: {
      // days_from_civil(1970-01-05) is a Monday.
      const int64_t days = core::days_from_civil(date);
      const int64_t since_monday = ((days - 4) % 7 + 7) % 7;
      return midnight - since_monday * core::kSecondsPerDay;
    }
    case Granularity::kMonth:
      return core::make_timestamp({date.year, date.month, 1}).unix_seconds;
    case Granularity::kNone:
      break;
  }
  return t;
}

bool passes(const Row& r, const Query& q) {
  if (q.time_range && (!r.start || *r.start < q.time_range->start.unix_seconds ||
                       *r.start >= q.time_range->end.unix_seconds)) {
    return false;
  }
  for (const Filter& f : q.filters) {
    const std::optional<std::string> v = dimension_of(r, f.dimension);
    const bool listed = v && std::find(f.values.begin(), f.values.end(), *v) != f.values.end();
    bool ok = false;
    switch (f.op) {
      case FilterOp::kIn:
        ok = listed;
        break;
      case FilterOp::kNotIn:
        ok = !listed;
        break;
      case FilterOp::kPrefix:
        for (const std::string& p : f.values)
          ok = ok || (v && v->rfind(p, 0) == 0);
        break;
      case FilterOp::kIsNull:
        ok = !v;
        break;
      case FilterOp::kNotNull:
        ok = v.has_value();
        break;
    }
    if (!ok)
      return false;
  }
  return true;
}

struct Sums {
  int64_t count = 0;
  std::vector<std::optional<core::Decimal>> metric;  // nullopt until a non-null value is added
};

void add_row(const Row& r, const Query& q, Sums* s) {
  s->metric.resize(q.metrics.size());
  ++s->count;
  for (size_t m = 0; m < q.metrics.size(); ++m) {
    if (q.metrics[m].kind == Metric::Kind::kRowCount)
      continue;
    const std::optional<core::Decimal> v = q.metrics[m].column == Column::kBilledCost
                                               ? std::optional<core::Decimal>(r.billed)
                                               : r.consumed;
    if (v)
      s->metric[m] = s->metric[m].value_or(core::Decimal()) + *v;
  }
}

void add_sums(const Sums& from, Sums* into) {
  into->metric.resize(from.metric.size());
  into->count += from.count;
  for (size_t m = 0; m < from.metric.size(); ++m) {
    if (from.metric[m])
      into->metric[m] = into->metric[m].value_or(core::Decimal()) + *from.metric[m];
  }
}

Value metric_value(const Query& q, size_t m, const Sums& s) {
  if (q.metrics[m].kind == Metric::Kind::kRowCount)
    return s.count;
  if (m >= s.metric.size() || !s.metric[m])
    return std::monostate{};
  return *s.metric[m];
}

using Dims = std::vector<std::optional<std::string>>;

// Null sorts last; otherwise compare in the direction.
int compare_values(const Value& a, const Value& b, SortDirection dir) {
  const bool an = std::holds_alternative<std::monostate>(a);
  const bool bn = std::holds_alternative<std::monostate>(b);
  if (an || bn)
    return an == bn ? 0 : (an ? 1 : -1);
  int c = 0;
  if (a < b)
    c = -1;
  if (b < a)
    c = 1;
  return dir == SortDirection::kAsc ? c : -c;
}

struct Reference {
  std::vector<ResultRow> rows;
  std::vector<Value> totals;
};

Reference reference(const std::vector<Row>& rows, const Query& q) {
  const bool bucketed = q.granularity != Granularity::kNone;
  std::map<std::pair<std::optional<int64_t>, Dims>, Sums> groups;
  Sums total;
  total.metric.resize(q.metrics.size());
  for (const Row& r : rows) {
    if (!passes(r, q))
      continue;
    std::optional<int64_t> bucket;
    if (bucketed && r.start)
      bucket = reference_bucket(*r.start, q.granularity);
    Dims dims;
    for (const Dimension& d : q.group_by)
      dims.push_back(dimension_of(r, d));
    add_row(r, q, &groups[{bucket, dims}]);
    add_row(r, q, &total);
  }
  if (groups.empty() && !bucketed && q.group_by.empty())
    groups[{std::nullopt, {}}] =
        Sums{0, std::vector<std::optional<core::Decimal>>(q.metrics.size())};
  // top_n: rank dimension tuples by the first metric over all buckets.
  std::map<Dims, bool> in_top;
  if (q.top_n) {
    std::map<Dims, Sums> series;
    for (const auto& [key, s] : groups)
      add_sums(s, &series[key.second]);
    std::vector<std::pair<Dims, Sums>> ranked(series.begin(), series.end());
    std::sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
      int c = compare_values(metric_value(q, 0, a.second), metric_value(q, 0, b.second),
                             SortDirection::kDesc);
      for (size_t d = 0; c == 0 && d < a.first.size(); ++d) {
        const Value x = a.first[d] ? Value(*a.first[d]) : Value();
        const Value y = b.first[d] ? Value(*b.first[d]) : Value();
        c = compare_values(x, y, SortDirection::kAsc);
      }
      return c < 0;
    });
    for (size_t i = 0; i < ranked.size(); ++i)
      in_top[ranked[i].first] = i < *q.top_n;
  }
  Reference out;
  std::map<std::optional<int64_t>, Sums> others;
  for (const auto& [key, s] : groups) {
    if (q.top_n && !in_top[key.second]) {
      if (q.others)
        add_sums(s, &others[key.first]);
      continue;
    }
    ResultRow row;
    if (bucketed)
      row.values.push_back(key.first ? Value(core::Timestamp{*key.first}) : Value());
    for (const auto& d : key.second)
      row.values.push_back(d ? Value(*d) : Value());
    for (size_t m = 0; m < q.metrics.size(); ++m)
      row.values.push_back(metric_value(q, m, s));
    out.rows.push_back(std::move(row));
  }
  for (const auto& [bucket, s] : others) {
    ResultRow row;
    row.others = true;
    if (bucketed)
      row.values.push_back(bucket ? Value(core::Timestamp{*bucket}) : Value());
    for (size_t d = 0; d < q.group_by.size(); ++d)
      row.values.emplace_back(std::string(kOthersLabel));
    for (size_t m = 0; m < q.metrics.size(); ++m)
      row.values.push_back(metric_value(q, m, s));
    out.rows.push_back(std::move(row));
  }
  out.totals.assign((bucketed ? 1 : 0) + q.group_by.size(), Value());
  for (size_t m = 0; m < q.metrics.size(); ++m)
    out.totals.push_back(metric_value(q, m, total));
  return out;
}

// The column of a result row that an order key reads.
size_t column_of(const Query& q, const OrderKey& k) {
  const size_t period = q.granularity != Granularity::kNone ? 1 : 0;
  switch (k.field) {
    case OrderKey::Field::kPeriod:
      return 0;
    case OrderKey::Field::kDimension:
      return period + k.index;
    case OrderKey::Field::kMetric:
      return period + q.group_by.size() + k.index;
  }
  return 0;
}

int compare_rows(const Query& q, const ResultRow& a, const ResultRow& b) {
  const std::vector<OrderKey> keys = effective_order(q);
  const size_t others_at = others_order_position(q);
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i == others_at && a.others != b.others)
      return a.others ? 1 : -1;
    if (keys[i].field == OrderKey::Field::kDimension && (a.others || b.others))
      continue;
    const size_t c = column_of(q, keys[i]);
    const int r = compare_values(a.values[c], b.values[c], keys[i].direction);
    if (r != 0)
      return r;
  }
  return 0;
}

std::vector<std::string> canonical(const std::vector<ResultRow>& rows) {
  std::vector<std::string> out;
  for (const ResultRow& row : rows) {
    std::string s = row.others ? "others|" : "|";
    for (const Value& v : row.values)
      s += (std::holds_alternative<std::monostate>(v) ? "<null>" : value_text(v)) + "|";
    out.push_back(s);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Query random_query(std::mt19937_64& rng) {
  Query q;
  const std::vector<Dimension> dims = {
      Dimension::of_column(Column::kServiceName), Dimension::of_column(Column::kRegionId),
      Dimension::of_tag("env"), Dimension::of_tag("team"), Dimension::of_extension("x_Op")};
  const std::vector<Metric> metrics = {Metric::of_column(Column::kBilledCost),
                                       Metric::of_column(Column::kConsumedQuantity),
                                       Metric::row_count()};
  for (const Metric& m : metrics) {
    if (rng() % 2 == 0)
      q.metrics.push_back(m);
  }
  if (q.metrics.empty())
    q.metrics.push_back(metrics[rng() % metrics.size()]);
  std::shuffle(q.metrics.begin(), q.metrics.end(), rng);
  for (const Dimension& d : dims) {
    if (rng() % 3 == 0)
      q.group_by.push_back(d);
  }
  std::shuffle(q.group_by.begin(), q.group_by.end(), rng);
  q.granularity = static_cast<Granularity>(rng() % 5);
  if (rng() % 3 == 0) {
    const int64_t base = core::make_timestamp({2024, 1, 1}).unix_seconds;
    const int64_t a = base + static_cast<int64_t>(rng() % 90) * core::kSecondsPerDay;
    q.time_range =
        core::Period{{a}, {a + static_cast<int64_t>(1 + rng() % 40) * core::kSecondsPerDay}};
  }
  const size_t filters = rng() % 3;
  for (size_t i = 0; i < filters; ++i) {
    Filter f;
    f.dimension = dims[rng() % dims.size()];
    f.op = static_cast<FilterOp>(rng() % 5);
    const std::vector<std::string> values = {"EC2", "S3", "us-", "prod", "",
                                             "t1",  "t2", "op1", "e"};
    if (f.op == FilterOp::kIn || f.op == FilterOp::kNotIn || f.op == FilterOp::kPrefix) {
      const size_t n = 1 + rng() % 2;
      for (size_t k = 0; k < n; ++k)
        f.values.push_back(values[rng() % values.size()]);
    }
    q.filters.push_back(f);
  }
  if (!q.group_by.empty() && rng() % 2 == 0) {
    q.top_n = static_cast<uint32_t>(1 + rng() % 4);
    q.others = rng() % 2 == 0;
  }
  // Some explicit order keys.
  std::vector<OrderKey> candidates;
  if (q.granularity != Granularity::kNone)
    candidates.push_back({OrderKey::Field::kPeriod, 0, SortDirection::kAsc});
  for (size_t m = 0; m < q.metrics.size(); ++m)
    candidates.push_back({OrderKey::Field::kMetric, m, SortDirection::kDesc});
  for (size_t d = 0; d < q.group_by.size(); ++d)
    candidates.push_back({OrderKey::Field::kDimension, d, SortDirection::kAsc});
  std::shuffle(candidates.begin(), candidates.end(), rng);
  const size_t keys = rng() % 3;
  for (size_t i = 0; i < keys && i < candidates.size(); ++i) {
    OrderKey k = candidates[i];
    k.direction = rng() % 2 == 0 ? SortDirection::kAsc : SortDirection::kDesc;
    q.order_by.push_back(k);
  }
  return q;
}

TEST(ExecutorTest, MatchesRowByRowReferenceOnRandomQueries) {
  std::mt19937_64 rng(20240101);
  core::ThreadPool pool(3);
  for (int dataset = 0; dataset < 12; ++dataset) {
    auto source = make_source(random_rows(rng, rng() % 400), rng, true);
    const std::vector<Row> rows = rows_of(*source);
    for (int i = 0; i < 40; ++i) {
      const Query q = random_query(rng);
      ASSERT_TRUE(validate_query(q).is_ok()) << validate_query(q).message();
      const std::string label = query_to_json(q).dump();
      auto result = execute(q, *source, {&pool});
      ASSERT_TRUE(result.is_ok()) << label << ": " << result.status().message();
      const Reference ref = reference(rows, q);
      EXPECT_EQ(canonical(result->rows), canonical(ref.rows)) << label;
      EXPECT_EQ(result->totals, ref.totals) << label;
      EXPECT_EQ(result->total_rows, ref.rows.size()) << label;
      for (size_t r = 1; r < result->rows.size(); ++r) {
        EXPECT_LT(compare_rows(q, result->rows[r - 1], result->rows[r]), 0)
            << label << " rows " << r - 1 << ", " << r;
      }
    }
  }
}

// Row groups of thousands of rows and few groups take the interleaved (banked) accumulators and
// the batch bucket indexes; they must agree with the reference too.
TEST(ExecutorTest, LargeRowGroupsMatchReference) {
  std::mt19937_64 rng(4242);
  auto source = make_source(random_rows(rng, 12000), rng, true, 4000);
  const std::vector<Row> rows = rows_of(*source);
  for (int i = 0; i < 60; ++i) {
    const Query q = random_query(rng);
    const std::string label = query_to_json(q).dump();
    auto result = execute(q, *source);
    ASSERT_TRUE(result.is_ok()) << label << ": " << result.status().message();
    const Reference ref = reference(rows, q);
    EXPECT_EQ(canonical(result->rows), canonical(ref.rows)) << label;
    EXPECT_EQ(result->totals, ref.totals) << label;
  }
}

TEST(ExecutorTest, SameResultWhateverThreadsAndRowGroupSplit) {
  std::mt19937_64 rng(7);
  const std::vector<Row> rows = random_rows(rng, 2000);
  auto split_a = make_source(rows, rng, false);
  auto split_b = make_source(rows, rng, false);
  core::ThreadPool one(1);
  core::ThreadPool four(4);
  for (int i = 0; i < 30; ++i) {
    const Query q = random_query(rng);
    auto a = execute(q, *split_a, {&one});
    auto b = execute(q, *split_b, {&four});
    ASSERT_TRUE(a.is_ok() && b.is_ok());
    a->rows_scanned = b->rows_scanned = 0;  // pruning depends on the split
    EXPECT_EQ(*a, *b) << query_to_json(q).dump();
  }
}

TEST(ExecutorTest, PagesConcatenateToTheWholeResult) {
  std::mt19937_64 rng(99);
  auto source = make_source(random_rows(rng, 1500), rng, false);
  for (int i = 0; i < 20; ++i) {
    Query q = random_query(rng);
    q.limit.reset();
    auto whole = execute(q, *source);
    ASSERT_TRUE(whole.is_ok());
    // Two to seven pages, or pages of one row for small results.
    q.limit = static_cast<uint32_t>(1 + whole->total_rows / (2 + rng() % 6));
    std::vector<ResultRow> paged;
    for (int page = 0; page < 10000; ++page) {
      auto result = execute(q, *source);
      ASSERT_TRUE(result.is_ok());
      EXPECT_EQ(result->totals, whole->totals);
      EXPECT_EQ(result->total_rows, whole->total_rows);
      paged.insert(paged.end(), result->rows.begin(), result->rows.end());
      if (!result->next_cursor)
        break;
      // The cursor goes through the JSON form, as a client would send it back.
      nlohmann::json doc = query_to_json(q);
      doc["cursor"] = *result->next_cursor;
      auto next = query_from_json(doc);
      ASSERT_TRUE(next.is_ok()) << next.status().message();
      q = *next;
    }
    EXPECT_EQ(paged, whole->rows) << query_to_json(q).dump();
  }
}

// Rows whose hourly buckets span years, or whose dimension combinations are too many for a dense
// array, take the per-row grouping path; it must agree with the reference too.
TEST(ExecutorTest, PerRowGroupingPathMatchesReference) {
  std::mt19937_64 rng(11);
  std::vector<Row> rows = random_rows(rng, 3000);
  const int64_t start = core::make_timestamp({2016, 1, 1}).unix_seconds;
  for (Row& r : rows) {
    if (r.start)
      r.start = start + static_cast<int64_t>(rng() % (10 * 365 * 24)) * 3600;
    r.service = "svc-" + std::to_string(rng() % 300);
    r.region = "region-" + std::to_string(rng() % 300);
    r.tags["team"] = "team-" + std::to_string(rng() % 300);
  }
  auto source = make_source(rows, rng, false);
  const std::vector<Query> queries = {
      *parse_query(
          R"({"granularity": "hour", "metrics": ["BilledCost", "ConsumedQuantity"], "group_by": ["tag:env"]})"),
      *parse_query(
          R"({"granularity": "week", "metrics": ["row_count"], "group_by": ["ServiceName", "RegionId", "tag:team"], "top_n": 50, "others": true})"),
      *parse_query(
          R"({"metrics": ["BilledCost"], "group_by": ["ServiceName", "RegionId", "tag:team"], "filters": [{"dimension": "tag:env", "op": "not_in", "values": ["dev"]}]})"),
  };
  for (const Query& q : queries) {
    auto result = execute(q, *source);
    ASSERT_TRUE(result.is_ok());
    const Reference ref = reference(rows_of(*source), q);
    EXPECT_EQ(canonical(result->rows), canonical(ref.rows)) << query_to_json(q).dump();
    EXPECT_EQ(result->totals, ref.totals);
  }
}

TEST(ExecutorTest, PrunesRowGroupsOutsideTheTimeRange) {
  std::mt19937_64 rng(3);
  auto source = make_source(random_rows(rng, 600), rng, false);
  Query q;
  q.metrics = {Metric::row_count()};
  q.time_range =
      core::Period{core::make_timestamp({2024, 2, 1}), core::make_timestamp({2024, 2, 8})};
  auto result = execute(q, *source);
  ASSERT_TRUE(result.is_ok());
  uint64_t overlapping = 0;
  for (const store::RowGroupInfo& g : source->row_groups()) {
    if (g.min_charge_start <= g.max_charge_start &&
        g.max_charge_start >= q.time_range->start.unix_seconds &&
        g.min_charge_start < q.time_range->end.unix_seconds) {
      overlapping += g.rows;
    }
  }
  EXPECT_EQ(result->rows_scanned, overlapping);
  EXPECT_LT(result->rows_scanned, 600u);
}

TEST(ExecutorTest, SumsAreExactBeyondDoublePrecision) {
  // 10^5 rows of 0.000000000000000001 plus one of 10^15: a double would lose the small ones.
  focus::TableBuilder b;
  for (int i = 0; i < 100000; ++i) {
    b.set_string(Column::kServiceName, "tiny");
    b.set_decimal(Column::kBilledCost, core::Decimal::from_units(1));
    b.finish_row();
  }
  b.set_string(Column::kServiceName, "tiny");
  b.set_decimal(Column::kBilledCost, core::Decimal::from_int(1000000000000000));
  b.finish_row();
  store::InMemoryTableSource source;
  source.add(std::make_shared<const focus::Table>(b.finish()));
  auto q = parse_query(R"({"metrics": ["BilledCost"], "group_by": ["ServiceName"]})");
  ASSERT_TRUE(q.is_ok());
  auto result = execute(*q, source);
  ASSERT_TRUE(result.is_ok());
  ASSERT_EQ(result->rows.size(), 1u);
  EXPECT_EQ(value_text(result->rows[0].values[1]), "1000000000000000.0000000000001");
}

// A sum beyond the 128-bit range (about ±1.7e20) is null with a warning naming the metric,
// never a wrapped number — inside one row group, across row groups merged from several workers,
// in the totals over groups that each fit, and in "(others)" — while the groups that fit keep
// their exact sums, even when a partial sum passed the edge.
TEST(ExecutorTest, SumsBeyondTheExactRangeAreNullWithAWarning) {
  const core::Decimal big = core::Decimal::from_int(100000000000000000);        // 1e17
  const core::Decimal huge = core::Decimal::from_units(big.units() * 1000);      // 1e20
  auto table_of = [](const std::vector<std::pair<std::string, core::Decimal>>& rows) {
    focus::TableBuilder b;
    for (const auto& [service, cost] : rows) {
      b.set_string(Column::kServiceName, service);
      b.set_decimal(Column::kBilledCost, cost);
      b.finish_row();
    }
    return std::make_shared<const focus::Table>(b.finish());
  };
  auto run = [](const store::TableSource& source, const char* json, size_t threads) {
    auto q = parse_query(json);
    EXPECT_TRUE(q.is_ok());
    core::ThreadPool pool(threads);
    auto result = execute(*q, source, {&pool});
    EXPECT_TRUE(result.is_ok()) << result.status().to_string();
    return *result;
  };
  const char* by_service = R"({"metrics": ["BilledCost", "row_count"], "group_by": ["ServiceName"],
                               "order_by": [{"field": "ServiceName"}]})";
  const std::vector<std::string> warning = {
      "BilledCost: some sums are beyond the exact range (about ±1.7e20) and are shown as null; "
      "filter by the unit (ConsumedUnit) or shorten the time range"};

  for (size_t threads : {1, 3}) {
    // "a" overflows upwards inside one row group, "c" downwards, "b" fits.
    store::InMemoryTableSource one_group;
    one_group.add(table_of({{"a", huge}, {"a", huge}, {"b", big}, {"c", -huge}, {"c", -huge}}));
    QueryResult r = run(one_group, by_service, threads);
    ASSERT_EQ(r.rows.size(), 3u);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(r.rows[0].values[1]));
    EXPECT_EQ(value_text(r.rows[1].values[1]), "100000000000000000");
    EXPECT_TRUE(std::holds_alternative<std::monostate>(r.rows[2].values[1]));
    EXPECT_EQ(r.rows[0].values[2], Value{int64_t{2}});
    // The total is exact again: 2e20 + 1e17 - 2e20.
    EXPECT_EQ(value_text(r.totals[1]), "100000000000000000");
    EXPECT_EQ(r.warnings, warning);

    // One row per row group: the overflow happens when the workers' sums are merged (or, with
    // one worker, across row groups).
    store::InMemoryTableSource split;
    split.add(table_of({{"a", huge}, {"b", big}}));
    split.add(table_of({{"a", huge}}));
    split.add(table_of({{"a", core::Decimal()}}));
    r = run(split, by_service, threads);
    ASSERT_EQ(r.rows.size(), 2u);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(r.rows[0].values[1]));
    EXPECT_EQ(value_text(r.rows[1].values[1]), "100000000000000000");
    EXPECT_EQ(r.warnings, warning);

    // Each group fits; their total and their "(others)" do not.
    store::InMemoryTableSource totals;
    totals.add(table_of({{"a", huge}, {"b", huge}, {"c", huge}, {"d", big}}));
    r = run(totals, by_service, threads);
    ASSERT_EQ(r.rows.size(), 4u);
    EXPECT_EQ(value_text(r.rows[0].values[1]), "100000000000000000000");
    EXPECT_TRUE(std::holds_alternative<std::monostate>(r.totals[1]));
    EXPECT_EQ(r.warnings, warning);
    r = run(totals, R"({"metrics": ["BilledCost"], "group_by": ["ServiceName"], "top_n": 1,
                        "others": true})", threads);
    ASSERT_EQ(r.rows.size(), 2u);
    EXPECT_TRUE(r.rows[1].others);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(r.rows[1].values[1]));

    // Enough rows per group for the interleaved partial sums (the banked path): "a" wraps in
    // its partial sums, "b" fits, "c" passes the edge and comes back.
    store::InMemoryTableSource banked;
    banked.add(table_of({{"a", huge}, {"b", big}, {"c", huge}, {"a", huge}, {"b", big}, {"c", huge},
                         {"a", huge}, {"b", big}, {"c", -huge}, {"a", huge}, {"b", big},
                         {"c", -huge}}));
    r = run(banked, by_service, threads);
    ASSERT_EQ(r.rows.size(), 3u);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(r.rows[0].values[1]));
    EXPECT_EQ(value_text(r.rows[1].values[1]), "400000000000000000");
    EXPECT_EQ(value_text(r.rows[2].values[1]), "0");
    EXPECT_EQ(r.warnings, warning);

    // Ranking uses the true sums: "a" (3e20, shown null) is the top series, not "b".
    store::InMemoryTableSource ranked;
    ranked.add(table_of({{"a", huge}, {"a", huge}, {"a", huge}, {"b", big}}));
    r = run(ranked, R"({"metrics": ["BilledCost"], "group_by": ["ServiceName"], "top_n": 1,
                        "others": true})", threads);
    ASSERT_EQ(r.rows.size(), 2u);
    EXPECT_EQ(r.rows[0].values[0], Value{std::string("a")});
    EXPECT_TRUE(std::holds_alternative<std::monostate>(r.rows[0].values[1]));
    EXPECT_EQ(value_text(r.rows[1].values[1]), "100000000000000000");

    // A sum that passes the edge on the way but ends inside it is exact, whatever the order of
    // its rows and row groups: a = 1e20 + 1e20 - 1e20 + 1e17, b = -1e20.
    store::InMemoryTableSource fits;
    fits.add(table_of({{"a", huge}, {"a", huge}, {"b", -huge}}));
    fits.add(table_of({{"a", -huge}, {"a", big}}));
    r = run(fits, by_service, threads);
    ASSERT_EQ(r.rows.size(), 2u);
    EXPECT_EQ(value_text(r.rows[0].values[1]), "100100000000000000000");
    EXPECT_EQ(value_text(r.totals[1]), "100000000000000000");
    EXPECT_TRUE(r.warnings.empty());
  }
}

// A source whose row groups fail to load, as a corrupt segment would.
class FailingSource final : public store::TableSource {
 public:
  FailingSource() { groups_.push_back({7, 3, 10, 0, 100}); }
  const std::vector<store::RowGroupInfo>& row_groups() const override { return groups_; }
  core::Result<std::shared_ptr<const focus::Table>> load(
      const store::RowGroupInfo&, const store::ColumnSelection&) const override {
    return core::data_loss("checksum mismatch");
  }

 private:
  std::vector<store::RowGroupInfo> groups_;
};

TEST(ExecutorTest, ReportsTheRowGroupThatFailedToLoad) {
  FailingSource source;
  auto q = parse_query(R"({"metrics": ["BilledCost"]})");
  ASSERT_TRUE(q.is_ok());
  auto result = execute(*q, source);
  ASSERT_FALSE(result.is_ok());
  EXPECT_EQ(result.status().code(), core::StatusCode::kDataLoss);
  EXPECT_EQ(result.status().message(), "row group 3 of partition 7: checksum mismatch");
}

// Each row group holds one currency; only all of them together hold two, so the check must see
// every row group and survive the merge of the workers.
TEST(ExecutorTest, CurrencyCheckSpansRowGroupsWhateverTheThreads) {
  store::InMemoryTableSource source;
  for (int g = 0; g < 40; ++g) {
    focus::TableBuilder b;
    for (int i = 0; i < 100; ++i) {
      b.set_string(Column::kServiceName, i % 2 == 0 ? "EC2" : "S3");
      b.set_string(Column::kBillingCurrency, g == 17 ? "EUR" : "USD");
      b.set_decimal(Column::kBilledCost, core::Decimal::from_int(1));
      b.finish_row();
    }
    source.add(std::make_shared<const focus::Table>(b.finish()));
  }
  const Query mixed = *parse_query(R"({"metrics": ["BilledCost"], "group_by": ["ServiceName"]})");
  const Query grouped = *parse_query(
      R"({"metrics": ["BilledCost"], "group_by": ["ServiceName", "BillingCurrency"]})");
  for (size_t threads : {1, 2, 4}) {
    core::ThreadPool pool(threads);
    auto result = execute(mixed, source, {&pool});
    ASSERT_FALSE(result.is_ok()) << threads << " threads";
    EXPECT_EQ(result.status().message(),
              "rows are in several billing currencies (EUR, USD): add \"BillingCurrency\" to "
              "group_by or filter on it");
    auto by_currency = execute(grouped, source, {&pool});
    ASSERT_TRUE(by_currency.is_ok()) << by_currency.status().message();
    EXPECT_EQ(by_currency->rows.size(), 4u);
    EXPECT_EQ(by_currency->columns[2].currency, "");
  }
}

TEST(ExecutorTest, RejectsInvalidQueriesBuiltInCode) {
  store::InMemoryTableSource source;
  Query q;  // no metrics
  auto result = execute(q, source);
  ASSERT_FALSE(result.is_ok());
  EXPECT_EQ(result.status().message(), "metrics: expected at least one metric");
}

}  // namespace
}  // namespace optima::query
