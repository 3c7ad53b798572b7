#include "optima/focus/conformance/value_formats.h"

#include <array>
#include <cstdint>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

#include "optima/core/strings.h"
#include "optima/core/time.h"

namespace optima::focus {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_alpha(char c) {
  return is_upper(c) || (c >= 'a' && c <= 'z');
}

// Advances *i over ASCII digits; returns how many.
size_t skip_digits(std::string_view s, size_t* i) {
  const size_t start = *i;
  while (*i < s.size() && is_digit(s[*i])) {
    ++*i;
  }
  return *i - start;
}

// Scans [sign] digits [. digits] [e|E [sign] digits]; which signs are allowed is configurable.
bool scan_number(std::string_view s, bool allow_plus, bool allow_exponent_plus) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || (allow_plus && s[i] == '+'))) {
    ++i;
  }
  const size_t int_digits = skip_digits(s, &i);
  size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    frac_digits = skip_digits(s, &i);
    if (frac_digits == 0) {
      return false;  // "5." is not a number; ".5" is.
    }
  }
  if (int_digits + frac_digits == 0) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || (allow_exponent_plus && s[i] == '+'))) {
      ++i;
    }
    if (skip_digits(s, &i) == 0) {
      return false;
    }
  }
  return i == s.size();
}

bool parse_fixed(std::string_view s, size_t pos, size_t len, int* out) {
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (!is_digit(s[i])) {
      return false;
    }
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

// UnitFormat base-unit names (FOCUS 1.2 Unit Format attribute).
const std::vector<std::string_view>& data_size_units() {
  static const std::vector<std::string_view> kUnits = {
      "b",  "Kb",  "Mb",  "Gb",  "Tb",  "Pb",  "Eb",  "B",   "KB",  "MB",  "GB",  "TB",  "PB",
      "EB", "Kib", "Mib", "Gib", "Tib", "Pib", "Eib", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  return kUnits;
}

const std::vector<std::string_view>& named_units() {
  static const std::vector<std::string_view> kUnits = {
      // time-based (allowed)
      "Year", "Years", "Month", "Months", "Day", "Days", "Hour", "Hours", "Minute", "Minutes",
      "Second", "Seconds", "Millisecond", "Milliseconds", "Microsecond", "Microseconds",
      // count-based (recommended)
      "Count", "Counts", "Unit", "Units", "Request", "Requests", "Token", "Tokens", "Connection",
      "Connections", "Certificate", "Certificates", "Domain", "Domains", "Core", "Cores"};
  return kUnits;
}

bool is_positive_integer(std::string_view s) {
  if (s.empty() || s[0] == '0') {
    return false;
  }
  for (char c : s) {
    if (!is_digit(c)) {
      return false;
    }
  }
  return true;
}

// One word of a base unit: a listed name exactly, or a capitalised alphanumeric noun.
bool is_unit_word(std::string_view w) {
  if (w.empty()) {
    return false;
  }
  for (char c : w) {
    if (!is_alpha(c) && !is_digit(c)) {
      return false;
    }
  }
  bool listed_ignoring_case = false;
  for (const auto* list : {&data_size_units(), &named_units()}) {
    for (std::string_view name : *list) {
      if (name == w) {
        return true;
      }
      if (core::iequals(name, w)) {
        listed_ignoring_case = true;
      }
    }
  }
  if (listed_ignoring_case) {
    return false;  // "gb", "hours": listed terms keep their casing
  }
  if (w.size() > 1 && (w.back() == 's' || w.back() == 'S')) {
    for (std::string_view abbreviation : data_size_units()) {
      if (core::iequals(w.substr(0, w.size() - 1), abbreviation)) {
        return false;  // "GBs"
      }
    }
  }
  return is_upper(w[0]);
}

// A base unit: one or more unit words separated by single spaces ("Server Hours").
bool is_base_unit(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  for (std::string_view word : core::split(s, ' ')) {
    if (!is_unit_word(word)) {
      return false;
    }
  }
  return true;
}

// [<quantity> ' '] <base> ['-' <base>]
bool is_unit_term(std::string_view s, bool allow_compound) {
  const size_t space = s.find(' ');
  if (space != std::string_view::npos && is_positive_integer(s.substr(0, space))) {
    s = s.substr(space + 1);
  }
  const size_t dash = s.find('-');
  if (dash == std::string_view::npos) {
    return is_base_unit(s);
  }
  if (!allow_compound) {
    return false;
  }
  return is_base_unit(s.substr(0, dash)) && is_base_unit(s.substr(dash + 1));
}

// SAX handler checking the KeyValueFormat shape without building a document.
class KeyValueChecker : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool null() override { return scalar(); }
  bool boolean(bool /*value*/) override { return scalar(); }
  bool number_integer(number_integer_t /*value*/) override { return scalar(); }
  bool number_unsigned(number_unsigned_t /*value*/) override { return scalar(); }
  bool number_float(number_float_t /*value*/, const string_t& /*text*/) override {
    return scalar();
  }
  bool string(string_t& /*value*/) override { return scalar(); }
  bool binary(binary_t& /*value*/) override { return fail("binary value"); }
  bool start_object(std::size_t /*size*/) override {
    if (depth_ == 0) {
      depth_ = 1;
      return true;
    }
    return fail("value of \"" + key_ + "\" is an object");
  }
  bool end_object() override { return true; }
  bool start_array(std::size_t /*size*/) override {
    if (depth_ == 0) {
      return fail("a JSON array, not an object");
    }
    return fail("value of \"" + key_ + "\" is an array");
  }
  bool end_array() override { return true; }
  bool key(string_t& value) override {
    if (!keys_.insert(value).second) {
      return fail("duplicate key \"" + value + "\"");
    }
    key_ = value;
    return true;
  }
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& /*ex*/) override {
    if (why_.empty()) {
      why_ = "not valid JSON (at byte " + std::to_string(position) + ")";
    }
    return false;
  }

  const std::string& why() const { return why_; }

 private:
  bool scalar() {
    if (depth_ == 0) {
      return fail("a JSON scalar, not an object");
    }
    return true;
  }
  bool fail(std::string why) {
    why_ = std::move(why);
    return false;
  }

  int depth_ = 0;
  std::string key_;
  std::set<std::string> keys_;
  std::string why_;
};

}  // namespace

bool is_numeric_format(std::string_view text) {
  return scan_number(text, /*allow_plus=*/false, /*allow_exponent_plus=*/false);
}

bool is_decimal_text(std::string_view text) {
  return scan_number(core::trim(text), /*allow_plus=*/true, /*allow_exponent_plus=*/true);
}

bool is_datetime_format(std::string_view text) {
  // YYYY-MM-DDTHH:mm:ssZ
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return false;
  }
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!parse_fixed(text, 0, 4, &year) || !parse_fixed(text, 5, 2, &month) ||
      !parse_fixed(text, 8, 2, &day) || !parse_fixed(text, 11, 2, &hour) ||
      !parse_fixed(text, 14, 2, &minute) || !parse_fixed(text, 17, 2, &second)) {
    return false;
  }
  return core::is_valid_date({year, month, day}) && hour < 24 && minute < 60 && second < 60;
}

bool is_datetime_text(std::string_view text) {
  // M/D/YY: the date part ends two digits after its second '/'.
  const std::string_view date = text.substr(0, text.find(' '));
  const size_t second_slash = date.find('/', date.find('/') + 1);
  if (date.find('/') != std::string_view::npos && second_slash != std::string_view::npos &&
      date.size() - second_slash - 1 == 2) {
    return false;
  }
  core::Timestamp ignored;
  return core::parse_timestamp(text, &ignored);
}

bool is_valid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<uint8_t>(text[i]);
    size_t extra = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07u;
    } else {
      return false;
    }
    if (i + extra >= text.size()) {
      return false;  // truncated sequence
    }
    for (size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<uint8_t>(text[i + k]);
      if ((cc & 0xC0) != 0x80) {
        return false;
      }
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    static constexpr std::array<uint32_t, 4> kMin = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

bool is_unit_format(std::string_view text) {
  if (text.empty() || text.find("  ") != std::string_view::npos) {
    return false;
  }
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    return is_unit_term(text, /*allow_compound=*/true);
  }
  const std::string_view numerator = text.substr(0, slash);
  const std::string_view denominator = text.substr(slash + 1);
  if (denominator.find('/') != std::string_view::npos) {
    return false;
  }
  return is_unit_term(numerator, /*allow_compound=*/true) &&
         is_unit_term(denominator, /*allow_compound=*/false);
}

bool is_key_value_format(std::string_view text, std::string* why) {
  // KeyValueChecker::parse_error returns false, so a syntax error ends sax_parse with false
  // instead of an exception.
  KeyValueChecker checker;
  const bool ok = nlohmann::json::sax_parse(text.begin(), text.end(), &checker,
                                            nlohmann::json::input_format_t::json, /*strict=*/true);
  if (!ok && why != nullptr) {
    *why = checker.why().empty() ? "not valid JSON" : checker.why();
  }
  return ok;
}

bool is_currency_format(std::string_view text, const CurrencyCodes& codes) {
  if (text.size() == 3 && is_alpha(text[0]) && is_alpha(text[1]) && is_alpha(text[2])) {
    return codes.contains(text);
  }
  return is_valid_utf8(text) && !core::trim(text).empty();
}

}  // namespace optima::focus
