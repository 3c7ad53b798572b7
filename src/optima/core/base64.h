// Base64 (RFC 4648): the padded standard alphabet for MIME and SMTP AUTH, and unpadded
// base64url for tokens that travel in URLs (query cursors).
#pragma once

#include <string>
#include <string_view>

namespace optima::core {

// Standard alphabet, '=' padded.
std::string base64_encode(std::string_view bytes);
// URL-safe alphabet ('-', '_'), no padding.
std::string base64url_encode(std::string_view bytes);
// Decodes unpadded base64url into *out (appended). False on a character outside the alphabet.
bool base64url_decode(std::string_view text, std::string* out);

}  // namespace optima::core
