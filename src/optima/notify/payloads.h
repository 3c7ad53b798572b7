// How a Notification looks on each kind of channel: the generic webhook's JSON, a Slack
// incoming-webhook message (`text` fallback + Block Kit `blocks`), a Microsoft Teams
// MessageCard, and an email (subject, plain text, HTML).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "optima/notify/mime_message.h"
#include "optima/notify/notification.h"

namespace optima::notify {

//   {"event": "alert", "dedupe_key", "rule": {"id", "name", "type"}, "subject", "period",
//    "severity", "title", "text", "facts": {label: value}, "created_at"}
nlohmann::json webhook_payload(const Notification& n);
nlohmann::json slack_payload(const Notification& n);
nlohmann::json teams_payload(const Notification& n);

struct EmailContent {
  std::string subject;
  std::string text;
  std::string html;
};
EmailContent email_content(const Notification& n);

// &, <, >, " and ' as HTML entities.
std::string html_escape(std::string_view text);

}  // namespace optima::notify
