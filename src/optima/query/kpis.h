// KPIs: the numbers a FinOps overview opens with — month to date, last month, run rate, change
// against the same days of the previous month, top movers, allocation by an owner tag, untagged
// cost and realised commitment savings — computed with query::execute so every figure is a
// query a user can rerun (each KPI carries the query that produced it).
//
// Money is never added across currencies: KPIs are computed in one billing currency (the one
// asked for, or the one with the most rows), and the others present are listed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/status.h"
#include "optima/core/time.h"
#include "optima/query/query.h"
#include "optima/store/table_source.h"

namespace optima::query {

struct KpiOptions {
  // End of the window, exclusive. Default: the end of the last day that has billing rows.
  std::optional<core::Timestamp> as_of;
  Metric metric = Metric::of_column(focus::Column::kEffectiveCost);
  std::string owner_tag = "team";  // allocation: cost with this tag / total
  Dimension movers_dimension = Dimension::of_column(focus::Column::kServiceName);
  size_t movers = 5;
  std::optional<std::string> currency;  // default: the currency with the most rows
};

struct Mover {
  std::optional<std::string> value;  // nullopt: rows without the dimension
  core::Decimal current;             // month to date
  core::Decimal previous;            // same days of the previous month
  core::Decimal change() const { return current - previous; }
};

struct Kpis {
  std::string currency;                      // empty when the store has no rows
  std::vector<std::string> other_currencies;  // present in the data, not included
  core::Timestamp as_of;
  core::Period month_to_date_window;           // [month start, as_of)
  core::Period previous_window;                // the same days one month earlier
  core::Period last_month_window;              // the whole previous month
  core::Decimal month_to_date;
  core::Decimal previous_month_to_date;
  core::Decimal last_month;
  // month_to_date / elapsed days × days in the month, to cents.
  core::Decimal run_rate;
  // (month_to_date − previous) / previous × 100, to 2 places; nullopt when previous is 0.
  std::optional<core::Decimal> change_percent;
  std::vector<Mover> top_movers;  // largest |change| first
  // Allocation over the month to date.
  core::Decimal allocated;     // metric of rows with the owner tag
  core::Decimal untagged;      // metric of rows without it
  std::optional<core::Decimal> allocation_percent;  // allocated / (allocated + untagged) × 100
  // Month to date, rows with a CommitmentDiscountId: ContractedCost − EffectiveCost (what the
  // commitments saved against the negotiated on-demand price; negative when unused commitment
  // costs more than it saves).
  core::Decimal commitment_savings;
};

// Computes the KPIs over `source`. Errors: those of query::execute (e.g. a corrupt segment);
// InvalidArgument for a requested currency absent from the data.
core::Result<Kpis> compute_kpis(const store::TableSource& source, const KpiOptions& options);

// {"currency", "other_currencies", "as_of", "month_to_date", … as in docs/api.md}; decimals as
// strings.
std::string kpis_to_json(const Kpis& kpis, const KpiOptions& options);

}  // namespace optima::query
