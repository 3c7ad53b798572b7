// The clouds the price book knows, and how FOCUS ProviderName values and short keys map to them.
#pragma once

#include <optional>
#include <string_view>

namespace optima::pricing {

enum class Provider { kAws, kAzure, kGcp };

// Accepts FOCUS ProviderName spellings ("AWS", "Amazon Web Services", "Microsoft",
// "Microsoft Azure", "Google Cloud", "Google") and short keys ("aws", "azure", "gcp"),
// case-insensitively. nullopt for anything else.
std::optional<Provider> parse_provider(std::string_view text);
// "aws", "azure", "gcp" (catalog and CLI spelling).
std::string_view provider_key(Provider provider);
// FOCUS ProviderName as our readers write it: "AWS", "Microsoft", "Google Cloud".
std::string_view provider_display_name(Provider provider);

}  // namespace optima::pricing
