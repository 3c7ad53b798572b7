// CurrencyCollector: the currencies of the rows a query matches, gathered by the embedded
// executor for apply_currency_rule().
//
// For each currency column of the query's money metrics (currency_columns()), it notes which
// dictionary codes the selected rows of a row group use and records those values once, so it
// costs one byte store per selected row and one set insertion per distinct currency of a row
// group (an AND and an OR over the codes when the row group holds at most one currency). Not
// thread-safe: each worker owns one and they are merged.
#pragma once

#include <cstdint>
#include <vector>

#include "optima/focus/table.h"
#include "optima/query/currency_rule.h"
#include "optima/query/query.h"
#include "optima/query/row_selector.h"
#include "optima/store/table_source.h"

namespace optima::query {

class CurrencyCollector {
 public:
  explicit CurrencyCollector(const Query& query);

  // Adds the columns add() reads: the currency columns of the query's money metrics.
  static void add_columns(const Query& query, store::ColumnSelection* columns);

  // Per-thread working memory, reused across row groups.
  struct Scratch {
    std::vector<uint32_t> codes;
    std::vector<uint8_t> used;
  };
  // Records the currencies of the selected rows of one row group.
  void add(const focus::Table& table, const Selection& rows, Scratch* scratch);
  // Adds what `other` (built for the same query) saw.
  void merge(const CurrencyCollector& other);

  // One entry per currency_columns(query), in that order.
  const std::vector<SeenCurrencies>& seen() const { return seen_; }

 private:
  std::vector<SeenCurrencies> seen_;
};

}  // namespace optima::query
