// UTC time: timestamps, calendar arithmetic, billing periods, and the date formats clouds write.
//
// A Timestamp is whole seconds since 1970-01-01T00:00:00Z; FOCUS times have second resolution
// (sub-second parts in sources are truncated). Periods are [start, end). std::chrono in g++ 12
// has no time zones, so the one zone billing needs (US Pacific, for Google's invoice months) is
// implemented here from the US daylight-saving rules in force since 2007.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "optima/core/status.h"

namespace optima::core {

struct Timestamp {
  int64_t unix_seconds = 0;
  friend constexpr auto operator<=>(Timestamp, Timestamp) = default;
};

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend constexpr auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// Half-open [start, end).
struct Period {
  Timestamp start;
  Timestamp end;
  bool contains(Timestamp t) const { return start <= t && t < end; }
  friend constexpr auto operator<=>(const Period&, const Period&) = default;
};

inline constexpr int64_t kSecondsPerDay = 86400;

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t days_from_civil(CivilDate date);
CivilDate civil_from_days(int64_t days);
bool is_valid_date(CivilDate date);
int days_in_month(int year, int month);

Timestamp make_timestamp(CivilDate date, int hour = 0, int minute = 0, int second = 0);
CivilDate date_of(Timestamp t);
Timestamp start_of_day(Timestamp t);
Timestamp start_of_month(Timestamp t);
// First instant of the month `months` after the month containing t (negative goes back).
Timestamp add_months(Timestamp t, int months);
// The calendar month containing t, in UTC.
Period month_of(Timestamp t);

// Parses the timestamps billing files contain, always as UTC:
//   2024-01-31T10:00:00Z, 2024-01-31T10:00:00.000Z, 2024-01-31T10:00Z, 2024-01-31T10:00:00+00:00,
//   2024-01-31 10:00:00, 2024-01-31T10:00:00 (no zone = UTC), 2024-01-31 (midnight),
//   01/31/2024 and 1/31/2024 (US month/day/year, Azure), 1/31/24 (two-digit year = 20YY, as
//   spreadsheets write; the FOCUS spec examples use it), 31.01.2024 (German Azure exports),
//   20240131 (compact).
// An explicit non-zero offset is applied. Returns false on anything else or an impossible date.
bool parse_timestamp(std::string_view text, Timestamp* out);
Result<Timestamp> timestamp_from_string(std::string_view text);

// "2024-01-31T10:00:00Z" (the FOCUS Date/Time format).
std::string format_iso8601(Timestamp t);
// "2024-01-31".
std::string format_date(Timestamp t);

// UTC instant of local midnight on the 1st of `month` in America/Los_Angeles: 08:00Z in PST
// months (Dec-Mar), 07:00Z in PDT months (Apr-Nov). Valid for years from 2007 on.
Timestamp pacific_month_start(int year, int month);
// The Google Cloud invoice month "YYYYMM" as a UTC period of Pacific-time month bounds.
Result<Period> pacific_invoice_month(std::string_view yyyymm);

}  // namespace optima::core
