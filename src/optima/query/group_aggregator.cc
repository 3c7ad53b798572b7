#include "optima/query/group_aggregator.h"

#include <algorithm>
#include <limits>

namespace optima::query {

namespace {

// Row groups whose time span holds more buckets than this are bucketed row by row.
constexpr uint32_t kMaxDenseBuckets = 1u << 16;
// Dense combination arrays larger than this (and than a few per selected row) are not worth
// filling; such row groups take the per-row lookup path.
constexpr uint64_t kMinDenseSlots = 1u << 16;
constexpr uint64_t kMaxDenseSlots = 1u << 26;

constexpr uint64_t kKeySeed = 0x9e3779b97f4a7c15ULL;

// Adding into per-group accumulators row by row makes each add wait for the previous add's
// store whenever consecutive rows fall in the same group (a store-to-load forwarding chain of
// ~5 cycles), which is the common case when there are few groups. kBanks interleaved copies of
// the accumulators break the chain; they are folded once per row group. Used when the groups
// are few enough that the banks stay in cache and cost little to clear and fold.
constexpr size_t kBanks = 4;
constexpr size_t kMaxBankedGroups = 4096;

// *sum += value; returns true when the exact result does not fit T (then *sum has wrapped).
// Branch-free, so the overflow check costs two instructions in the summing loops.
template <typename T>
inline bool add_overflows(T* sum, T value) {
  return __builtin_add_overflow(*sum, value, sum);
}

// out[groups[k]] += value(k) for k < n, through kBanks interleaved partial sums in *bank.
// Returns true when any partial or final sum left the range of T.
template <typename T, typename Value>
bool banked_add(const uint32_t* groups, size_t n, size_t group_count, std::vector<T>* bank, T* out,
                Value value) {
  bank->assign(kBanks * group_count, T{0});
  T* b0 = bank->data();
  T* b1 = b0 + group_count;
  T* b2 = b1 + group_count;
  T* b3 = b2 + group_count;
  bool overflow = false;
  size_t k = 0;
  for (; k + kBanks <= n; k += kBanks) {
    overflow |= add_overflows(&b0[groups[k]], value(k));
    overflow |= add_overflows(&b1[groups[k + 1]], value(k + 1));
    overflow |= add_overflows(&b2[groups[k + 2]], value(k + 2));
    overflow |= add_overflows(&b3[groups[k + 3]], value(k + 3));
  }
  for (; k < n; ++k)
    overflow |= add_overflows(&b0[groups[k]], value(k));
  for (size_t g = 0; g < group_count; ++g) {
    overflow |= add_overflows(&out[g], b0[g]);
    overflow |= add_overflows(&out[g], b1[g]);
    overflow |= add_overflows(&out[g], b2[g]);
    overflow |= add_overflows(&out[g], b3[g]);
  }
  return overflow;
}

// *sum += value wrapping modulo 2^128; returns the carry: +1 when the exact sum is 2^128 above
// the wrapped one, -1 when below, 0 when no wrap happened.
inline int64_t add_counting_carry(core::Int128* sum, core::Int128 value) {
  if (!add_overflows(sum, value))
    return 0;
  return value < 0 ? -1 : 1;
}

// The rare path after a row group's adds into `sums` wrapped somewhere (in a partial bank or the
// fold): takes them back (modular adds, so subtracting the same values restores every sum bit for
// bit) and redoes them row by row, counting each group's carries. Since wrapping addition is
// associative, a group whose carries net to zero has its exact sum, whatever the order of its rows.
template <typename Value>
void redo_counting_carries(const uint32_t* groups, size_t n, core::Int128* sums, int64_t* carries,
                           Value value) {
  for (size_t k = 0; k < n; ++k) {
    core::Int128* sum = &sums[groups[k]];
    (void)__builtin_sub_overflow(*sum, value(k), sum);
  }
  for (size_t k = 0; k < n; ++k)
    carries[groups[k]] += add_counting_carry(&sums[groups[k]], value(k));
}

inline uint64_t mix(uint64_t a, uint64_t b) {
  const core::UInt128 r = static_cast<core::UInt128>(a ^ kKeySeed) * (b ^ 0xd6e8feb86659fd93ULL);
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

uint64_t hash_key(const uint64_t* key, size_t width) {
  uint64_t h = width;
  for (size_t i = 0; i < width; ++i)
    h = mix(h, key[i]);
  return h;
}

}  // namespace

GroupAggregator::GroupAggregator(const Query& query)
    : dimensions_(query.group_by),
      metrics_(query.metrics),
      granularity_(query.granularity),
      bucketed_(query.granularity != Granularity::kNone),
      width_((bucketed_ ? 1 : 0) + query.group_by.size()),
      interners_(query.group_by.size()),
      sums_(query.metrics.size()),
      null_counts_(query.metrics.size()),
      carries_(query.metrics.size()) {
  table_.assign(64, 0);
  mask_ = table_.size() - 1;
}

void GroupAggregator::add_columns(const Query& query, store::ColumnSelection* columns) {
  for (const Metric& m : query.metrics) {
    if (m.kind == Metric::Kind::kColumn)
      columns->add(m.column);
  }
  for (const Dimension& d : query.group_by) {
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
  if (query.granularity != Granularity::kNone)
    columns->add(focus::Column::kChargePeriodStart);
}

void GroupAggregator::translate_dimension(const Selection& selection, size_t selected, size_t d,
                                          Scratch* s) {
  const DimensionCodes& dim = s->dimensions[d];
  s->used_codes.clear();
  s->used_values.clear();
  if (selection.all) {
    // Every row is selected: intern the whole dictionary (an unused entry only costs a lookup).
    for (uint32_t c = 1; c < dim.cardinality; ++c) {
      s->used_codes.push_back(c);
      s->used_values.emplace_back((*dim.dictionary)[c]);
    }
  } else {
    // Only the codes the selected rows use: a filter may leave few of a large dictionary.
    s->used.assign(dim.cardinality, 0);
    uint8_t* used = s->used.data();
    for (size_t k = 0; k < selected; ++k)
      used[dim.codes[selection.rows[k]]] = 1;
    for (uint32_t c = 1; c < dim.cardinality; ++c) {
      if (used[c] == 0)
        continue;
      s->used_codes.push_back(c);
      s->used_values.emplace_back((*dim.dictionary)[c]);
    }
  }
  s->used_ids.resize(s->used_codes.size());
  interners_[d].intern_batch(s->used_values.data(), s->used_values.size(), s->used_ids.data());
  std::vector<uint32_t>& translation = s->translations[d];
  translation.assign(dim.cardinality, kUnset);
  translation[0] = 0;
  for (size_t i = 0; i < s->used_codes.size(); ++i)
    translation[s->used_codes[i]] = s->used_ids[i];
}

uint32_t GroupAggregator::add_group(const uint64_t* key, uint64_t hash) {
  const auto group = static_cast<uint32_t>(counts_.size());
  if (width_ > 0)
    keys_.insert(keys_.end(), key, key + width_);
  hashes_.push_back(hash);
  counts_.push_back(0);
  for (size_t m = 0; m < metrics_.size(); ++m) {
    sums_[m].push_back(0);
    null_counts_[m].push_back(0);
    carries_[m].push_back(0);
  }
  return group;
}

void GroupAggregator::grow_table() {
  table_.assign(table_.size() * 2, 0);
  mask_ = table_.size() - 1;
  for (uint32_t g = 0; g < hashes_.size(); ++g) {
    uint64_t i = hashes_[g] & mask_;
    while (table_[i] != 0)
      i = (i + 1) & mask_;
    table_[i] = g + 1;
  }
}

uint32_t GroupAggregator::find_or_add(const uint64_t* key) {
  if (width_ == 0)
    return counts_.empty() ? add_group(nullptr, 0) : 0;
  if (!bucketed_ && width_ == 1) {
    // One dimension: its ids are dense, so index groups by id directly.
    const uint64_t id = key[0];
    if (id >= direct_.size())
      direct_.resize(id + 1, kUnset);
    if (direct_[id] == kUnset)
      direct_[id] = add_group(key, 0);
    return direct_[id];
  }
  const uint64_t h = hash_key(key, width_);
  for (uint64_t i = h & mask_;; i = (i + 1) & mask_) {
    const uint32_t entry = table_[i];
    if (entry == 0) {
      const uint32_t g = add_group(key, h);
      table_[i] = g + 1;
      if (hashes_.size() * 2 > table_.size())
        grow_table();
      return g;
    }
    const uint32_t g = entry - 1;
    if (hashes_[g] == h && std::equal(key, key + width_, keys_.begin() + g * width_))
      return g;
  }
}

uint32_t GroupAggregator::resolve_slot(Scratch* s, uint32_t slot,
                                       const std::vector<uint32_t>& cardinalities) {
  uint64_t key[kMaxGroupBy + 1];
  size_t pos = 0;
  size_t c = 0;
  if (bucketed_) {
    key[pos++] = static_cast<uint64_t>(s->buckets.start(slot % cardinalities[c]));
    slot /= cardinalities[c++];
  }
  for (size_t d = 0; d < dimensions_.size(); ++d) {
    key[pos++] = s->translations[d][slot % cardinalities[c]];
    slot /= cardinalities[c++];
  }
  return find_or_add(key);
}

void GroupAggregator::add(const focus::Table& table, const Selection& selection, Scratch* s) {
  const size_t n = table.num_rows();
  const size_t selected = selection.size(n);
  if (selected == 0)
    return;
  const uint32_t* rows = selection.all ? nullptr : selection.rows.data();
  auto row_at = [rows](size_t k) {
    return rows == nullptr ? static_cast<uint32_t>(k) : rows[k];
  };

  const size_t dims = dimensions_.size();
  s->code_storage.resize(dims);
  s->dimensions.resize(dims);
  s->translations.resize(dims);
  std::vector<uint32_t> cardinalities;
  for (size_t d = 0; d < dims; ++d) {
    s->dimensions[d] = read_dimension(table, dimensions_[d], &s->code_storage[d]);
    translate_dimension(selection, selected, d, s);
  }

  // Buckets: dense local indexes over the span of this row group's times.
  const int64_t* times = nullptr;
  bool dense_buckets = true;
  if (bucketed_) {
    if (table.present(focus::Column::kChargePeriodStart)) {
      times = table.times(focus::Column::kChargePeriodStart).seconds.data();
    }
    int64_t lo = std::numeric_limits<int64_t>::max();
    int64_t hi = std::numeric_limits<int64_t>::min();
    if (times != nullptr) {
      for (size_t k = 0; k < selected; ++k) {
        const int64_t t = times[row_at(k)];
        if (t == focus::kNullTime)
          continue;
        lo = std::min(lo, t);
        hi = std::max(hi, t);
      }
    }
    if (lo > hi) {
      s->buckets.reset_all_null();
    } else {
      dense_buckets = s->buckets.reset(granularity_, lo, hi, kMaxDenseBuckets);
    }
    cardinalities.push_back(dense_buckets ? s->buckets.cardinality() : 0);
  }
  for (size_t d = 0; d < dims; ++d)
    cardinalities.push_back(s->dimensions[d].cardinality);

  // Size of the dense combination space, if it is worth a direct array.
  uint64_t slots = 1;
  bool dense = dense_buckets;
  const uint64_t dense_limit = std::clamp<uint64_t>(4 * selected, kMinDenseSlots, kMaxDenseSlots);
  for (uint32_t c : cardinalities) {
    if (!dense)
      break;
    slots *= c;
    dense = slots <= dense_limit;
  }

  s->group_of_row.resize(selected);
  uint32_t* groups = s->group_of_row.data();
  if (dense) {
    s->slot_of_row.resize(selected);
    uint32_t* slot = s->slot_of_row.data();
    uint64_t stride = 1;
    size_t c = 0;
    if (bucketed_) {
      if (times == nullptr) {
        std::fill(slot, slot + selected, 0);
      } else {
        s->buckets.index_batch(times, rows, selected, slot);
      }
      stride = cardinalities[c++];
    } else {
      std::fill(slot, slot + selected, 0);
    }
    for (size_t d = 0; d < dims; ++d) {
      const uint32_t* code = s->dimensions[d].codes;
      const auto st = static_cast<uint32_t>(stride);
      if (rows == nullptr) {
        for (size_t k = 0; k < selected; ++k)
          slot[k] += code[k] * st;
      } else {
        for (size_t k = 0; k < selected; ++k)
          slot[k] += code[rows[k]] * st;
      }
      stride *= cardinalities[c++];
    }
    s->group_of_slot.assign(slots, kUnset);
    uint32_t* group_of_slot = s->group_of_slot.data();
    for (size_t k = 0; k < selected; ++k) {
      uint32_t g = group_of_slot[slot[k]];
      if (g == kUnset)
        g = group_of_slot[slot[k]] = resolve_slot(s, slot[k], cardinalities);
      groups[k] = g;
    }
  } else {
    uint64_t key[kMaxGroupBy + 1];
    for (size_t k = 0; k < selected; ++k) {
      const uint32_t r = row_at(k);
      size_t pos = 0;
      if (bucketed_) {
        const int64_t t = times == nullptr ? focus::kNullTime : times[r];
        key[pos++] =
            static_cast<uint64_t>(t == focus::kNullTime ? t : bucket_start(t, granularity_));
      }
      for (size_t d = 0; d < dims; ++d)
        key[pos++] = s->translations[d][s->dimensions[d].codes[r]];
      groups[k] = find_or_add(key);
    }
  }
  accumulate(table, selection, groups);
}

void GroupAggregator::accumulate(const focus::Table& table, const Selection& selection,
                                 const uint32_t* groups) {
  const size_t selected = selection.size(table.num_rows());
  const uint32_t* rows = selection.all ? nullptr : selection.rows.data();
  const size_t group_count = counts_.size();
  const bool banked = group_count <= kMaxBankedGroups && group_count * kBanks <= selected;
  int64_t* counts = counts_.data();
  if (banked) {
    (void)banked_add(groups, selected, group_count, &count_banks_, counts,
               [](size_t) { return int64_t{1}; });
  } else {
    for (size_t k = 0; k < selected; ++k)
      ++counts[groups[k]];
  }
  for (size_t m = 0; m < metrics_.size(); ++m) {
    if (metrics_[m].kind != Metric::Kind::kColumn)
      continue;
    int64_t* nulls = null_counts_[m].data();
    if (!table.present(metrics_[m].column)) {
      for (size_t k = 0; k < selected; ++k)
        ++nulls[groups[k]];
      continue;
    }
    const focus::DecimalColumn& column = table.decimals(metrics_[m].column);
    const core::Decimal* values = column.values.data();
    core::Int128* sums = sums_[m].data();
    // Null cells hold 0, so they can be added unconditionally; only their count is tracked.
    bool overflow = false;
    if (banked && rows == nullptr) {
      overflow = banked_add(groups, selected, group_count, &sum_banks_, sums,
                            [values](size_t k) { return values[k].units(); });
    } else if (banked) {
      overflow = banked_add(groups, selected, group_count, &sum_banks_, sums,
                            [values, rows](size_t k) { return values[rows[k]].units(); });
    } else if (rows == nullptr) {
      for (size_t k = 0; k < selected; ++k)
        overflow |= add_overflows(&sums[groups[k]], values[k].units());
    } else {
      for (size_t k = 0; k < selected; ++k)
        overflow |= add_overflows(&sums[groups[k]], values[rows[k]].units());
    }
    if (overflow && rows == nullptr) {
      redo_counting_carries(groups, selected, sums, carries_[m].data(),
                            [values](size_t k) { return values[k].units(); });
    } else if (overflow) {
      redo_counting_carries(groups, selected, sums, carries_[m].data(),
                            [values, rows](size_t k) { return values[rows[k]].units(); });
    }
    if (!column.nulls.empty()) {
      const uint8_t* is_null = column.nulls.data();
      for (size_t k = 0; k < selected; ++k) {
        nulls[groups[k]] += is_null[rows == nullptr ? k : rows[k]];
      }
    }
  }
}

void GroupAggregator::ensure_single_group() {
  if (width_ == 0 && counts_.empty())
    add_group(nullptr, 0);
}

void GroupAggregator::merge(const GroupAggregator& other) {
  std::vector<std::vector<uint32_t>> id_map(dimensions_.size());
  for (size_t d = 0; d < dimensions_.size(); ++d) {
    const StringInterner& from = other.interners_[d];
    id_map[d].resize(from.size());
    id_map[d][0] = 0;
    for (uint32_t id = 1; id < from.size(); ++id)
      id_map[d][id] = interners_[d].intern(from.value(id));
  }
  uint64_t key[kMaxGroupBy + 1];
  for (size_t g = 0; g < other.group_count(); ++g) {
    size_t pos = 0;
    if (bucketed_)
      key[pos++] = other.keys_[g * width_];
    for (size_t d = 0; d < dimensions_.size(); ++d) {
      key[pos++] = id_map[d][other.dimension_id(g, d)];
    }
    const uint32_t into = find_or_add(key);
    counts_[into] += other.counts_[g];
    for (size_t m = 0; m < metrics_.size(); ++m) {
      carries_[m][into] += other.carries_[m][g] +
                           add_counting_carry(&sums_[m][into], other.sums_[m][g]);
      null_counts_[m][into] += other.null_counts_[m][g];
    }
  }
}

}  // namespace optima::query
