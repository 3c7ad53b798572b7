// The currency rule: money in different currencies is never added (docs/query-model.md,
// "Currencies").
//
// A money metric (Metric::is_money) is in the currency of its row's BillingCurrency, or of its
// PricingCurrency for the PricingCurrency… costs. Each executor reports which currencies the
// matched rows hold in those columns (SeenCurrencies); apply_currency_rule() turns that into an
// error when a sum would mix currencies, or into the currency labels and totals of the result.
// Both executors share it, so they agree. Plain functions and value types, thread-safe.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "optima/core/status.h"
#include "optima/focus/column.h"
#include "optima/query/query.h"
#include "optima/query/query_result.h"

namespace optima::query {

// The currencies of the matched rows (those in the time range that pass the filters) in one
// currency column.
struct SeenCurrencies {
  focus::Column column = focus::Column::kBillingCurrency;
  std::set<std::string> values;  // the distinct non-null currencies
  bool some_null = false;        // some matched row has no currency
  friend bool operator==(const SeenCurrencies&, const SeenCurrencies&) = default;
};

// The currency columns of the query's money metrics, each once, BillingCurrency before
// PricingCurrency; empty when the query sums no money.
std::vector<focus::Column> currency_columns(const Query& query);

// Per group_by dimension: whether the "(others)" rows of top_n keep its value instead of
// "(others)". True for a currency column of currency_columns(query), so that others rows fold
// groups of one currency only.
std::vector<bool> kept_in_others(const Query& query);

// Applies the rule to a result built by either executor.
// Requires: `seen` has one entry per currency_columns(query), in that order; result->columns
// are result_columns(query) and result->totals are set.
// Errors: InvalidArgument when the matched rows hold several currencies in a currency column
// that is not a group_by dimension, e.g.
//   rows are in several billing currencies (EUR, USD): add "BillingCurrency" to group_by or
//   filter on it
// Otherwise sets the currency of each money column whose matched rows all have one and the same
// currency, and makes null the total of each money column whose rows hold several (they are
// then grouped by currency, and one total would add them).
core::Status apply_currency_rule(const Query& query, const std::vector<SeenCurrencies>& seen,
                                 QueryResult* result);

}  // namespace optima::query
