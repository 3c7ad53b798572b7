#include "optima/demo/usage_model.h"

#include <algorithm>
#include <array>

#include "optima/demo/random.h"

namespace optima::demo {
namespace {

// Relative activity by UTC hour (permille of the meter's diurnal swing): quiet at night in the
// Americas, busiest in the US afternoon.
constexpr std::array<int, 24> kDiurnal = {-700, -800, -850, -900, -900, -850, -700, -500,
                                          -300, -100, 100,  300,  500,  700,  850,  950,
                                          1000, 950,  850,  700,  500,  200,  -100, -400};

// Organisation-wide organic growth: +0.06% per day.
constexpr int64_t kGrowthPpmPerDay = 600;

int64_t days_between(Timestamp from, Timestamp to) {
  return (to.unix_seconds - from.unix_seconds) / core::kSecondsPerDay;
}

int hour_of_day(Timestamp t) {
  return static_cast<int>((t.unix_seconds % core::kSecondsPerDay) / 3600);
}

// 0 = Sunday (1970-01-01 was a Thursday).
int day_of_week(Timestamp t) {
  return static_cast<int>((t.unix_seconds / core::kSecondsPerDay + 4) % 7);
}

bool is_machine(ResourceKind kind) {
  return kind == ResourceKind::kVm || kind == ResourceKind::kScaleSet ||
         kind == ResourceKind::kDatabase;
}

bool is_compute_meter(MeterKind kind) {
  return kind == MeterKind::kCompute || kind == MeterKind::kComputeRam ||
         kind == MeterKind::kDatabase;
}

// value × permille / 1000 with a 128-bit intermediate.
int64_t apply_permille(int64_t value, int64_t permille) {
  return static_cast<int64_t>(static_cast<Int128>(value) * permille / 1000);
}

int64_t apply_ppm(int64_t value, int64_t ppm) {
  return static_cast<int64_t>(static_cast<Int128>(value) * ppm / 1000000);
}

int64_t anomaly_factor_ppm(const Estate& estate, const Meter& meter, Timestamp hour) {
  if (meter.anomaly == kNoIndex) return 1000000;
  const Anomaly& a = estate.anomalies[meter.anomaly];
  if (hour < a.start || hour >= a.end) return 1000000;
  switch (a.kind) {
    case AnomalyKind::kSpike:
    case AnomalyKind::kLevelShift:
      return int64_t{a.multiplier_permille} * 1000;
    case AnomalyKind::kDrift:
      return 1000000 + int64_t{a.drift_ppm_per_day} * days_between(a.start, hour);
  }
  return 1000000;
}

}  // namespace

bool resource_running(const Resource& resource, Timestamp hour) {
  if (hour < resource.created || hour >= resource.deleted) return false;
  if (!is_machine(resource.kind)) return true;
  if (resource.stopped) return false;
  if (resource.schedule == Schedule::kBusinessHours) {
    const int dow = day_of_week(hour);
    const int h = hour_of_day(hour);
    // Office hours in the US: Monday to Friday, 13:00-01:00 UTC.
    const bool weekday = dow >= 1 && dow <= 5;
    return weekday && h >= 13;
  }
  return true;
}

int64_t hourly_quantity(const Estate& estate, const Meter& meter, Timestamp hour,
                        int64_t hours_in_month) {
  if (hour < meter.active_from || hour >= meter.active_to) return 0;
  const Resource* resource = estate.resource_of(meter);
  const Sku& sku = estate.sku_of(meter);
  if (resource != nullptr) {
    if (hour < resource->created || hour >= resource->deleted) return 0;
    if (is_compute_meter(sku.kind) && !resource_running(*resource, hour)) return 0;
  }
  int64_t q = meter.base;
  switch (meter.shape) {
    case Shape::kConstant:
      break;
    case Shape::kStorage: {
      const int64_t days = days_between(estate.start, hour);
      q = apply_ppm(q, 1000000 + int64_t{meter.growth_ppm_per_day} * days);
      q /= hours_in_month;
      break;
    }
    case Shape::kVariable: {
      const int64_t days = days_between(estate.start, hour);
      int64_t permille = 1000 + meter.diurnal_permille * kDiurnal[static_cast<size_t>(hour_of_day(hour))] / 1000;
      const int dow = day_of_week(hour);
      if (dow == 0 || dow == 6) permille = permille * (1000 - meter.weekend_permille) / 1000;
      const uint64_t h = hash_keys(estate.seed, 0x5eedULL, meter.index,
                                   static_cast<uint64_t>(hour.unix_seconds));
      const int64_t noise = static_cast<int64_t>(h % 2001) - 1000;  // [-1000, 1000]
      permille = permille * (1000000 + noise * meter.noise_permille) / 1000000;
      q = apply_permille(q, std::max<int64_t>(permille, 0));
      q = apply_ppm(q, 1000000 + (kGrowthPpmPerDay + meter.growth_ppm_per_day) * days);
      break;
    }
  }
  const int64_t factor = anomaly_factor_ppm(estate, meter, hour);
  if (factor != 1000000) q = apply_ppm(q, factor);
  return q;
}

int64_t running_hours(const Estate& estate, const Meter& meter, Timestamp from, Timestamp to) {
  const Resource* resource = estate.resource_of(meter);
  Timestamp lo = std::max(from, meter.active_from);
  Timestamp hi = std::min(to, meter.active_to);
  if (resource != nullptr) {
    lo = std::max(lo, resource->created);
    hi = std::min(hi, resource->deleted);
  }
  if (hi <= lo) return 0;
  const int64_t hours = (hi.unix_seconds - lo.unix_seconds) / 3600;
  const Sku& sku = estate.sku_of(meter);
  if (resource != nullptr && is_compute_meter(sku.kind) && is_machine(resource->kind)) {
    if (resource->stopped) return 0;
    // Office hours: 11 of 24 hours on 5 of 7 days.
    if (resource->schedule == Schedule::kBusinessHours) return hours * 11 * 5 / (24 * 7);
  }
  return hours;
}

double mean_hourly_quantity(const Estate& estate, const Meter& meter) {
  const int64_t window_hours = (estate.end.unix_seconds - estate.start.unix_seconds) / 3600;
  const int64_t hours = running_hours(estate, meter, estate.start, estate.end);
  if (window_hours <= 0 || hours <= 0) return 0.0;
  double q = static_cast<double>(meter.base);
  if (meter.shape == Shape::kStorage) q /= 730.0;
  const double midpoint_days = static_cast<double>(window_hours) / 48.0;
  const double growth = meter.shape == Shape::kVariable
                            ? static_cast<double>(kGrowthPpmPerDay + meter.growth_ppm_per_day)
                            : static_cast<double>(meter.growth_ppm_per_day);
  q *= 1.0 + growth * midpoint_days / 1e6;
  if (meter.shape == Shape::kVariable) q *= 1.0 - meter.weekend_permille * 2.0 / 7000.0;
  return q * static_cast<double>(hours) / static_cast<double>(window_hours);
}

}  // namespace optima::demo
