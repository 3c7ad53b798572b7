// AnomalyEvent: what the alert rules need to know about a detected cost anomaly. The anomaly
// detector's own type is converted to this plain struct where both are wired together.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "optima/core/decimal.h"
#include "optima/core/time.h"

namespace optima::notify {

enum class AnomalySeverity { kLow, kMedium, kHigh, kCritical };

std::string_view anomaly_severity_name(AnomalySeverity severity);
std::optional<AnomalySeverity> parse_anomaly_severity(std::string_view text);

struct AnomalyEvent {
  std::string series_key;  // e.g. "ServiceName=AmazonEC2"
  core::Timestamp day;     // the anomalous day (or bucket start)
  core::Decimal impact;    // spend above the expected value, in `currency`
  std::string currency;
  AnomalySeverity severity = AnomalySeverity::kMedium;
  std::string sentence;  // "EC2 cost 3.2x its usual level on 2024-03-10 (+812.40 USD)"
};

}  // namespace optima::notify
