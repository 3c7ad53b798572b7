// Value-format predicates of the FOCUS 1.2 attributes, as the conformance check functions apply
// them to one cell's text.
//
// Where the upstream validator's SQL is narrower than the specification, these follow the
// specification text (cited per function) and the difference is noted. All functions are pure
// and thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "optima/focus/conformance/currency_codes.h"

namespace optima::focus {

// NumericFormat (FOCUS 1.2 attribute): an integer, a decimal or E notation "mEn": optional '-',
// digits with at most one '.', optional exponent 'E' (or 'e') with an optional '-' (a '+' on
// the exponent or the value is not allowed, nor thousands separators, units or spaces).
// The upstream validator accepts a leading '+' and rejects E notation; the spec says otherwise.
bool is_numeric_format(std::string_view text);

// Data type Decimal for a text cell (TypeDecimal on raw CSV): any number in plain or E notation,
// signs and surrounding spaces allowed ("+1", "1e+3", "0.00 "). Formatting strictness is
// FormatNumeric's job.
bool is_decimal_text(std::string_view text);

// DateTimeFormat: exactly "YYYY-MM-DDTHH:mm:ssZ" with a real calendar date and time.
bool is_datetime_format(std::string_view text);

// Data type Date/Time for a text cell (TypeDateTime on raw CSV): a date/time that
// core::parse_timestamp recognises (ISO 8601 variants, "2024-01-31", "01/31/2024", ...), except
// a two-digit year ("4/1/25"), which the readers accept as 20YY but which does not name a year.
// Whether it is written in the FOCUS format is FormatDateTime's job.
bool is_datetime_text(std::string_view text);

// StringHandling: a valid UTF-8 (Unicode) string. The upstream validator accepts ASCII only,
// which the specification does not require.
bool is_valid_utf8(std::string_view text);

// UnitFormat: "<Q> <units>", "<unit>-<units>", "<units>/<unit>", "<units>/<Q> <units>" where Q is
// a positive integer and each base unit is an allowed data-size abbreviation (b, KB, GiB, ...),
// a time unit (Hour/Hours, ...), or a capitalised noun (words may be separated by spaces).
// A base unit that matches an allowed name only ignoring case ("gb", "hours") or pluralises a
// data-size abbreviation ("GBs") fails.
bool is_unit_format(std::string_view text);

// KeyValueFormat: a JSON object (ECMA-404) with unique keys whose values are strings, numbers,
// true, false or null (no nested objects or arrays). On failure *why (if given) says what is
// wrong, e.g. "value of \"a\" is an array".
bool is_key_value_format(std::string_view text, std::string* why = nullptr);

// CurrencyFormat: a three-letter code must be an ISO 4217 national currency code (exact case);
// anything else is taken as a virtual currency (tokens, credits), which only needs
// StringHandling: valid UTF-8 and not blank.
bool is_currency_format(std::string_view text, const CurrencyCodes& codes);

}  // namespace optima::focus
