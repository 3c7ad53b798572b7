#include "optima/demo/row_budget.h"

#include <algorithm>

#include "optima/demo/usage_model.h"

namespace optima::demo {
namespace {

double window_slots(const Estate& estate, Cloud cloud) {
  const double seconds = static_cast<double>(estate.end.unix_seconds - estate.start.unix_seconds);
  return cloud_granularity(estate, cloud) == Granularity::kHourly ? seconds / 3600.0 : seconds / 86400.0;
}

// Rows written per charge of a usage meter, by cloud and format. Commitment-eligible meters
// split into covered and on-demand rows in some periods and, on AWS, savings-plan coverage
// adds a negation row.
double rows_per_charge(Cloud cloud, bool eligible, RowFormat format) {
  if (format == RowFormat::kFocus) return eligible ? 1.03 : 1.0;
  switch (cloud) {
    case Cloud::kAws: return eligible ? 1.45 : 1.0;
    case Cloud::kAzure: return eligible ? 2.07 : 2.0;
    case Cloud::kGcp: return eligible ? 1.05 : 1.0;
    case Cloud::kOci: return 1.0;
  }
  return 1.0;
}

}  // namespace

double fleet_share(Cloud cloud) {
  switch (cloud) {
    case Cloud::kAws: return 0.48;
    case Cloud::kAzure: return 0.18;
    case Cloud::kGcp: return 0.31;
    case Cloud::kOci: return 0.03;
  }
  return 0.0;
}

double estimate_meter_rows(const Estate& estate, const Meter& meter, RowFormat format) {
  const Sku& sku = estate.sku_of(meter);
  const int64_t hours = running_hours(estate, meter, estate.start, estate.end);
  if (hours <= 0) return 0.0;
  double slots = 0.0;
  if (cloud_granularity(estate, sku.cloud) == Granularity::kHourly) {
    slots = static_cast<double>(hours);
  } else {
    const Resource* r = estate.resource_of(meter);
    const bool office = r != nullptr && r->schedule == Schedule::kBusinessHours &&
                        (sku.kind == MeterKind::kCompute || sku.kind == MeterKind::kComputeRam ||
                         sku.kind == MeterKind::kDatabase);
    // Office-hours machines run 11 hours on each working day they appear in.
    slots = office ? static_cast<double>(hours) / 11.0 : static_cast<double>(hours) / 24.0 + 0.5;
  }
  return slots * rows_per_charge(sku.cloud, meter.cover != CoverClass::kNone, format);
}

double estimate_fixed_rows(const Estate& estate, Cloud cloud, RowFormat format) {
  const double slots = window_slots(estate, cloud);
  const double days = slots / (cloud_granularity(estate, cloud) == Granularity::kHourly ? 24.0 : 1.0);
  const auto months = static_cast<double>(estate.periods.size());
  double accounts = 0.0;
  for (const Account& a : estate.accounts) accounts += a.cloud == cloud ? 1.0 : 0.0;
  const bool focus = format == RowFormat::kFocus;
  switch (cloud) {
    case Cloud::kAws:
      // Savings plan fees per period, RI fees monthly, tax and EDP lines per account and
      // product each month; FOCUS adds unused-commitment rows per period.
      return 2.0 * slots + 3.0 * months + 2.0 * accounts * 5.0 * months +
             (focus ? 2.5 * slots : 0.0);
    case Cloud::kAzure:
      return (focus ? 2.0 * slots : 1.5 * days) + 3.0 * months;
    case Cloud::kGcp:
      return 4.0 * slots + accounts * months + (focus ? 2.0 * slots : 0.0);
    case Cloud::kOci:
      return 0.0;
  }
  return 0.0;
}

double estimate_cloud_rows(const Estate& estate, Cloud cloud, RowFormat format) {
  double rows = estimate_fixed_rows(estate, cloud, format);
  for (const Meter& m : estate.meters) {
    if (estate.skus[m.sku].cloud == cloud) rows += estimate_meter_rows(estate, m, format);
  }
  return rows;
}

}  // namespace optima::demo
