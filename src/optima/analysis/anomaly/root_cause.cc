// Contribution analysis and the anomaly sentence (see root_cause.h).
#include "optima/analysis/anomaly/root_cause.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

namespace optima::analysis {
namespace {

double js_term(double p, double q) {
  // Adtributor's surprise of one value: ½ (p log 2p/(p+q) + q log 2q/(p+q)).
  double s = 0;
  if (p > 0) s += 0.5 * p * std::log(2 * p / (p + q));
  if (q > 0) s += 0.5 * q * std::log(2 * q / (p + q));
  return s;
}

int index_of(const std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

std::string with_thousands(std::string digits) {
  const size_t dot = digits.find('.');
  size_t end = dot == std::string::npos ? digits.size() : dot;
  const size_t begin = (!digits.empty() && digits[0] == '-') ? 1 : 0;
  while (end > begin + 3) {
    end -= 3;
    digits.insert(end, ",");
  }
  return digits;
}

const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

std::string format_money(core::Decimal amount, const std::string& currency, int digits) {
  const std::string text = with_thousands(amount.round(digits).to_fixed(digits));
  if (currency == "USD") {
    return amount.is_negative() ? "-$" + text.substr(1) : "$" + text;
  }
  return currency.empty() ? text : text + " " + currency;
}

RootCause explain_change(const ContributionTable& table, const RootCauseOptions& options) {
  RootCause rc;
  double total_base = 0;
  double total_delta = 0;
  for (const ContributionRow& r : table.rows) {
    total_base += r.baseline;
    total_delta += r.current - r.baseline;
  }
  if (total_delta == 0) return rc;
  const double sign = total_delta > 0 ? 1.0 : -1.0;
  const double total_current = total_base + total_delta;
  const int resource_dim = index_of(table.dimensions, options.resource_dimension);

  std::vector<const ContributionRow*> slice;
  for (const ContributionRow& r : table.rows) slice.push_back(&r);
  std::vector<bool> used(table.dimensions.size(), false);
  if (resource_dim >= 0) used[static_cast<size_t>(resource_dim)] = true;
  double explained = 1.0;
  while (true) {
    int best_dim = -1;
    std::string best_value;
    double best_ep = -1e300;
    double best_surprise = 0;
    for (size_t d = 0; d < table.dimensions.size(); ++d) {
      if (used[d]) continue;
      std::unordered_map<std::string, std::pair<double, double>> by_value;  // base, current
      for (const ContributionRow* r : slice) {
        auto& acc = by_value[r->values[d]];
        acc.first += r->baseline;
        acc.second += r->current;
      }
      for (const auto& [value, acc] : by_value) {
        if (value.empty()) continue;
        const double ep = sign * (acc.second - acc.first) / (sign * total_delta);
        const double p = total_base > 0 ? acc.first / total_base : 0;
        const double q = total_current > 0 ? acc.second / total_current : 0;
        const double surprise = js_term(p, q);
        const bool better = ep > best_ep + 0.01 ||
                            (ep > best_ep - 0.01 && surprise > best_surprise) ||
                            (std::fabs(ep - best_ep) < 1e-12 && surprise == best_surprise &&
                             value < best_value);
        if (better) {
          best_dim = static_cast<int>(d);
          best_value = value;
          best_ep = ep;
          best_surprise = surprise;
        }
      }
    }
    if (best_dim < 0 || best_ep <= 0) break;
    if (best_ep < options.explain_target && !rc.path.empty()) break;
    rc.path.push_back({table.dimensions[static_cast<size_t>(best_dim)], best_value});
    used[static_cast<size_t>(best_dim)] = true;
    explained = best_ep;
    std::vector<const ContributionRow*> narrowed;
    for (const ContributionRow* r : slice) {
      if (r->values[static_cast<size_t>(best_dim)] == best_value) narrowed.push_back(r);
    }
    slice = std::move(narrowed);
    if (best_ep < options.explain_target) break;  // the best single value, below target: stop
  }
  rc.explained = rc.path.empty() ? 0.0 : explained;

  if (resource_dim >= 0) {
    std::map<std::string, std::pair<double, double>> by_resource;
    for (const ContributionRow* r : slice) {
      const std::string& id = r->values[static_cast<size_t>(resource_dim)];
      if (id.empty()) continue;
      auto& acc = by_resource[id];
      acc.first += r->baseline;
      acc.second += r->current;
    }
    for (const auto& [id, acc] : by_resource) {
      if (acc.second > 0) ++rc.resources;
      if (acc.first <= 0 && acc.second > 0) ++rc.new_resources;
    }
  }
  for (const std::string& kind : options.kind_dimensions) {
    const int k = index_of(table.dimensions, kind);
    if (k < 0) continue;
    std::unordered_map<std::string, double> delta_by_kind;
    for (const ContributionRow* r : slice) {
      delta_by_kind[r->values[static_cast<size_t>(k)]] += sign * (r->current - r->baseline);
    }
    double best = 0;
    for (const auto& [value, delta] : delta_by_kind) {
      if (!value.empty() && (delta > best || (delta == best && value < rc.resource_kind))) {
        best = delta;
        rc.resource_kind = value;
      }
    }
    if (!rc.resource_kind.empty()) break;
  }
  return rc;
}

std::string describe_anomaly(const Anomaly& a) {
  // The series' own values, then the drill-down's, each dimension once.
  std::vector<Attribution> all = a.series;
  for (const Attribution& at : a.root_cause.path) {
    bool seen = false;
    for (const Attribution& x : all) seen = seen || x.dimension == at.dimension;
    if (!seen) all.push_back(at);
  }
  // An account's name says more than its id; show the id only when there is no name.
  bool has_name = false;
  for (const Attribution& at : all) has_name = has_name || at.dimension == "SubAccountName";
  if (has_name) {
    std::erase_if(all, [](const Attribution& at) { return at.dimension == "SubAccountId"; });
  }
  std::string subject = "Total cost";
  std::vector<std::string> where;
  bool have_subject = false;
  for (const Attribution& at : all) {
    if (at.dimension == "ServiceName" && !have_subject) {
      subject = at.value;
      have_subject = true;
    } else if (at.dimension == "SubAccountName" || at.dimension == "SubAccountId") {
      where.push_back("account " + at.value);
    } else {
      where.push_back(at.value);
    }
  }
  if (!have_subject && !where.empty() && !a.series.empty()) {
    subject = where.front();
    where.erase(where.begin());
  }
  std::string text = subject;
  if (!where.empty()) {
    text += " in ";
    for (size_t i = 0; i < where.size(); ++i) text += (i > 0 ? ", " : "") + where[i];
  }
  const core::CivilDate d = core::date_of(a.start);
  const bool hourly = a.period_seconds < core::kSecondsPerDay;
  const std::string delta = format_money(a.delta_per_period, a.currency);
  text += fmt::format(": {}{}/{} since {} {} {}{}", a.delta_per_period.is_negative() ? "" : "+", delta,
                      hourly ? "hour" : "day", d.day, kMonths[d.month - 1], d.year,
                      hourly ? fmt::format(" {:02d}:00", (a.start.unix_seconds % core::kSecondsPerDay) / 3600)
                             : std::string());
  text += fmt::format(" ({}, {} {}{})", anomaly_kind_name(a.kind) == "level_shift" ? "level shift"
                                                                                    : anomaly_kind_name(a.kind),
                      a.periods, hourly ? (a.periods == 1 ? "hour" : "hours") : (a.periods == 1 ? "day" : "days"),
                      a.ongoing ? ", ongoing" : "");
  if (!a.root_cause.path.empty() && a.root_cause.explained > 0) {
    text += fmt::format("; {:.0f}% of the change", 100.0 * std::min(1.0, a.root_cause.explained));
    if (a.root_cause.new_resources > 0 && a.direction == AnomalyDirection::kIncrease) {
      text += fmt::format(" from {} new resource{}", a.root_cause.new_resources,
                          a.root_cause.new_resources == 1 ? "" : "s");
    } else if (a.root_cause.resources > 0) {
      text += fmt::format(" on {} resource{}", a.root_cause.resources, a.root_cause.resources == 1 ? "" : "s");
    }
    if (!a.root_cause.resource_kind.empty()) text += " (" + a.root_cause.resource_kind + ")";
  }
  return text;
}

}  // namespace optima::analysis
