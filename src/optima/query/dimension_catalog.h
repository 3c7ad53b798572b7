// The dimension catalog: which dimensions a store's rows can be grouped and filtered by (for
// filter pickers), and a dimension's values ranked by cost with a search string.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/status.h"
#include "optima/core/thread_pool.h"
#include "optima/core/time.h"
#include "optima/query/query.h"
#include "optima/store/table_source.h"

namespace optima::query {

// FOCUS string columns that hold a value in at least one row (SkuPriceDetails, a JSON document,
// excluded), then every tag key as "tag:<key>", then every x_ column; each part sorted by name.
// Reads every row group's string, tag and extension columns once: callers cache the result per
// data snapshot.
core::Result<std::vector<Dimension>> list_dimensions(const store::TableSource& source,
                                                     core::ThreadPool* pool = nullptr);

struct DimensionValue {
  std::optional<std::string> value;  // nullopt: rows without the dimension
  std::optional<core::Decimal> cost;  // the metric; nullopt when no row has a value
};

struct DimensionValuesRequest {
  Dimension dimension;
  std::string search;  // case-insensitive substring; empty matches every value
  size_t limit = 50;
  std::optional<core::Period> time_range;
  Metric metric = Metric::of_column(focus::Column::kEffectiveCost);
  std::vector<Filter> filters;  // e.g. the billing currency
};

struct DimensionValues {
  std::vector<DimensionValue> values;  // largest cost first, then by value
  std::string currency;                // of the costs, when one
  size_t matched = 0;                  // values matching the search, before the limit
};

// The values of a dimension with their metric, for pickers. Errors: those of query::execute
// (several currencies: pass a BillingCurrency filter).
core::Result<DimensionValues> dimension_values(const store::TableSource& source,
                                               const DimensionValuesRequest& request);

}  // namespace optima::query
