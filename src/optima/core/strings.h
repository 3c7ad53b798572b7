// ASCII string helpers for headers, identifiers and enum values. Locale-independent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace optima::core {

char to_lower_ascii(char c);
std::string to_lower_ascii(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);
// Removes ASCII spaces, tabs, CR and LF at both ends.
std::string_view trim(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
// Joins with `sep`.
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// Strips a UTF-8 byte order mark if present.
std::string_view strip_utf8_bom(std::string_view s);
// Lower-case letters and digits only: "Abonnement-GUID (SubscriptionGuid)" -> "abonnementguidsubscriptionguid".
std::string normalize_identifier(std::string_view s);

// std::from_chars wrappers (no exceptions, no locale). Whole string must match.
std::optional<int64_t> parse_int64(std::string_view s);
std::optional<double> parse_double(std::string_view s);

// Quotes for display in messages: at most 60 chars, control characters escaped.
std::string quote_for_message(std::string_view s);

}  // namespace optima::core
