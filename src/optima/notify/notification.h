// Notification: one alert to deliver, as rules produce it and channels render it.
//
// De-duplication: a rule notifies about one subject once per period — dedupe_key() is the same
// for the same (rule, subject, period), and a delivered key is never delivered again to the same
// channel. Plain value type.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "optima/core/time.h"

namespace optima::notify {

enum class AlertSeverity { kInfo, kWarning, kCritical };

std::string_view alert_severity_name(AlertSeverity severity);

struct Notification {
  int64_t rule_id = 0;
  std::string rule_name;
  std::string rule_type;  // alert_rule_type_name()
  std::string subject;    // what it is about: "budget:3:actual:80", "anomaly:AmazonEC2"
  std::string period;     // the period it is about: "2024-03", "2024-03-10"
  AlertSeverity severity = AlertSeverity::kWarning;
  std::string title;  // one line: "Budget payments: 80% threshold crossed"
  std::string text;   // the sentence(s) that explain it
  std::vector<std::pair<std::string, std::string>> facts;  // label, value
  core::Timestamp created_at;

  // "<rule_id>|<subject>|<period>".
  std::string dedupe_key() const;
};

}  // namespace optima::notify
