#include "optima/query/currency_rule.h"

#include <algorithm>

#include <fmt/format.h>

#include "optima/core/strings.h"

namespace optima::query {

namespace {

bool grouped_by(const Query& query, focus::Column column) {
  return std::find(query.group_by.begin(), query.group_by.end(), Dimension::of_column(column)) !=
         query.group_by.end();
}

// A currency code as is ("USD"); anything else quoted and escaped, as garbage in the column may
// be long or hold control characters.
std::string currency_text(const std::string& value) {
  const bool plain =
      !value.empty() && value.size() <= 16 && std::all_of(value.begin(), value.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-';
      });
  return plain ? value : core::quote_for_message(value);
}

// "EUR, USD"; past kMaxListed currencies, "… and 7 more".
std::string currency_list(const std::set<std::string>& values) {
  constexpr size_t kMaxListed = 10;
  std::vector<std::string> shown;
  for (const std::string& v : values) {
    if (shown.size() == kMaxListed)
      break;
    shown.push_back(currency_text(v));
  }
  std::string out = core::join(shown, ", ");
  if (values.size() > kMaxListed)
    out += fmt::format(" and {} more", values.size() - kMaxListed);
  return out;
}

}  // namespace

std::vector<focus::Column> currency_columns(const Query& query) {
  std::vector<focus::Column> columns;
  for (focus::Column c : {focus::Column::kBillingCurrency, focus::Column::kPricingCurrency}) {
    const bool used = std::any_of(query.metrics.begin(), query.metrics.end(),
                                  [c](const Metric& m) { return m.currency_column() == c; });
    if (used)
      columns.push_back(c);
  }
  return columns;
}

std::vector<bool> kept_in_others(const Query& query) {
  const std::vector<focus::Column> currencies = currency_columns(query);
  std::vector<bool> kept(query.group_by.size(), false);
  for (size_t d = 0; d < query.group_by.size(); ++d) {
    const Dimension& dim = query.group_by[d];
    kept[d] = dim.kind == Dimension::Kind::kColumn &&
              std::find(currencies.begin(), currencies.end(), dim.column) != currencies.end();
  }
  return kept;
}

core::Status apply_currency_rule(const Query& query, const std::vector<SeenCurrencies>& seen,
                                 QueryResult* result) {
  for (const SeenCurrencies& s : seen) {
    if (s.values.size() > 1 && !grouped_by(query, s.column)) {
      const bool billing = s.column == focus::Column::kBillingCurrency;
      return core::invalid_argument(fmt::format(
          "rows are in several {} currencies ({}): add \"{}\" to group_by or filter on it",
          billing ? "billing" : "pricing", currency_list(s.values), focus::column_name(s.column)));
    }
  }
  const size_t first_metric = result->columns.size() - query.metrics.size();
  for (size_t m = 0; m < query.metrics.size(); ++m) {
    const std::optional<focus::Column> column = query.metrics[m].currency_column();
    if (!column)
      continue;
    const auto s = std::find_if(seen.begin(), seen.end(),
                                [&](const SeenCurrencies& x) { return x.column == *column; });
    if (s == seen.end())
      continue;
    ResultColumn& out = result->columns[first_metric + m];
    if (s->values.size() == 1 && !s->some_null)
      out.currency = *s->values.begin();
    if (s->values.size() > 1 && first_metric + m < result->totals.size())
      result->totals[first_metric + m] = std::monostate{};
  }
  return core::Status::ok();
}

}  // namespace optima::query
