#include "optima/demo/estate_builder.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "optima/demo/build_context.h"
#include "optima/demo/cloud_recipes.h"
#include "optima/demo/usage_model.h"

namespace optima::demo {
namespace {

constexpr Cloud kClouds[] = {Cloud::kAws, Cloud::kAzure, Cloud::kGcp, Cloud::kOci};

std::vector<Team> make_teams() {
  return {
      {"platform", "CC-1000", "Platform Engineering", {"shared-k8s", "network-hub", "ci-runners"}},
      {"web", "CC-1100", "Digital", {"storefront", "checkout", "search"}},
      {"mobile", "CC-1200", "Digital", {"mobile-api", "push-gateway"}},
      {"data", "CC-1300", "Data and AI", {"data-lake", "etl-pipeline", "warehouse"}},
      {"ml", "CC-1400", "Data and AI", {"recommender", "fraud-model"}},
      {"payments", "CC-1500", "Finance Systems", {"payments-api", "ledger"}},
      {"security", "CC-1600", "Security", {"siem", "scanner"}},
      {"analytics", "CC-1700", "Data and AI", {"bi-dashboards", "reporting"}},
  };
}

uint32_t add_fleet(BuildContext& ctx, Cloud cloud, uint32_t k) {
  switch (cloud) {
    case Cloud::kAws: return add_aws_fleet_unit(ctx, k);
    case Cloud::kAzure: return add_azure_fleet_unit(ctx, k);
    case Cloud::kGcp: return add_gcp_fleet_unit(ctx, k);
    case Cloud::kOci: return add_oci_fleet_unit(ctx, k);
  }
  return kNoIndex;
}

double core_rows(const Estate& estate, RowFormat format) {
  double rows = 0.0;
  for (const Cloud c : kClouds) rows += estimate_cloud_rows(estate, c, format);
  return rows;
}

// Fleet sizing: fleet units (a machine and its disk) are added to the clouds in fixed
// proportions (fleet_share()) until the estimated rows of the whole estate reach the target.
// Splitting machines rather than rows keeps the estate's shape the same at any size; the rows
// each cloud ends up with depend on its export's granularity (Azure is always daily).
void size_fleet(BuildContext& ctx, const EstateOptions& options) {
  Estate& e = ctx.estate();
  e.fleet_count.assign(kCloudCount, 0);
  double rows = 0.0;
  for (const Cloud cloud : kClouds) rows += estimate_cloud_rows(e, cloud, options.format);
  const double target = static_cast<double>(options.rows);
  while (rows < target) {
    // The cloud furthest below its share of the units added so far.
    Cloud next = Cloud::kAws;
    double lowest = 0.0;
    for (const Cloud cloud : kClouds) {
      const double weight = (e.fleet_count[static_cast<size_t>(cloud)] + 1) / fleet_share(cloud);
      if (cloud == Cloud::kAws || weight < lowest) {
        lowest = weight;
        next = cloud;
      }
    }
    const size_t first_meter = e.meters.size();
    add_fleet(ctx, next, e.fleet_count[static_cast<size_t>(next)]++);
    for (size_t i = first_meter; i < e.meters.size(); ++i) {
      rows += estimate_meter_rows(e, e.meters[i], options.format);
    }
  }
}

// Billed cost of a meter over one day [day, day + 24h), in Decimal units.
Int128 day_cost(const Estate& e, const Meter& m, Timestamp day) {
  Int128 cost = 0;
  const Sku& sku = e.sku_of(m);
  for (int h = 0; h < 24; ++h) {
    const Timestamp hour{day.unix_seconds + int64_t{h} * 3600};
    const core::CivilDate d = core::date_of(hour);
    const int64_t month_hours = int64_t{core::days_in_month(d.year, d.month)} * 24;
    cost += cost_of(sku.rate, hourly_quantity(e, m, hour, month_hours));
  }
  return cost;
}

// Expected extra cost per day each anomaly causes: on its first day for spikes and level
// shifts, 30 days after the start for drifts. Meters the anomaly created count in full; meters
// it modified count by their difference to the unmodified meter.
void compute_anomaly_deltas(Estate& e) {
  for (Anomaly& a : e.anomalies) {
    if (a.expected_daily_delta != 0) continue;
    Timestamp day = a.start;
    if (a.kind == AnomalyKind::kDrift) {
      day.unix_seconds += 30 * core::kSecondsPerDay;
      const Timestamp last{e.end.unix_seconds - core::kSecondsPerDay};
      if (day > last) day = last;
    }
    Int128 delta = 0;
    for (const uint32_t r : a.resources) {
      for (const uint32_t mi : e.resources[r].meters) {
        if (e.meters[mi].anomaly == kNoIndex) delta += day_cost(e, e.meters[mi], day);
      }
    }
    for (const uint32_t mi : a.meters) {
      Meter plain = e.meters[mi];
      plain.anomaly = kNoIndex;
      delta += day_cost(e, e.meters[mi], day) - day_cost(e, plain, day);
    }
    a.expected_daily_delta = delta;
  }
}

double estimated_cost(const Estate& e, const Meter& m) {
  const double hours =
      static_cast<double>(e.end.unix_seconds - e.start.unix_seconds) / 3600.0;
  return core::Decimal::from_units(e.sku_of(m).rate).to_double() * mean_hourly_quantity(e, m) /
         static_cast<double>(kQuantityOne) * hours;
}

bool has_team(const Resource& r) {
  return std::any_of(r.tags.begin(), r.tags.end(),
                     [](const auto& kv) { return kv.first == "team"; });
}

// Tag gaps: strip or garble tags on randomly chosen resources until about kTargetTaggedShare
// of each cloud's cost carries a `team` tag; then drop cost-center from some tagged ones.
void calibrate_tags(BuildContext& ctx) {
  Estate& e = ctx.estate();
  std::vector<double> resource_cost(e.resources.size(), 0.0);
  for (const Cloud cloud : kClouds) {
    double total = 0.0;
    double tagged = 0.0;
    for (const Meter& m : e.meters) {
      if (e.sku_of(m).cloud != cloud) continue;
      const double c = estimated_cost(e, m);
      total += c;
      if (m.resource != kNoIndex) {
        resource_cost[m.resource] += c;
        if (has_team(e.resources[m.resource])) tagged += c;
      }
    }
    // Commitment fees, tax and discounts are untagged; allow ~4% for them.
    const double goal = (kTargetTaggedShare + 0.04) * total;
    Rng rng = ctx.rng("tags/strip", static_cast<uint64_t>(cloud));
    std::vector<uint32_t> order;
    for (const Resource& r : e.resources) {
      const bool protected_resource = r.cluster >= 0 || r.anomaly != kNoIndex ||
                                      r.kind == ResourceKind::kClusterControlPlane ||
                                      r.attached_to != kNoIndex;
      if (r.cloud == cloud && !protected_resource && has_team(r)) order.push_back(r.index);
    }
    for (size_t i = order.size(); i > 1; --i) {
      std::swap(order[i - 1], order[static_cast<size_t>(rng.range(0, static_cast<int64_t>(i) - 1))]);
    }
    for (const uint32_t idx : order) {
      if (tagged <= goal) break;
      // Strip the resource and whatever is attached to it (disks, addresses inherit tags).
      double cost = resource_cost[idx];
      std::vector<uint32_t> group{idx};
      for (const Resource& r : e.resources) {
        if (r.attached_to == idx) {
          group.push_back(r.index);
          cost += resource_cost[r.index];
        }
      }
      if (tagged - cost < goal - 0.02 * total) continue;  // too big: would overshoot
      const int64_t variant = rng.range(0, 9);
      for (const uint32_t g : group) {
        Tags& tags = e.resources[g].tags;
        Tags kept;
        for (auto& [k, v] : tags) {
          if (k == "Name" || k.starts_with("eks:") || k.starts_with("aks-")) {
            kept.emplace_back(k, v);
          } else if (variant >= 6 && k == "env") {
            kept.emplace_back(k, v);  // partially tagged: env only
          } else if (variant >= 8 && k == "team") {
            kept.emplace_back("Team", v);  // wrong-case key: not the `team` tag
          }
        }
        tags = std::move(kept);
      }
      tagged -= cost;
    }
    // Some tagged resources lack a cost-center.
    Rng gaps = ctx.rng("tags/cost-center", static_cast<uint64_t>(cloud));
    for (Resource& r : e.resources) {
      if (r.cloud != cloud || r.attached_to != kNoIndex || !gaps.chance(0.12)) continue;
      std::erase_if(r.tags, [](const auto& kv) { return kv.first == "cost-center"; });
    }
  }
  // Attached resources follow their owner's final tags.
  for (Resource& r : e.resources) {
    if (r.attached_to != kNoIndex && (r.kind == ResourceKind::kDisk || r.kind == ResourceKind::kPublicIp)) {
      Tags tags = e.resources[r.attached_to].tags;
      std::erase_if(tags, [](const auto& kv) { return kv.first == "Name" || kv.first.starts_with("eks:"); });
      for (const auto& kv : r.tags) {
        if (kv.first == "Name") tags.insert(tags.begin(), kv);
      }
      r.tags = std::move(tags);
    }
  }
}

const MachineType* neighbour_size(const MachineType& m, int direction) {
  const MachineType* best = nullptr;
  for (const MachineType& c : machine_types(m.cloud)) {
    if (c.family != m.family || c.database != m.database) continue;
    const bool ok = direction < 0 ? c.vcpu < m.vcpu || (c.vcpu == m.vcpu && c.memory_gib < m.memory_gib)
                                  : c.vcpu > m.vcpu;
    if (!ok) continue;
    if (best == nullptr || (direction < 0 ? c.vcpu > best->vcpu : c.vcpu < best->vcpu)) best = &c;
  }
  return best;
}

// Planted utilization: idle, oversized, right-sized and busy machines, with the finding a
// rightsizing analysis should reach.
void assign_profiles(BuildContext& ctx) {
  Estate& e = ctx.estate();
  for (Resource& r : e.resources) {
    if (r.kind != ResourceKind::kVm && r.kind != ResourceKind::kDatabase &&
        r.kind != ResourceKind::kScaleSet) {
      continue;
    }
    if (r.stopped) continue;
    Rng rng = ctx.rng("profile", r.index);
    const double u = rng.uniform();
    const Account& a = e.accounts[r.account];
    const bool dev = a.env == Env::kDev;
    if (r.cluster >= 0 || r.kind == ResourceKind::kScaleSet) {
      r.profile = Profile::kRightSized;
    } else if (u < (dev ? 0.30 : 0.08)) {
      r.profile = Profile::kIdle;
    } else if (u < (dev ? 0.50 : 0.33)) {
      r.profile = Profile::kOversized;
    } else if (u < 0.90) {
      r.profile = Profile::kRightSized;
    } else {
      r.profile = Profile::kBusy;
    }
    if (r.anomaly != kNoIndex) r.profile = Profile::kBusy;
    switch (r.profile) {
      case Profile::kIdle:
        r.recommendation = r.kind == ResourceKind::kDatabase ? "stop or delete idle database"
                                                             : "stop or terminate idle instance";
        break;
      case Profile::kOversized: {
        const MachineType* smaller = r.machine ? neighbour_size(*r.machine, -1) : nullptr;
        r.recommendation = smaller ? fmt::format("downsize to {}", smaller->name) : "downsize";
        break;
      }
      case Profile::kBusy: {
        const MachineType* bigger = r.machine ? neighbour_size(*r.machine, +1) : nullptr;
        r.recommendation = bigger ? fmt::format("upsize to {}", bigger->name) : "upsize";
        break;
      }
      default:
        r.recommendation.clear();
        break;
    }
  }
}

}  // namespace

std::vector<uint32_t> cloud_accounts(const Estate& estate, Cloud cloud) {
  std::vector<uint32_t> out;
  for (const Account& a : estate.accounts) {
    if (a.cloud == cloud) out.push_back(a.index);
  }
  return out;
}

core::Result<Estate> build_estate(const EstateOptions& options) {
  if (options.months < 2 || options.months > 120) {
    return core::invalid_argument(fmt::format("months must be between 2 and 120, got {}", options.months));
  }
  Estate e;
  e.seed = options.seed;
  e.organisation = "Northwind Analytics";
  e.end = core::start_of_day(options.end);
  const Timestamp last_day{e.end.unix_seconds - core::kSecondsPerDay};
  e.start = core::add_months(core::start_of_month(last_day), -(options.months - 1));
  for (int i = 0; i < options.months; ++i) {
    const Timestamp s = core::add_months(e.start, i);
    const Timestamp next = core::add_months(e.start, i + 1);
    e.periods.push_back({s, next < e.end ? next : e.end});
  }
  e.teams = make_teams();
  BuildContext ctx(e);
  add_aws_core(ctx);
  add_azure_core(ctx);
  add_gcp_core(ctx);
  add_oci_core(ctx);

  if (options.granularity) {
    e.granularity = *options.granularity;
  } else {
    e.granularity = Granularity::kHourly;
    if (core_rows(e, options.format) > 0.9 * static_cast<double>(options.rows)) {
      e.granularity = Granularity::kDaily;
    }
  }
  const double minimum = core_rows(e, options.format);
  if (static_cast<double>(options.rows) < 0.9 * minimum) {
    return core::invalid_argument(fmt::format(
        "--rows {} is below the smallest {} estate ({} rows for {} months); ask for at least {}",
        options.rows, e.granularity == Granularity::kHourly ? "hourly" : "daily",
        static_cast<uint64_t>(minimum), options.months,
        static_cast<uint64_t>(std::ceil(minimum / 1000.0)) * 1000));
  }
  size_fleet(ctx, options);
  add_aws_commitments(ctx);
  add_azure_commitments(ctx);
  add_gcp_commitments(ctx);
  compute_anomaly_deltas(e);
  calibrate_tags(ctx);
  assign_profiles(ctx);
  return e;
}

}  // namespace optima::demo
