#include "optima/notify/channel_sender.h"

#include <fmt/format.h>

#include "optima/core/file_io.h"
#include "optima/core/strings.h"
#include "optima/notify/hmac_signature.h"
#include "optima/notify/payloads.h"
#include "optima/notify/retry_policy.h"

namespace optima::notify {
namespace {

std::string message_id_domain(const Channel& channel) {
  const size_t at = channel.from.find('@');
  return at == std::string::npos ? "cloudoptima.local" : channel.from.substr(at + 1);
}

AttemptResult send_email(const Channel& channel, const std::string& mime) {
  AttemptResult r;
  core::Status s = send_smtp(channel.smtp, channel.from, channel.to, mime);
  if (s.is_ok()) {
    r.delivered = true;
    return r;
  }
  r.error = s.message();
  // Network trouble and 4xx replies are transient; 5xx refusals and bad settings are not.
  r.retryable = s.code() == core::StatusCode::kIoError;
  return r;
}

AttemptResult post(const Channel& channel, const std::string& body, core::Timestamp now,
                   const HttpClientOptions& options) {
  HttpRequest request;
  request.url = channel.url;
  request.body = body;
  request.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  if (channel.kind == ChannelKind::kWebhook) {
    request.headers.emplace_back(kTimestampHeader, std::to_string(now.unix_seconds));
    request.headers.emplace_back(kSignatureHeader,
                                 webhook_signature(channel.secret, now.unix_seconds, body));
  }
  AttemptResult r;
  auto response = send_http(request, options);
  if (!response.is_ok()) {
    r.error = response.status().message();
    r.retryable = response.status().code() == core::StatusCode::kIoError;
    return r;
  }
  r.response_code = response->status;
  if (response->status >= 200 && response->status < 300) {
    r.delivered = true;
    return r;
  }
  std::string excerpt = response->body.substr(0, 200);
  r.error = fmt::format("HTTP {}{}", response->status,
                        excerpt.empty() ? "" : ": " + core::quote_for_message(excerpt));
  r.retryable = is_retryable_http_status(response->status);
  for (const auto& [name, value] : response->headers)
    if (core::iequals(name, "Retry-After")) r.retry_after_seconds = core::parse_int64(value);
  return r;
}

}  // namespace

std::string render_payload(const Channel& channel, const Notification& n, core::Timestamp now) {
  switch (channel.kind) {
    case ChannelKind::kWebhook: return webhook_payload(n).dump();
    case ChannelKind::kSlack: return slack_payload(n).dump();
    case ChannelKind::kTeams: return teams_payload(n).dump();
    case ChannelKind::kEmail: {
      const EmailContent content = email_content(n);
      EmailMessage message{channel.from, channel.to, content.subject, content.text, content.html};
      const std::string seed = core::sha256_hex(n.dedupe_key()).substr(0, 24);
      return build_mime_message(message, now, message_id_domain(channel), seed);
    }
  }
  return {};
}

AttemptResult send_once(const Channel& channel, const std::string& payload, core::Timestamp now,
                        const HttpClientOptions& http) {
  if (channel.kind == ChannelKind::kEmail) return send_email(channel, payload);
  return post(channel, payload, now, http);
}

}  // namespace optima::notify
