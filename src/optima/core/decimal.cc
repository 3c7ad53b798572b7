#include "optima/core/decimal.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

namespace optima::core {
namespace {

using U128 = UInt128;

constexpr U128 pow10_u128(int n) {
  U128 v = 1;
  for (int i = 0; i < n; ++i) v *= 10;
  return v;
}

constexpr int kMaxDigits = 38;  // 10^38 < 2^127
const U128 kMaxUnits = static_cast<U128>(std::numeric_limits<Int128>::max());

// Divides by 10^shift with round-half-to-even. shift may exceed 38 (result 0 or 1 ulp).
U128 div_pow10_half_even(U128 v, int shift) {
  if (shift <= 0) return v;
  if (shift > kMaxDigits) return 0;
  const U128 d = pow10_u128(shift);
  U128 q = v / d;
  const U128 r = v % d;
  const U128 half = d / 2;
  if (r > half || (r == half && (q & 1) != 0)) ++q;
  return q;
}

U128 div_half_even(U128 n, U128 d) {
  U128 q = n / d;
  const U128 r = n % d;
  // Compare r with d - r to avoid overflow of 2r.
  if (r > d - r || (r == d - r && (q & 1) != 0)) ++q;
  return q;
}

// The common shape of billing numbers, [+-]digits[.digits] with at most 19 digits and 18
// fractional digits, fits a uint64 mantissa and needs no rounding: one multiply instead of the
// general 128-bit digit loop. Returns false for every other shape (the general path decides).
bool parse_plain_fast(std::string_view s, Int128* units) {
  static constexpr uint64_t kPow10[19] = {1000000000000000000ULL, 100000000000000000ULL,
                                          10000000000000000ULL,   1000000000000000ULL,
                                          100000000000000ULL,     10000000000000ULL,
                                          1000000000000ULL,       100000000000ULL,
                                          10000000000ULL,         1000000000ULL,
                                          100000000ULL,           10000000ULL,
                                          1000000ULL,             100000ULL,
                                          10000ULL,               1000ULL,
                                          100ULL,                 10ULL,
                                          1ULL};
  size_t i = 0;
  const size_t n = s.size();
  bool negative = false;
  if (i < n && (s[i] == '+' || s[i] == '-')) {
    negative = s[i] == '-';
    ++i;
  }
  uint64_t mantissa = 0;
  int digits = 0;
  for (; i < n && s[i] >= '0' && s[i] <= '9'; ++i, ++digits) {
    mantissa = mantissa * 10 + static_cast<uint64_t>(s[i] - '0');
  }
  int frac = 0;
  if (i < n && s[i] == '.') {
    ++i;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; ++i, ++frac) {
      mantissa = mantissa * 10 + static_cast<uint64_t>(s[i] - '0');
    }
  }
  if (i != n || digits + frac == 0 || digits + frac > 19 || frac > 18) return false;
  const Int128 v = static_cast<Int128>(mantissa) * static_cast<Int128>(kPow10[frac]);
  *units = negative ? -v : v;
  return true;
}

}  // namespace

bool Decimal::parse(std::string_view s, Decimal* out) {
  if (Int128 units = 0; parse_plain_fast(s, &units)) {
    *out = Decimal(units);
    return true;
  }
  size_t i = 0;
  const size_t n = s.size();
  bool negative = false;
  if (i < n && (s[i] == '+' || s[i] == '-')) {
    negative = s[i] == '-';
    ++i;
  }
  U128 mantissa = 0;
  int significant = 0;   // digits accumulated into mantissa
  int frac_digits = 0;   // digits after the point that went into mantissa
  int dropped_int = 0;   // integer digits beyond kMaxDigits (scale up later)
  bool any_digit = false;
  bool sticky = false;   // a nonzero digit was dropped beyond precision
  int round_digit = -1;  // first dropped fractional digit, for rounding
  for (; i < n && s[i] >= '0' && s[i] <= '9'; ++i) {
    any_digit = true;
    const int d = s[i] - '0';
    if (significant == 0 && d == 0) continue;
    if (significant < kMaxDigits) {
      mantissa = mantissa * 10 + static_cast<unsigned>(d);
      ++significant;
    } else {
      ++dropped_int;
      if (d != 0) sticky = true;
    }
  }
  if (i < n && s[i] == '.') {
    ++i;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; ++i) {
      any_digit = true;
      const int d = s[i] - '0';
      if (dropped_int > 0) continue;  // out of range anyway
      if (significant == 0 && d == 0) {
        ++frac_digits;
        continue;
      }
      if (significant < kMaxDigits) {
        mantissa = mantissa * 10 + static_cast<unsigned>(d);
        ++significant;
        ++frac_digits;
      } else if (round_digit < 0) {
        round_digit = d;
      } else if (d != 0) {
        sticky = true;
      }
    }
  }
  if (!any_digit) return false;
  int exponent = 0;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
      exp_negative = s[i] == '-';
      ++i;
    }
    if (i >= n || s[i] < '0' || s[i] > '9') return false;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; ++i) {
      if (exponent < 100000) exponent = exponent * 10 + (s[i] - '0');
    }
    if (exp_negative) exponent = -exponent;
  }
  if (i != n) return false;
  if (dropped_int > 0) return false;  // more than 38 integer digits: out of range

  // value = mantissa × 10^(exponent - frac_digits); units = value × 10^18.
  // A digit dropped past 38 significant digits rounds the mantissa first.
  if (round_digit >= 0 && (round_digit > 5 || (round_digit == 5 && (sticky || (mantissa & 1) != 0)))) {
    ++mantissa;
  }
  const int shift = kScale + exponent - frac_digits;
  U128 units = 0;
  if (mantissa == 0) {
    units = 0;
  } else if (shift >= 0) {
    if (shift > kMaxDigits) return false;
    const U128 factor = pow10_u128(shift);
    if (mantissa > kMaxUnits / factor) return false;
    units = mantissa * factor;
  } else {
    units = div_pow10_half_even(mantissa, -shift);
  }
  if (units > kMaxUnits) return false;
  const auto signed_units = static_cast<Int128>(units);
  *out = Decimal(negative ? -signed_units : signed_units);
  return true;
}

Result<Decimal> Decimal::from_string(std::string_view text) {
  Decimal d;
  if (!parse(text, &d)) {
    return invalid_argument(fmt::format("expected a decimal number, found '{}'", text));
  }
  return d;
}

namespace {
// Writes the digits of v (no sign) into a buffer, least significant first.
int digits_of(U128 v, char* buf) {
  int len = 0;
  do {
    buf[len++] = static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  } while (v != 0);
  return len;
}
}  // namespace

std::string Decimal::to_string() const {
  const bool negative = units_ < 0;
  const U128 mag = negative ? static_cast<U128>(-(units_ + 1)) + 1 : static_cast<U128>(units_);
  const U128 whole = mag / static_cast<U128>(kOne);
  U128 frac = mag % static_cast<U128>(kOne);
  std::string out;
  if (negative && mag != 0) out.push_back('-');
  char buf[48];
  int len = digits_of(whole, buf);
  while (len > 0) out.push_back(buf[--len]);
  if (frac != 0) {
    int frac_len = kScale;
    while (frac % 10 == 0) {
      frac /= 10;
      --frac_len;
    }
    out.push_back('.');
    len = digits_of(frac, buf);
    for (int pad = len; pad < frac_len; ++pad) out.push_back('0');
    while (len > 0) out.push_back(buf[--len]);
  }
  return out;
}

Decimal Decimal::round(int digits) const {
  digits = std::clamp(digits, 0, kScale);
  const bool negative = units_ < 0;
  const U128 mag = negative ? static_cast<U128>(-(units_ + 1)) + 1 : static_cast<U128>(units_);
  const U128 step = pow10_u128(kScale - digits);
  U128 q = mag / step;
  if ((mag % step) * 2 >= step) ++q;
  const auto rounded = static_cast<Int128>(q * step);
  return Decimal(negative ? -rounded : rounded);
}

std::string Decimal::to_fixed(int digits) const {
  digits = std::clamp(digits, 0, kScale);
  const Decimal r = round(digits);
  const bool negative = r.units_ < 0;
  const U128 mag = negative ? static_cast<U128>(-(r.units_ + 1)) + 1 : static_cast<U128>(r.units_);
  const U128 whole = mag / static_cast<U128>(kOne);
  const U128 frac = (mag % static_cast<U128>(kOne)) / pow10_u128(kScale - digits);
  std::string out;
  if (negative && mag != 0) out.push_back('-');
  char buf[48];
  int len = digits_of(whole, buf);
  while (len > 0) out.push_back(buf[--len]);
  if (digits > 0) {
    out.push_back('.');
    len = digits_of(frac, buf);
    for (int pad = len; pad < digits; ++pad) out.push_back('0');
    while (len > 0) out.push_back(buf[--len]);
  }
  return out;
}

double Decimal::to_double() const {
  const auto whole = units_ / kOne;
  const auto frac = units_ % kOne;
  return static_cast<double>(whole) + static_cast<double>(frac) / 1e18;
}

Decimal Decimal::multiply(Decimal a, Decimal b) {
  const bool negative = (a.units_ < 0) != (b.units_ < 0);
  const U128 x = a.units_ < 0 ? static_cast<U128>(-(a.units_ + 1)) + 1 : static_cast<U128>(a.units_);
  const U128 y = b.units_ < 0 ? static_cast<U128>(-(b.units_ + 1)) + 1 : static_cast<U128>(b.units_);
  const U128 one = static_cast<U128>(kOne);
  // x*y/1e18 = x1*y + x0*y1 + x0*y0/1e18 with x = x1*1e18 + x0, y = y1*1e18 + y0.
  const U128 x1 = x / one;
  const U128 x0 = x % one;
  const U128 y1 = y / one;
  const U128 y0 = y % one;
  const U128 low = div_pow10_half_even(x0 * y0, kScale);
  const U128 result = x1 * y + x0 * y1 + low;
  const auto signed_result = static_cast<Int128>(result);
  return Decimal(negative ? -signed_result : signed_result);
}

Decimal Decimal::divide(Decimal a, Decimal b) {
  OPTIMA_CHECK(b.units_ != 0);
  const bool negative = (a.units_ < 0) != (b.units_ < 0);
  const U128 x = a.units_ < 0 ? static_cast<U128>(-(a.units_ + 1)) + 1 : static_cast<U128>(a.units_);
  const U128 y = b.units_ < 0 ? static_cast<U128>(-(b.units_ + 1)) + 1 : static_cast<U128>(b.units_);
  // x/y × 1e18, computed digit-group by digit-group to stay within 128 bits.
  U128 q = x / y;
  U128 r = x % y;
  for (int i = 0; i < kScale; ++i) {
    // r < y <= 2^127, so r*10 may overflow only when y > 2^123; scale down y first then.
    if (r > kMaxUnits / 10) {
      // Rare: huge divisor. Fall back to a coarser but still rounded computation.
      q = q * pow10_u128(kScale - i) + div_half_even(r, y / pow10_u128(kScale - i));
      const auto s = static_cast<Int128>(q);
      return Decimal(negative ? -s : s);
    }
    r *= 10;
    q = q * 10 + r / y;
    r %= y;
  }
  if (r > y - r || (r == y - r && (q & 1) != 0)) ++q;
  const auto signed_q = static_cast<Int128>(q);
  return Decimal(negative ? -signed_q : signed_q);
}

}  // namespace optima::core
