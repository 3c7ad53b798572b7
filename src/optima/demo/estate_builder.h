// build_estate(): assembles the demo organisation for a seed — accounts and core resources on
// every cloud, a fleet sized to the row target, commitments, anomalies with their expected
// cost deltas, tag gaps calibrated to a target coverage, and planted utilization profiles.
#pragma once

#include <cstdint>
#include <optional>

#include "optima/core/status.h"
#include "optima/demo/estate.h"
#include "optima/demo/row_budget.h"

namespace optima::demo {

struct EstateOptions {
  uint64_t seed = 42;
  Timestamp end;               // exclusive, midnight UTC
  int months = 13;
  uint64_t rows = 200000;
  std::optional<Granularity> granularity;
  RowFormat format = RowFormat::kNative;
};

// Share of EffectiveCost the builder aims to leave tagged with `team` on each cloud.
inline constexpr double kTargetTaggedShare = 0.78;

// Errors: InvalidArgument when months < 2 or rows is below the smallest estate (the message
// names the minimum).
core::Result<Estate> build_estate(const EstateOptions& options);

}  // namespace optima::demo
