#include "optima/notify/anomaly_event.h"

namespace optima::notify {

std::string_view anomaly_severity_name(AnomalySeverity severity) {
  switch (severity) {
    case AnomalySeverity::kLow: return "low";
    case AnomalySeverity::kMedium: return "medium";
    case AnomalySeverity::kHigh: return "high";
    case AnomalySeverity::kCritical: return "critical";
  }
  return "low";
}

std::optional<AnomalySeverity> parse_anomaly_severity(std::string_view text) {
  for (AnomalySeverity s : {AnomalySeverity::kLow, AnomalySeverity::kMedium,
                            AnomalySeverity::kHigh, AnomalySeverity::kCritical})
    if (text == anomaly_severity_name(s)) return s;
  return std::nullopt;
}

}  // namespace optima::notify
