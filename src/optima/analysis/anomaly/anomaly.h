// Anomaly: one unusual change in a cost series, as the scan reports it to the CLI, the API and
// alerts — what, where, since when, how big, why (root cause), and what the user said about
// it. Plain value types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/time.h"

namespace optima::analysis {

// spike: a few unusual periods, then back to normal; level_shift: a sustained step (reported
// once, from its start); drift: a slow sustained ramp.
enum class AnomalyKind { kSpike, kLevelShift, kDrift };
enum class AnomalyDirection { kIncrease, kDecrease };
enum class Severity { kLow, kMedium, kHigh, kCritical };

std::string_view anomaly_kind_name(AnomalyKind kind);
std::string_view direction_name(AnomalyDirection direction);
std::string_view severity_name(Severity severity);

// One dimension value an anomaly's change concentrates in ("RegionId" = "us-east-1").
struct Attribution {
  std::string dimension;
  std::string value;
};

// Where the change of an anomaly comes from (contribution analysis).
struct RootCause {
  std::vector<Attribution> path;  // the drill-down, most general first
  double explained = 0;           // share of the change the path explains, 0..1
  size_t new_resources = 0;       // resources billed in the anomaly but not the baseline
  size_t resources = 0;           // resources with cost in the path during the anomaly
  std::string resource_kind;      // most costly usage type / SKU of those, if known
};

struct Anomaly {
  std::string id;          // stable: same series, direction and start give the same id
  // The series: its dimension values (one, or a combination such as account × service;
  // empty for the total).
  std::vector<Attribution> series;
  std::string dimension;   // display: "ServiceName", "SubAccountName+ServiceName", "" for the total
  std::string value;       // display: "Amazon EC2", "prod-1 / Amazon EC2", "" for the total
  std::string currency;    // "USD"
  std::string metric;      // "BilledCost"
  AnomalyKind kind = AnomalyKind::kSpike;
  AnomalyDirection direction = AnomalyDirection::kIncrease;
  Severity severity = Severity::kLow;
  core::Timestamp start;       // first anomalous period
  int64_t periods = 0;         // duration in periods (days or hours)
  bool ongoing = false;        // still anomalous in the last period of the scan
  int64_t period_seconds = core::kSecondsPerDay;
  core::Decimal expected;      // per period, at the start
  core::Decimal actual;        // per period, mean over the anomaly
  core::Decimal impact;        // Σ (actual − expected) over the anomaly, signed
  core::Decimal delta_per_period;  // actual − expected, signed
  double score = 0;            // robust z-score at detection
  core::Timestamp detected_at;     // the period in which the detector raised it
  RootCause root_cause;
  std::string summary;             // one plain sentence
  std::vector<std::string> also_seen_in;  // other series keys showing the same event
  bool suppressed = false;         // matches an anomaly marked expected
  std::string suppressed_by;       // that anomaly's id

  // "ServiceName=Amazon EC2", "SubAccountName=prod-1,ServiceName=Amazon EC2" or "total".
  std::string series_key() const;
};

}  // namespace optima::analysis
