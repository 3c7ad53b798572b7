#include "optima/notify/payloads.h"

#include <fmt/format.h>

namespace optima::notify {
namespace {

using nlohmann::json;

// Slack allows at most 10 fields per section block.
constexpr size_t kSlackMaxFields = 10;

std::string_view severity_color(AlertSeverity s) {
  switch (s) {
    case AlertSeverity::kInfo: return "2E77BC";
    case AlertSeverity::kWarning: return "F2A100";
    case AlertSeverity::kCritical: return "D13438";
  }
  return "2E77BC";
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

json webhook_payload(const Notification& n) {
  json facts = json::object();
  for (const auto& [label, value] : n.facts) facts[label] = value;
  return {{"event", "alert"},
          {"dedupe_key", n.dedupe_key()},
          {"rule", {{"id", n.rule_id}, {"name", n.rule_name}, {"type", n.rule_type}}},
          {"subject", n.subject},
          {"period", n.period},
          {"severity", alert_severity_name(n.severity)},
          {"title", n.title},
          {"text", n.text},
          {"facts", std::move(facts)},
          {"created_at", core::format_iso8601(n.created_at)}};
}

json slack_payload(const Notification& n) {
  json blocks = json::array();
  blocks.push_back({{"type", "header"},
                    {"text", {{"type", "plain_text"}, {"text", n.title.substr(0, 150)}}}});
  blocks.push_back({{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", n.text}}}});
  if (!n.facts.empty()) {
    json fields = json::array();
    for (size_t i = 0; i < n.facts.size() && i < kSlackMaxFields; ++i)
      fields.push_back({{"type", "mrkdwn"},
                        {"text", fmt::format("*{}*\n{}", n.facts[i].first, n.facts[i].second)}});
    blocks.push_back({{"type", "section"}, {"fields", std::move(fields)}});
  }
  blocks.push_back(
      {{"type", "context"},
       {"elements",
        json::array({{{"type", "mrkdwn"},
                      {"text", fmt::format("CloudOptima · {} · rule \"{}\" · {}",
                                           alert_severity_name(n.severity), n.rule_name,
                                           n.period)}}})}});
  return {{"text", fmt::format("{}: {}", n.title, n.text)}, {"blocks", std::move(blocks)}};
}

json teams_payload(const Notification& n) {
  json facts = json::array();
  for (const auto& [label, value] : n.facts) facts.push_back({{"name", label}, {"value", value}});
  return {{"@type", "MessageCard"},
          {"@context", "https://schema.org/extensions"},
          {"summary", n.title},
          {"themeColor", severity_color(n.severity)},
          {"title", n.title},
          {"sections", json::array({{{"activityTitle", fmt::format("Rule \"{}\" ({})", n.rule_name,
                                                                    alert_severity_name(n.severity))},
                                     {"activitySubtitle", n.period},
                                     {"text", n.text},
                                     {"facts", std::move(facts)}}})}};
}

EmailContent email_content(const Notification& n) {
  EmailContent e;
  e.subject = fmt::format("[CloudOptima] {}", n.title);
  e.text = n.title + "\n\n" + n.text + "\n\n";
  for (const auto& [label, value] : n.facts) e.text += fmt::format("{}: {}\n", label, value);
  e.text += fmt::format("\nRule \"{}\" ({}), period {}.\n", n.rule_name, alert_severity_name(n.severity),
                        n.period);
  e.html = fmt::format(
      "<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n"
      "<h2 style=\"color: #{}\">{}</h2>\n<p>{}</p>\n",
      severity_color(n.severity), html_escape(n.title), html_escape(n.text));
  if (!n.facts.empty()) {
    e.html += "<table cellpadding=\"4\">\n";
    for (const auto& [label, value] : n.facts)
      e.html += fmt::format("<tr><th align=\"left\">{}</th><td>{}</td></tr>\n", html_escape(label),
                            html_escape(value));
    e.html += "</table>\n";
  }
  e.html += fmt::format("<p style=\"color: #666\">Rule &quot;{}&quot; ({}), period {}.</p>\n</body></html>\n",
                        html_escape(n.rule_name), alert_severity_name(n.severity),
                        html_escape(n.period));
  return e;
}

}  // namespace optima::notify
