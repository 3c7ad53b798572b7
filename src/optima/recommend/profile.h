// Profile: the thresholds the recommenders apply, as data. The bundled profiles
// (data/recommend/profiles/{aws,azure,gcp}-like.json) restate the published rules of AWS
// Compute Optimizer / Trusted Advisor, Azure Advisor and Google Recommender (METHODS.md
// §2.9–2.11) and cite them; a custom profile is a JSON file of the same shape. Plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/status.h"

namespace optima::recommend {

enum class Statistic { kMean, kP95, kMax, kIdleFraction };
enum class Comparison { kLess, kLessOrEqual, kGreater, kGreaterOrEqual };

std::string_view statistic_name(Statistic s);     // "mean", "p95", "max", "idle_fraction"
std::string_view comparison_symbol(Comparison c);  // "<", "≤", ">", "≥"

// One test on one metric's statistic: "max cpu_percent < 5".
struct Condition {
  std::string metric;              // "cpu_percent", "network_out_bytes", …
  Statistic statistic = Statistic::kMax;
  Comparison comparison = Comparison::kLess;
  double value = 0;
  bool per_second = false;         // value is per second: compared with value × series step
  int last_days = 0;               // > 0: evaluated on the last N days of the window only
  bool required = true;            // false: skipped (and said so) when the metric is absent
  std::string source;              // citation
};

// True when `actual` satisfies the comparison against `threshold`.
bool compare(double actual, Comparison c, double threshold);

struct IdleRule {
  int lookback_days = 14;
  int min_hours = 30;                   // hours of data required in the window
  double cpu_threshold_percent = 5;     // idle-fraction threshold for CPU
  std::optional<double> cpu_threshold_vcpu;  // when set: threshold = 100 × vcpu / vCPUs
  std::vector<Condition> conditions;    // all must hold
  std::string source;
};

struct RightsizingRule {
  int lookback_days = 14;
  int min_hours = 30;
  Statistic cpu_statistic = Statistic::kMax;
  double cpu_target_percent = 80;       // projected on the new type, must stay at or below
  Statistic memory_statistic = Statistic::kMax;
  double memory_target_percent = 80;
  core::Decimal min_monthly_savings;    // smaller savings are not worth a change
  std::string source;
};

struct StorageRule {
  int unattached_disk_min_days = 30;
  int snapshot_max_age_days = 90;
  int stopped_vm_min_days = 7;
  double iops_overprovision_ratio = 2;  // provisioned / p95 used above this: over-provisioned
  int object_cold_after_days = 30;      // no GET for this long: infrequent-access tier
  std::string source;
};

struct NetworkRule {
  int lookback_days = 14;
  double idle_lb_max_requests_per_day = 0;
  double idle_nat_max_bytes_per_day = 0;
  int unused_ip_min_days = 0;
  std::string source;
};

struct DatabaseRule {
  int lookback_days = 7;
  double idle_max_connections = 0;      // max connections ≤ this: idle
  double idle_cpu_max_percent = 5;
  double downsize_cpu_p95_percent = 40; // p95 CPU at or below: half the vCores
  std::string source;
};

struct ScheduleRule {
  int lookback_days = 14;
  double off_cpu_percent = 5;           // an hour-of-week cell is "off" when its mean is below
  int min_off_hours_per_week = 40;
  std::vector<std::string> non_production_values;  // env tag values: dev, test, staging
  std::string source;
};

struct SpotRule {
  core::Decimal discount_fraction;      // share of on-demand saved on spot (an estimate)
  std::vector<std::string> stateless_tags;  // tag keys or key=value marking interruption-tolerant
  std::string source;
};

struct Profile {
  std::string name;
  std::string description;
  std::string origin;                   // file it was loaded from
  IdleRule idle;
  RightsizingRule rightsizing;
  StorageRule storage;
  NetworkRule network;
  DatabaseRule database;
  ScheduleRule schedule;
  SpotRule spot;
};

// The names of the bundled profiles.
std::vector<std::string> bundled_profile_names();

// Loads a bundled profile by name ("aws-like") from data/recommend/profiles/, or a custom
// profile from a file path (anything containing '/' or ending in ".json"). Errors: NotFound
// for an unknown name or missing file, InvalidArgument naming the file and JSON path of a bad
// or missing field.
core::Result<Profile> load_profile(std::string_view name_or_path);

// Parses profile JSON; `origin` names it in errors.
core::Result<Profile> parse_profile(std::string_view json_text, std::string_view origin);

}  // namespace optima::recommend
