#include "optima/demo/text_format.h"

#include <array>

namespace optima::demo {
namespace {

using core::UInt128;

constexpr uint64_t kTen18 = 1000000000000000000ULL;

// Decimal digits of v (no leading zeros; "0" for zero) into buf; returns the digit count.
int u128_digits(UInt128 v, std::array<char, 40>& buf) {
  if (v == 0) {
    buf[0] = '0';
    return 1;
  }
  char tmp[40];
  int n = 0;
  // Peel 18-digit chunks so most of the work is 64-bit arithmetic.
  while (v > 0) {
    uint64_t chunk = 0;
    bool last = false;
    if (v >= kTen18) {
      chunk = static_cast<uint64_t>(v % kTen18);
      v /= kTen18;
    } else {
      chunk = static_cast<uint64_t>(v);
      v = 0;
      last = true;
    }
    for (int i = 0; i < 18 && (!last || chunk > 0); ++i) {
      tmp[n++] = static_cast<char>('0' + chunk % 10);
      chunk /= 10;
    }
  }
  for (int i = 0; i < n; ++i) buf[static_cast<size_t>(i)] = tmp[n - 1 - i];
  return n;
}

UInt128 magnitude(Int128 units) {
  return units < 0 ? static_cast<UInt128>(-(units + 1)) + 1 : static_cast<UInt128>(units);
}

void append_two(std::string& out, int v) {
  out.push_back(static_cast<char>('0' + v / 10));
  out.push_back(static_cast<char>('0' + v % 10));
}

void append_scientific(std::string& out, Int128 units, bool java_style) {
  std::array<char, 40> digits{};
  int n = u128_digits(magnitude(units), digits);
  const int exponent = n - 1 - core::Decimal::kScale;
  while (n > 1 && digits[static_cast<size_t>(n - 1)] == '0') --n;
  if (units < 0) out.push_back('-');
  out.push_back(digits[0]);
  if (n > 1) {
    out.push_back('.');
    out.append(digits.data() + 1, static_cast<size_t>(n - 1));
  }
  out.push_back(java_style ? 'E' : 'e');
  out.push_back(exponent < 0 ? '-' : '+');
  const int e = exponent < 0 ? -exponent : exponent;
  if (java_style) {
    append_int(out, e);
  } else {
    if (e < 10) out.push_back('0');
    append_int(out, e);
  }
}

}  // namespace

void append_decimal(std::string& out, Int128 units) {
  const UInt128 mag = magnitude(units);
  const UInt128 whole = mag / kTen18;
  uint64_t frac = static_cast<uint64_t>(mag % kTen18);
  if (units < 0) out.push_back('-');
  if (whole <= static_cast<UInt128>(UINT64_MAX)) {
    append_int(out, static_cast<int64_t>(static_cast<uint64_t>(whole)));
  } else {
    std::array<char, 40> digits{};
    const int n = u128_digits(whole, digits);
    out.append(digits.data(), static_cast<size_t>(n));
  }
  if (frac == 0) return;
  char buf[18];
  int len = 18;
  for (int i = 17; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  while (len > 0 && buf[len - 1] == '0') --len;
  out.push_back('.');
  out.append(buf, static_cast<size_t>(len));
}

void append_decimal_java(std::string& out, Int128 units) {
  constexpr Int128 kMicro = 1000000000000;  // 10^-6 in units
  if (units != 0 && units > -kMicro && units < kMicro) {
    append_scientific(out, units, true);
    return;
  }
  append_decimal(out, units);
}

void append_decimal_json(std::string& out, Int128 units) {
  constexpr Int128 kTenThousandth = 100000000000000;  // 10^-4 in units
  if (units != 0 && units > -kTenThousandth && units < kTenThousandth) {
    append_scientific(out, units, false);
    return;
  }
  append_decimal(out, units);
}

void append_decimal_fixed(std::string& out, Int128 units, int digits) {
  const Int128 rounded = core::Decimal::from_units(units).round(digits).units();
  const UInt128 mag = magnitude(rounded);
  const UInt128 whole = mag / kTen18;
  uint64_t frac = static_cast<uint64_t>(mag % kTen18);
  if (rounded < 0) out.push_back('-');
  std::array<char, 40> buf{};
  const int n = u128_digits(whole, buf);
  out.append(buf.data(), static_cast<size_t>(n));
  if (digits <= 0) return;
  char f[18];
  for (int i = 17; i >= 0; --i) {
    f[i] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  out.push_back('.');
  out.append(f, static_cast<size_t>(digits < 18 ? digits : 18));
}

void append_int(std::string& out, int64_t value) {
  char buf[24];
  int n = 0;
  uint64_t v = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0);
  if (value < 0) out.push_back('-');
  while (n > 0) out.push_back(buf[--n]);
}

void append_padded(std::string& out, int64_t value, int width) {
  char buf[24];
  int n = 0;
  auto v = static_cast<uint64_t>(value);
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0);
  for (int i = n; i < width; ++i) out.push_back('0');
  while (n > 0) out.push_back(buf[--n]);
}

void append_csv(std::string& out, std::string_view cell) {
  bool needs_quotes = false;
  for (const char c : cell) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r') {
      needs_quotes = true;
      break;
    }
  }
  if (!needs_quotes) {
    out.append(cell);
    return;
  }
  out.push_back('"');
  for (const char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20) {
      out.append("\\u00");
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15U]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

namespace {

struct Parts {
  core::CivilDate date;
  int hour, minute, second;
};

Parts split(core::Timestamp t) {
  int64_t days = t.unix_seconds / core::kSecondsPerDay;
  int64_t secs = t.unix_seconds % core::kSecondsPerDay;
  if (secs < 0) {
    secs += core::kSecondsPerDay;
    --days;
  }
  const auto s = static_cast<int>(secs);
  return {core::civil_from_days(days), s / 3600, (s / 60) % 60, s % 60};
}

void append_ymd(std::string& out, const core::CivilDate& d, char sep) {
  append_padded(out, d.year, 4);
  out.push_back(sep);
  append_two(out, d.month);
  out.push_back(sep);
  append_two(out, d.day);
}

void append_hms(std::string& out, const Parts& p) {
  append_two(out, p.hour);
  out.push_back(':');
  append_two(out, p.minute);
  out.push_back(':');
  append_two(out, p.second);
}

}  // namespace

void append_iso8601(std::string& out, core::Timestamp t) {
  const Parts p = split(t);
  append_ymd(out, p.date, '-');
  out.push_back('T');
  append_hms(out, p);
  out.push_back('Z');
}

void append_iso8601_millis(std::string& out, core::Timestamp t) {
  const Parts p = split(t);
  append_ymd(out, p.date, '-');
  out.push_back('T');
  append_hms(out, p);
  out.append(".000Z");
}

void append_mdy(std::string& out, core::Timestamp t) {
  const Parts p = split(t);
  append_two(out, p.date.month);
  out.push_back('/');
  append_two(out, p.date.day);
  out.push_back('/');
  append_padded(out, p.date.year, 4);
}

void append_bigquery_timestamp(std::string& out, core::Timestamp t) {
  const Parts p = split(t);
  append_ymd(out, p.date, '-');
  out.push_back(' ');
  append_hms(out, p);
  out.append(" UTC");
}

void append_compact_date(std::string& out, core::Timestamp t) {
  const Parts p = split(t);
  append_padded(out, p.date.year, 4);
  append_two(out, p.date.month);
  append_two(out, p.date.day);
}

void append_iso_date(std::string& out, core::Timestamp t) {
  append_ymd(out, split(t).date, '-');
}

std::string decimal_text(Int128 units) {
  std::string s;
  append_decimal(s, units);
  return s;
}

std::string iso8601_text(core::Timestamp t) {
  std::string s;
  append_iso8601(s, t);
  return s;
}

}  // namespace optima::demo
