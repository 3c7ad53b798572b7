#include "optima/notify/channel.h"

#include <fmt/format.h>

#include "optima/analysis/budget/json_fields.h"
#include "optima/notify/url.h"

namespace optima::notify {
namespace {

using nlohmann::json;
using analysis::check_json_object;
using analysis::json_bool;
using analysis::json_child;
using analysis::json_element;
using analysis::json_expected;
using analysis::json_int;
using analysis::json_string;
using analysis::json_strings;

bool url_is_secret(ChannelKind kind) { return kind == ChannelKind::kSlack || kind == ChannelKind::kTeams; }

core::Status parse_smtp(const json& value, SmtpSettings* smtp) {
  OPTIMA_RETURN_IF_ERROR(check_json_object(
      value, "smtp",
      {"host", "port", "security", "username", "password", "helo_name", "ca_file", "timeout_ms"}));
  if (value.contains("host")) {
    OPTIMA_ASSIGN_OR_RETURN(smtp->host, json_string(value["host"], "smtp.host"));
  }
  if (value.contains("port")) {
    OPTIMA_ASSIGN_OR_RETURN(int64_t port, json_int(value["port"], "smtp.port"));
    if (port < 1 || port > 65535) return json_expected("smtp.port", "1 to 65535", value["port"]);
    smtp->port = static_cast<uint16_t>(port);
  }
  if (value.contains("security")) {
    OPTIMA_ASSIGN_OR_RETURN(std::string text, json_string(value["security"], "smtp.security"));
    auto security = parse_smtp_security(text);
    if (!security) return json_expected("smtp.security", "none, starttls or tls", value["security"]);
    smtp->security = *security;
  }
  if (value.contains("username")) {
    OPTIMA_ASSIGN_OR_RETURN(smtp->username, json_string(value["username"], "smtp.username"));
  }
  if (value.contains("password")) {
    OPTIMA_ASSIGN_OR_RETURN(smtp->password, json_string(value["password"], "smtp.password"));
  }
  if (value.contains("helo_name")) {
    OPTIMA_ASSIGN_OR_RETURN(smtp->helo_name, json_string(value["helo_name"], "smtp.helo_name"));
  }
  if (value.contains("ca_file")) {
    OPTIMA_ASSIGN_OR_RETURN(smtp->ca_file, json_string(value["ca_file"], "smtp.ca_file"));
  }
  if (value.contains("timeout_ms")) {
    OPTIMA_ASSIGN_OR_RETURN(int64_t ms, json_int(value["timeout_ms"], "smtp.timeout_ms"));
    if (ms < 100 || ms > 600000)
      return json_expected("smtp.timeout_ms", "100 to 600000", value["timeout_ms"]);
    smtp->timeout = std::chrono::milliseconds(ms);
  }
  return core::Status::ok();
}

json smtp_public_json(const SmtpSettings& s) {
  json out = {{"host", s.host},
              {"port", s.port},
              {"security", smtp_security_name(s.security)},
              {"helo_name", s.helo_name},
              {"timeout_ms", s.timeout.count()}};
  if (!s.username.empty()) out["username"] = s.username;
  if (!s.ca_file.empty()) out["ca_file"] = s.ca_file;
  return out;
}

}  // namespace

bool operator==(const Channel& a, const Channel& b) {
  auto smtp_tuple = [](const SmtpSettings& s) {
    return std::tie(s.host, s.port, s.security, s.username, s.password, s.helo_name, s.ca_file,
                    s.timeout);
  };
  return a.id == b.id && a.name == b.name && a.kind == b.kind && a.enabled == b.enabled &&
         a.url == b.url && a.secret == b.secret && smtp_tuple(a.smtp) == smtp_tuple(b.smtp) &&
         a.from == b.from && a.to == b.to;
}

std::string_view channel_kind_name(ChannelKind kind) {
  switch (kind) {
    case ChannelKind::kWebhook: return "webhook";
    case ChannelKind::kSlack: return "slack";
    case ChannelKind::kTeams: return "teams";
    case ChannelKind::kEmail: return "email";
  }
  return "webhook";
}

std::optional<ChannelKind> parse_channel_kind(std::string_view text) {
  for (ChannelKind k : {ChannelKind::kWebhook, ChannelKind::kSlack, ChannelKind::kTeams,
                        ChannelKind::kEmail})
    if (text == channel_kind_name(k)) return k;
  return std::nullopt;
}

core::Status validate_channel(const Channel& c) {
  if (c.name.empty() || c.name.size() > 200)
    return core::invalid_argument(
        fmt::format("name: expected 1 to 200 characters; found {}", c.name.size()));
  if (c.kind == ChannelKind::kEmail) {
    if (c.smtp.host.empty()) return core::invalid_argument("smtp.host: required for an email channel");
    OPTIMA_RETURN_IF_ERROR(validate_email_address(c.from, "from"));
    if (c.to.empty()) return core::invalid_argument("to: expected at least one recipient");
    for (size_t i = 0; i < c.to.size(); ++i)
      OPTIMA_RETURN_IF_ERROR(validate_email_address(c.to[i], json_element("to", i)));
    if (c.smtp.password.empty() != c.smtp.username.empty())
      return core::invalid_argument("smtp.password: expected both smtp.username and smtp.password, or neither");
    return core::Status::ok();
  }
  auto url = parse_url(c.url);
  if (!url.is_ok()) return core::invalid_argument("url: " + url.status().message());
  if (c.kind == ChannelKind::kWebhook && c.secret.size() < 16)
    return core::invalid_argument(
        "secret: required for a webhook channel (the HMAC-SHA256 signing key, at least 16 "
        "characters)");
  return core::Status::ok();
}

core::Result<Channel> channel_from_json(const json& document) {
  OPTIMA_RETURN_IF_ERROR(check_json_object(
      document, "", {"id", "name", "kind", "enabled", "url", "secret", "smtp", "from", "to"}));
  Channel c;
  if (document.contains("id")) {
    OPTIMA_ASSIGN_OR_RETURN(c.id, json_int(document["id"], "id"));
  }
  if (!document.contains("name")) return core::invalid_argument("name: required");
  OPTIMA_ASSIGN_OR_RETURN(c.name, json_string(document["name"], "name"));
  if (!document.contains("kind")) return core::invalid_argument("kind: required");
  OPTIMA_ASSIGN_OR_RETURN(std::string kind, json_string(document["kind"], "kind"));
  auto parsed_kind = parse_channel_kind(kind);
  if (!parsed_kind)
    return json_expected("kind", "one of webhook, slack, teams, email", document["kind"]);
  c.kind = *parsed_kind;
  if (document.contains("enabled")) {
    OPTIMA_ASSIGN_OR_RETURN(c.enabled, json_bool(document["enabled"], "enabled"));
  }
  if (document.contains("url")) {
    OPTIMA_ASSIGN_OR_RETURN(c.url, json_string(document["url"], "url"));
  }
  if (document.contains("secret")) {
    OPTIMA_ASSIGN_OR_RETURN(c.secret, json_string(document["secret"], "secret"));
  }
  if (document.contains("smtp")) OPTIMA_RETURN_IF_ERROR(parse_smtp(document["smtp"], &c.smtp));
  if (document.contains("from")) {
    OPTIMA_ASSIGN_OR_RETURN(c.from, json_string(document["from"], "from"));
  }
  if (document.contains("to")) {
    OPTIMA_ASSIGN_OR_RETURN(c.to, json_strings(document["to"], "to"));
  }
  OPTIMA_RETURN_IF_ERROR(validate_channel(c));
  return c;
}

json channel_to_json(const Channel& c) {
  json out = channel_config_to_json(c);
  if (c.id != 0) out["id"] = c.id;
  if (c.kind == ChannelKind::kEmail) {
    out["smtp"]["password_set"] = !c.smtp.password.empty();
  } else {
    out["url"] = url_is_secret(c.kind) ? redact_url(c.url) : c.url;
  }
  if (c.kind == ChannelKind::kWebhook) out["secret_set"] = !c.secret.empty();
  return out;
}

json channel_config_to_json(const Channel& c) {
  json out = {{"name", c.name}, {"kind", channel_kind_name(c.kind)}, {"enabled", c.enabled}};
  if (c.kind == ChannelKind::kEmail) {
    out["smtp"] = smtp_public_json(c.smtp);
    out["from"] = c.from;
    out["to"] = c.to;
  } else if (!url_is_secret(c.kind)) {
    out["url"] = c.url;
  }
  return out;
}

json channel_secrets_to_json(const Channel& c) {
  json out = json::object();
  if (url_is_secret(c.kind)) out["url"] = c.url;
  if (!c.secret.empty()) out["secret"] = c.secret;
  if (!c.smtp.password.empty()) out["smtp"] = {{"password", c.smtp.password}};
  return out;
}

core::Result<Channel> channel_from_stored(const json& config, const json& secrets) {
  json merged = config;
  merged.merge_patch(secrets);
  return channel_from_json(merged);
}

}  // namespace optima::notify
