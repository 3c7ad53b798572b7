// Row budget: how many billing rows an estate will produce, estimated before generating it, so
// the builder can size the scale-out fleet to the requested --rows.
//
// The estimate counts charge periods (days or hours) in which each meter runs, times the rows
// each format writes per charge (Azure writes usage twice: actual and amortized; CUR writes a
// negation next to savings-plan-covered usage), plus commitment and monthly rows. Thread-safe.
#pragma once

#include "optima/demo/estate.h"

namespace optima::demo {

enum class RowFormat : uint8_t { kNative, kFocus };

// Share of the fleet (autoscaled machines added to reach --rows) each cloud gets: AWS 48%,
// Azure 18%, Google 31%, Oracle 3%.
double fleet_share(Cloud cloud);

// Expected rows contributed by one meter over the estate window.
double estimate_meter_rows(const Estate& estate, const Meter& meter, RowFormat format);
// Expected rows from commitments, monthly lines (tax, discounts, credits) for one cloud.
double estimate_fixed_rows(const Estate& estate, Cloud cloud, RowFormat format);
// Sum over all meters of the cloud plus its fixed rows.
double estimate_cloud_rows(const Estate& estate, Cloud cloud, RowFormat format);

}  // namespace optima::demo
