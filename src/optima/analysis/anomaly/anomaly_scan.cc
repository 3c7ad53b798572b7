// Scanning a store snapshot for anomalies, with root causes (see anomaly_scan.h).
#include "optima/analysis/anomaly/anomaly_scan.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "optima/core/file_io.h"
#include "optima/query/executor.h"

namespace optima::analysis {
namespace {

// One dimension value's (or combination's) series in one currency.
struct Series {
  std::vector<Attribution> key;  // empty for the total
  std::string currency;
  std::vector<core::Decimal> values;  // per period from the scan start
};

std::string text_of(const query::Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return {};
}

core::Decimal decimal_of(const query::Value& v) {
  if (const auto* d = std::get_if<core::Decimal>(&v)) return *d;
  return {};
}

// Severity from the change per day (money) and the robust z: critical ≥ 1,000/day, high ≥ 250,
// medium ≥ 50 (or a z above 10 for a smaller change); low otherwise.
Severity severity_of(double per_day, double z) {
  per_day = std::fabs(per_day);
  z = std::fabs(z);
  if (per_day >= 1000) return Severity::kCritical;
  if (per_day >= 250) return Severity::kHigh;
  if (per_day >= 50 || (per_day >= 10 && z >= 10)) return Severity::kMedium;
  return Severity::kLow;
}

int64_t bucket_seconds(query::Granularity g) {
  return g == query::Granularity::kHour ? 3600 : core::kSecondsPerDay;
}

void add_category_filter(const ScanOptions& options, query::Query* q) {
  if (options.charge_categories.empty()) return;
  q->filters.push_back({query::Dimension::of_column(focus::Column::kChargeCategory), query::FilterOp::kIn,
                        options.charge_categories});
}

core::Result<std::vector<Series>> load_series(const store::TableSource& source,
                                              const ScanOptions& options, core::Period range,
                                              const std::vector<query::Dimension>& dimensions) {
  query::Query q;
  q.time_range = range;
  q.granularity = options.granularity;
  q.metrics = {options.metric};
  q.group_by = {query::Dimension::of_column(focus::Column::kBillingCurrency)};
  q.group_by.insert(q.group_by.end(), dimensions.begin(), dimensions.end());
  add_category_filter(options, &q);
  query::ExecuteOptions exec;
  exec.pool = options.pool;
  OPTIMA_ASSIGN_OR_RETURN(query::QueryResult result, query::execute_exact(q, source, exec));
  const int64_t step = bucket_seconds(options.granularity);
  const auto periods = static_cast<size_t>((range.end.unix_seconds - range.start.unix_seconds) / step);
  std::map<std::vector<std::string>, Series> by_key;  // currency, then the values
  for (const query::ResultRow& row : result.rows) {
    const auto* t = std::get_if<core::Timestamp>(&row.values[0]);
    if (t == nullptr) continue;
    std::vector<std::string> key = {text_of(row.values[1])};
    bool has_null = false;
    for (size_t d = 0; d < dimensions.size(); ++d) {
      key.push_back(text_of(row.values[2 + d]));
      has_null = has_null || key.back().empty();
    }
    if (has_null) continue;  // null dimension values are not a series
    Series& s = by_key[key];
    if (s.values.empty()) {
      for (size_t d = 0; d < dimensions.size(); ++d) s.key.push_back({dimensions[d].to_string(), key[1 + d]});
      s.currency = key[0];
      s.values.assign(periods, core::Decimal{});
    }
    const int64_t index = (t->unix_seconds - range.start.unix_seconds) / step;
    if (index >= 0 && static_cast<size_t>(index) < periods) {
      s.values[static_cast<size_t>(index)] += decimal_of(row.values.back());
    }
  }
  std::vector<Series> out;
  for (auto& [key, s] : by_key) out.push_back(std::move(s));
  return out;
}

// Two events are one when they start within a period of each other, go the same way and have
// changes per period within a factor of two.
bool same_event(const Anomaly& a, const Anomaly& b) {
  if (a.direction != b.direction || a.currency != b.currency) return false;
  if (std::llabs(a.start.unix_seconds - b.start.unix_seconds) > a.period_seconds) return false;
  const double x = std::fabs(a.delta_per_period.to_double());
  const double y = std::fabs(b.delta_per_period.to_double());
  return x <= 2 * y && y <= 2 * x;
}

// How concentrated an anomaly is in its series: the change relative to the baseline.
double concentration(const Anomaly& a) {
  return std::fabs(a.delta_per_period.to_double()) / std::max(1e-9, std::fabs(a.expected.to_double()));
}

core::Result<ContributionTable> contributions(const store::TableSource& source,
                                              const ScanOptions& options, const Anomaly& a) {
  const int64_t step = a.period_seconds;
  const int64_t window = std::min<int64_t>(a.periods, 7 * (core::kSecondsPerDay / step));
  const int64_t baseline_periods = 28 * (core::kSecondsPerDay / step);
  const core::Period current{a.start, core::Timestamp{a.start.unix_seconds + window * step}};
  const core::Period before{core::Timestamp{a.start.unix_seconds - baseline_periods * step}, a.start};
  ContributionTable table;
  for (const query::Dimension& d : options.root_cause_dimensions) table.dimensions.push_back(d.to_string());
  std::map<std::vector<std::string>, std::pair<double, double>> rows;
  for (const auto& [range, periods, is_current] :
       {std::tuple{current, window, true}, std::tuple{before, baseline_periods, false}}) {
    query::Query q;
    q.time_range = range;
    q.metrics = {options.metric};
    q.group_by = options.root_cause_dimensions;
    q.filters.push_back({query::Dimension::of_column(focus::Column::kBillingCurrency),
                         query::FilterOp::kIn, {a.currency}});
    add_category_filter(options, &q);
    for (const Attribution& at : a.series) {
      OPTIMA_ASSIGN_OR_RETURN(query::Dimension d, query::Dimension::parse(at.dimension));
      q.filters.push_back({d, query::FilterOp::kIn, {at.value}});
    }
    query::ExecuteOptions exec;
    exec.pool = options.pool;
    OPTIMA_ASSIGN_OR_RETURN(query::QueryResult result, query::execute_exact(q, source, exec));
    for (const query::ResultRow& row : result.rows) {
      std::vector<std::string> key;
      for (size_t i = 0; i < table.dimensions.size(); ++i) key.push_back(text_of(row.values[i]));
      const double per_period = decimal_of(row.values.back()).to_double() / static_cast<double>(periods);
      (is_current ? rows[key].second : rows[key].first) += per_period;
    }
  }
  for (auto& [key, acc] : rows) table.rows.push_back({key, acc.first, acc.second});
  return table;
}

}  // namespace

std::vector<query::Dimension> ScanOptions::default_dimensions() {
  return {query::Dimension::of_column(focus::Column::kServiceName),
          query::Dimension::of_column(focus::Column::kSubAccountId),
          query::Dimension::of_column(focus::Column::kRegionId),
          query::Dimension::of_extension("x_UsageType")};
}

std::vector<std::vector<query::Dimension>> ScanOptions::default_combinations() {
  return {{query::Dimension::of_column(focus::Column::kSubAccountId),
           query::Dimension::of_column(focus::Column::kServiceName)}};
}

std::vector<query::Dimension> ScanOptions::default_root_cause_dimensions() {
  return {query::Dimension::of_column(focus::Column::kSubAccountId),
          query::Dimension::of_column(focus::Column::kSubAccountName),
          query::Dimension::of_column(focus::Column::kServiceName),
          query::Dimension::of_column(focus::Column::kRegionId),
          query::Dimension::of_extension("x_UsageType"),
          query::Dimension::of_column(focus::Column::kResourceType),
          query::Dimension::of_column(focus::Column::kResourceId)};
}

std::string anomaly_id(const Anomaly& a) {
  const std::string key = fmt::format("{}|{}|{}|{}|{}", a.series_key(), a.currency, a.metric,
                                      direction_name(a.direction), a.start.unix_seconds);
  return "an-" + core::sha256_hex(key).substr(0, 16);
}

core::Result<std::vector<Anomaly>> scan_anomalies(const store::TableSource& source,
                                                  const ScanOptions& options) {
  if (options.granularity != query::Granularity::kDay && options.granularity != query::Granularity::kHour) {
    return core::invalid_argument("anomaly scan: granularity must be day or hour");
  }
  const int64_t step = bucket_seconds(options.granularity);
  core::Period range;
  if (options.time_range) {
    range = *options.time_range;
  } else {
    if (source.row_groups().empty()) return std::vector<Anomaly>{};
    int64_t lo = INT64_MAX;
    int64_t hi = INT64_MIN;
    for (const store::RowGroupInfo& g : source.row_groups()) {
      lo = std::min(lo, g.min_charge_start);
      hi = std::max(hi, g.max_charge_start);
    }
    range = {core::Timestamp{lo}, core::Timestamp{hi + 1}};
  }
  // Whole buckets: start at a bucket boundary, end after the last bucket with data.
  range.start.unix_seconds -= ((range.start.unix_seconds % step) + step) % step;
  range.end.unix_seconds += (step - ((range.end.unix_seconds % step) + step) % step) % step;

  CostDetectorOptions detector = options.detector;
  if (detector.season == 0) detector.season = options.granularity == query::Granularity::kHour ? 168 : 7;
  if (detector.min_delta.is_zero()) {
    detector.min_delta = options.granularity == query::Granularity::kHour
                             ? core::Decimal::from_units(core::Decimal::kOne / 4)
                             : core::Decimal::from_int(5);
  }

  if (options.granularity == query::Granularity::kDay && detector.month_ago.empty()) {
    const auto days = static_cast<size_t>((range.end.unix_seconds - range.start.unix_seconds) / step);
    const int64_t first_day = range.start.unix_seconds / core::kSecondsPerDay;
    for (size_t i = 0; i < days; ++i) {
      const core::CivilDate d = core::civil_from_days(first_day + static_cast<int64_t>(i));
      auto back = [&](int months) -> long {
        int y = d.year;
        int m = d.month - months;
        while (m < 1) {
          m += 12;
          --y;
        }
        if (d.day > core::days_in_month(y, m)) return -1;
        const int64_t index = core::days_from_civil({y, m, d.day}) - first_day;
        return index >= 0 ? static_cast<long>(index) : -1;
      };
      detector.month_ago.emplace_back(back(1), back(2));
    }
  }
  std::vector<std::vector<query::Dimension>> dims;
  if (options.include_total) dims.emplace_back();
  for (const query::Dimension& d : options.dimensions) dims.push_back({d});
  for (const auto& combination : options.combinations) dims.push_back(combination);
  std::vector<Anomaly> found;
  for (const auto& dim : dims) {
    OPTIMA_ASSIGN_OR_RETURN(std::vector<Series> all, load_series(source, options, range, dim));
    for (const Series& s : all) {
      for (const CostEvent& e : detect_cost_events(s.values, detector)) {
        Anomaly a;
        a.series = s.key;
        for (const Attribution& at : s.key) {
          a.dimension += (a.dimension.empty() ? "" : "+") + at.dimension;
          a.value += (a.value.empty() ? "" : " / ") + at.value;
        }
        a.currency = s.currency;
        a.metric = options.metric.to_string();
        a.kind = e.kind;
        a.direction = e.direction;
        a.period_seconds = step;
        a.start = core::Timestamp{range.start.unix_seconds + static_cast<int64_t>(e.start) * step};
        a.detected_at = core::Timestamp{range.start.unix_seconds + static_cast<int64_t>(e.detected) * step};
        a.periods = static_cast<int64_t>(e.length);
        a.ongoing = e.ongoing;
        a.expected = e.expected;
        a.actual = e.actual;
        a.impact = e.impact;
        a.delta_per_period = e.actual - e.expected;
        a.score = e.z;
        const double per_day = a.delta_per_period.to_double() * static_cast<double>(core::kSecondsPerDay / step);
        a.severity = severity_of(per_day, e.z);
        a.id = anomaly_id(a);
        found.push_back(std::move(a));
      }
    }
  }

  // One report per event: the most concentrated series wins, the others are listed.
  std::sort(found.begin(), found.end(), [](const Anomaly& x, const Anomaly& y) {
    const double cx = concentration(x);
    const double cy = concentration(y);
    return cx != cy ? cx > cy : x.id < y.id;
  });
  std::vector<Anomaly> kept;
  for (Anomaly& a : found) {
    bool merged = false;
    for (Anomaly& k : kept) {
      if (same_event(k, a)) {
        k.also_seen_in.push_back(a.series_key());
        merged = true;
        break;
      }
    }
    if (!merged) kept.push_back(std::move(a));
  }

  if (options.explain) {
    for (Anomaly& a : kept) {
      OPTIMA_ASSIGN_OR_RETURN(ContributionTable table, contributions(source, options, a));
      a.root_cause = explain_change(table, options.root_cause);
    }
  }
  for (Anomaly& a : kept) a.summary = describe_anomaly(a);
  std::sort(kept.begin(), kept.end(), [](const Anomaly& x, const Anomaly& y) {
    const double ix = std::fabs(x.impact.to_double());
    const double iy = std::fabs(y.impact.to_double());
    return ix != iy ? ix > iy : x.id < y.id;
  });
  return kept;
}

}  // namespace optima::analysis
