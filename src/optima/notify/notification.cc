#include "optima/notify/notification.h"

#include <fmt/format.h>

namespace optima::notify {

std::string_view alert_severity_name(AlertSeverity severity) {
  switch (severity) {
    case AlertSeverity::kInfo: return "info";
    case AlertSeverity::kWarning: return "warning";
    case AlertSeverity::kCritical: return "critical";
  }
  return "info";
}

std::string Notification::dedupe_key() const {
  return fmt::format("{}|{}|{}", rule_id, subject, period);
}

}  // namespace optima::notify
