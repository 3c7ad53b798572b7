// Channel: where alerts go — a generic JSON webhook signed with HMAC-SHA256, a Slack or Teams
// incoming webhook, or email over SMTP — with its JSON forms.
//
// Secrets (the webhook signing key, Slack/Teams URLs, which embed a token, and the SMTP
// password) are kept apart: channel_to_json() shows only whether they are set, and
// channel_secrets_to_json() is for the state database alone. Plain value type.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "optima/core/status.h"
#include "optima/notify/smtp_client.h"

namespace optima::notify {

enum class ChannelKind { kWebhook, kSlack, kTeams, kEmail };

std::string_view channel_kind_name(ChannelKind kind);
std::optional<ChannelKind> parse_channel_kind(std::string_view text);

struct Channel {
  int64_t id = 0;  // assigned by AlertRepository
  std::string name;
  ChannelKind kind = ChannelKind::kWebhook;
  bool enabled = true;
  // Webhook, Slack, Teams.
  std::string url;     // secret for Slack and Teams
  std::string secret;  // webhook signing key (required for kWebhook)
  // Email.
  SmtpSettings smtp;  // smtp.password is secret
  std::string from;
  std::vector<std::string> to;
  friend bool operator==(const Channel& a, const Channel& b);
};

// Checks a channel; errors are InvalidArgument naming the field ("url: …", "to[1]: …",
// "secret: required for a webhook channel (the HMAC-SHA256 signing key)").
core::Status validate_channel(const Channel& channel);

// Reads a channel with its secrets (API and CLI input):
//   {"name", "kind": "webhook|slack|teams|email", "enabled"?, "url"?, "secret"?,
//    "smtp": {"host", "port"?, "security"?: "none|starttls|tls", "username"?, "password"?,
//             "helo_name"?, "ca_file"?, "timeout_ms"?}?, "from"?, "to"?: [..]}
core::Result<Channel> channel_from_json(const nlohmann::json& document);
// For display: secrets replaced by "secret_set"/"password_set" booleans and Slack/Teams URLs
// redacted. Never contains a secret.
nlohmann::json channel_to_json(const Channel& channel);
// The non-secret configuration and the secrets, for storage; channel_from_stored() joins them.
nlohmann::json channel_config_to_json(const Channel& channel);
nlohmann::json channel_secrets_to_json(const Channel& channel);
core::Result<Channel> channel_from_stored(const nlohmann::json& config, const nlohmann::json& secrets);

}  // namespace optima::notify
