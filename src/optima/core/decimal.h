// Decimal: exact fixed-point money and quantities.
//
// A Decimal is a signed 128-bit integer count of 10^-18 units, so it holds every value billing
// exports write (AWS rates like 0.0000000400, 8e-07, Azure's 16-digit costs) exactly, and sums of
// hundreds of millions of rows without overflow (range ±1.7e20). Money is never a double.
// Thread-compatible value type.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "optima/core/status.h"

namespace optima::core {

// 128-bit integers (a GCC/Clang extension; __extension__ keeps -Wpedantic quiet).
__extension__ typedef __int128 Int128;           // NOLINT(modernize-use-using)
__extension__ typedef unsigned __int128 UInt128;  // NOLINT(modernize-use-using)

class Decimal {
 public:
  static constexpr int kScale = 18;  // fractional digits
  static constexpr Int128 kOne = static_cast<Int128>(1000000000000000000LL);

  constexpr Decimal() = default;
  static constexpr Decimal from_units(Int128 units) { return Decimal(units); }
  static constexpr Decimal from_int(int64_t whole) { return Decimal(static_cast<Int128>(whole) * kOne); }

  // Parses plain or E-notation text: "12", "-0.75", ".5", "8e-07", "1.2E+3", "+3".
  // Digits beyond 18 fractional places round half to even. Surrounding spaces are not allowed.
  // Returns false (leaving *out untouched) for anything else, including "", "N/A", "1,000", or
  // a value outside the range.
  static bool parse(std::string_view text, Decimal* out);
  // As parse(), with an error message naming the text.
  static Result<Decimal> from_string(std::string_view text);

  constexpr Int128 units() const { return units_; }
  bool is_zero() const { return units_ == 0; }
  bool is_negative() const { return units_ < 0; }

  // Shortest exact plain-decimal text: "0", "-12.5", "0.0000008". Never E-notation.
  std::string to_string() const;
  // Rounded to `digits` fractional digits (half away from zero), zero-padded: "12.50".
  std::string to_fixed(int digits) const;
  // Nearest double, for display and statistics only, never for sums.
  double to_double() const;

  friend constexpr Decimal operator+(Decimal a, Decimal b) { return Decimal(a.units_ + b.units_); }
  friend constexpr Decimal operator-(Decimal a, Decimal b) { return Decimal(a.units_ - b.units_); }
  constexpr Decimal operator-() const { return Decimal(-units_); }
  constexpr Decimal& operator+=(Decimal b) { units_ += b.units_; return *this; }
  constexpr Decimal& operator-=(Decimal b) { units_ -= b.units_; return *this; }
  friend constexpr auto operator<=>(Decimal a, Decimal b) = default;

  // a × b rounded half to even at 18 places. Requires: the product is within range.
  static Decimal multiply(Decimal a, Decimal b);
  // a ÷ b rounded half to even. Requires: b != 0.
  static Decimal divide(Decimal a, Decimal b);
  // Rounds half away from zero to `digits` fractional digits (0..18).
  Decimal round(int digits) const;

 private:
  constexpr explicit Decimal(Int128 units) : units_(units) {}
  Int128 units_ = 0;
};

}  // namespace optima::core
