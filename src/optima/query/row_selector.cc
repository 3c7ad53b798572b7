#include "optima/query/row_selector.h"

#include "optima/query/dimension_codes.h"

namespace optima::query {

RowSelector::RowSelector(std::optional<core::Period> time_range, std::vector<Filter> filters)
    : time_range_(time_range) {
  filters_.reserve(filters.size());
  for (Filter& f : filters) {
    filters_.push_back({std::move(f), {}});
    CompiledFilter& compiled = filters_.back();
    for (const std::string& v : compiled.filter.values)
      compiled.set.insert(v);
  }
}

void RowSelector::add_columns(store::ColumnSelection* columns) const {
  if (time_range_)
    columns->add(focus::Column::kChargePeriodStart);
  for (const CompiledFilter& f : filters_) {
    const Dimension& d = f.filter.dimension;
    switch (d.kind) {
      case Dimension::Kind::kColumn:
        columns->add(d.column);
        break;
      case Dimension::Kind::kTag:
        columns->add(focus::Column::kTags);
        break;
      case Dimension::Kind::kExtension:
        columns->extensions.push_back(d.name);
        break;
    }
  }
}

bool RowSelector::may_match(const store::RowGroupInfo& group) const {
  if (group.rows == 0)
    return false;
  if (!time_range_)
    return true;
  // min > max: the group has no non-null ChargePeriodStart, so no row is in any range.
  if (group.min_charge_start > group.max_charge_start)
    return false;
  return group.max_charge_start >= time_range_->start.unix_seconds &&
         group.min_charge_start < time_range_->end.unix_seconds;
}

bool RowSelector::matches(const CompiledFilter& f, const std::string* value) const {
  switch (f.filter.op) {
    case FilterOp::kIn:
      return value != nullptr && f.set.contains(*value);
    case FilterOp::kNotIn:
      return value == nullptr || !f.set.contains(*value);
    case FilterOp::kPrefix:
      if (value == nullptr)
        return false;
      for (const std::string& prefix : f.filter.values) {
        if (value->starts_with(prefix))
          return true;
      }
      return false;
    case FilterOp::kIsNull:
      return value == nullptr;
    case FilterOp::kNotNull:
      return value != nullptr;
  }
  return false;
}

void RowSelector::select(const focus::Table& table, Selection* out, Scratch* scratch) const {
  const auto n = static_cast<uint32_t>(table.num_rows());
  out->all = true;
  out->rows.clear();
  if (time_range_) {
    out->all = false;
    if (!table.present(focus::Column::kChargePeriodStart))
      return;
    const int64_t* t = table.times(focus::Column::kChargePeriodStart).seconds.data();
    const int64_t start = time_range_->start.unix_seconds;
    const int64_t end = time_range_->end.unix_seconds;
    out->rows.resize(n);
    uint32_t* rows = out->rows.data();
    size_t k = 0;
    // Branch-free: always write, advance only on a match (kNullTime fails t >= start).
    for (uint32_t r = 0; r < n; ++r) {
      rows[k] = r;
      k += static_cast<size_t>(t[r] >= start && t[r] < end);
    }
    out->rows.resize(k);
    if (k == n) {
      out->all = true;
      out->rows.clear();
    }
  }
  for (const CompiledFilter& f : filters_) {
    const DimensionCodes codes = read_dimension(table, f.filter.dimension, &scratch->codes);
    scratch->pass.assign(codes.cardinality, 0);
    uint8_t* pass = scratch->pass.data();
    bool every = true;
    bool none = true;
    for (uint32_t c = 0; c < codes.cardinality; ++c) {
      pass[c] = matches(f, c == 0 ? nullptr : &(*codes.dictionary)[c]) ? 1 : 0;
      every = every && pass[c] != 0;
      none = none && pass[c] == 0;
    }
    if (every)
      continue;
    if (none) {
      out->all = false;
      out->rows.clear();
      return;
    }
    const uint32_t* code = codes.codes;
    size_t k = 0;
    if (out->all) {
      out->rows.resize(n);
      uint32_t* rows = out->rows.data();
      for (uint32_t r = 0; r < n; ++r) {
        rows[k] = r;
        k += pass[code[r]];
      }
      out->all = false;
    } else {
      uint32_t* rows = out->rows.data();
      const size_t m = out->rows.size();
      for (size_t i = 0; i < m; ++i) {
        const uint32_t r = rows[i];
        rows[k] = r;
        k += pass[code[r]];
      }
    }
    out->rows.resize(k);
    if (k == 0)
      return;
  }
}

}  // namespace optima::query
