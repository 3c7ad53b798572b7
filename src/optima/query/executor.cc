#include "optima/query/executor.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "optima/query/currency_collector.h"
#include "optima/query/currency_rule.h"
#include "optima/query/cursor.h"
#include "optima/query/group_aggregator.h"
#include "optima/query/row_selector.h"

namespace optima::query {

namespace {

// A metric's value in one group: exact units (units + carries × 2^128), or null when no row had
// a value. Non-zero carries put it beyond the 128-bit range: shown as null, with a warning.
struct MetricValue {
  bool null = true;
  core::Int128 units = 0;
  int64_t carries = 0;

  bool out_of_range() const { return carries != 0; }
  bool absent() const { return null || out_of_range(); }
  // *this += v, exactly: wrapping modulo 2^128 and counting the wraps.
  void add(const MetricValue& v) {
    carries += v.carries;
    if (__builtin_add_overflow(units, v.units, &units))
      carries += v.units < 0 ? -1 : 1;
    null = null && v.null;
  }
};

// Sums for rows folded into "(others)" in one time bucket (and currency: see kept_in_others()).
struct OthersGroup {
  int64_t bucket = focus::kNullTime;
  std::vector<uint32_t> kept_ids;  // per group_by dimension: its value id if kept, else 0
  int64_t count = 0;
  std::vector<MetricValue> values;  // per metric; row_count is `count`
};

// A result row before materialisation: a group of the aggregator, or an others group.
struct RowRef {
  uint32_t index = 0;
  bool others = false;
};

class ResultBuilder {
 public:
  ResultBuilder(const Query& query, const GroupAggregator& groups)
      : query_(query),
        groups_(groups),
        order_(effective_order(query)),
        others_position_(others_order_position(query)),
        kept_(kept_in_others(query)),
        out_of_range_metrics_(query.metrics.size(), false) {}

  QueryResult build(uint64_t rows_scanned) {
    QueryResult result;
    result.columns = result_columns(query_);
    result.rows_scanned = rows_scanned;
    compute_totals(&result);
    std::vector<RowRef> rows = select_rows();
    result.total_rows = rows.size();
    const size_t begin = std::min<uint64_t>(query_.offset, rows.size());
    size_t end = rows.size();
    if (query_.limit)
      end = std::min<uint64_t>(rows.size(), begin + *query_.limit);
    auto less = [this](const RowRef& a, const RowRef& b) {
      return compare(a, b) < 0;
    };
    if (end < rows.size()) {
      std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(end), rows.end(),
                        less);
      result.next_cursor = encode_cursor(query_, end);
    } else {
      std::sort(rows.begin(), rows.end(), less);
    }
    for (size_t i = begin; i < end; ++i)
      result.rows.push_back(materialize(rows[i]));
    for (size_t m = 0; m < query_.metrics.size(); ++m) {
      if (out_of_range_metrics_[m]) {
        result.warnings.push_back(fmt::format(
            "{}: some sums are beyond the exact range (about ±1.7e20) and are shown as null; "
            "filter by the unit (ConsumedUnit) or shorten the time range",
            query_.metrics[m].to_string()));
      }
    }
    return result;
  }

 private:
  bool bucketed() const { return query_.granularity != Granularity::kNone; }

  MetricValue group_metric(size_t m, uint32_t g) const {
    if (query_.metrics[m].kind == Metric::Kind::kRowCount)
      return {false, groups_.count(g)};
    return {groups_.null_count(m, g) == groups_.count(g), groups_.sum(m, g),
            groups_.carries(m, g)};
  }

  MetricValue metric(size_t m, const RowRef& r) const {
    if (!r.others)
      return group_metric(m, r.index);
    const OthersGroup& o = others_[r.index];
    if (query_.metrics[m].kind == Metric::Kind::kRowCount)
      return {false, o.count};
    return o.values[m];
  }

  int64_t bucket(const RowRef& r) const {
    return r.others ? others_[r.index].bucket : groups_.bucket(r.index);
  }

  // The value id of dimension d in row r; 0 is null. Requires: !r.others or kept_[d].
  uint32_t dimension_id(const RowRef& r, size_t d) const {
    return r.others ? others_[r.index].kept_ids[d] : groups_.dimension_id(r.index, d);
  }

  void compute_totals(QueryResult* result) const {
    const size_t first_metric = result->columns.size() - query_.metrics.size();
    result->totals.assign(result->columns.size(), std::monostate{});
    for (size_t m = 0; m < query_.metrics.size(); ++m) {
      MetricValue total{query_.metrics[m].kind != Metric::Kind::kRowCount, 0};
      for (uint32_t g = 0; g < groups_.group_count(); ++g) {
        const MetricValue v = group_metric(m, g);
        total.add(v);
      }
      result->totals[first_metric + m] = to_value(m, total);
    }
  }

  // Applies top_n (and others); returns every row of the result, unordered.
  std::vector<RowRef> select_rows() {
    const auto group_count = static_cast<uint32_t>(groups_.group_count());
    std::vector<RowRef> rows;
    if (!query_.top_n) {
      rows.reserve(group_count);
      for (uint32_t g = 0; g < group_count; ++g)
        rows.push_back({g, false});
      return rows;
    }
    // Series: groups with the same dimension values, across time buckets.
    std::vector<uint32_t> series_of(group_count);
    std::vector<uint32_t> series_group;  // a representative group per series
    std::vector<MetricValue> series_rank;
    if (bucketed()) {
      std::unordered_map<std::string, uint32_t> series_ids;
      std::string key;
      for (uint32_t g = 0; g < group_count; ++g) {
        key.clear();
        for (size_t d = 0; d < query_.group_by.size(); ++d) {
          const uint32_t id = groups_.dimension_id(g, d);
          key.append(reinterpret_cast<const char*>(&id), sizeof(id));
        }
        auto [it, inserted] = series_ids.emplace(key, static_cast<uint32_t>(series_group.size()));
        if (inserted) {
          series_group.push_back(g);
          series_rank.push_back({query_.metrics[0].kind != Metric::Kind::kRowCount, 0});
        }
        series_of[g] = it->second;
      }
    } else {
      for (uint32_t g = 0; g < group_count; ++g) {
        series_of[g] = g;
        series_group.push_back(g);
        series_rank.push_back({query_.metrics[0].kind != Metric::Kind::kRowCount, 0});
      }
    }
    for (uint32_t g = 0; g < group_count; ++g) {
      const MetricValue v = group_metric(0, g);
      MetricValue& rank = series_rank[series_of[g]];
      rank.add(v);
    }
    // Rank: the first metric descending (null last), ties by dimension values ascending.
    std::vector<uint32_t> order(series_group.size());
    for (uint32_t s = 0; s < order.size(); ++s)
      order[s] = s;
    const size_t keep = std::min<size_t>(*query_.top_n, order.size());
    std::partial_sort(
        order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(),
        [&](uint32_t a, uint32_t b) {
          int c = compare_metric(series_rank[a], series_rank[b], SortDirection::kDesc);
          for (size_t d = 0; c == 0 && d < query_.group_by.size(); ++d) {
            c = compare_dimension(d, groups_.dimension_id(series_group[a], d),
                                  groups_.dimension_id(series_group[b], d), SortDirection::kAsc);
          }
          return c < 0;
        });
    std::vector<bool> in_top(series_group.size(), false);
    for (size_t i = 0; i < keep; ++i)
      in_top[order[i]] = true;
    // One others group per bucket and kept (currency) dimension values.
    std::map<std::pair<int64_t, std::vector<uint32_t>>, uint32_t> others_of_key;
    const bool keeps = std::find(kept_.begin(), kept_.end(), true) != kept_.end();
    for (uint32_t g = 0; g < group_count; ++g) {
      if (in_top[series_of[g]]) {
        rows.push_back({g, false});
        continue;
      }
      if (!query_.others)
        continue;
      const int64_t b = bucketed() ? groups_.bucket(g) : focus::kNullTime;
      std::vector<uint32_t> kept_ids;
      if (keeps) {
        kept_ids.assign(query_.group_by.size(), 0);
        for (size_t d = 0; d < kept_ids.size(); ++d)
          kept_ids[d] = kept_[d] ? groups_.dimension_id(g, d) : 0;
      }
      auto [it, inserted] =
          others_of_key.emplace(std::pair(b, kept_ids), static_cast<uint32_t>(others_.size()));
      if (inserted) {
        if (kept_ids.empty())
          kept_ids.assign(query_.group_by.size(), 0);
        others_.push_back({b, std::move(kept_ids), 0,
                           std::vector<MetricValue>(query_.metrics.size())});
        rows.push_back({it->second, true});
      }
      OthersGroup& o = others_[it->second];
      o.count += groups_.count(g);
      for (size_t m = 0; m < query_.metrics.size(); ++m) {
        if (query_.metrics[m].kind == Metric::Kind::kRowCount)
          continue;
        o.values[m].add(group_metric(m, g));
      }
    }
    return rows;
  }

  // Nulls sort last whatever the direction. Values compare exactly, out-of-range ones included
  // (by carries, then units), so ranking and order follow the true sums even where they are
  // shown as null.
  static int compare_metric(const MetricValue& a, const MetricValue& b, SortDirection dir) {
    if (a.null || b.null)
      return a.null == b.null ? 0 : (a.null ? 1 : -1);
    int c = a.carries < b.carries ? -1 : (a.carries > b.carries ? 1 : 0);
    if (c == 0)
      c = a.units < b.units ? -1 : (a.units > b.units ? 1 : 0);
    return dir == SortDirection::kAsc ? c : -c;
  }

  // Compares two value ids of dimension d; null (0) sorts last whatever the direction.
  int compare_dimension(size_t d, uint32_t a, uint32_t b, SortDirection dir) const {
    if (a == b)
      return 0;
    if (a == 0 || b == 0)
      return a == 0 ? 1 : -1;
    const int c = groups_.dimension_value(d, a).compare(groups_.dimension_value(d, b));
    const int sign = c < 0 ? -1 : (c > 0 ? 1 : 0);
    return dir == SortDirection::kAsc ? sign : -sign;
  }

  int compare_key(const OrderKey& key, const RowRef& a, const RowRef& b) const {
    switch (key.field) {
      case OrderKey::Field::kPeriod: {
        const int64_t x = bucket(a);
        const int64_t y = bucket(b);
        if (x == y)
          return 0;
        if (x == focus::kNullTime || y == focus::kNullTime)
          return x == focus::kNullTime ? 1 : -1;
        const int c = x < y ? -1 : 1;
        return key.direction == SortDirection::kAsc ? c : -c;
      }
      case OrderKey::Field::kMetric:
        return compare_metric(metric(key.index, a), metric(key.index, b), key.direction);
      case OrderKey::Field::kDimension:
        // Others rows are only compared with others rows, whose dimensions read "(others)"
        // except the kept ones.
        if ((a.others || b.others) && !kept_[key.index])
          return 0;
        return compare_dimension(key.index, dimension_id(a, key.index), dimension_id(b, key.index),
                                 key.direction);
    }
    return 0;
  }

  int compare(const RowRef& a, const RowRef& b) const {
    for (size_t i = 0; i < order_.size(); ++i) {
      if (i == others_position_ && a.others != b.others)
        return a.others ? 1 : -1;
      const int c = compare_key(order_[i], a, b);
      if (c != 0)
        return c;
    }
    return 0;
  }

  // Notes metric m in out_of_range_metrics_ when v is out of range.
  Value to_value(size_t m, const MetricValue& v) const {
    if (v.out_of_range())
      out_of_range_metrics_[m] = true;
    if (v.absent())
      return std::monostate{};
    if (query_.metrics[m].kind == Metric::Kind::kRowCount)
      return static_cast<int64_t>(v.units);
    return core::Decimal::from_units(v.units);
  }

  ResultRow materialize(const RowRef& r) const {
    ResultRow row;
    row.others = r.others;
    if (bucketed()) {
      const int64_t b = bucket(r);
      row.values.push_back(b == focus::kNullTime ? Value{} : Value{core::Timestamp{b}});
    }
    for (size_t d = 0; d < query_.group_by.size(); ++d) {
      if (r.others && !kept_[d]) {
        row.values.emplace_back(std::string(kOthersLabel));
        continue;
      }
      const uint32_t id = dimension_id(r, d);
      row.values.push_back(id == 0 ? Value{} : Value{std::string(groups_.dimension_value(d, id))});
    }
    for (size_t m = 0; m < query_.metrics.size(); ++m)
      row.values.push_back(to_value(m, metric(m, r)));
    return row;
  }

  const Query& query_;
  const GroupAggregator& groups_;
  const std::vector<OrderKey> order_;
  const size_t others_position_;
  const std::vector<bool> kept_;  // per group_by dimension: kept on others rows
  std::vector<OthersGroup> others_;
  // Per metric: a value shown (row of the page or total) was out of range.
  mutable std::vector<bool> out_of_range_metrics_;
};

}  // namespace

core::Result<QueryResult> execute(const Query& query, const store::TableSource& source,
                                  const ExecuteOptions& options) {
  OPTIMA_RETURN_IF_ERROR(validate_query(query));
  const RowSelector selector(query.time_range, query.filters);
  store::ColumnSelection columns;
  selector.add_columns(&columns);
  GroupAggregator::add_columns(query, &columns);
  CurrencyCollector::add_columns(query, &columns);
  std::sort(columns.extensions.begin(), columns.extensions.end());
  columns.extensions.erase(std::unique(columns.extensions.begin(), columns.extensions.end()),
                           columns.extensions.end());

  std::vector<const store::RowGroupInfo*> groups;
  for (const store::RowGroupInfo& info : source.row_groups()) {
    if (selector.may_match(info))
      groups.push_back(&info);
  }
  core::ThreadPool& pool = options.pool != nullptr ? *options.pool : core::ThreadPool::shared();
  const size_t workers = std::max<size_t>(1, std::min(pool.size(), groups.size()));
  std::vector<std::unique_ptr<GroupAggregator>> aggregators;
  std::vector<CurrencyCollector> currencies;
  for (size_t w = 0; w < workers; ++w) {
    aggregators.push_back(std::make_unique<GroupAggregator>(query));
    currencies.emplace_back(query);
  }

  std::atomic<size_t> next{0};
  std::atomic<uint64_t> scanned{0};
  // Each worker claims row groups until none are left, so a late-starting helper simply finds
  // less work.
  OPTIMA_RETURN_IF_ERROR(pool.parallel_for(workers, [&](size_t w) -> core::Status {
    GroupAggregator& aggregator = *aggregators[w];
    RowSelector::Scratch select_scratch;
    GroupAggregator::Scratch group_scratch;
    CurrencyCollector::Scratch currency_scratch;
    Selection selection;
    for (size_t i = next.fetch_add(1); i < groups.size(); i = next.fetch_add(1)) {
      const store::RowGroupInfo& info = *groups[i];
      core::Result<std::shared_ptr<const focus::Table>> table = source.load(info, columns);
      if (!table.is_ok()) {
        return table.status().with_context(
            fmt::format("row group {} of partition {}", info.index, info.partition_id));
      }
      scanned.fetch_add((*table)->num_rows(), std::memory_order_relaxed);
      selector.select(**table, &selection, &select_scratch);
      aggregator.add(**table, selection, &group_scratch);
      currencies[w].add(**table, selection, &currency_scratch);
    }
    return core::Status::ok();
  }));
  for (size_t w = 1; w < workers; ++w) {
    aggregators[0]->merge(*aggregators[w]);
    currencies[0].merge(currencies[w]);
  }
  aggregators[0]->ensure_single_group();
  QueryResult result = ResultBuilder(query, *aggregators[0]).build(scanned.load());
  OPTIMA_RETURN_IF_ERROR(apply_currency_rule(query, currencies[0].seen(), &result));
  return result;
}

core::Result<QueryResult> execute_exact(const Query& query, const store::TableSource& source,
                                        const ExecuteOptions& options) {
  OPTIMA_ASSIGN_OR_RETURN(QueryResult result, execute(query, source, options));
  if (!result.warnings.empty())
    return core::invalid_argument(result.warnings.front());
  return result;
}

}  // namespace optima::query
