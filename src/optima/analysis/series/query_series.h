// Series from the store: the time series held by a query::QueryResult with a period column, at
// most one group_by dimension and one metric (what query::execute returns for e.g. daily
// EffectiveCost per ServiceName).
//
// All series share one span, from the first to the last period present in the result. A period
// in which no group has any row is missing (NaN: the data was not loaded, not zero spend); a
// period in which other groups have rows but this one has none is a true zero.
#pragma once

#include <string>
#include <vector>

#include "optima/analysis/series/time_series.h"
#include "optima/core/decimal.h"
#include "optima/core/status.h"
#include "optima/query/query_result.h"

namespace optima::analysis {

struct LabeledSeries {
  std::string label;  // the dimension value; "total" without a dimension; "(null)" for null
  TimeSeries series;
};

// Errors: InvalidArgument when the result has no period column, more than one dimension, or
// not exactly one metric column, when `g` is kNone, or when the result carries a warning (a sum
// beyond the exact range, null in the result); ResourceExhausted as regularize().
core::Result<std::vector<LabeledSeries>> series_from_query_result(const query::QueryResult& result,
                                                                  Granularity g);

}  // namespace optima::analysis
