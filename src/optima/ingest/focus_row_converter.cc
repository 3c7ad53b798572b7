#include "optima/ingest/focus_row_converter.h"

#include <array>

#include <fmt/format.h>

#include "optima/core/decimal.h"
#include "optima/core/strings.h"
#include "optima/ingest/focus_enum_values.h"

namespace optima::ingest {
namespace {

// Numbers as spreadsheets format them: surrounding spaces, a currency symbol ($, €, £),
// thousands separators and accounting negatives "(12.50)". Separators must group by three and
// are accepted only with a currency symbol or a decimal point, since "1,000" means 1.0 where the
// comma is the decimal mark. Returns false for anything else.
bool parse_formatted_decimal(std::string_view text, core::Decimal* out) {
  std::string_view s = core::trim(text);
  bool negative = false;
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
    negative = true;
    s = core::trim(s.substr(1, s.size() - 2));
  } else if (!s.empty() && s.front() == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  bool currency = false;
  for (const std::string_view symbol :
       {std::string_view("$"), std::string_view("\xE2\x82\xAC"), std::string_view("\xC2\xA3")}) {
    if (s.substr(0, symbol.size()) == symbol) {
      s.remove_prefix(symbol.size());
      currency = true;
      break;
    }
  }
  std::array<char, 64> buffer{};
  size_t n = 0;
  if (negative) buffer[n++] = '-';
  size_t i = 0;
  int run = 0;
  int groups = 0;
  for (; i < s.size() && s[i] != '.'; ++i) {
    const char c = s[i];
    if (c == ',') {
      if (run == 0 || (groups == 0 && run > 3) || (groups > 0 && run != 3)) return false;
      ++groups;
      run = 0;
      continue;
    }
    if (c < '0' || c > '9' || n == buffer.size()) return false;
    buffer[n++] = c;
    ++run;
  }
  if (groups > 0 && run != 3) return false;
  const bool point = i < s.size();  // the loop stopped at '.'
  if (point) {
    if (n == buffer.size()) return false;
    buffer[n++] = '.';
    for (++i; i < s.size(); ++i) {
      const char c = s[i];
      if (c < '0' || c > '9' || n == buffer.size()) return false;
      buffer[n++] = c;
    }
  }
  if (groups > 0 && !currency && !point) return false;
  return core::Decimal::parse(std::string_view(buffer.data(), n), out);
}

// Google's FOCUS view writes BillingPeriodEnd as the last day of the invoice month; FOCUS wants
// the exclusive end. Recognised when the start is a month start (UTC midnight on the 1st, or
// US Pacific midnight: Google's invoice months) and the end falls on the last day of that
// month. Returns the end unchanged otherwise.
int64_t exclusive_period_end(int64_t start, int64_t end) {
  const core::CivilDate s = core::date_of(core::Timestamp{start});
  const bool utc_month_start = s.day == 1 && start == core::make_timestamp(s).unix_seconds;
  const bool pacific_month_start = !utc_month_start && s.year >= 2007 &&
                                   start == core::pacific_month_start(s.year, s.month).unix_seconds;
  if (!utc_month_start && !pacific_month_start) return end;
  const core::CivilDate e = core::date_of(core::Timestamp{end});
  if (e.year != s.year || e.month != s.month || e.day != core::days_in_month(e.year, e.month)) {
    return end;
  }
  const int next_year = s.month == 12 ? s.year + 1 : s.year;
  const int next_month = s.month == 12 ? 1 : s.month + 1;
  return utc_month_start ? core::make_timestamp({next_year, next_month, 1}).unix_seconds
                         : core::pacific_month_start(next_year, next_month).unix_seconds;
}

void record(LenientReadings::Kind* kind, std::string_view column, std::string_view cell,
            std::string read_as) {
  if (kind->count++ == 0) {
    kind->column = std::string(column);
    kind->example = std::string(cell);
    kind->read_as = std::move(read_as);
  }
}

}  // namespace

void LenientReadings::merge(const LenientReadings& other) {
  for (auto [mine, theirs] : {std::pair{&formatted_numbers, &other.formatted_numbers},
                              std::pair{&inclusive_period_ends, &other.inclusive_period_ends}}) {
    if (mine->count == 0) {
      *mine = *theirs;
    } else {
      mine->count += theirs->count;
    }
  }
}

void LenientReadings::append_warnings(std::vector<std::string>* warnings) const {
  if (formatted_numbers.count > 0) {
    warnings->push_back(fmt::format(
        "{} numbers written with a currency symbol, thousands separators or spaces were read as "
        "plain numbers (e.g. column {}: {} as {}); FOCUS NumericFormat allows none of these",
        formatted_numbers.count, formatted_numbers.column,
        core::quote_for_message(formatted_numbers.example), formatted_numbers.read_as));
  }
  if (inclusive_period_ends.count > 0) {
    warnings->push_back(fmt::format(
        "{} BillingPeriodEnd values were the inclusive last day of the month and were read as "
        "the exclusive end FOCUS defines (e.g. {} as {})",
        inclusive_period_ends.count, core::quote_for_message(inclusive_period_ends.example),
        inclusive_period_ends.read_as));
  }
}

FocusRowConverter::FocusRowConverter(const FocusColumnMap& map, const ReadOptions& options,
                                     focus::TableBuilder* builder)
    : map_(map),
      builder_(builder),
      null_literals_(options.null_literals),
      time_caches_(map.columns().size()),
      enum_caches_(map.columns().size()) {
  for (const std::string& literal : null_literals_) {
    if (literal.size() < 64) null_lengths_ |= uint64_t{1} << literal.size();
  }
  for (const SourceColumn& col : map_.columns()) {
    if (col.kind != CellKind::kIgnore && col.kind != CellKind::kExtension)
      builder_->declare(col.column);
  }
  for (const std::string& name : map_.extensions()) {
    extension_index_.push_back(builder_->declare_extension(name));
  }
}

bool FocusRowConverter::is_null(std::string_view cell) const {
  if (cell.empty()) return true;
  if (cell.size() >= 64 || (null_lengths_ & (uint64_t{1} << cell.size())) == 0) return false;
  for (const std::string& literal : null_literals_) {
    if (core::iequals(cell, literal)) return true;
  }
  return false;
}

bool FocusRowConverter::reject(const SourceColumn& col, std::string expected,
                               std::string_view found, RowIssue* issue) {
  issue->column = col.name;
  issue->expected = std::move(expected);
  issue->found = std::string(found);
  return false;
}

bool FocusRowConverter::convert(const std::vector<std::string_view>& fields, RowIssue* issue) {
  const std::vector<SourceColumn>& cols = map_.columns();
  if (fields.size() != cols.size()) {
    issue->expected.clear();
    issue->column = fields.size() < cols.size() ? cols[fields.size()].name : std::string();
    issue->found =
        fmt::format("the row has {} fields but the header has {}", fields.size(), cols.size());
    return false;
  }
  period_start_ = focus::kNullTime;
  period_end_ = focus::kNullTime;
  for (size_t i = 0; i < cols.size(); ++i) {
    const SourceColumn& col = cols[i];
    const std::string_view cell = fields[i];
    if (col.kind == CellKind::kIgnore || is_null(cell)) continue;
    bool ok = true;
    switch (col.kind) {
      case CellKind::kString:
        builder_->set_string(col.column, cell);
        break;
      case CellKind::kEnum:
        ok = read_enum(i, col, cell, issue);
        break;
      case CellKind::kDecimal:
        ok = read_decimal(col, cell, issue);
        break;
      case CellKind::kTime:
        ok = read_time(i, col, cell, issue);
        break;
      case CellKind::kTags:
        ok = read_tags(col, cell, issue);
        break;
      case CellKind::kExtension:
      case CellKind::kIgnore:
        break;
    }
    if (!ok) {
      builder_->discard_row();
      return false;
    }
    if (col.extension >= 0) {
      builder_->set_extension_at(extension_index_[static_cast<size_t>(col.extension)], cell);
    }
  }
  finish_billing_period();
  builder_->finish_row();
  return true;
}

bool FocusRowConverter::read_decimal(const SourceColumn& col, std::string_view cell,
                                     RowIssue* issue) {
  core::Decimal value;
  if (!core::Decimal::parse(cell, &value)) {
    if (!parse_formatted_decimal(cell, &value)) {
      return reject(col, "a decimal number", cell, issue);
    }
    record(&lenient_.formatted_numbers, col.name, cell, value.to_string());
  }
  builder_->set_decimal(col.column, value);
  return true;
}

bool FocusRowConverter::read_time(size_t index, const SourceColumn& col, std::string_view cell,
                                  RowIssue* issue) {
  // Consecutive rows repeat billing periods and charge hours: skip re-parsing the same text.
  TimeCache& cache = time_caches_[index];
  if (!cache.valid || cache.text != cell) {
    core::Timestamp t;
    if (!core::parse_timestamp(cell, &t)) {
      return reject(col, "a date/time (ISO 8601 UTC, e.g. 2024-01-31T00:00:00Z)", cell, issue);
    }
    cache.text.assign(cell);
    cache.seconds = t.unix_seconds;
    cache.valid = true;
  }
  if (col.column == focus::Column::kBillingPeriodStart) {
    period_start_ = cache.seconds;
  } else if (col.column == focus::Column::kBillingPeriodEnd) {
    period_end_ = cache.seconds;
    period_end_text_ = cell;
  } else {
    builder_->set_time(col.column, core::Timestamp{cache.seconds});
  }
  return true;
}

bool FocusRowConverter::read_enum(size_t index, const SourceColumn& col, std::string_view cell,
                                  RowIssue* issue) {
  EnumCache& cache = enum_caches_[index];
  if (!cache.valid || cache.text != cell) {
    const auto canonical = canonical_value(col.column, cell);
    cache.text.assign(cell);
    cache.valid = true;
    cache.known = canonical.has_value();
    cache.canonical = canonical.value_or(std::string_view());
  }
  if (cache.known) {
    builder_->set_string(col.column, cache.canonical);
    return true;
  }
  // FOCUS 1.2 ChargeCategory drives amortization and every cost view: a row without a valid one
  // cannot be placed. Other unknown values stay verbatim for the conformance checker.
  if (col.column == focus::Column::kChargeCategory) {
    return reject(col, fmt::format("one of {}", allowed_values_text(col.column)), cell, issue);
  }
  builder_->set_string(col.column, cell);
  return true;
}

bool FocusRowConverter::read_tags(const SourceColumn& col, std::string_view cell, RowIssue* issue) {
  if (!tags_.parse(cell, &tags_error_)) {
    return reject(col, fmt::format("a flat JSON object of tags ({})", tags_error_), cell, issue);
  }
  for (const TagPair& pair : tags_.pairs()) builder_->add_tag(pair.key, pair.value);
  return true;
}

void FocusRowConverter::finish_billing_period() {
  if (period_start_ != focus::kNullTime && period_end_ != focus::kNullTime) {
    const int64_t exclusive = exclusive_period_end(period_start_, period_end_);
    if (exclusive != period_end_) {
      record(&lenient_.inclusive_period_ends, "BillingPeriodEnd", period_end_text_,
             core::format_iso8601(core::Timestamp{exclusive}));
      period_end_ = exclusive;
    }
  }
  if (period_start_ != focus::kNullTime) {
    builder_->set_time(focus::Column::kBillingPeriodStart, core::Timestamp{period_start_});
  }
  if (period_end_ != focus::kNullTime) {
    builder_->set_time(focus::Column::kBillingPeriodEnd, core::Timestamp{period_end_});
  }
}

}  // namespace optima::ingest
