// AnomalyScan: finds cost anomalies in every dimension series of a store snapshot and explains
// each one — the entry point the CLI, the server and alerts call.
//
// For each scanned dimension, combination of dimensions, and the total, one query::execute
// groups the metric by time bucket, BillingCurrency (money is never added across currencies)
// and the dimension(s); every value's series runs through detect_cost_events (weekly seasonal baseline). The same event
// seen in several series (a service, its account, its region) is reported once, in the series
// where it is most concentrated, listing the others. Each anomaly then gets a root cause from
// two more queries (baseline window and anomaly window split by the root-cause dimensions) and
// a one-sentence summary. Thread-safe: reads only the immutable source.
#pragma once

#include <optional>
#include <vector>

#include "optima/analysis/anomaly/anomaly.h"
#include "optima/analysis/anomaly/cost_detector.h"
#include "optima/analysis/anomaly/root_cause.h"
#include "optima/core/status.h"
#include "optima/core/thread_pool.h"
#include "optima/query/query.h"
#include "optima/store/table_source.h"

namespace optima::analysis {

struct ScanOptions {
  query::Granularity granularity = query::Granularity::kDay;  // kDay or kHour
  query::Metric metric = query::Metric::of_column(focus::Column::kBilledCost);
  // Series scanned: each value of each dimension, plus the total.
  std::vector<query::Dimension> dimensions = default_dimensions();
  // And each value combination of these dimension sets (a change confined to one account's
  // use of one service can be too small to see in either dimension alone).
  std::vector<std::vector<query::Dimension>> combinations = default_combinations();
  bool include_total = true;
  // Only rows of these ChargeCategory values (empty = all). Usage by default: purchases of
  // commitments, taxes and credits are deliberate or derived, not consumption anomalies.
  std::vector<std::string> charge_categories = {"Usage"};
  // Rows scanned; nullopt = everything in the source (by ChargePeriodStart).
  std::optional<core::Period> time_range;
  // Contribution analysis over these (ResourceId is counted, not drilled into).
  std::vector<query::Dimension> root_cause_dimensions = default_root_cause_dimensions();
  bool explain = true;
  // Detector settings; `season` and `min_delta` are set from the granularity when left at 0.
  CostDetectorOptions detector = {.season = 0, .min_delta = {}};
  RootCauseOptions root_cause;
  core::ThreadPool* pool = nullptr;  // nullptr: core::ThreadPool::shared()

  // ServiceName, SubAccountId, RegionId, x_UsageType (account ids: some readers, such as the
  // legacy CUR's, leave SubAccountName null).
  static std::vector<query::Dimension> default_dimensions();
  // SubAccountId × ServiceName.
  static std::vector<std::vector<query::Dimension>> default_combinations();
  // SubAccountId, SubAccountName, ServiceName, RegionId, x_UsageType, ResourceType, ResourceId.
  static std::vector<query::Dimension> default_root_cause_dimensions();
};

// Anomalies of the source, most impactful first, with ids (see anomaly_id), summaries and root
// causes. Errors: InvalidArgument for a granularity other than day or hour or an invalid
// dimension; the query executor's errors.
core::Result<std::vector<Anomaly>> scan_anomalies(const store::TableSource& source,
                                                  const ScanOptions& options = {});

// The stable id of an anomaly: a hash of its series key, currency, direction and start.
std::string anomaly_id(const Anomaly& anomaly);

}  // namespace optima::analysis
