#include "optima/core/time.h"

#include <fmt/format.h>

namespace optima::core {

int64_t days_from_civil(CivilDate date) {
  const int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (date.month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

bool is_valid_date(CivilDate date) {
  return date.year >= 1 && date.year <= 9999 && date.month >= 1 && date.month <= 12 &&
         date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

Timestamp make_timestamp(CivilDate date, int hour, int minute, int second) {
  return {days_from_civil(date) * kSecondsPerDay + hour * 3600 + minute * 60 + second};
}

namespace {
int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}
}  // namespace

CivilDate date_of(Timestamp t) { return civil_from_days(floor_div(t.unix_seconds, kSecondsPerDay)); }

Timestamp start_of_day(Timestamp t) {
  return {floor_div(t.unix_seconds, kSecondsPerDay) * kSecondsPerDay};
}

Timestamp start_of_month(Timestamp t) {
  CivilDate d = date_of(t);
  d.day = 1;
  return make_timestamp(d);
}

Timestamp add_months(Timestamp t, int months) {
  const CivilDate d = date_of(t);
  const int index = d.year * 12 + (d.month - 1) + months;
  return make_timestamp({index / 12, index % 12 + 1, 1});
}

Period month_of(Timestamp t) { return {start_of_month(t), add_months(t, 1)}; }

namespace {

// Reads exactly `width` digits at s[*pos]; advances *pos.
bool read_fixed(std::string_view s, size_t* pos, int width, int* out) {
  if (*pos + static_cast<size_t>(width) > s.size()) return false;
  int v = 0;
  for (int i = 0; i < width; ++i) {
    const char c = s[*pos + static_cast<size_t>(i)];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += static_cast<size_t>(width);
  *out = v;
  return true;
}

// Reads 1..max_width digits.
bool read_var(std::string_view s, size_t* pos, int max_width, int* out) {
  int v = 0;
  int n = 0;
  while (*pos < s.size() && n < max_width && s[*pos] >= '0' && s[*pos] <= '9') {
    v = v * 10 + (s[*pos] - '0');
    ++*pos;
    ++n;
  }
  if (n == 0) return false;
  *out = v;
  return true;
}

bool finish(CivilDate date, int hour, int minute, int second, int64_t offset_seconds,
            Timestamp* out) {
  if (!is_valid_date(date) || hour > 23 || minute > 59 || second > 60) return false;
  // A leap second (:60) folds into the next second, as POSIX time does.
  *out = {make_timestamp(date, hour, minute, 0).unix_seconds + second - offset_seconds};
  return true;
}

// After "YYYY-MM-DD": optional [T ]HH:MM[:SS[.fff]] and zone (Z, +HH:MM, +HHMM, -HH).
bool parse_iso_time_part(std::string_view s, size_t pos, CivilDate date, Timestamp* out) {
  if (pos == s.size()) return finish(date, 0, 0, 0, 0, out);
  if (s[pos] != 'T' && s[pos] != ' ' && s[pos] != 't') return false;
  ++pos;
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!read_fixed(s, &pos, 2, &hour)) return false;
  if (pos >= s.size() || s[pos] != ':') return false;
  ++pos;
  if (!read_fixed(s, &pos, 2, &minute)) return false;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!read_fixed(s, &pos, 2, &second)) return false;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      const size_t start = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start) return false;
    }
  }
  int64_t offset = 0;
  if (pos < s.size()) {
    const char z = s[pos];
    if (z == 'Z' || z == 'z') {
      ++pos;
    } else if (z == '+' || z == '-') {
      ++pos;
      int oh = 0;
      int om = 0;
      if (!read_fixed(s, &pos, 2, &oh)) return false;
      if (pos < s.size() && s[pos] == ':') ++pos;
      if (pos < s.size() && !read_fixed(s, &pos, 2, &om)) return false;
      if (oh > 23 || om > 59) return false;
      offset = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
    } else if (s.substr(pos) == " UTC" || s.substr(pos) == " +0000 UTC") {
      pos = s.size();
    } else {
      return false;
    }
  }
  if (pos != s.size()) return false;
  return finish(date, hour, minute, second, offset, out);
}

}  // namespace

bool parse_timestamp(std::string_view s, Timestamp* out) {
  // Fast path for the FOCUS shape "YYYY-MM-DDTHH:MM:SSZ", which nearly every cell has.
  if (s.size() == 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' &&
      s[16] == ':' && s[19] == 'Z') {
    int v[14];
    static constexpr int kDigitAt[14] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
    for (int k = 0; k < 14; ++k) {
      const char c = s[static_cast<size_t>(kDigitAt[k])];
      if (c < '0' || c > '9') return false;
      v[k] = c - '0';
    }
    const CivilDate date{v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], v[4] * 10 + v[5],
                         v[6] * 10 + v[7]};
    return finish(date, v[8] * 10 + v[9], v[10] * 10 + v[11], v[12] * 10 + v[13], 0, out);
  }
  if (s.size() < 6) return false;
  size_t pos = 0;
  CivilDate date;
  // YYYY-MM-DD...
  if (s.size() >= 10 && s[4] == '-' && s[7] == '-') {
    if (!read_fixed(s, &pos, 4, &date.year)) return false;
    ++pos;
    if (!read_fixed(s, &pos, 2, &date.month)) return false;
    ++pos;
    if (!read_fixed(s, &pos, 2, &date.day)) return false;
    return parse_iso_time_part(s, pos, date, out);
  }
  // YYYYMMDD
  if (s.size() == 8 && s.find_first_not_of("0123456789") == std::string_view::npos) {
    read_fixed(s, &pos, 4, &date.year);
    read_fixed(s, &pos, 2, &date.month);
    read_fixed(s, &pos, 2, &date.day);
    return finish(date, 0, 0, 0, 0, out);
  }
  // M/D/YYYY or D.M.YYYY, optionally followed by " HH:MM[:SS]" (Azure legacy exports).
  int a = 0;
  int b = 0;
  if (!read_var(s, &pos, 2, &a)) return false;
  if (pos >= s.size() || (s[pos] != '/' && s[pos] != '.')) return false;
  const char sep = s[pos++];
  if (!read_var(s, &pos, 2, &b)) return false;
  if (pos >= s.size() || s[pos] != sep) return false;
  ++pos;
  // Four-digit year, or two digits after '/' (M/D/YY as spreadsheets write US dates: 20YY).
  const size_t year_start = pos;
  if (!read_var(s, &pos, 4, &date.year)) return false;
  const size_t year_digits = pos - year_start;
  if (year_digits == 2 && sep == '/') {
    date.year += 2000;
  } else if (year_digits != 4) {
    return false;
  }
  if (sep == '/') {
    date.month = a;
    date.day = b;
  } else {
    date.day = a;
    date.month = b;
  }
  if (pos == s.size()) return finish(date, 0, 0, 0, 0, out);
  if (s[pos] != ' ') return false;
  ++pos;
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!read_var(s, &pos, 2, &hour)) return false;
  if (pos >= s.size() || s[pos] != ':') return false;
  ++pos;
  if (!read_fixed(s, &pos, 2, &minute)) return false;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!read_fixed(s, &pos, 2, &second)) return false;
  }
  // 12-hour clock suffix, as some US-locale exports write.
  if (pos < s.size()) {
    const std::string_view rest = s.substr(pos);
    if (rest == " AM" || rest == " am") {
      if (hour == 12) hour = 0;
    } else if (rest == " PM" || rest == " pm") {
      if (hour != 12) hour += 12;
    } else {
      return false;
    }
  }
  return finish(date, hour, minute, second, 0, out);
}

Result<Timestamp> timestamp_from_string(std::string_view text) {
  Timestamp t;
  if (!parse_timestamp(text, &t)) {
    return invalid_argument(fmt::format("expected a date/time, found '{}'", text));
  }
  return t;
}

std::string format_iso8601(Timestamp t) {
  const int64_t days = floor_div(t.unix_seconds, kSecondsPerDay);
  const int64_t secs = t.unix_seconds - days * kSecondsPerDay;
  const CivilDate d = civil_from_days(days);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z", d.year, d.month, d.day,
                     secs / 3600, (secs / 60) % 60, secs % 60);
}

std::string format_date(Timestamp t) {
  const CivilDate d = date_of(t);
  return fmt::format("{:04d}-{:02d}-{:02d}", d.year, d.month, d.day);
}

Timestamp pacific_month_start(int year, int month) {
  // US DST (since 2007) runs from the second Sunday of March to the first Sunday of November,
  // switching at 02:00 local; so local midnight on the 1st is PDT for April..November.
  const bool daylight = month >= 4 && month <= 11;
  const int offset_hours = daylight ? 7 : 8;
  return {make_timestamp({year, month, 1}).unix_seconds + offset_hours * 3600};
}

Result<Period> pacific_invoice_month(std::string_view yyyymm) {
  size_t pos = 0;
  int year = 0;
  int month = 0;
  if (yyyymm.size() != 6 || !read_fixed(yyyymm, &pos, 4, &year) ||
      !read_fixed(yyyymm, &pos, 2, &month) || month < 1 || month > 12) {
    return invalid_argument(fmt::format("expected an invoice month YYYYMM, found '{}'", yyyymm));
  }
  const int next_year = month == 12 ? year + 1 : year;
  const int next_month = month == 12 ? 1 : month + 1;
  return Period{pacific_month_start(year, month), pacific_month_start(next_year, next_month)};
}

}  // namespace optima::core
