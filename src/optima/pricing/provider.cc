// Provider names: FOCUS ProviderName spellings and short keys.
#include "optima/pricing/provider.h"

#include "optima/core/strings.h"

namespace optima::pricing {

std::optional<Provider> parse_provider(std::string_view text) {
  const std::string t = core::to_lower_ascii(core::trim(text));
  if (t == "aws" || t == "amazon web services" || t == "amazon")
    return Provider::kAws;
  if (t == "azure" || t == "microsoft" || t == "microsoft azure")
    return Provider::kAzure;
  if (t == "gcp" || t == "google" || t == "google cloud" || t == "google cloud platform")
    return Provider::kGcp;
  return std::nullopt;
}

std::string_view provider_key(Provider provider) {
  switch (provider) {
    case Provider::kAws:
      return "aws";
    case Provider::kAzure:
      return "azure";
    case Provider::kGcp:
      return "gcp";
  }
  return "";
}

std::string_view provider_display_name(Provider provider) {
  switch (provider) {
    case Provider::kAws:
      return "AWS";
    case Provider::kAzure:
      return "Microsoft";
    case Provider::kGcp:
      return "Google Cloud";
  }
  return "";
}

}  // namespace optima::pricing
