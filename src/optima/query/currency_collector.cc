#include "optima/query/currency_collector.h"

#include "optima/query/dimension_codes.h"

namespace optima::query {

CurrencyCollector::CurrencyCollector(const Query& query) {
  for (focus::Column c : currency_columns(query))
    seen_.push_back({c, {}, false});
}

void CurrencyCollector::add_columns(const Query& query, store::ColumnSelection* columns) {
  for (focus::Column c : currency_columns(query))
    columns->add(c);
}

void CurrencyCollector::add(const focus::Table& table, const Selection& selection,
                            Scratch* scratch) {
  const size_t n = table.num_rows();
  const size_t selected = selection.size(n);
  if (selected == 0)
    return;
  for (SeenCurrencies& s : seen_) {
    const DimensionCodes dim =
        read_dimension(table, Dimension::of_column(s.column), &scratch->codes);
    if (dim.cardinality <= 2) {
      // At most one currency in the row group (the usual case): an AND and an OR over the codes
      // (0 or 1) tell whether rows lack it and whether rows have it, and they vectorise.
      uint32_t all = 1;
      uint32_t any = 0;
      if (selection.all) {
        for (size_t r = 0; r < n; ++r) {
          all &= dim.codes[r];
          any |= dim.codes[r];
        }
      } else {
        for (uint32_t r : selection.rows) {
          all &= dim.codes[r];
          any |= dim.codes[r];
        }
      }
      s.some_null = s.some_null || all == 0;
      if (any != 0)
        s.values.insert((*dim.dictionary)[1]);
      continue;
    }
    scratch->used.assign(dim.cardinality, 0);
    uint8_t* used = scratch->used.data();
    if (selection.all) {
      for (size_t r = 0; r < n; ++r)
        used[dim.codes[r]] = 1;
    } else {
      for (uint32_t r : selection.rows)
        used[dim.codes[r]] = 1;
    }
    s.some_null = s.some_null || used[0] != 0;
    for (uint32_t c = 1; c < dim.cardinality; ++c) {
      if (used[c] != 0)
        s.values.insert((*dim.dictionary)[c]);
    }
  }
}

void CurrencyCollector::merge(const CurrencyCollector& other) {
  for (size_t i = 0; i < seen_.size(); ++i) {
    seen_[i].values.insert(other.seen_[i].values.begin(), other.seen_[i].values.end());
    seen_[i].some_null = seen_[i].some_null || other.seen_[i].some_null;
  }
}

}  // namespace optima::query
