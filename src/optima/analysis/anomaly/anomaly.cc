// Names of the anomaly enums and the series key (see anomaly.h).
#include "optima/analysis/anomaly/anomaly.h"

namespace optima::analysis {

std::string_view anomaly_kind_name(AnomalyKind kind) {
  switch (kind) {
    case AnomalyKind::kSpike: return "spike";
    case AnomalyKind::kLevelShift: return "level_shift";
    case AnomalyKind::kDrift: return "drift";
  }
  return "spike";
}

std::string_view direction_name(AnomalyDirection direction) {
  return direction == AnomalyDirection::kIncrease ? "increase" : "decrease";
}

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::kLow: return "low";
    case Severity::kMedium: return "medium";
    case Severity::kHigh: return "high";
    case Severity::kCritical: return "critical";
  }
  return "low";
}

std::string Anomaly::series_key() const {
  if (series.empty()) return "total";
  std::string key;
  for (const Attribution& a : series) key += (key.empty() ? "" : ",") + a.dimension + "=" + a.value;
  return key;
}

}  // namespace optima::analysis
